"""Access rules for the register's evidence pages, merged into tests/test_access_matrix.py.

The records the URLs name come from tests/access_register_world.py (shared by every register
area, built once per matrix world).

Who gets what:
- the applicant's documents pages (list, uploads, their own files): the applicant only; the
  records named are the world applicant's own;
- asking for, cancelling and checking documents: officers who assess applications, of the
  application's council; downloading a file: anyone who can view that council's register.
  Other councils' staff get 404, never the file.
"""

from __future__ import annotations

from typing import Any

from hearth.core.access.roles import Capability
from tests.access_register_world import RegisterRecords, register_records
from tests.access_rules import Principal, Rule, applicant, capability

RULES: dict[str, Rule] = {
    "register:documents": applicant,
    "register:document_upload_any": applicant,
    "register:document_upload": applicant,
    "register:document_file_own": applicant,
    "register:evidence_request_new": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
    "register:evidence_request_cancel": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
    "register:document_check": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
    "register:document_file": capability(Capability.VIEW_REGISTER, scoped=True),
}


def objects(world: Any) -> RegisterRecords:
    return register_records(world)


def url_kwargs(
    objects: RegisterRecords, name: str, principal: Principal
) -> dict[str, object] | None:
    if name not in RULES:
        return None
    if name in {"register:document_upload", "register:evidence_request_cancel"}:
        return {"pk": objects.evidence_request.pk}
    if name in {"register:document_file_own", "register:document_check", "register:document_file"}:
        return {"pk": objects.document.pk}
    if name == "register:evidence_request_new":
        return {"pk": objects.application.pk}
    return {}
