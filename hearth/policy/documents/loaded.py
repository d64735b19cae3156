"""Policy versions as engine documents, read once: the one way from a `PolicyVersion` to its
`PolicyDocument` (`document_of`, or `document_of_or_none` for pages that must render anyway).

Reading a stored document validates it and compiles its expressions: worth doing once per
version, not once per household. Published versions never change; a draft is keyed by when it
was last saved, so an edit is picked up at once.
"""

from __future__ import annotations

import datetime as dt

from hearth.policy.models import PolicyVersion
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.document_read import document_read
from hearth.policy.rules.document_reader import PolicyDocumentError

_DOCUMENTS: dict[tuple[str, dt.datetime | None], PolicyDocument] = {}


def document_of(version: PolicyVersion) -> PolicyDocument:
    """The engine's document for a stored version (stored documents were validated on save)."""
    key = (str(version.pk), version.updated_at)
    document = _DOCUMENTS.get(key)
    if document is None:
        if len(_DOCUMENTS) >= 128:
            _DOCUMENTS.clear()
        document = _DOCUMENTS[key] = document_read(version.document)
    return document


def document_of_or_none(version: PolicyVersion) -> PolicyDocument | None:
    """The version's document, or None if it no longer reads (the engine's checks grew since it
    was saved): for pages that must still show the version."""
    try:
        return document_of(version)
    except PolicyDocumentError:
        return None
