"""A refusal that counts, and the policy's refusal rules it triggers (for `offer_refuse`).

The policy says which counted refusals have a consequence, how many within what window, and
what follows: a suspension for a period that ends by itself, or a review of the household's
band. Officers read what followed on the offer (`Offer.consequence`); the applicant is told in
their own words by the refusal's message.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from django.utils.translation import gettext as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.lettings.models import Offer, OfferStatus
from hearth.policy.rules.document import RefusalRule
from hearth.register.models import Application
from hearth.register.services.household_standing import band_lower_until
from hearth.register.services.lifecycle import application_suspend_until

SUSPEND = "suspend"
LOWER_BAND = "lower_band"


def refusal_consequence(
    rules: tuple[RefusalRule, ...], counted: Callable[[RefusalRule], int]
) -> RefusalRule | None:
    """The first of the policy's rules that this refusal triggers: the one whose count the
    household's counted refusals (within the rule's window, if it has one) has just reached."""
    return next((rule for rule in rules if counted(rule) == rule.count), None)


def refusal_next_rule(
    rules: tuple[RefusalRule, ...], counted: Callable[[RefusalRule], int]
) -> RefusalRule | None:
    """The rule more refusals would trigger next (None: no rule is still ahead)."""
    ahead = [rule for rule in rules if counted(rule) < rule.count]
    return min(ahead, key=lambda rule: rule.count - counted(rule), default=None)


def refusals_counted(application: Application, all_time: int) -> Callable[[RefusalRule], int]:
    def counted(rule: RefusalRule) -> int:
        if not rule.within_months:
            return all_time
        since = clock.now() - dt.timedelta(days=round(rule.within_months * 30.44))
        return Offer.objects.filter(
            application=application,
            status=OfferStatus.REFUSED,
            refusal_counts=True,
            responded_at__gte=since,
        ).count()

    return counted


class RefusalApplied(NamedTuple):
    """What a counted refusal did: the officers' words for it, the rule it triggered (if any),
    the rule it counts towards otherwise, and the end of the suspension it started (if any)."""

    officer_text: str
    rule: RefusalRule | None
    next_rule: RefusalRule | None
    suspended_until: dt.date | None
    band_lowered_until: dt.date | None = None


def refusal_consequence_apply(
    *, actor: Actor, application: Application, rules: tuple[RefusalRule, ...], count: int
) -> RefusalApplied:
    """Apply the rule (if any) the household's `count`th counted refusal triggers."""
    counted_by = refusals_counted(application, count)
    rule = refusal_consequence(rules, counted_by)
    counted = _("This is refusal number %(count)s that counts.") % {"count": count}
    if rule is None:
        return RefusalApplied(counted, None, refusal_next_rule(rules, counted_by), None)
    if rule.consequence == SUSPEND:
        until = _months_after(clock.today(), rule.months)
        application_suspend_until(
            actor=actor,
            application=application,
            until=until,
            reason=_("Suspended until %(day)s after refusing %(count)s suitable offers")
            % {"day": f"{until:%-d %B %Y}", "count": rule.count},
        )
        text = rule.text or _("The application is suspended until %(day)s.") % {
            "day": f"{until:%-d %B %Y}"
        }
        return RefusalApplied(f"{counted} {text}", rule, None, until)
    if rule.consequence == LOWER_BAND:
        until = _months_after(clock.today(), rule.months)
        band_lower_until(actor=actor, application=application, until=until, on_date=clock.today())
        lowered = _("The household's band is one band lower until %(day)s.") % {
            "day": f"{until:%-d %B %Y}"
        }
        text = " ".join(part for part in (counted, rule.text, lowered) if part)
        return RefusalApplied(text, rule, None, None, band_lowered_until=until)
    text = rule.text or _("The council will review the household's band.")
    return RefusalApplied(f"{counted} {text}", rule, None, None)


def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
