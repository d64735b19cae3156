"""Reads from the shared kernel, scoped to the actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, OrganisationKind
from hearth.core.models import AuditEvent, Organisation, Scheme


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    organisation_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_events_search(*, actor: Actor, query: AuditFilter) -> QuerySet[AuditEvent]:
    """Scheme admins search the whole scheme; organisation admins their own organisation."""
    if actor.organisation is None or actor.scheme is None:
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor", "organisation", "on_behalf_of")
    if actor.can(Capability.VIEW_SCHEME_AUDIT):
        events = events.filter(Q(organisation__scheme=actor.scheme) | Q(organisation__isnull=True))
        if query.organisation_id:
            events = events.filter(organisation_id=query.organisation_id)
    elif actor.can(Capability.VIEW_ORGANISATION_AUDIT):
        events = events.filter(organisation=actor.organisation)
    else:
        raise PermissionDenied
    if query.text:
        text = query.text.strip()
        events = events.filter(
            Q(verb__icontains=text)
            | Q(object_label__icontains=text)
            | Q(object_id=text)
            | Q(actor__email__icontains=text)
            | Q(actor__full_name__icontains=text)
        )
    if query.date_from:
        events = events.filter(occurred_at__gte=_start_of(query.date_from))
    if query.date_to:
        events = events.filter(occurred_at__lt=_start_of(query.date_to + dt.timedelta(days=1)))
    return events.order_by("-occurred_at", "-id")


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.LONDON)


def scheme_organisations_list(*, actor: Actor) -> QuerySet[Organisation]:
    if actor.scheme is None or not actor.is_staff:
        raise PermissionDenied
    return Organisation.objects.filter(scheme=actor.scheme).order_by("kind", "name")


def council_get(*, actor: Actor, pk: str) -> Organisation:
    """A council in the actor's scheme, for scheme admins; 404 otherwise."""
    if actor.scheme is None or not actor.can(Capability.EDIT_SCHEME):
        raise Http404
    try:
        return Organisation.objects.get(pk=pk, scheme=actor.scheme, kind=OrganisationKind.COUNCIL)
    except (Organisation.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def councils_public_list(*, scheme: Scheme | None) -> list[Organisation]:
    """The partner councils, for the public site (no personal data)."""
    if scheme is None:
        return []
    return list(
        Organisation.objects.filter(scheme=scheme, kind=OrganisationKind.COUNCIL).order_by("name")
    )


def scheme_organisation_get(*, actor: Actor, pk: str) -> Organisation:
    """Any organisation in the actor's scheme, for scheme admins; 404 otherwise."""
    if actor.scheme is None or not actor.can(Capability.EDIT_SCHEME):
        raise Http404
    try:
        return Organisation.objects.get(pk=pk, scheme=actor.scheme)
    except (Organisation.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def scheme_organisations_overview(*, actor: Actor) -> QuerySet[Organisation]:
    """Every organisation in the scheme with how many people can work for it, for scheme admins."""
    if actor.scheme is None or not actor.can(Capability.EDIT_SCHEME):
        raise PermissionDenied
    return (
        Organisation.objects.filter(scheme=actor.scheme)
        .annotate(active_members=Count("memberships", filter=Q(memberships__is_active=True)))
        .order_by("kind", "name")
    )


def organisation_contact_get(*, actor: Actor, pk: str) -> Organisation:
    """An organisation whose contact details `actor` may change: any in the scheme for scheme
    admins, their own for organisation admins; 404 otherwise."""
    if actor.scheme is None or actor.organisation is None:
        raise Http404
    if actor.can(Capability.EDIT_SCHEME):
        found = Organisation.objects.filter(scheme=actor.scheme)
    elif actor.can(Capability.EDIT_ORGANISATION_CONTACT):
        found = Organisation.objects.filter(pk=actor.organisation.pk, scheme=actor.scheme)
    else:
        raise Http404
    try:
        return found.get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, ValidationError) as missing:
        raise Http404 from missing
