"""What an uploaded file is, judged from real (tiny) sample bytes built here."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError

from hearth.register.rules import file_types

MB = 1024 * 1024


def png_1x1() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # filter byte + one red pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def iso_media(major: bytes, *compatible: bytes) -> bytes:
    brands = b"".join(compatible)
    box = b"ftyp" + major + b"\x00\x00\x00\x00" + brands
    return struct.pack(">I", len(box) + 4) + box + b"\x00\x00\x00\x08free"


def zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = png_1x1()
HEIC = iso_media(b"heic", b"mif1", b"heic")
HEIF = iso_media(b"mif1", b"mif1")
DOCX = zip_of("[Content_Types].xml", "_rels/.rels", "word/document.xml")
DOCM = zip_of("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")
PLAIN_ZIP = zip_of("notes.txt")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
HTML = b"<!DOCTYPE html><html><script>alert('hello')</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
MP4 = iso_media(b"isom", b"isom", b"mp41")

WRONG = "The selected file must be a PDF, JPG, PNG, HEIC or Word document"


def check(name: str, content: bytes, max_bytes: int = 10 * MB) -> file_types.FileType:
    return file_types.evidence_file_check(
        name=name, size=len(content), stream=io.BytesIO(content), max_bytes=max_bytes
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("passport.pdf", PDF, "application/pdf"),
        ("SCAN.PDF", PDF, "application/pdf"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        ("letter.png", PNG, "image/png"),
        ("IMG_0001.HEIC", HEIC, "image/heic"),
        ("IMG_0002.heif", HEIF, "image/heif"),
        ("payslip.docx", DOCX, file_types.DOCX.content_type),
        # No extension: nothing claimed, so the content decides.
        ("image", JPEG, "image/jpeg"),
    ],
)
def test_accepted_types_are_found_from_their_content(
    name: str, content: bytes, content_type: str
) -> None:
    # Given a real file of an accepted type; when it is checked; then its type is found
    assert check(name, content).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # Disguised: a program, a web page and a picture with script, renamed.
        ("passport.pdf", EXE, WRONG),
        ("passport.pdf", HTML, WRONG),
        ("photo.png", SVG, WRONG),
        ("letter.docx", PLAIN_ZIP, WRONG),
        ("letter.docx", DOCM, WRONG),
        # Not accepted at all, whatever the name.
        ("animation.gif", GIF, WRONG),
        ("video.mp4", MP4, WRONG),
        ("setup.exe", EXE, WRONG),
        # An accepted type whose name claims another accepted type.
        (
            "passport.pdf",
            PNG,
            "The selected file is not really a PDF. Choose the original file: "
            "a PDF, JPG, PNG, HEIC or Word document",
        ),
        (
            "photo.jpg",
            HEIC,
            "The selected file is not really a JPG. Choose the original file: "
            "a PDF, JPG, PNG, HEIC or Word document",
        ),
        # An accepted type with a name of a type we never accept.
        ("passport.exe", PDF, WRONG),
        ("page.html", PDF, WRONG),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(
    name: str, content: bytes, message: str
) -> None:
    # Given a file that is not an accepted type, or not what its name says
    # When it is checked
    with pytest.raises(ValidationError) as refused:
        check(name, content)
    # Then the person is told, in the GOV.UK style
    assert refused.value.messages == [message]


def test_a_file_over_the_limit_is_refused_with_the_limit_in_words() -> None:
    # Given a limit of 10MB and a PDF one byte over it (only the size is looked at)
    with pytest.raises(ValidationError) as refused:
        file_types.evidence_file_check(
            name="big.pdf", size=10 * MB + 1, stream=io.BytesIO(PDF), max_bytes=10 * MB
        )
    # Then
    assert refused.value.messages == ["The selected file must be smaller than 10MB"]
    assert refused.value.code == "too_big"


def test_checking_leaves_the_file_ready_to_read_from_the_start() -> None:
    stream = io.BytesIO(DOCX)
    file_types.evidence_file_check(name="a.docx", size=len(DOCX), stream=stream, max_bytes=MB)
    assert stream.tell() == 0


@pytest.mark.parametrize(
    ("uploaded", "shown"),
    [
        ("passport.pdf", "passport.pdf"),
        ("C:\\Users\\sam\\Desktop\\payslip.pdf", "payslip.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # a right-to-left override hides ".exe"
        ("line\nbreak.pdf", "linebreak.pdf"),
        ('quote"<b>.pdf', "quote__b_.pdf"),
        ("...", "document"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_uploaded_names_are_made_safe_to_show(uploaded: str, shown: str) -> None:
    assert file_types.display_name(uploaded) == shown


@pytest.mark.parametrize(
    ("size", "text"), [(10 * MB, "10MB"), (5 * MB // 2, "2.5MB"), (512 * 1024, "512KB")]
)
def test_sizes_are_written_as_people_write_them(size: int, text: str) -> None:
    assert file_types.size_text(size) == text
