"""What an uploaded file really is, found from its first bytes, never from its name.

Applicants send photos from phones (JPEG, HEIC), scans (PDF, PNG) and letters they typed
(Word). Anything else is refused, and so is a file whose name claims one type while its content
is another (a web page or program renamed ".pdf"). Pure: no ORM, no storage.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Enough of the start of a file to recognise every type below.
HEAD_BYTES = 64


@dataclass(frozen=True)
class FileType:
    content_type: str
    label: str  # as applicants know it
    extensions: frozenset[str]


PDF = FileType("application/pdf", "PDF", frozenset({"pdf"}))
JPEG = FileType("image/jpeg", "JPG", frozenset({"jpg", "jpeg", "jpe", "jfif"}))
PNG = FileType("image/png", "PNG", frozenset({"png"}))
HEIC = FileType("image/heic", "HEIC", frozenset({"heic", "heif"}))
HEIF = FileType("image/heif", "HEIC", frozenset({"heic", "heif"}))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
    frozenset({"docx"}),
)

ACCEPTED: tuple[FileType, ...] = (PDF, JPEG, PNG, HEIC, HEIF, DOCX)
ACCEPTED_EXTENSIONS = frozenset(ext for kind in ACCEPTED for ext in kind.extensions)
# For the file input's `accept` attribute: a hint to the browser, never relied on.
ACCEPT_ATTRIBUTE = ",".join(sorted(f".{ext}" for ext in ACCEPTED_EXTENSIONS))

# Brands in an ISO media "ftyp" box that mean a still HEIF image (phones use heic / mif1).
HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"})
HEIF_BRANDS = frozenset({b"mif1", b"msf1", b"hevm", b"hevs"})

WRONG_TYPE = _("The selected file must be a PDF, JPG, PNG, HEIC or Word document")
EMPTY = _("The selected file is empty")
MISMATCH = _(
    "The selected file is not really a %(claimed)s. Choose the original file: "
    "a PDF, JPG, PNG, HEIC or Word document"
)
TOO_BIG = _("The selected file must be smaller than %(limit)s")
UNREADABLE = _("The selected file could not be read. Try saving it again, or choose another file")


def _heif_type(head: bytes) -> FileType | None:
    """An ISO media file whose `ftyp` box names a HEIF still-image brand."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    box_size = int.from_bytes(head[0:4], "big")
    major = head[8:12]
    # Compatible brands follow the 4-byte minor version, up to the end of the box.
    end = min(box_size, len(head)) if box_size >= 16 else len(head)
    brands = {major} | {head[i : i + 4] for i in range(16, end - 3, 4)}
    if brands & HEIC_BRANDS:
        return HEIC
    if brands & HEIF_BRANDS:
        return HEIF
    return None


def _is_word_document(stream: BinaryIO) -> bool:
    """A zip holding the Office content-types part and a word/ folder, without macros.

    Only the zip's directory is read; nothing is extracted.
    """
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    finally:
        stream.seek(0)
    return (
        "[Content_Types].xml" in names
        and "word/document.xml" in names
        and "word/vbaProject.bin" not in names
    )


def type_from_content(stream: BinaryIO) -> FileType | None:
    """The accepted type `stream` holds, judged by its content, or None."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return PNG
    if head.startswith(b"PK\x03\x04") and _is_word_document(stream):
        return DOCX
    return _heif_type(head)


def extension_of(name: str) -> str:
    """The lower-case extension of a file name, without the dot ("" if none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base.strip("."):
        return ""
    return base.rsplit(".", 1)[-1].strip().lower()


def size_text(size: int) -> str:
    """A size as people write it: 10MB, 512KB."""
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)}MB"
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}MB"
    return f"{max(1, size // 1024)}KB"


def evidence_file_check(*, name: str, size: int, stream: BinaryIO, max_bytes: int) -> FileType:
    """The type of an uploaded file, or a ValidationError (code says which) to show the person.

    A file with no extension is judged by its content alone: there is no claim to contradict.
    """
    if size <= 0:
        raise ValidationError(EMPTY, code="empty")
    if size > max_bytes:
        raise ValidationError(TOO_BIG, code="too_big", params={"limit": size_text(max_bytes)})
    try:
        found = type_from_content(stream)
    except OSError as problem:
        raise ValidationError(UNREADABLE, code="unreadable") from problem
    claimed = extension_of(name)
    if found is None:
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    if claimed and claimed not in found.extensions:
        if claimed not in ACCEPTED_EXTENSIONS:
            raise ValidationError(WRONG_TYPE, code="wrong_type")
        label = next(kind.label for kind in ACCEPTED if claimed in kind.extensions)
        raise ValidationError(MISMATCH, code="mismatch", params={"claimed": label})
    return found


# Characters that could disguise a name on screen: controls and bidirectional overrides.
_HIDDEN = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
NAME_MAX = 120


def display_name(name: str) -> str:
    """The uploaded name made safe to show and to offer as a download name.

    Keeps only the last path part, drops invisible and direction-changing characters, and
    shortens long names while keeping the extension.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _HIDDEN.sub("", unicodedata.normalize("NFC", base))
    base = re.sub(r"[\"<>:|?*;]", "_", base).strip(" .") or "document"
    if len(base) > NAME_MAX:
        stem, dot, ext = base.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            base = f"{stem[: NAME_MAX - len(ext) - 1]}.{ext}"
        else:
            base = base[:NAME_MAX]
    return base
