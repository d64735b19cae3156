"""A policy document as plain-English sections, for the version page and the comparison page.

`policy_sections(document)` gives one `Section` per part of the scheme, in the order an
applicant would meet them: who qualifies, local connection, bands or points, need reasons,
how bands combine and are capped, bedroom need, priority date, the shortlist order, quotas,
local lettings plans, bidding and refusals, and which reasonable-preference groups each need
reason serves. Sections are frozen values, so two versions' sections compare with `==`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hearth.policy.documents.readable_household import band_lower_section, bidding_section

# The parts a section is made of, importable from here as before.
from hearth.policy.documents.sections import Cell as Cell
from hearth.policy.documents.sections import Rule as Rule
from hearth.policy.documents.sections import Section as Section
from hearth.policy.documents.sections import Table as Table
from hearth.policy.documents.sections import months_text
from hearth.policy.rules.document import (
    ADVERT_PARISH,
    PREFERENCE_GROUPS,
    ConnectionTest,
    OrderKey,
    PolicyDocument,
)

EXEMPTION_LABELS = {
    "armed_forces": gettext_lazy("Serving or former members of the armed forces"),
    "domestic_abuse": gettext_lazy("People fleeing domestic abuse"),
    "care_leaver": gettext_lazy("Care leavers"),
    "homelessness_duty": gettext_lazy("People owed a homelessness duty"),
}


def connection_facts(test: ConnectionTest) -> tuple[tuple[str, Cell], ...]:
    """The routes to a connection, one row each."""
    facts: list[tuple[str, Cell]] = []
    for residence in test.residence:
        facts.append(
            (
                _("Lived there"),
                Cell(
                    _("%(months)s of the last %(within)s")
                    % {
                        "months": months_text(residence.months),
                        "within": months_text(residence.within_months),
                    }
                ),
            )
        )
    if test.work_hours_per_week is not None:
        facts.append(
            (
                _("Works there"),
                Cell(_("%(hours)s hours a week or more") % {"hours": test.work_hours_per_week}),
            )
        )
    if test.family_years is not None:
        facts.append(
            (
                _("Close family there"),
                Cell(
                    ngettext(
                        "For %(years)s year or more",
                        "For %(years)s years or more",
                        test.family_years,
                    )
                    % {"years": test.family_years}
                ),
            )
        )
    if test.exemptions:
        facts.append(
            (
                _("Do not need a connection"),
                Cell("; ".join(str(EXEMPTION_LABELS.get(e, e)) for e in test.exemptions)),
            )
        )
    return tuple(facts)


ORDER_KEY_TEXT = {
    "band": gettext_lazy("Band: the highest band first"),
    "points": gettext_lazy("Points: the most points first"),
    "priority_date": gettext_lazy("Priority date: the earliest first"),
    "registration_date": gettext_lazy("Registration date: the earliest first"),
    "bedroom_match": gettext_lazy(
        "Households who need exactly the number of bedrooms the home has first"
    ),
    "no_housing_debt": gettext_lazy("Households with no rent arrears or other housing debt first"),
    "local_connection": gettext_lazy("Households with a local connection to the council first"),
    "random": gettext_lazy("A random draw"),
}


def order_key_text(key: OrderKey) -> str:
    """One step of the shortlist order in plain English."""
    if key.key == "transfer":
        if key.prefer == "new":
            return _("New applicants first, then social housing tenants asking to move")
        return _("Social housing tenants asking to move first, then new applicants")
    if key.key == "expression":
        direction = _("lowest first") if key.prefer == "lower" else _("highest first")
        return _("%(label)s: %(direction)s") % {"label": key.label, "direction": direction}
    if key.key == "local_connection" and key.to == ADVERT_PARISH:
        return _(
            "Households with a local connection to the home's own area or parish first, "
            "whichever council's register they are on"
        )
    return str(ORDER_KEY_TEXT.get(key.key, key.key))


def _band_name(document: PolicyDocument, code: str) -> str:
    band = next((b for b in document.bands if b.code == code), None)
    return band.label if band is not None else code


def _worth(document: PolicyDocument, band: str, points: int) -> str:
    if document.scheme == "points":
        return ngettext("%(n)s point", "%(n)s points", points) % {"n": points}
    return _band_name(document, band)


def _overview(document: PolicyDocument) -> Section:
    scheme = _("Bands") if document.scheme == "bands" else _("Points")
    lettings = (
        _("Choice-based lettings: people bid for advertised homes")
        if document.lettings == "choice_based"
        else _("Direct matching: officers match households to homes")
    )
    return Section(
        key="overview",
        title=_("About this scheme"),
        text=document.summary,
        facts=(
            (_("Title"), Cell(document.title)),
            (_("Priority is given by"), Cell(scheme)),
            (_("How homes are let"), Cell(lettings)),
        ),
    )


def _qualification(document: PolicyDocument) -> Section:
    outcomes = {
        "not_qualifying": _("Does not qualify to join the register"),
        "ineligible": _("Not eligible for social housing"),
    }
    return Section(
        key="qualification",
        title=_("Who can join the register"),
        rules=tuple(
            Rule(
                rule.text,
                (
                    (_("Outcome"), Cell(outcomes.get(rule.outcome, rule.outcome))),
                    (_("Applies when"), Cell("", code=rule.when)),
                    (_("Code"), Cell(rule.code)),
                ),
            )
            for rule in document.qualification
        ),
        empty=_("Everyone who is eligible qualifies: there are no qualification rules."),
    )


def _local_connection(document: PolicyDocument) -> Section:
    return Section(
        key="local_connection",
        title=_("Local connection"),
        text=document.local_connection.text,
        facts=connection_facts(document.local_connection),
        empty=_("This scheme has no local connection test."),
    )


def _bands(document: PolicyDocument) -> Section:
    if document.scheme == "points":
        points = document.points
        facts: list[tuple[str, Cell]] = []
        text = ""
        if points is not None:
            text = points.text
            facts.append(
                (
                    _("Waiting time"),
                    Cell(_("%(n)s points a month") % {"n": points.waiting_points_per_month}),
                )
            )
            if points.waiting_points_cap is not None:
                facts.append((_("Most points for waiting"), Cell(str(points.waiting_points_cap))))
            if points.total_cap is not None:
                facts.append((_("Most points in total"), Cell(str(points.total_cap))))
        return Section(key="points", title=_("Points"), text=text, facts=tuple(facts))
    return Section(
        key="bands",
        title=_("Bands"),
        facts=(
            (
                _("Band for households with no need reason"),
                Cell(_band_name(document, document.default_band)),
            ),
        ),
        table=Table(
            caption=_("Bands, most urgent first"),
            headers=(_("Band"), _("What it means")),
            rows=tuple(
                (
                    Cell(band.label, hint=_("Code: %(code)s") % {"code": band.code}),
                    Cell(band.meaning),
                )
                for band in document.bands
            ),
        ),
    )


def _need_reasons(document: PolicyDocument) -> Section:
    worth = _("Points") if document.scheme == "points" else _("Band")
    rows = []
    for reason in document.need_reasons:
        if reason.awarded == "officer":
            how = Cell(_("Awarded by an officer"))
        else:
            how = Cell(_("Worked out from the application, when:"), code=reason.when)
        group = PREFERENCE_GROUPS.get(reason.preference, "") if reason.preference else ""
        rows.append(
            (
                Cell(reason.label, hint=reason.text),
                Cell(_worth(document, reason.band, reason.points)),
                how,
                Cell(_(group) if group else _("None")),
            )
        )
    return Section(
        key="need_reasons",
        title=_("Need reasons"),
        table=Table(
            caption=_("Need reasons"),
            headers=(_("Reason"), worth, _("How it is given"), _("Reasonable preference group")),
            rows=tuple(rows),
        )
        if rows
        else None,
        empty=_("There are no need reasons."),
    )


def _cumulative(document: PolicyDocument) -> Section:
    return Section(
        key="cumulative",
        title=_("Several needs together"),
        rules=tuple(
            Rule(
                rule.text,
                (
                    (
                        _("Rule"),
                        Cell(
                            _("%(count)s or more %(band)s reasons give %(gives)s")
                            % {
                                "count": rule.count,
                                "band": _band_name(document, rule.band),
                                "gives": _band_name(document, rule.gives),
                            }
                        ),
                    ),
                ),
            )
            for rule in document.cumulative
        ),
        empty=_("Needs do not add up: a household's band is its highest need reason's band."),
    )


def _caps(document: PolicyDocument) -> Section:
    return Section(
        key="caps",
        title=_("Band caps"),
        rules=tuple(
            Rule(
                cap.text,
                (
                    (_("Highest band allowed"), Cell(_band_name(document, cap.max_band))),
                    (_("Applies when"), Cell("", code=cap.when)),
                    (
                        _("Placed after households the cap does not affect"),
                        Cell(_("Yes") if cap.rank_below_uncapped else _("No")),
                    ),
                ),
            )
            for cap in document.caps
        ),
        empty=_("No band caps."),
    )


def _bedrooms(document: PolicyDocument) -> Section:
    rules = document.bedrooms
    labels = {r.code: r.label for r in document.need_reasons}
    facts: list[tuple[str, Cell]] = [
        (_("A room of their own from age"), Cell(str(rules.adult_age))),
        (_("Any two children may share under age"), Cell(str(rules.pairing_age))),
        (
            _("Extra room for an overnight carer"),
            Cell(_("Yes") if rules.extra_room_for_overnight_carer else _("No")),
        ),
    ]
    if rules.extra_room_reasons:
        facts.append(
            (
                _("Need reasons that add a room"),
                Cell("; ".join(labels.get(c, c) for c in rules.extra_room_reasons)),
            )
        )
    return Section(key="bedrooms", title=_("Bedroom need"), text=rules.text, facts=tuple(facts))


def _priority_date(document: PolicyDocument) -> Section:
    if document.scheme == "points":
        return Section(
            key="priority_date",
            title=_("Priority date"),
            text=document.priority_date.text,
            facts=((_("Priority date"), Cell(_("The date the household registered"))),),
        )
    down = {
        "keep": _("They keep their earlier date"),
        "change_date": _("The date they moved down"),
        "registration_date": _("The date they joined the register"),
    }
    return Section(
        key="priority_date",
        title=_("Priority date"),
        text=document.priority_date.text,
        facts=(
            (_("Moving up a band"), Cell(_("The date they moved up"))),
            (
                _("Moving down a band"),
                Cell(
                    down.get(
                        document.priority_date.on_band_down, document.priority_date.on_band_down
                    )
                ),
            ),
        ),
    )


MOBILITY_LABEL_USE_TEXT = {
    "filter": gettext_lazy("As a filter: only households assessed as needing such a home may bid"),
    "priority": gettext_lazy(
        "As a priority group: households assessed as needing such a home first, then everyone "
        "else in the usual order"
    ),
}


def _shortlist(document: PolicyDocument) -> Section:
    uses = document.shortlist.mobility_labels
    return Section(
        key="shortlist",
        title=_("Shortlist order"),
        text=document.shortlist.text,
        facts=(
            (
                _("How an advert may use a mobility label"),
                Cell("; ".join(str(MOBILITY_LABEL_USE_TEXT.get(use, use)) for use in uses)),
            ),
        ),
        steps=tuple(
            Cell(order_key_text(key), code=key.expression if key.key == "expression" else "")
            for key in document.shortlist.order
        ),
    )


def _quotas(document: PolicyDocument) -> Section:
    scopes = {
        "council": _("People with a local connection to the council"),
        "partners": _("People with a connection to any partner council"),
    }
    quotas = document.shortlist.quotas
    return Section(
        key="quotas",
        title=_("Quotas"),
        table=Table(
            caption=_("Share of the council's adverts"),
            headers=(_("Homes for"), _("Share")),
            rows=tuple((Cell(scopes.get(q.scope, q.scope)), Cell(f"{q.share}%")) for q in quotas),
        )
        if quotas
        else None,
        empty=_("No quotas: every advert is open to everyone on the register."),
    )


def _plans(document: PolicyDocument) -> Section:
    parts = []
    for plan in document.shortlist.local_lettings_plans:
        rules = []
        for index, group in enumerate(plan.groups, start=1):
            facts = list(connection_facts(group.connection))
            if group.connection.text:
                facts.insert(0, (_("Who is in this group"), Cell(group.connection.text)))
            if group.when:
                facts.append((_("Only when"), Cell("", code=group.when)))
            rules.append(
                Rule(_("%(n)s. %(name)s") % {"n": index, "name": group.name}, tuple(facts))
            )
        parts.append(
            Section(
                key=f"plan-{plan.code}",
                title=plan.name,
                text=plan.text,
                facts=(
                    (_("Code"), Cell(plan.code)),
                    *(
                        (
                            (
                                _("Order within its groups, instead of the scheme's"),
                                Cell("; ".join(order_key_text(key) for key in plan.order)),
                            ),
                        )
                        if plan.order
                        else ()
                    ),
                ),
                rules=tuple(rules),
            )
        )
    return Section(
        key="local_lettings_plans",
        title=_("Local lettings plans"),
        parts=tuple(parts),
        empty=_("No local lettings plans."),
    )


def _preference(document: PolicyDocument, gaps: list[str]) -> Section:
    rows = []
    for group, label in PREFERENCE_GROUPS.items():
        reasons = [r.label for r in document.need_reasons if r.preference == group]
        served = _(label) not in gaps and label not in gaps
        rows.append(
            (
                Cell(_(label)),
                Cell("; ".join(reasons) if reasons else _("None")),
                Cell(_("Yes") if served else _("No: no route to priority")),
            )
        )
    return Section(
        key="preference",
        title=_("Reasonable preference (Housing Act 1996, section 166A(3))"),
        table=Table(
            caption=_("Reasonable preference groups"),
            headers=(_("Group"), _("Need reasons for the group"), _("Route to priority")),
            rows=tuple(rows),
        ),
    )


def policy_sections(document: PolicyDocument, gaps: list[str] | None = None) -> list[Section]:
    """The document as plain-English sections, in reading order."""
    sections = [
        _overview(document),
        _qualification(document),
        _local_connection(document),
        _bands(document),
        _need_reasons(document),
    ]
    if document.scheme == "bands":
        sections += [_cumulative(document), _caps(document), band_lower_section(document)]
    sections += [
        _bedrooms(document),
        _priority_date(document),
        _shortlist(document),
        _quotas(document),
        _plans(document),
        bidding_section(document),
    ]
    if gaps is not None:
        sections.append(_preference(document, gaps))
    return sections
