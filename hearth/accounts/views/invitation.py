"""Following an invitation link: a new colleague sets a password, an existing one just joins."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.accounts import selectors, services
from hearth.accounts.forms import InvitationAcceptForm
from hearth.accounts.models import Membership
from hearth.accounts.web.actor_resolve import ACTIVE_ORGANISATION_SESSION_KEY
from hearth.core import clock
from hearth.core.access.permissions import public, request_actor
from hearth.core.access.request_origin import client_ip
from hearth.core.access.roles import Role
from hearth.core.forms.submit import form_submit, posted


@public
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token=token)
    usable = invitation is not None and invitation.is_open and invitation.expires_at > clock.now()
    if invitation is None or not usable:
        return render(request, "accounts/invitation_unusable.html", {"invitation": invitation})
    actor = request_actor(request)
    signed_in_user = actor.user
    # Someone new sets their name and password; someone signed in joins with one button.
    form = (
        InvitationAcceptForm(posted(request), initial={"full_name": invitation.full_name})
        if signed_in_user is None
        else None
    )

    def accept(data: dict[str, Any]) -> Membership:
        return services.invitation_accept(
            token=token,
            user=signed_in_user,
            full_name=data.get("full_name", ""),
            password=data.get("password", ""),
            ip_address=client_ip(request),
        )

    def joined(membership: Membership) -> HttpResponse:
        if signed_in_user is None:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[ACTIVE_ORGANISATION_SESSION_KEY] = str(membership.organisation_id)
        return redirect("accounts:landing")

    joined_notice = _("You have joined %(organisation)s")
    problem = ""
    if form is not None:
        done = form_submit(
            request,
            form,
            accept,
            success=joined,
            notice=lambda membership: joined_notice % {"organisation": membership.organisation},
            plain_field="password",
        )
        if done:
            return done
    elif request.method == "POST":
        try:
            membership = accept({})
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, joined_notice % {"organisation": membership.organisation})
            return joined(membership)
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
