"""What a photo of a home must be, and the copy of it that is kept.

A photo is shown to anyone once its home is advertised, so it must really be an image: Pillow
reads and checks it, whatever its name or the type the browser claimed. Only JPEG, PNG and WebP
are kept. The kept copy is written out again by Pillow, turned the right way up and no bigger
than `LONGEST_SIDE` pixels: that drops what the camera recorded with it (where and when it was
taken, the phone it was taken on) and anything hidden after the picture. Pure: no ORM, no
storage.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
# More pixels than a 50-megapixel camera takes is a file built to exhaust memory when decoded.
MAX_PIXELS = 50_000_000
LONGEST_SIDE = 2048
ALT_TEXT_MAX = 200


@dataclass(frozen=True)
class PhotoFormat:
    extension: str
    content_type: str


FORMATS: dict[str, PhotoFormat] = {
    "JPEG": PhotoFormat("jpg", "image/jpeg"),
    "PNG": PhotoFormat("png", "image/png"),
    "WEBP": PhotoFormat("webp", "image/webp"),
}
CONTENT_TYPES = {f.extension: f.content_type for f in FORMATS.values()}
# For the file input's `accept` attribute: a hint to the browser, never relied on.
ACCEPT_ATTRIBUTE = ".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"

EMPTY = "The selected photo is empty"
TOO_BIG = "The photo must be smaller than 10 MB"
NOT_AN_IMAGE = "The photo must be a JPG, PNG or WebP image"
TOO_MANY_PIXELS = "The photo must be smaller than 50 megapixels"


@dataclass(frozen=True)
class CheckedPhoto:
    """The copy to keep: its bytes, its format and its size in pixels."""

    content: bytes
    format: PhotoFormat
    width: int
    height: int


def _refused(message: str) -> ValidationError:
    return ValidationError({"image": message})


def photo_problem(stream: BinaryIO, *, size: int, max_bytes: int = MAX_BYTES) -> str:
    """What is wrong with the photo in `stream` that shows without decoding it (its size, its
    type, its structure), or "": a quick check for the form, before `photo_checked`."""
    try:
        _identified(stream, size=size, max_bytes=max_bytes)
    except ValidationError as refused:
        return str(refused.message_dict["image"][0])
    return ""


def _identified(stream: BinaryIO, *, size: int, max_bytes: int) -> PhotoFormat:
    if size <= 0:
        raise _refused(EMPTY)
    if size > max_bytes:
        raise _refused(TOO_BIG)
    try:
        with warnings.catch_warnings():
            # Pillow only warns about a very large image; here it is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            stream.seek(0)
            with Image.open(stream) as probe:
                found = FORMATS.get(probe.format or "")
                pixels = probe.width * probe.height
                if found is not None and pixels <= MAX_PIXELS:
                    probe.verify()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _refused(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _refused(NOT_AN_IMAGE) from None
    finally:
        stream.seek(0)
    if found is None:
        raise _refused(NOT_AN_IMAGE)
    if pixels > MAX_PIXELS:
        raise _refused(TOO_MANY_PIXELS)
    return found


def photo_checked(stream: BinaryIO, *, size: int, max_bytes: int = MAX_BYTES) -> CheckedPhoto:
    """The photo in `stream` checked and written out again, or a ValidationError on "image"
    saying what is wrong with it."""
    found = _identified(stream, size=size, max_bytes=max_bytes)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # The image `_identified` verified cannot be decoded: open it again to decode it.
            stream.seek(0)
            with Image.open(stream) as original:
                original.load()
                if getattr(original, "_ended", False):
                    # A JPEG cut short. WeasyPrint (the letters) turns on Pillow's
                    # LOAD_TRUNCATED_IMAGES for the whole process, and then Pillow decodes the
                    # rest as grey instead of failing, marking the image `_ended`.
                    raise _refused(NOT_AN_IMAGE)
                image = ImageOps.exif_transpose(original)
                return _written_out(image, found, original.info.get("icc_profile"))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _refused(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        # Not an image, or an image Pillow cannot decode (cut short, damaged, disguised).
        raise _refused(NOT_AN_IMAGE) from None


def _written_out(image: Image.Image, found: PhotoFormat, icc_profile: bytes | None) -> CheckedPhoto:
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    options: dict[str, object] = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if found.extension == "jpg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options.update(quality=85, optimize=True)
        pillow_format = "JPEG"
    elif found.extension == "webp":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        options.update(quality=85)
        pillow_format = "WEBP"
    else:
        pillow_format = "PNG"
        options.update(optimize=True)
    out = io.BytesIO()
    image.save(out, format=pillow_format, **options)
    return CheckedPhoto(
        content=out.getvalue(), format=found, width=image.width, height=image.height
    )


def alt_text_problem(alt_text: str) -> str:
    """What is wrong with the text a screen reader says instead of the photo, or ""."""
    text = alt_text.strip()
    if not text:
        return "Enter what the photo shows, for people who cannot see it"
    if len(text) > ALT_TEXT_MAX:
        return f"What the photo shows must be {ALT_TEXT_MAX} characters or fewer"
    return ""
