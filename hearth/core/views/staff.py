"""Staff pages of the shared kernel: home, audit log, scheme settings and organisations."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import selectors, services
from hearth.core.access.permissions import capability_required, request_actor, staff_only
from hearth.core.access.role_guide import ROLE_PURPOSE, tasks_for
from hearth.core.access.roles import Capability, OrganisationKind, Role
from hearth.core.audit import event_rows
from hearth.core.forms.staff import (
    AuditSearchForm,
    CouncilStatusForm,
    OrganisationContactForm,
    SchemeForm,
)
from hearth.core.forms.submit import form_submit, posted
from hearth.core.pages.home_sections import home_sections

AUDIT_PAGE_SIZE = 50


def _role_summaries(roles: frozenset[str]) -> list[dict[str, str]]:
    return [
        {"label": str(Role(r).label), "purpose": str(ROLE_PURPOSE.get(r, ""))}
        for r in sorted(roles)
    ]


@staff_only
def staff_home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if actor.is_landlord:
        return redirect("core:landlord_home")
    return render(
        request,
        "core/staff_home.html",
        {
            "roles": _role_summaries(actor.roles),
            "tasks": tasks_for(actor),
            "sections": home_sections(actor),
        },
    )


@staff_only
def landlord_home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.is_landlord:
        return redirect("core:staff_home")
    return render(
        request,
        "core/landlord_home.html",
        {
            "roles": _role_summaries(actor.roles),
            "tasks": tasks_for(actor),
            "sections": home_sections(actor),
        },
    )


@capability_required(Capability.VIEW_ORGANISATION_AUDIT)
def audit_search(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    whole_scheme = actor.can(Capability.VIEW_SCHEME_AUDIT)
    organisations = list(selectors.scheme_organisations_list(actor=actor)) if whole_scheme else []
    form = AuditSearchForm(request.GET or None, organisations=organisations)
    page = None
    if not request.GET or form.is_valid():
        query = form.to_filter() if request.GET else selectors.AuditFilter()
        events = selectors.audit_events_search(actor=actor, query=query)
        page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = event_rows(page.object_list, organisation=whole_scheme) if page is not None else []
    return render(
        request,
        "core/audit_search.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "whole_scheme": whole_scheme,
            "query_string": _without_page(request),
        },
    )


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@capability_required(Capability.EDIT_SCHEME)
def scheme_settings(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    scheme = actor.active_scheme()
    form = SchemeForm(
        posted(request),
        request.FILES or None,
        initial={"name": scheme.name, "colour": scheme.colour, "contact_text": scheme.contact_text},
        has_logo=bool(scheme.logo),
    )
    if done := form_submit(
        request,
        form,
        lambda data: services.scheme_update(
            actor=actor,
            scheme=scheme,
            name=data["name"],
            colour=data["colour"],
            contact_text=data["contact_text"],
            logo=data.get("logo"),
            logo_remove=bool(data.get("logo_remove")),
        ),
        success="core:scheme_settings",
        notice=_("Scheme settings saved"),
    ):
        return done
    councils = [
        o
        for o in selectors.scheme_organisations_list(actor=actor)
        if o.kind == OrganisationKind.COUNCIL
    ]
    return render(request, "core/scheme_settings.html", {"form": form, "councils": councils})


@capability_required(Capability.EDIT_SCHEME)
def council_status(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    council = selectors.council_get(actor=actor, pk=pk)
    form = CouncilStatusForm(posted(request), initial={"status": council.council_status})
    if done := form_submit(
        request,
        form,
        lambda data: services.council_status_set(
            actor=actor, organisation=council, status=data["status"]
        ),
        success="core:scheme_settings",
        notice=lambda _none: (
            _("%(council)s is now: %(status)s")
            % {"council": council.name, "status": form.status_label()}
        ),
    ):
        return done
    return render(request, "core/council_status.html", {"form": form, "council": council})


@capability_required(Capability.EDIT_SCHEME)
def organisations(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "core/organisations.html",
        {"organisations": list(selectors.scheme_organisations_overview(actor=actor))},
    )


@capability_required(Capability.EDIT_ORGANISATION_CONTACT)
def organisation_contact(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    organisation = selectors.organisation_contact_get(actor=actor, pk=pk)
    form = OrganisationContactForm(
        posted(request),
        initial={name: getattr(organisation, name) for name in services.CONTACT_FIELDS},
    )
    if done := form_submit(
        request,
        form,
        lambda data: services.organisation_contact_set(
            actor=actor,
            organisation=organisation,
            **{name: data[name] for name in services.CONTACT_FIELDS},
        ),
        success=reverse("core:organisation_contact", kwargs={"pk": organisation.pk}),
        notice=_("Contact details saved"),
    ):
        return done
    whole_scheme = actor.can(Capability.EDIT_SCHEME)
    return render(
        request,
        "core/organisation_contact.html",
        {
            "form": form,
            "organisation": organisation,
            "back_url": reverse("core:organisations")
            if whole_scheme
            else reverse("core:landlord_home" if actor.is_landlord else "core:staff_home"),
            "back_label": _("Back to organisations") if whole_scheme else _("Back to home"),
        },
    )
