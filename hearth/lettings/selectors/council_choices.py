"""What a council's allocation policy in force offers a landlord to choose from: the areas a
home can be in, the local lettings plans an advert can follow, and whether the council
advertises homes at all. Shared by the homes and adverts parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hearth.core.models import Organisation
from hearth.lettings.rules.adverts import council_advertises
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.document import MOBILITY_LABEL_USES
from hearth.policy.rules.document_reader import PolicyDocumentError
from hearth.policy.selectors import policy_in_force


@dataclass(frozen=True)
class CouncilChoices:
    areas: tuple[str, ...] = ()
    # (code, name) of each local lettings plan, in the policy's order.
    plans: tuple[tuple[str, str], ...] = ()
    advertises: bool = True
    # The uses of an advert's mobility label the policy allows (filter, priority).
    mobility_uses: tuple[str, ...] = MOBILITY_LABEL_USES

    @property
    def plan_codes(self) -> tuple[str, ...]:
        return tuple(code for code, _name in self.plans)

    def plan_name(self, code: str) -> str:
        return next((name for c, name in self.plans if c == code), code)


def council_choices(council: Organisation, today: dt.date) -> CouncilChoices:
    """The council's choices under its policy in force on `today` (none without a policy, or
    with one that no longer reads)."""
    version = policy_in_force(council, today)
    document = None
    if version is not None:
        try:
            document = document_of(version)
        except PolicyDocumentError:
            document = None
    advertises = council_advertises(
        council.council_status, document.lettings if document is not None else None
    )
    if document is None:
        return CouncilChoices(advertises=advertises)
    return CouncilChoices(
        areas=document.areas,
        plans=tuple((plan.code, plan.name) for plan in document.shortlist.local_lettings_plans),
        advertises=advertises,
        mobility_uses=document.shortlist.mobility_labels,
    )


def councils_choices(
    councils: Iterable[Organisation], today: dt.date
) -> dict[object, CouncilChoices]:
    """`council_choices` for several councils, by council id."""
    return {council.pk: council_choices(council, today) for council in councils}
