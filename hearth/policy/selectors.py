"""Reads about allocation policies, scoped to the actor.

Council staff with `VIEW_POLICY` read their own council's versions; scheme admins read every
council's in their scheme. A council or version out of reach answers 404, like one that does
not exist. `policy_in_force` is the one read that takes no actor: other code asks it which
version applies to an assessment made on a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.models import Organisation
from hearth.policy.models import PolicyStatus, PolicyVersion
from hearth.policy.register_source import RegisterHousehold, register_source
from hearth.policy.rules.document import PREFERENCE_GROUPS, PolicyDocument


def policy_in_force(council: Organisation, on_date: dt.date) -> PolicyVersion | None:
    """The version that applies on `on_date`: the latest published one effective by then.

    Two versions effective on the same day: the higher number (published later) wins.
    """
    return (
        PolicyVersion.objects.filter(
            council=council, status=PolicyStatus.PUBLISHED, effective_from__lte=on_date
        )
        .order_by("-effective_from", "-number")
        .first()
    )


# --- Councils ---------------------------------------------------------------------------------


def _reads_every_council(actor: Actor) -> bool:
    """Scheme admins (the partnership team) read every council's policy."""
    return (
        actor.organisation is not None
        and actor.organisation.kind == OrganisationKind.PARTNERSHIP
        and actor.can(Capability.VIEW_POLICY)
    )


def policy_councils_list(*, actor: Actor) -> list[Organisation]:
    """The councils whose policies the actor may read."""
    if not actor.is_staff or not actor.can(Capability.VIEW_POLICY) or actor.scheme is None:
        raise PermissionDenied
    if _reads_every_council(actor):
        return list(
            Organisation.objects.filter(
                scheme=actor.scheme, kind=OrganisationKind.COUNCIL
            ).order_by("name")
        )
    organisation = actor.active_organisation()
    return [organisation] if organisation.kind == OrganisationKind.COUNCIL else []


def policy_council_get(*, actor: Actor, slug: str) -> Organisation:
    """A council whose policy the actor may read, by slug; 404 otherwise."""
    if not actor.is_staff or not actor.can(Capability.VIEW_POLICY) or actor.scheme is None:
        raise Http404
    organisation = actor.active_organisation()
    if not _reads_every_council(actor):
        if organisation.slug != slug or organisation.kind != OrganisationKind.COUNCIL:
            raise Http404
        return organisation
    try:
        return Organisation.objects.get(
            scheme=actor.scheme, slug=slug, kind=OrganisationKind.COUNCIL
        )
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing


def policy_editable_by(actor: Actor, council: Organisation) -> bool:
    """Whether the actor may draft and publish versions of this council's policy."""
    return (
        actor.can(Capability.EDIT_POLICY)
        and actor.organisation is not None
        and actor.organisation.pk == council.pk
    )


# --- Versions ---------------------------------------------------------------------------------


def policy_versions_list(*, actor: Actor, council: Organisation) -> list[PolicyVersion]:
    """Every version of a council's policy, newest first (one query)."""
    council = policy_council_get(actor=actor, slug=council.slug)
    return list(
        PolicyVersion.objects.filter(council=council)
        .select_related("created_by", "published_by")
        .defer("document", "source_text")
        .order_by("-number")
    )


def policy_version_get(*, actor: Actor, council: Organisation, number: int) -> PolicyVersion:
    """One version of a council's policy the actor may read; 404 otherwise."""
    council = policy_council_get(actor=actor, slug=council.slug)
    try:
        return PolicyVersion.objects.select_related(
            "council", "created_by", "published_by", "based_on"
        ).get(council=council, number=number)
    except PolicyVersion.DoesNotExist as missing:
        raise Http404 from missing


@dataclass(frozen=True)
class VersionState:
    """Where a version stands today, for the versions list."""

    version: PolicyVersion
    state: str  # in_force | scheduled | superseded | draft

    @property
    def is_draft(self) -> bool:
        return self.state == "draft"


def policy_version_states(versions: Iterable[PolicyVersion], today: dt.date) -> list[VersionState]:
    """Label each version: the one in force today, scheduled ones, older ones and drafts."""
    versions = list(versions)
    published = [v for v in versions if v.is_published and v.effective_from is not None]
    current = max(
        (v for v in published if v.effective_from is not None and v.effective_from <= today),
        key=lambda v: (v.effective_from, v.number),
        default=None,
    )
    states = []
    for version in versions:
        if not version.is_published:
            state = "draft"
        elif current is not None and version.pk == current.pk:
            state = "in_force"
        elif version.effective_from is not None and version.effective_from > today:
            state = "scheduled"
        else:
            state = "superseded"
        states.append(VersionState(version, state))
    return states


def policy_version_state(version: PolicyVersion, today: dt.date) -> str:
    """Where one version stands today: in_force, scheduled, superseded or draft."""
    if not version.is_published:
        return "draft"
    in_force = policy_in_force(version.council, today)
    if in_force is not None and in_force.pk == version.pk:
        return "in_force"
    if version.effective_from is not None and version.effective_from > today:
        return "scheduled"
    return "superseded"


@dataclass(frozen=True)
class CouncilPolicy:
    """A council with the version of its policy in force today and how many drafts it has."""

    council: Organisation
    in_force: PolicyVersion | None
    scheduled: int
    drafts: int


def policy_councils_overview(
    *, actor: Actor, councils: Sequence[Organisation]
) -> list[CouncilPolicy]:
    """For each council the actor may read: the version in force today (one query in all)."""
    readable = {c.pk for c in policy_councils_list(actor=actor)}
    councils = [c for c in councils if c.pk in readable]
    today = clock.today()
    by_council: dict[object, list[PolicyVersion]] = {c.pk: [] for c in councils}
    for found in (
        PolicyVersion.objects.filter(council__in=councils)
        .defer("document", "source_text")
        .order_by("council_id", "-number")
    ):
        by_council[found.council_id].append(found)
    overview = []
    for council in councils:
        states = policy_version_states(by_council[council.pk], today)
        overview.append(
            CouncilPolicy(
                council=council,
                in_force=next((s.version for s in states if s.state == "in_force"), None),
                scheduled=sum(1 for s in states if s.state == "scheduled"),
                drafts=sum(1 for s in states if s.state == "draft"),
            )
        )
    return overview


def policy_version_in_force_today(*, actor: Actor, council: Organisation) -> PolicyVersion | None:
    """The version in force today for a council the actor may read."""
    council = policy_council_get(actor=actor, slug=council.slug)
    return policy_in_force(council, clock.today())


def policy_preference_gaps(document: PolicyDocument) -> list[str]:
    """The reasonable-preference groups (s166A(3)) with no route to priority in `document`."""
    try:
        # Imported here: the statutory check ships separately from this module.
        from hearth.policy.rules.preference import preference_gaps
    except ImportError:
        return [
            label
            for group, label in PREFERENCE_GROUPS.items()
            if not any(reason.preference == group for reason in document.need_reasons)
        ]
    return [str(gap) for gap in preference_gaps(document)]


# --- Households for previews ------------------------------------------------------------------


def _preview_council(actor: Actor, council: Organisation) -> Organisation:
    """Previews read the register: only the council's own policy admins may run them."""
    if not policy_editable_by(actor, council):
        raise Http404
    return council


def policy_preview_household_get(
    *, actor: Actor, council: Organisation, reference: str
) -> RegisterHousehold:
    """A household on the council's register, by reference; 404 if not there."""
    council = _preview_council(actor, council)
    found = register_source().household_find(council=council, reference=reference)
    if found is None:
        raise Http404
    return found


def policy_preview_households(
    *, actor: Actor, council: Organisation, references: Sequence[str]
) -> list[RegisterHousehold]:
    """The households on the council's register with these references (case-insensitive)."""
    council = _preview_council(actor, council)
    return register_source().households_find(council=council, references=references)


def policy_partner_slugs(council: Organisation) -> tuple[str, ...]:
    """The other councils in the council's scheme, for "any partner council" connection."""
    return tuple(
        Organisation.objects.filter(scheme_id=council.scheme_id, kind=OrganisationKind.COUNCIL)
        .exclude(pk=council.pk)
        .order_by("slug")
        .values_list("slug", flat=True)
    )
