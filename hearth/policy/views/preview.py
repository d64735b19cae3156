"""Previews for policy admins: one household, or a shortlist, under a version and the version in
force, side by side. Nothing is saved except the audit record that a household was looked at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import clock
from hearth.core.access.permissions import request_actor
from hearth.core.audit import record_viewed
from hearth.core.forms.govuk import govuk_date
from hearth.core.forms.submit import posted
from hearth.policy import selectors
from hearth.policy.documents.loaded import document_of
from hearth.policy.forms_preview import HouseholdPreviewForm, RankingPreviewForm
from hearth.policy.models import PolicyVersion
from hearth.policy.register_source import register_source
from hearth.policy.rules import labels
from hearth.policy.rules.assess import Assessment, assess
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.rules.rank import Bidder, Home, ShortlistResult, rank
from hearth.policy.views.staff import edit_policy

OUTCOMES = {
    "qualifies": gettext_lazy("Qualifies"),
    "not_qualifying": gettext_lazy("Does not qualify"),
    "ineligible": gettext_lazy("Not eligible"),
}


def _preview_version(request: HttpRequest, council: str, number: int) -> PolicyVersion:
    actor = request_actor(request)
    organisation = selectors.policy_council_get(actor=actor, slug=council)
    if not selectors.policy_editable_by(actor, organisation):
        raise Http404
    return selectors.policy_version_get(actor=actor, council=organisation, number=number)


def _baseline(version: PolicyVersion, today: dt.date) -> PolicyVersion | None:
    """The version in force today, to compare with (None when it is this version)."""
    in_force = selectors.policy_in_force(version.council, today)
    return None if in_force is None or in_force.pk == version.pk else in_force


@dataclass(frozen=True)
class Row:
    label: str
    this: str
    other: str | None

    @property
    def differs(self) -> bool:
        return self.other is not None and self.this != self.other


def _priority(document: PolicyDocument, result: Assessment) -> str:
    if not result.qualifies:
        return _("None: does not qualify")
    if result.points is not None:
        return _("%(n)s points") % {"n": result.points}
    band = next((b for b in document.bands if b.code == result.band), None)
    label = band.label if band is not None else result.band
    if result.ranked_below:
        label += " " + _("(placed after households the cap does not affect)")
    return label


def _rows(
    documents: tuple[PolicyDocument, PolicyDocument | None],
    results: tuple[Assessment, Assessment | None],
) -> list[Row]:
    def each(show: object) -> tuple[str, str | None]:
        def value(document: PolicyDocument, result: Assessment) -> str:
            return str(show(document, result))  # type: ignore[operator]

        other = (
            value(documents[1], results[1])
            if documents[1] is not None and results[1] is not None
            else None
        )
        return value(documents[0], results[0]), other

    def outcome(document: PolicyDocument, result: Assessment) -> str:
        text = str(OUTCOMES.get(result.status, result.status))
        if result.reasons_not_qualifying:
            text += ": " + " ".join(result.reasons_not_qualifying)
        return text

    def needs(document: PolicyDocument, result: Assessment) -> str:
        return "; ".join(n.label for n in result.needs) or _("None")

    def priority_date(document: PolicyDocument, result: Assessment) -> str:
        return govuk_date(result.priority_date) if result.priority_date else _("None")

    def connection(document: PolicyDocument, result: Assessment) -> str:
        return _("Yes") if result.local_connection else _("No")

    def problems(document: PolicyDocument, result: Assessment) -> str:
        return "; ".join(result.problems) or _("None")

    shown = (
        (_("Outcome"), outcome),
        (_("Band or points"), _priority),
        (_("Priority date"), priority_date),
        (_("Bedrooms needed"), lambda d, r: str(r.bedroom_need)),
        (_("Local connection"), connection),
        (_("Need reasons that apply"), needs),
        (_("Rules that could not be worked out"), problems),
    )
    return [Row(str(label), *each(show)) for label, show in shown]


@edit_policy
def preview_household(request: HttpRequest, council: str, number: int) -> HttpResponse:
    actor = request_actor(request)
    version = _preview_version(request, council, number)
    today = clock.today()
    baseline = _baseline(version, today)
    form = HouseholdPreviewForm(posted(request))
    context: dict[str, object] = {
        "version": version,
        "baseline": baseline,
        "nothing_in_force": selectors.policy_in_force(version.council, today) is None,
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"].strip().upper()
        try:
            household = selectors.policy_preview_household_get(
                actor=actor, council=version.council, reference=reference
            )
        except Http404:
            form.add_error(
                "reference",
                _("There is no household %(reference)s on %(council)s's register")
                % {"reference": reference, "council": version.council.name},
            )
        else:
            record_viewed(actor=actor, target=household.record, organisation=version.council)
            (facts,) = register_source().household_facts(ids=[household.id], on_date=today)
            document = document_of(version)
            other_document = document_of(baseline) if baseline else None
            this = assess(document, facts, today)
            other = assess(other_document, facts, today) if other_document else None
            rows = _rows((document, other_document), (this, other))
            context.update(
                household=household,
                rows=rows,
                differences=sum(1 for r in rows if r.differs),
                this=this,
                other=other,
                on_date=today,
            )
    return render(request, "policy/preview_household.html", context)


@dataclass(frozen=True)
class Placing:
    position: int
    reference: str
    keys: tuple[tuple[str, str], ...]
    elsewhere: str  # where the other version places them
    moved: bool


@dataclass(frozen=True)
class Shortlist:
    version: PolicyVersion
    placed: list[Placing]
    excluded: list[tuple[str, str]]
    problems: tuple[str, ...]
    explanation: tuple[str, ...] = ()  # how the list was put in order, in plain English


def _shown_keys(
    document: PolicyDocument, keys: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The keys that placed a bid, with band codes shown as the bands' names ("Silver")."""
    names = {f"Band {band.code}": band.label for band in document.bands}
    shown = []
    for what, value in keys:
        for code, label in names.items():
            if value == code or value.startswith(code + " "):
                value = label + value[len(code) :]
                break
        shown.append((what, value))
    return tuple(shown)


def _shortlist(
    version: PolicyVersion,
    result: ShortlistResult,
    references: dict[str, str],
    other: ShortlistResult | None,
) -> Shortlist:
    where: dict[str, int] = {}
    if other is not None:
        where = {p.bid_id: p.position for p in other.placed}

    def elsewhere(bid_id: str, position: int) -> str:
        if other is None:
            return ""
        if bid_id not in where:
            return _("Not shortlisted")
        if where[bid_id] == position:
            return _("Same position")
        return _("Position %(n)s") % {"n": where[bid_id]}

    return Shortlist(
        version=version,
        placed=[
            Placing(
                position=p.position,
                reference=references.get(p.household_id, p.bid_id),
                keys=_shown_keys(document_of(version), p.keys),
                elsewhere=elsewhere(p.bid_id, p.position),
                moved=other is not None and where.get(p.bid_id) != p.position,
            )
            for p in result.placed
        ],
        excluded=[(references.get(e.household_id, e.bid_id), e.reason) for e in result.excluded],
        problems=result.problems,
        explanation=result.explanation,
    )


@edit_policy
def preview_ranking(request: HttpRequest, council: str, number: int) -> HttpResponse:
    actor = request_actor(request)
    version = _preview_version(request, council, number)
    today = clock.today()
    baseline = _baseline(version, today)
    document = document_of(version)
    form = RankingPreviewForm(posted(request), document=document)
    context: dict[str, object] = {
        "version": version,
        "baseline": baseline,
        "nothing_in_force": selectors.policy_in_force(version.council, today) is None,
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wanted: list[str] = data["references"]
        households = selectors.policy_preview_households(
            actor=actor, council=version.council, references=wanted
        )
        known = {h.reference.upper() for h in households}
        missing = [r for r in wanted if r not in known]
        for household in households:
            record_viewed(actor=actor, target=household.record, organisation=version.council)
        facts = register_source().household_facts(ids=[h.id for h in households], on_date=today)
        references = {h.id: h.reference for h in households}
        home = Home(
            bedrooms=data["bedrooms"],
            council=version.council.slug,
            parish=data.get("parish", "").strip(),
            property_type=data["property_type"],
            local_connection_scope=data["local_connection_scope"],
            partner_councils=selectors.policy_partner_slugs(version.council),
            lettings_plan=data.get("lettings_plan") or "",
            minimum_age=data["minimum_age"] or 0,
            maximum_age=data["maximum_age"] or 0,
            age_applies_to=data["age_applies_to"] or labels.APPLICANT,
            mobility_need=data["mobility_need"],
            mobility_use=data["mobility_use"] or labels.FILTER,
        )

        def ranked(of: PolicyDocument) -> ShortlistResult:
            bidders = [
                Bidder.of(references[f.household_id], f, assess(of, f, today)) for f in facts
            ]
            return rank(of, home, bidders, today, seed=f"preview:{today.isoformat()}")

        this = ranked(document)
        other = ranked(document_of(baseline)) if baseline is not None else None
        shortlists = [_shortlist(version, this, references, other)]
        if baseline is not None and other is not None:
            shortlists.append(_shortlist(baseline, other, references, this))
        context.update(
            shortlists=shortlists,
            missing=missing,
            home=home,
            changed=other is not None
            and [p.bid_id for p in this.placed] != [p.bid_id for p in other.placed],
        )
    return render(request, "policy/preview_ranking.html", context)
