"""Reads for assisted digital: what an officer needs to act on an applicant's behalf.

The application itself comes from `selectors.apply.application_for_assisted` (the officer's own
council, or 404); this finds the records inside it.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404

from hearth.register.models import Application, EvidenceRequest


def evidence_request_of_application(
    *, application: Application, pk: uuid.UUID | str
) -> EvidenceRequest:
    """A document asked for on `application` (already scoped to the officer), or 404."""
    try:
        found = application.evidence_requests.select_related("person").filter(pk=pk).first()
    except (ValidationError, ValueError) as missing:
        raise Http404 from missing
    if found is None:
        raise Http404
    return found
