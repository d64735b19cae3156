"""The wording of a shortlist's order: what each key is called beside its value, and how the
list was put in order, in plain English, for officers and applicants."""

from __future__ import annotations

from collections.abc import Sequence

from hearth.policy.rules.document import (
    ADVERT_PARISH,
    LocalLettingsPlan,
    OrderKey,
    PolicyDocument,
)
from hearth.policy.rules.eligibility import MOBILITY_HOMES

KEY_LABELS = {
    "band": "Band",
    "points": "Points",
    "priority_date": "Priority date",
    "registration_date": "Registration date",
    "bedroom_match": "Needs this number of bedrooms",
    "no_housing_debt": "No housing debt",
    "local_connection": "Local connection",
    "transfer": "Transfer or new applicant",
    "random": "Random draw",
}


# What officers see beside a bidder's place in an advert's mobility priority group.
MOBILITY_LABEL = "Assessed mobility need"
PARISH_LABEL = "Local connection to the home's area"


def key_label(key: OrderKey) -> str:
    """What officers see beside a key's value on a shortlist ("Priority date")."""
    if key.key == "local_connection" and key.to == ADVERT_PARISH:
        return PARISH_LABEL
    return key.label if key.key == "expression" else KEY_LABELS[key.key]


# What each key does to the order, in plain English, for the shortlist's explanation.
KEY_PHRASES = {
    "band": "highest band first",
    "points": "most points first",
    "priority_date": "earliest priority date first",
    "registration_date": "longest registered first",
    "bedroom_match": "households needing exactly this number of bedrooms first",
    "no_housing_debt": "households with no housing debt first",
    "local_connection": "households with a local connection first",
    "random": "a random draw",
}


def key_phrase(key: OrderKey) -> str:
    """What one order key does, in plain English ("longest registered first")."""
    if key.key == "transfer":
        return "new applicants first" if key.prefer == "new" else "transfer applicants first"
    if key.key == "expression":
        return f"{key.label}, {'lowest' if key.prefer == 'lower' else 'highest'} first"
    if key.key == "local_connection" and key.to == ADVERT_PARISH:
        return "households with a local connection to the home's own area or parish first"
    return KEY_PHRASES[key.key]


def order_described(keys: Sequence[OrderKey]) -> str:
    """An order in plain English: "longest registered first, then highest band first"."""
    return ", then ".join(key_phrase(key) for key in keys)


def order_explained(
    policy: PolicyDocument, plan: LocalLettingsPlan | None, *, mobility_first: str = ""
) -> tuple[str, ...]:
    """How a shortlist is put in order, one sentence each: the advert's mobility priority group
    (`mobility_first`, the label, if it has one), the plan's groups and whose order applies
    within them. Any households still level are placed by bid number."""
    first = (
        (
            f"Households assessed as needing {MOBILITY_HOMES.get(mobility_first, mobility_first)} "
            "come first (the advert's priority group), then everyone else; each in the order "
            "below.",
        )
        if mobility_first
        else ()
    )
    return first + _order_explained(policy, plan)


def _order_explained(policy: PolicyDocument, plan: LocalLettingsPlan | None) -> tuple[str, ...]:
    usual = order_described(policy.shortlist.order)
    if plan is None:
        return (f"Ordered by the scheme's usual order: {usual}.",)
    groups = "; ".join(group.name for group in plan.groups)
    lines = [
        f"Households in the {plan.name} plan's priority groups come first, group by group: "
        f"{groups}."
    ]
    if plan.order:
        lines += [
            f"Ordered by the {plan.name} plan: {order_described(plan.order)}.",
            f"Households in none of its groups come after them, in the scheme's usual order: "
            f"{usual}.",
        ]
    else:
        lines.append(f"Within each group, and after them, the scheme's usual order: {usual}.")
    return tuple(lines)
