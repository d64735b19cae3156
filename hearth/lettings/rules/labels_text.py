"""An advert's labels, its charges and its closing time, in plain English for applicants.

Pure: the labels come as an `AdvertLabels` (what a selector reads from the advert and the
advertising council's policy), and each function returns sentences in the GOV.UK style.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.policy.rules.eligibility import bedroom_range

# Which households a mobility label is for, by the advert's `mobility_need` (as
# `hearth.lettings.models.MobilityNeed` names them, said to the applicant).
MOBILITY_WHO = {
    "1": gettext_lazy("households assessed as needing a wheelchair home (mobility 1)"),
    "2": gettext_lazy("households assessed as needing a mobility 1 or 2 home"),
    "3": gettext_lazy("households assessed as needing a mobility home (1, 2 or 3)"),
}
AGE_WHOSE = {
    "applicant": gettext_lazy("the lead applicant"),
    "applicant_or_partner": gettext_lazy("the lead applicant or their partner"),
    "every_adult": gettext_lazy("every adult in the household"),
}


@dataclass(frozen=True, slots=True)
class AdvertLabels:
    """What the advertising council asks of bidders, as stored on the advert."""

    min_bedroom_need: int
    max_bedroom_need: int
    council_name: str  # the advertising council
    minimum_age: int | None = None
    maximum_age: int | None = None
    age_applies_to: str = "applicant"
    mobility_need: str = ""
    mobility_use: str = "filter"  # filter: only those households; priority: them first
    connection_scope: str = "council"  # none | council | partners | plan
    lettings_plan: str = ""  # the plan's name (or its code when the policy no longer has it)
    pets: str = ""  # "" ask the landlord | allowed | not_allowed


def labels_text(labels: AdvertLabels) -> tuple[str, ...]:
    """Who the home is for, one sentence per label, most important first."""
    lines = [
        _("For households that need %(range)s.")
        % {"range": bedroom_range(labels.min_bedroom_need, labels.max_bedroom_need)}
    ]
    if age := _age_text(labels):
        lines.append(age)
    if who := MOBILITY_WHO.get(labels.mobility_need):
        if labels.mobility_use == "priority":
            lines.append(_("Priority for %(who)s, then everyone else.") % {"who": who})
        else:
            lines.append(_("Only for %(who)s.") % {"who": who})
    lines.append(connection_text(labels))
    if labels.lettings_plan:
        lines.append(_("A local lettings plan applies: %(plan)s.") % {"plan": labels.lettings_plan})
    lines.append(pets_text(labels.pets))
    return tuple(lines)


def _age_text(labels: AdvertLabels) -> str:
    low, high = labels.minimum_age, labels.maximum_age
    if low and high:
        limit = _("aged %(low)d to %(high)d") % {"low": low, "high": high}
    elif low:
        limit = _("aged %(age)d or over") % {"age": low}
    elif high:
        limit = _("aged %(age)d or under") % {"age": high}
    else:
        return ""
    whose = AGE_WHOSE.get(labels.age_applies_to, AGE_WHOSE["applicant"])
    return _("For people %(limit)s (%(whose)s).") % {"limit": limit, "whose": whose}


def connection_text(labels: AdvertLabels) -> str:
    match labels.connection_scope:
        case "council":
            return _("For households with a local connection to %(council)s.") % {
                "council": labels.council_name
            }
        case "partners":
            return _("For households with a local connection to any partner council.")
        case "plan":
            return _("For households with a connection to the local lettings plan's area.")
    return _("Open to anyone on a partner council's housing register.")


def pets_text(pets: str) -> str:
    if pets == "allowed":
        return _("Pets allowed.")
    if pets == "not_allowed":
        return _("No pets.")
    return _("Ask the landlord about pets.")


def money(amount: Decimal) -> str:
    """An amount of money as rents are shown: "£112.50", "£90.00"."""
    return f"£{amount:,.2f}"


def charges_text(rent: Decimal, service_charge: Decimal) -> str:
    """The rent and service charge a week, as one line."""
    if not service_charge:
        return _("%(rent)s a week rent, no service charge") % {"rent": money(rent)}
    return _("%(total)s a week (%(rent)s rent and %(charge)s service charge)") % {
        "total": money(rent + service_charge),
        "rent": money(rent),
        "charge": money(service_charge),
    }


def time_text(instant: dt.datetime) -> str:
    """A London clock time the GOV.UK way: "11:59pm", "9am", "midnight", "midday"."""
    local = instant.astimezone(clock.LONDON)
    if (local.hour, local.minute) == (0, 0):
        return _("midnight")
    if (local.hour, local.minute) == (12, 0):
        return _("midday")
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def moment_text(instant: dt.datetime, now: dt.datetime) -> str:
    """A moment as "11:59pm on Monday 14 December" (with the year if not this year's)."""
    local = instant.astimezone(clock.LONDON)
    day = f"{local:%A} {local.day} {local:%B}"
    if local.year != now.astimezone(clock.LONDON).year:
        day = f"{day} {local.year}"
    return _("%(time)s on %(day)s") % {"time": time_text(local), "day": day}


def ordinal(number: int) -> str:
    """A position in words: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def home_title(bedrooms: int, property_type: str, type_label: str) -> str:
    """What the home is, as an advert's heading: "2 bedroom flat", "Bedsit or studio"."""
    if property_type == "bedsit" or bedrooms == 0:
        return str(type_label)
    return _("%(count)d bedroom %(type)s") % {"count": bedrooms, "type": str(type_label).lower()}


def address_line(address: str, area: str, postcode: str) -> str:
    """The first line of the address, the area and the postcode: "Flat 3, Heron Court, Riverside,
    MV1 2AB"."""
    first = address.strip().splitlines()[0].strip() if address.strip() else ""
    return ", ".join(part for part in (first, area, postcode) if part)


def date_time_text(instant: dt.datetime) -> str:
    """A moment with its date in full: "15 June 2026 at 11:59pm"."""
    local = instant.astimezone(clock.LONDON)
    return _("%(day)s at %(time)s") % {
        "day": f"{local.day} {local:%B %Y}",
        "time": time_text(local),
    }
