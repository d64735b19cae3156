"""Policy versions as engine documents, read once.

Reading a stored document validates it and compiles its expressions: worth doing once per
version, not once per household. Published versions never change; a draft is keyed by when it
was last saved, so an edit is picked up at once.
"""

from __future__ import annotations

import datetime as dt

from hearth.policy.models import PolicyVersion
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.document_read import document_read

_DOCUMENTS: dict[tuple[str, dt.datetime | None], PolicyDocument] = {}


def document_of(version: PolicyVersion) -> PolicyDocument:
    key = (str(version.pk), version.updated_at)
    document = _DOCUMENTS.get(key)
    if document is None:
        if len(_DOCUMENTS) >= 128:
            _DOCUMENTS.clear()
        document = _DOCUMENTS[key] = document_read(version.document)
    return document
