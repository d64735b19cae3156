"""Photos: really an image, of an accepted type and size, kept without what the camera added."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from hearth.lettings.rules.photos import alt_text_problem, photo_checked
from hearth.lettings.tests.homes_setup import image_bytes


def checked(content: bytes, **kwargs: object):
    return photo_checked(io.BytesIO(content), size=len(content), **kwargs)  # type: ignore[arg-type]


def refusal(content: bytes, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as refused:
        checked(content, **kwargs)
    return refused.value.message_dict["image"][0]


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
@pytest.mark.parametrize("pillow_loads_truncated", [False, True])
def test_png_jpeg_and_webp_are_kept(
    fmt: str, extension: str, pillow_loads_truncated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", pillow_loads_truncated)
    photo = checked(image_bytes(fmt))
    assert photo.format.extension == extension
    assert (photo.width, photo.height) == (40, 30)
    assert Image.open(io.BytesIO(photo.content)).format == fmt


def test_a_web_page_named_like_a_photo_is_refused_naming_the_field() -> None:
    assert refusal(b"<html><script>alert(1)</script></html>") == (
        "The photo must be a JPG, PNG or WebP image"
    )


def test_a_gif_is_refused() -> None:
    assert refusal(image_bytes("GIF")) == "The photo must be a JPG, PNG or WebP image"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
@pytest.mark.parametrize("pillow_loads_truncated", [False, True])
def test_a_cut_short_image_is_refused(
    fmt: str, pillow_loads_truncated: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whether or not something in the process (WeasyPrint does) told Pillow to load truncated
    # images
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", pillow_loads_truncated)
    whole = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 120, 40)).effect_spread(5).save(whole, format=fmt)
    cut = whole.getvalue()[: len(whole.getvalue()) // 2]
    assert refusal(cut) == "The photo must be a JPG, PNG or WebP image"


def test_empty_and_too_big_files_are_refused() -> None:
    assert refusal(b"") == "The selected photo is empty"
    assert refusal(image_bytes(), max_bytes=10) == "The photo must be smaller than 10 MB"


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded() -> None:
    # A small file that claims 10,000 x 10,000 pixels (PNG compresses a blank image well).
    huge = image_bytes("PNG", size=(10_000, 10_000), mode="1")
    assert refusal(huge) == "The photo must be smaller than 50 megapixels"


def test_a_big_photo_is_made_smaller_and_loses_its_camera_data() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0112] = 6  # Orientation: the camera was turned: the picture is on its side
    original = image_bytes("JPEG", size=(3000, 2000), exif=exif)
    photo = checked(original)
    # Turned the right way up (portrait), no longer than 2048 pixels, and no EXIF left
    assert (photo.width, photo.height) == (1365, 2048)
    assert not Image.open(io.BytesIO(photo.content)).getexif()


def test_words_for_the_photo_are_required_and_limited() -> None:
    assert alt_text_problem("  ").startswith("Enter what the photo shows")
    assert "200 characters" in alt_text_problem("x" * 201)
    assert alt_text_problem("Kitchen with a window over the sink") == ""
