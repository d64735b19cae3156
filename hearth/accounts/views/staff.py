"""Organisation admins manage their own staff; staff switch the organisation they act for."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.accounts import selectors, services
from hearth.accounts.actor_resolve import ACTIVE_ORGANISATION_SESSION_KEY
from hearth.accounts.forms import InvitationForm, MembershipRolesForm, OrganisationSwitchForm
from hearth.core.access import capability_required, request_actor, staff_only
from hearth.core.audit import record_viewed
from hearth.core.form_errors import errors_onto_form
from hearth.core.models import Organisation
from hearth.core.roles import Capability
from hearth.core.selectors import scheme_organisation_get

manage_staff = capability_required(Capability.MANAGE_STAFF)


@manage_staff
def team_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "accounts/team_list.html",
        {
            "members": list(selectors.team_members_list(actor=actor)),
            "invitations": list(selectors.invitations_open_list(actor=actor)),
            "organisation": actor.organisation,
        },
    )


def _invitation_page(
    request: HttpRequest, organisation: Organisation, *, done: str, own: bool
) -> HttpResponse:
    actor = request_actor(request)
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=actor,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                roles=form.cleaned_data["roles"],
                organisation=organisation,
            )
        except ValidationError as problem:
            errors_onto_form(form, problem)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s") % {"email": invitation.email},
            )
            return redirect(done)
    return render(
        request,
        "accounts/invitation_new.html",
        {"form": form, "organisation": organisation, "back_url": reverse(done), "own": own},
    )


@manage_staff
def invitation_new(request: HttpRequest) -> HttpResponse:
    organisation = request_actor(request).active_organisation()
    return _invitation_page(request, organisation, done="accounts:team_list", own=True)


@capability_required(Capability.EDIT_SCHEME)
def organisation_invitation_new(request: HttpRequest, pk: str) -> HttpResponse:
    """Scheme admins invite the first people into any organisation, such as a new landlord."""
    organisation = scheme_organisation_get(actor=request_actor(request), pk=pk)
    return _invitation_page(request, organisation, done="core:organisations", own=False)


@manage_staff
def invitation_withdraw(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    invitation = selectors.invitation_get(actor=actor, pk=pk)
    if request.method == "POST":
        try:
            services.invitation_withdraw(actor=actor, invitation=invitation)
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(
                request, _("Invitation for %(email)s withdrawn") % {"email": invitation.email}
            )
        return redirect("accounts:team_list")
    return render(request, "accounts/invitation_withdraw.html", {"invitation": invitation})


@manage_staff
def team_member(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    membership = selectors.team_member_get(actor=actor, pk=pk)
    form = MembershipRolesForm(
        request.POST or None,
        organisation=actor.active_organisation(),
        initial={"roles": sorted(membership.role_names())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_roles_set(
                actor=actor, membership=membership, roles=form.cleaned_data["roles"]
            )
        except ValidationError as problem:
            errors_onto_form(form, problem)
        else:
            messages.success(
                request, _("Roles updated for %(name)s") % {"name": membership.user.full_name}
            )
            return redirect("accounts:team_member", pk=membership.pk)
    if request.method == "GET":
        record_viewed(actor=actor, target=membership.user, organisation=actor.organisation)
    return render(request, "accounts/team_member.html", {"membership": membership, "form": form})


def _membership_active_view(request: HttpRequest, pk: str, *, active: bool) -> HttpResponse:
    actor = request_actor(request)
    membership = selectors.team_member_get(actor=actor, pk=pk)
    problem_text = ""
    if request.method == "POST":
        try:
            services.membership_active_set(actor=actor, membership=membership, active=active)
        except ValidationError as problem:
            problem_text = " ".join(problem.messages)
        else:
            template = (
                _("%(name)s can use Hearth again") if active else _("%(name)s has been deactivated")
            )
            messages.success(request, template % {"name": membership.user.full_name})
            return redirect("accounts:team_member", pk=membership.pk)
    return render(
        request,
        "accounts/team_member_active.html",
        {"membership": membership, "active": active, "problem": problem_text},
    )


@manage_staff
def team_member_deactivate(request: HttpRequest, pk: str) -> HttpResponse:
    return _membership_active_view(request, pk, active=False)


@manage_staff
def team_member_two_factor_reset(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    membership = selectors.team_member_get(actor=actor, pk=pk)
    problem_text = ""
    if request.method == "POST":
        try:
            services.two_factor_reset(actor=actor, membership=membership)
        except ValidationError as problem:
            problem_text = " ".join(problem.messages)
        else:
            messages.success(
                request,
                _("%(name)s will set up a new authenticator app next time they sign in")
                % {"name": membership.user.full_name},
            )
            return redirect("accounts:team_member", pk=membership.pk)
    return render(
        request,
        "accounts/team_member_two_factor.html",
        {"membership": membership, "problem": problem_text},
    )


@manage_staff
def team_member_reactivate(request: HttpRequest, pk: str) -> HttpResponse:
    return _membership_active_view(request, pk, active=True)


@staff_only
def organisation_switch(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    memberships = selectors.staff_memberships_list(actor=actor)
    choices = [(str(m.organisation_id), m.organisation.name) for m in memberships]
    current = str(actor.organisation.pk) if actor.organisation else None
    form = OrganisationSwitchForm(
        request.POST or None, choices=choices, initial={"organisation": current}
    )
    if request.method == "POST" and form.is_valid():
        chosen = next(
            m for m in memberships if str(m.organisation_id) == form.cleaned_data["organisation"]
        )
        request.session[ACTIVE_ORGANISATION_SESSION_KEY] = str(chosen.organisation_id)
        services.active_organisation_record(actor=actor, organisation=chosen.organisation)
        messages.success(
            request, _("You are now working for %(name)s") % {"name": chosen.organisation.name}
        )
        return redirect("accounts:landing")
    return render(
        request,
        "accounts/organisation_switch.html",
        {"form": form, "memberships": memberships},
    )


@staff_only
def staff_account(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "accounts/staff_account.html",
        {"memberships": selectors.staff_memberships_list(actor=actor)},
    )
