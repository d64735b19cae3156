"""Following an invitation link: a new colleague sets a password, an existing one just joins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.accounts import selectors, services
from hearth.accounts.actor_resolve import ACTIVE_ORGANISATION_SESSION_KEY
from hearth.accounts.forms import InvitationAcceptForm
from hearth.core import clock
from hearth.core.access import public, request_actor
from hearth.core.form_errors import errors_onto_form
from hearth.core.request_origin import client_ip
from hearth.core.roles import Role


@public
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token=token)
    usable = invitation is not None and invitation.is_open and invitation.expires_at > clock.now()
    if invitation is None or not usable:
        return render(request, "accounts/invitation_unusable.html", {"invitation": invitation})
    actor = request_actor(request)
    signed_in_user = actor.user
    form = (
        InvitationAcceptForm(request.POST or None, initial={"full_name": invitation.full_name})
        if signed_in_user is None
        else None
    )
    problem = ""
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            membership = services.invitation_accept(
                token=token,
                user=signed_in_user,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password"] if form else "",
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            if form is not None:
                errors_onto_form(form, error, plain_field="password")
            else:
                problem = " ".join(error.messages)
        else:
            if signed_in_user is None:
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[ACTIVE_ORGANISATION_SESSION_KEY] = str(membership.organisation_id)
            messages.success(
                request,
                _("You have joined %(organisation)s") % {"organisation": membership.organisation},
            )
            return redirect("accounts:landing")
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "role_labels": [str(Role(r).label) for r in invitation.roles],
            "form": form,
            "problem": problem,
        },
    )
