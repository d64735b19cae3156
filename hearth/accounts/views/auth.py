"""Signing in and out, two-factor checks, and password resets — for staff and applicants alike."""

from __future__ import annotations

from base64 import b32encode
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from hearth.accounts import selectors, services
from hearth.accounts.forms import (
    PasswordNewForm,
    PasswordResetRequestForm,
    SignInForm,
    TwoFactorCodeForm,
)
from hearth.accounts.models import User
from hearth.accounts.web.actor_resolve import actor_for_request
from hearth.core.access.permissions import public, request_actor, signed_in, staff_only
from hearth.core.access.request_origin import client_ip
from hearth.core.forms.submit import posted


def _next_url(request: HttpRequest) -> str | None:
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


@public
def sign_in(request: HttpRequest) -> HttpResponse:
    if request_actor(request).is_authenticated and request.method == "GET":
        return redirect("accounts:landing")
    form = SignInForm(request, data=posted(request))
    if request.method == "POST" and form.is_valid():
        user: User = form.get_user()
        if user.is_applicant and user.email_verified_at is None:
            request.session["hearth_unverified_user"] = str(user.pk)
            return redirect("accounts:email_unconfirmed")
        login(request, user)
        actor = actor_for_request(request)
        services.sign_in_record(actor=actor, user=user)
        if actor.is_staff and settings.HEARTH_STAFF_2FA_REQUIRED:
            nxt = _next_url(request)
            target = reverse("accounts:two_factor")
            return redirect(f"{target}?next={nxt}" if nxt else target)
        return HttpResponseRedirect(_next_url(request) or reverse("accounts:landing"))
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": _next_url(request) or ""},
    )


@require_POST
@public
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out"))
    return redirect("publishing:home")


@signed_in
def landing(request: HttpRequest) -> HttpResponse:
    """Send each person to their own home page."""
    actor = request_actor(request)
    if actor.is_staff:
        return redirect("core:landlord_home" if actor.is_landlord else "core:staff_home")
    if actor.is_applicant:
        return redirect("accounts:applicant_home")
    return render(request, "accounts/no_access.html")


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _code_problem(allowed: bool) -> str:
    if not allowed:
        # After a wrong code the next try must wait a little longer each time.
        return _("Too many wrong codes. Wait a minute, then enter the newest code from your app")
    return _("The security code is not right. Check your app and try again")


@staff_only
def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the code from the staff member's authenticator; set one up first if needed."""
    actor = request_actor(request)
    device = selectors.totp_device_confirmed(user=actor.signed_in_user())
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = TwoFactorCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        allowed, _why = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request) or reverse("accounts:landing"))
        form.add_error("code", _code_problem(allowed))
    return render(
        request, "accounts/two_factor.html", {"form": form, "next": _next_url(request) or ""}
    )


@staff_only
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    user = actor.signed_in_user()
    if (
        selectors.totp_device_confirmed(user=user) is not None
        and not getattr(request.user, "is_verified", lambda: False)()
    ):
        # Replacing an authenticator needs the current one first.
        return redirect("accounts:two_factor")
    device = services.totp_device_pending(user=user)
    form = TwoFactorCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(actor=actor, device=device, code=form.cleaned_data["code"]):
            device.refresh_from_db()
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up"))
            return redirect("accounts:landing")
        form.add_error("code", _code_problem(device.verify_is_allowed()[0]))
    secret = b32encode(device.bin_key).decode().rstrip("=")
    context: dict[str, Any] = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        # Grouped in fours so it can be typed into an app by hand.
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/two_factor_setup.html", context)


class PasswordResetRequest(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")


class PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetNew(auth_views.PasswordResetConfirmView):
    form_class = PasswordNewForm  # type: ignore[assignment]
    template_name = "accounts/password_reset_new.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        services.password_set(
            user=self.user,  # type: ignore[arg-type]  # set by dispatch() for a valid link
            password=form.cleaned_data["password"],
            ip_address=client_ip(self.request),
            reason="reset link",
        )
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


password_reset = public(PasswordResetRequest.as_view())
password_reset_sent = public(PasswordResetSent.as_view())
password_reset_new = public(PasswordResetNew.as_view())
password_reset_complete = public(PasswordResetComplete.as_view())
