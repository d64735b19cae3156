"""Which area (town, parish or neighbourhood) the form asks about for an address, a job or a
close relative's home.

A council's local lettings plan can give priority to people with a connection to the parish an
advertised home is in. The form asks which of the council's areas a place is in only when the
council's policy in force lists its areas and has such a plan; otherwise there is nothing to ask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hearth.core.models import Organisation
from hearth.policy.documents.loaded import document_of
from hearth.policy.rules.document import ConnectionTest, PolicyDocument
from hearth.policy.rules.document_reader import PolicyDocumentError
from hearth.policy.selectors import policy_in_force


def _tests_a_place(test: ConnectionTest) -> bool:
    """True if the test looks at where people live, work or have family (not only exemptions)."""
    return (
        bool(test.residence)
        or test.work_hours_per_week is not None
        or test.family_years is not None
    )


def areas_to_ask(document: PolicyDocument) -> tuple[str, ...]:
    """The document's areas, if a local lettings plan gives priority for a connection to one."""
    if not document.areas:
        return ()
    plans = document.shortlist.local_lettings_plans
    if any(_tests_a_place(group.connection) for plan in plans for group in plan.groups):
        return document.areas
    return ()


def council_areas_asked(council: Organisation | None, today: dt.date) -> tuple[str, ...]:
    """The areas to offer for a place in `council`, in the policy's order; () for none."""
    if council is None:
        return ()
    version = policy_in_force(council, today)
    if version is None:
        return ()
    try:
        document = document_of(version)
    except PolicyDocumentError:
        return ()
    return areas_to_ask(document)


def councils_areas_asked(
    councils: Iterable[Organisation | None], today: dt.date
) -> dict[object, tuple[str, ...]]:
    """`council_areas_asked` for several councils, by council id: one look-up per council."""
    found: dict[object, tuple[str, ...]] = {}
    for council in councils:
        if council is not None and council.pk not in found:
            found[council.pk] = council_areas_asked(council, today)
    return found
