"""Access rules for assisted digital beyond the application form (an officer uploads a
document, reports a change, renews, or asks for or withdraws a review for the applicant),
merged into tests/test_access_matrix.py.

Officers who assess applications, of the application's council, only; other councils' staff get
404; staff without the capability and applicants 403. The records come from
tests/access_register_world.py.
"""

from __future__ import annotations

from typing import Any

from hearth.core.access.roles import Capability
from tests.access_register_world import RegisterRecords, register_records
from tests.access_rules import Principal, Rule, capability

RULES: dict[str, Rule] = {
    "register:assisted_document_upload": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
    "register:assisted_change_report": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
    "register:assisted_renew": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
    "register:assisted_review_request": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
    "register:assisted_review_withdraw": capability(Capability.ASSESS_APPLICATIONS, scoped=True),
}


def objects(world: Any) -> RegisterRecords:
    return register_records(world)


def url_kwargs(
    objects: RegisterRecords, name: str, principal: Principal
) -> dict[str, object] | None:
    if name not in RULES:
        return None
    if name == "register:assisted_review_request":
        return {"pk": objects.decision.pk}
    if name == "register:assisted_review_withdraw":
        return {"pk": objects.review.pk}
    return {"pk": objects.application.pk}
