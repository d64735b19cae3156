"""Sending a stored evidence file: always as a download, never shown in the browser.

The file's type is the one found from its content when it arrived, and the browser is told not
to guess another; the name offered is the cleaned-up uploaded name.
"""

from __future__ import annotations

from django.http import FileResponse, Http404

from hearth.core.access.actor import Actor
from hearth.core.audit import record_viewed
from hearth.register.models import EvidenceDocument


def document_response(*, actor: Actor, document: EvidenceDocument) -> FileResponse:
    """The file of a document the caller has already found through a selector for `actor`."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    record_viewed(actor=actor, target=document, organisation=document.application.household.council)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
