"""The readable sections about the household itself: how it may bid (a bid limit, bids the
policy refuses, a household under offer elsewhere), what refusing offers leads to, and when it is
placed one band lower than its need. Kept apart so `readable` stays a readable size."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hearth.policy.documents.sections import Cell, Rule, Section, months_text
from hearth.policy.rules.document import PolicyDocument

UNDER_OFFER_TEXT = {
    "cannot_bid": gettext_lazy(
        "They cannot bid until they answer, and are skipped on shortlists they bid on before"
    ),
    "skipped": gettext_lazy(
        "They may bid, but are skipped on any shortlist made while they wait to answer"
    ),
}
CONSEQUENCE_TEXT = {
    "band_review": gettext_lazy("Their band is reviewed"),
    "suspend": gettext_lazy("They cannot bid for a while"),
    "lower_band": gettext_lazy("They are placed one band lower for a while, and keep bidding"),
}


def _bid_limit(document: PolicyDocument) -> tuple[tuple[str, Cell], ...]:
    limit = document.bid_limit
    if limit is None:
        return ()
    per = _("in each bidding cycle") if limit.per == "cycle" else _("at a time")
    return (
        (
            _("Bid limit"),
            Cell(
                ngettext("%(n)s bid %(per)s", "%(n)s bids %(per)s", limit.count)
                % {"n": limit.count, "per": per}
            ),
        ),
    )


def _bids_refused(document: PolicyDocument) -> Section:
    return Section(
        key="bids_refused",
        title=_("Bids the policy refuses"),
        rules=tuple(
            Rule(
                rule.text,
                (
                    (_("Refused when"), Cell("", code=rule.when)),
                    (_("Code"), Cell(rule.code)),
                ),
            )
            for rule in document.bidding.refusals
        ),
        empty=_("No bid is refused for a reason of the policy's own."),
    )


def _offers_refused(document: PolicyDocument) -> Section:
    rules = []
    for rule in document.refusals:
        facts: list[tuple[str, Cell]] = [
            (_("Reasonable offers refused"), Cell(str(rule.count))),
            (
                _("What happens"),
                Cell(str(CONSEQUENCE_TEXT.get(rule.consequence, rule.consequence))),
            ),
        ]
        if rule.within_months:
            facts.append(
                (_("Counted over"), Cell(_("the last %s") % months_text(rule.within_months)))
            )
        if rule.months:
            facts.append((_("For"), Cell(months_text(rule.months))))
        rules.append(Rule(rule.text, tuple(facts)))
    return Section(
        key="offers_refused",
        title=_("Refusing offers"),
        rules=tuple(rules),
        empty=_("Refusing offers has no consequence under this policy."),
    )


def bidding_section(document: PolicyDocument) -> Section:
    text = document.bid_limit.text if document.bid_limit is not None else ""
    under_offer = document.bidding.under_offer
    return Section(
        key="bidding",
        title=_("Bids and refusals"),
        text=text,
        facts=(
            *_bid_limit(document),
            (
                _("Households under offer, or awaiting a decision on another home"),
                Cell(str(UNDER_OFFER_TEXT.get(under_offer, under_offer))),
            ),
        ),
        parts=(_bids_refused(document), _offers_refused(document)),
    )


def band_lower_section(document: PolicyDocument) -> Section:
    return Section(
        key="band_lower",
        title=_("One band lower than need"),
        rules=tuple(
            Rule(rule.text, ((_("Applies when"), Cell("", code=rule.when)),))
            for rule in document.band_lower
        ),
        empty=_("No household is placed lower than its need."),
    )
