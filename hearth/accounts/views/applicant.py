"""Applicant accounts: create one, confirm the email address, and the account home page (drawn
by the app that registered it: the housing register's dashboard)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.accounts import services
from hearth.accounts.applicant_home import applicant_home_render
from hearth.accounts.forms import ApplicantRegisterForm
from hearth.core.access import applicant_only, public, request_actor
from hearth.core.form_errors import errors_onto_form
from hearth.core.request_origin import client_ip


def _scheme_name(request: HttpRequest) -> str:
    scheme = request_actor(request).scheme
    return scheme.name if scheme is not None else "Hearth"


@public
def register(request: HttpRequest) -> HttpResponse:
    if request_actor(request).is_authenticated:
        return redirect("accounts:landing")
    form = ApplicantRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.applicant_register(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                ip_address=client_ip(request),
                scheme_name=_scheme_name(request),
            )
        except ValidationError as problem:
            errors_onto_form(form, problem, plain_field="password")
        else:
            request.session["hearth_registered_email"] = form.cleaned_data["email"]
            return redirect("accounts:register_check_email")
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
    user_id = request.session.get("hearth_unverified_user")
    if request.method == "POST" and user_id:
        services.applicant_verification_resend(user_id=user_id, scheme_name=_scheme_name(request))
        return render(request, "accounts/email_unconfirmed.html", {"sent": True})
    return render(request, "accounts/email_unconfirmed.html", {"sent": False})


@applicant_only
def applicant_home(request: HttpRequest) -> HttpResponse:
    """The account home: the page the app holding the applicant's case registered."""
    return applicant_home_render(request)
