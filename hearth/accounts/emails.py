"""Account emails, sent after the transaction commits: a rolled-back change emails nobody."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse


def _absolute(path: str) -> str:
    return settings.HEARTH_BASE_URL.rstrip("/") + path


def email_send(*, to: str, template: str, context: dict[str, object]) -> None:
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def verification_email_send(*, to: str, name: str, scheme_name: str, token: str) -> None:
    link = _absolute(reverse("accounts:email_verify", kwargs={"token": token}))
    email_send(
        to=to,
        template="verify",
        context={
            "name": name,
            "link": link,
            "scheme_name": scheme_name,
            "days": settings.HEARTH_EMAIL_VERIFICATION_DAYS,
        },
    )


def invitation_email_send(
    *, to: str, name: str, organisation: str, inviter: str, scheme_name: str, token: str
) -> None:
    link = _absolute(reverse("accounts:invitation_accept", kwargs={"token": token}))
    email_send(
        to=to,
        template="invitation",
        context={
            "name": name,
            "organisation": organisation,
            "inviter": inviter,
            "link": link,
            "scheme_name": scheme_name,
            "days": settings.HEARTH_INVITATION_DAYS,
        },
    )
