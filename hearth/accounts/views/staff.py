"""Organisation admins manage their own staff; staff switch the organisation they act for."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.accounts import selectors, services
from hearth.accounts.forms import InvitationForm, MembershipRolesForm, OrganisationSwitchForm
from hearth.accounts.web.actor_resolve import ACTIVE_ORGANISATION_SESSION_KEY
from hearth.core.access.permissions import capability_required, request_actor, staff_only
from hearth.core.access.roles import Capability
from hearth.core.audit import record_viewed
from hearth.core.forms.submit import ButtonForm, form_submit, posted, refusal
from hearth.core.models import Organisation
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
    form = InvitationForm(posted(request), organisation=organisation)
    if sent := form_submit(
        request,
        form,
        lambda data: services.invitation_create(
            actor=actor,
            email=data["email"],
            full_name=data["full_name"],
            roles=data["roles"],
            organisation=organisation,
        ),
        success=done,
        notice=lambda invitation: _("Invitation sent to %(email)s") % {"email": invitation.email},
    ):
        return sent
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
        posted(request),
        organisation=actor.active_organisation(),
        initial={"roles": sorted(membership.role_names())},
    )
    if done := form_submit(
        request,
        form,
        lambda data: services.membership_roles_set(
            actor=actor, membership=membership, roles=data["roles"]
        ),
        success=reverse("accounts:team_member", kwargs={"pk": membership.pk}),
        notice=_("Roles updated for %(name)s") % {"name": membership.user.full_name},
    ):
        return done
    if request.method == "GET":
        record_viewed(actor=actor, target=membership.user, organisation=actor.organisation)
    return render(request, "accounts/team_member.html", {"membership": membership, "form": form})


def _membership_active_view(request: HttpRequest, pk: str, *, active: bool) -> HttpResponse:
    actor = request_actor(request)
    membership = selectors.team_member_get(actor=actor, pk=pk)
    form = ButtonForm(posted(request))
    done_text = _("%(name)s can use Hearth again") if active else _("%(name)s has been deactivated")
    if done := form_submit(
        request,
        form,
        lambda _data: services.membership_active_set(
            actor=actor, membership=membership, active=active
        ),
        success=reverse("accounts:team_member", kwargs={"pk": membership.pk}),
        notice=done_text % {"name": membership.user.full_name},
    ):
        return done
    return render(
        request,
        "accounts/team_member_active.html",
        {"membership": membership, "active": active, "problem": refusal(form)},
    )


@manage_staff
def team_member_deactivate(request: HttpRequest, pk: str) -> HttpResponse:
    return _membership_active_view(request, pk, active=False)


@manage_staff
def team_member_two_factor_reset(request: HttpRequest, pk: str) -> HttpResponse:
    actor = request_actor(request)
    membership = selectors.team_member_get(actor=actor, pk=pk)
    form = ButtonForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda _data: services.two_factor_reset(actor=actor, membership=membership),
        success=reverse("accounts:team_member", kwargs={"pk": membership.pk}),
        notice=_("%(name)s will set up a new authenticator app next time they sign in")
        % {"name": membership.user.full_name},
    ):
        return done
    return render(
        request,
        "accounts/team_member_two_factor.html",
        {"membership": membership, "problem": refusal(form)},
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
        posted(request), choices=choices, initial={"organisation": current}
    )

    def switch(data: dict[str, Any]) -> Organisation:
        chosen = next(m for m in memberships if str(m.organisation_id) == data["organisation"])
        request.session[ACTIVE_ORGANISATION_SESSION_KEY] = str(chosen.organisation_id)
        services.active_organisation_record(actor=actor, organisation=chosen.organisation)
        return chosen.organisation

    if done := form_submit(
        request,
        form,
        switch,
        success="accounts:landing",
        notice=lambda chosen: _("You are now working for %(name)s") % {"name": chosen.name},
    ):
        return done
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
