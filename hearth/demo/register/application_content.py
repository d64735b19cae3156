"""What the demo applications' records say: documents asked for, messages, and the small
generated files (a one-page PDF, a tiny PNG) stored as the demo's uploaded evidence."""

from __future__ import annotations

import struct
import zlib

from hearth.register.models import EvidenceKind
from hearth.register.rules import lifecycle

EVIDENCE_ASKED: tuple[tuple[str, str], ...] = (
    (EvidenceKind.IDENTITY, "Your passport, driving licence or birth certificate"),
    (EvidenceKind.ADDRESS, "A council tax bill or tenancy agreement for your current home"),
    (EvidenceKind.INCOME, "Your last 3 months of bank statements or benefit letters"),
    (EvidenceKind.MEDICAL, "A letter from your GP about how your home affects your health"),
)

COUNCIL_MESSAGES: dict[str, tuple[str, str]] = {
    lifecycle.SUBMITTED: (
        "We have received your application",
        "Thank you for applying. An officer will check your application and may ask for "
        "documents. We aim to decide within 4 weeks.",
    ),
    lifecycle.PENDING_DOCUMENTS: (
        "We need some documents from you",
        "To decide your application we need the documents listed in your tasks. Please send "
        "them by the date shown.",
    ),
    lifecycle.ACTIVE: (
        "You are on the housing register",
        "We have accepted your application. Your decision letter gives your band or points, "
        "priority date and the number of bedrooms you need. You can now bid for homes.",
    ),
    lifecycle.SUSPENDED: (
        "Your application is suspended",
        "We have suspended your application for now because of rent arrears at your current "
        "home. Contact us to agree a repayment plan and we will review the suspension.",
    ),
    lifecycle.UNDER_OFFER: (
        "You have been offered a home",
        "A landlord has offered you a home you bid for. They will contact you to arrange a "
        "viewing. Your other bids are paused until you decide.",
    ),
    lifecycle.HOUSED: (
        "Your housing application is closed",
        "You have signed the tenancy for your new home, so we have closed your application. "
        "We wish you well in your new home.",
    ),
    lifecycle.CANCELLED: (
        "We have cancelled your housing application",
        "Your application has been cancelled. If this was a mistake, contact us within 6 "
        "months and we can reinstate it with its original dates.",
    ),
    lifecycle.NOT_QUALIFYING: (
        "Our decision on your application",
        "We have decided that you do not qualify to join the housing register. Your decision "
        "letter explains why and how to ask for a review within 21 days.",
    ),
    lifecycle.UNDER_REVIEW: (
        "We have your review request",
        "A senior officer who was not involved in the decision will review it and write to "
        "you within 8 weeks.",
    ),
}
REPLIES = (
    "Thank you, that is helpful.",
    "I have sent the documents today. Please let me know if you need anything else.",
    "Could you call me about this? I am free most mornings.",
    "Thanks. My phone number has changed, I will update it.",
)


def demo_pdf(title: str) -> bytes:
    """A tiny valid one-page PDF with a line of text."""
    text = title.replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_png(shade: int) -> bytes:
    """A tiny valid 8 x 8 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    grey = 120 + shade % 120
    raw = b"".join(b"\x00" + bytes([grey]) * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
