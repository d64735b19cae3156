"""Reasonable preference: does a policy give every statutory group a route to priority?

Housing Act 1996 s166A(3) requires an allocation scheme to give reasonable preference to the
groups in `PREFERENCE_GROUPS`. A need reason names the group it serves with `preference:`.
Before a version is published, `preference_gaps` lists the groups left without one, so the
editor can warn.

A reason only counts when it actually lifts a household's priority: in a banded scheme its band
must be above the default band (the band of households with no need), and in a points scheme it
must be worth some points. A reason that names a group but changes nothing is not a preference.
"""

from __future__ import annotations

from hearth.policy.rules.document import PREFERENCE_GROUPS, NeedReason, PolicyDocument


def gives_preference(document: PolicyDocument, reason: NeedReason) -> bool:
    """Whether `reason` raises the priority of the households it applies to."""
    if document.scheme == "points":
        return reason.points > 0
    codes = [band.code for band in document.bands]
    if reason.band not in codes:
        return False
    if document.default_band not in codes:
        return True
    return codes.index(reason.band) < codes.index(document.default_band)


def preference_gaps(document: PolicyDocument) -> list[str]:
    """Plain-English names of the reasonable-preference groups no need reason gives priority to,
    in the order the law lists them (empty when every group has a route)."""
    served = {
        reason.preference
        for reason in document.need_reasons
        if reason.preference and gives_preference(document, reason)
    }
    return [name for group, name in PREFERENCE_GROUPS.items() if group not in served]
