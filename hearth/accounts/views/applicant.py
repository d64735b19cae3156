"""Applicant accounts: create one, confirm the email address, and the account home page (drawn
by the app that registered it: the housing register's dashboard)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.accounts import services
from hearth.accounts.forms import ApplicantRegisterForm, VerificationResendForm
from hearth.accounts.web.applicant_home import applicant_home_render
from hearth.core.access.permissions import applicant_only, public, request_actor
from hearth.core.access.request_origin import client_ip
from hearth.core.forms.submit import form_submit, posted, refusal


def _scheme_name(request: HttpRequest) -> str:
    scheme = request_actor(request).scheme
    return scheme.name if scheme is not None else "Hearth"


def _check_your_email(request: HttpRequest, email: str) -> HttpResponse:
    request.session["hearth_registered_email"] = email
    return redirect("accounts:register_check_email")


@public
def register(request: HttpRequest) -> HttpResponse:
    if request_actor(request).is_authenticated:
        return redirect("accounts:landing")
    form = ApplicantRegisterForm(posted(request))
    if done := form_submit(
        request,
        form,
        lambda data: services.applicant_register(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password"],
            ip_address=client_ip(request),
            scheme_name=_scheme_name(request),
        ),
        success=lambda _user: _check_your_email(request, form.cleaned_data["email"]),
        plain_field="password",
    ):
        return done
    return render(request, "accounts/register.html", {"form": form})


@public
def register_check_email(request: HttpRequest) -> HttpResponse:
    email = request.session.get("hearth_registered_email", "")
    return render(request, "accounts/register_check_email.html", {"email": email})


@public
def email_verify(request: HttpRequest, token: str) -> HttpResponse:
    user = services.email_verify(token=token, ip_address=client_ip(request))
    return render(request, "accounts/email_verified.html", {"verified": user is not None})


@public
def email_unconfirmed(request: HttpRequest) -> HttpResponse:
    """Shown when an applicant signs in before confirming their address; offers a new link."""
    user_id: str = request.session.get("hearth_unverified_user", "")
    # A one-time form: pressing the button twice (or going back and pressing it) sends one link.
    form = VerificationResendForm(posted(request) if user_id else None)
    if done := form_submit(
        request,
        form,
        lambda _data: services.applicant_verification_resend(
            user_id=user_id, scheme_name=_scheme_name(request)
        ),
        success=lambda _none: render(request, "accounts/email_unconfirmed.html", {"sent": True}),
        once=_("We have already sent you a new link. Open it to confirm your email address."),
        repeat_to=lambda _none: reverse("accounts:email_unconfirmed"),
    ):
        return done
    problem = refusal(form)
    return render(request, "accounts/email_unconfirmed.html", {"sent": False, "problem": problem})


@applicant_only
def applicant_home(request: HttpRequest) -> HttpResponse:
    """The account home: the page the app holding the applicant's case registered."""
    return applicant_home_render(request)
