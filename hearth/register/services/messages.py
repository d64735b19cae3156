"""Messages between officers and applicants, in the applicant's account.

A thread is a first message and its replies (replies always point at the first message). When
a message goes to an applicant who has an email address, a short email tells them to sign in
and read it: the email never carries the message or anything personal.

What the council's own messages say (a document asked for, a decision, a renewal reminder) is
written in templates, one pair per `CouncilMessage` kind, under
``register/templates/register/messages/`` (see `hearth.core.pages.message_text`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.audit import audit_record, changes_of
from hearth.core.pages.message_text import message_text_render
from hearth.register.models import Application, Message
from hearth.register.rules.permissions import is_council_officer, is_owner

SUBJECT_MAX = 150
BODY_MAX = 5000


def _clean(*, subject: str, body: str) -> tuple[str, str]:
    subject, body = subject.strip(), body.strip()
    errors: dict[str, str] = {}
    if not subject:
        errors["subject"] = "Enter a subject"
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = f"Subject must be {SUBJECT_MAX} characters or fewer"
    if not body:
        errors["body"] = "Enter your message"
    elif len(body) > BODY_MAX:
        errors["body"] = f"Your message must be {BODY_MAX:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    return subject, body


def message_send(
    *,
    actor: Actor,
    application: Application,
    subject: str,
    body: str,
    reply_to: Message | None = None,
) -> Message:
    """Send a message in `application`'s account: from the applicant, or from an officer of its
    council (register officers and team leaders). A reply joins the first message's thread."""
    household = application.household
    if is_owner(actor, household):
        from_applicant = True
    elif is_council_officer(actor, household, Capability.ASSESS_APPLICATIONS):
        from_applicant = False
    else:
        raise PermissionDenied
    root = None
    if reply_to is not None:
        if reply_to.application_id != application.pk:
            raise PermissionDenied
        root = reply_to.reply_to or reply_to
        subject = subject or f"Re: {root.subject}"[:SUBJECT_MAX]
    subject, body = _clean(subject=subject, body=body)
    with transaction.atomic():
        message = Message.objects.create(
            application=application,
            from_applicant=from_applicant,
            author=actor.user,
            subject=subject,
            body=body,
            sent_at=clock.now(),
            reply_to=root,
        )
        if root is not None:
            # Answering a thread means the other side's messages in it have been read.
            _thread(root).filter(from_applicant=not from_applicant, read_at__isnull=True).update(
                read_at=message.sent_at
            )
        audit_record(
            actor=actor,
            verb="message.sent",
            target=message,
            organisation=household.council,
            label=f"Message on {household.reference}",
            changes=changes_of(
                context={
                    "from_applicant": from_applicant,
                    "reply_to": str(root.pk) if root else None,
                }
            ),
        )
        if not from_applicant:
            _email_after_commit(application)
    return message


class CouncilMessage(enum.StrEnum):
    """The messages the system sends an applicant for the council. Each is the template pair
    ``register/messages/<kind>_subject.txt`` and ``register/messages/<kind>.txt``."""

    EVIDENCE_REQUESTED = "evidence_requested"  # request
    EVIDENCE_NOT_NEEDED = "evidence_not_needed"  # request, reason
    EVIDENCE_NOT_ACCEPTED = "evidence_not_accepted"  # document, request (or None), note
    EVIDENCE_REMINDER = "evidence_reminder"  # request
    DECISION = "decision"  # decision, headline
    REVIEW_RECEIVED = "review_received"  # outcome_by
    REVIEW_OUTCOME = "review_outcome"  # reasons, new_decision (None if upheld)
    REVIEW_WITHDRAWN = "review_withdrawn"  # decision, may_ask_again
    RENEWAL_REMINDER = "renewal_reminder"  # due_on, cancel_on
    RENEWAL_CANCELLED = "renewal_cancelled"  # due_on
    # Lettings: offers of homes and what became of a bid (sent by `hearth.lettings` services).
    OFFER_NOMINATED = "offer_nominated"  # offer
    OFFER_MADE = "offer_made"  # offer, working_days, landlord
    OFFER_WITHDRAWN = "offer_withdrawn"  # offer, was_offered
    OFFER_REFUSED = "offer_refused"  # offer, by_landlord, counts, count, suspended_until, rule
    OFFER_ACCEPTED = "offer_accepted"  # offer, landlord, other_bids
    BID_BYPASSED = "bid_bypassed"  # advert, reason_text
    BID_BYPASS_UNDONE = "bid_bypass_undone"  # advert


def message_from_council_send(
    *, application: Application, kind: CouncilMessage, context: Mapping[str, Any]
) -> Message:
    """A message the system sends for the council (renewal reminders, notices), its words
    rendered from `kind`'s templates with `context`. Runs inside the caller's transaction,
    which records its own audit event."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("message_from_council_send must run inside a transaction")
    text = message_text_render(app="register", kind=kind, context=context)
    message = Message.objects.create(
        application=application,
        from_applicant=False,
        author=None,
        subject=text.subject[:SUBJECT_MAX],
        body=text.body,
        sent_at=clock.now(),
    )
    _email_after_commit(application)
    return message


def message_thread_read(*, actor: Actor, message: Message) -> int:
    """The applicant opened a thread: the council's messages in it are now read."""
    if not is_owner(actor, message.application.household):
        raise PermissionDenied
    root = message.reply_to or message
    now = clock.now()
    with transaction.atomic():
        done = _thread(root).filter(from_applicant=False, read_at__isnull=True).update(read_at=now)
        if done:
            audit_record(
                actor=actor,
                verb="message.read",
                target=root,
                organisation=message.application.household.council,
                label=f"Message on {message.application.household.reference}",
                changes=changes_of(context={"messages": done}),
            )
    return done


def _thread(root: Message) -> QuerySet[Message]:
    return Message.objects.filter(Q(pk=root.pk) | Q(reply_to=root))


def _email_after_commit(application: Application) -> None:
    applicant = application.household.applicant
    if applicant is None or not applicant.email:
        return
    address = applicant.email
    scheme = application.household.council.scheme
    scheme_name = scheme.name if scheme is not None else "Hearth"
    transaction.on_commit(lambda: new_message_email_send(to=address, scheme_name=scheme_name))


def new_message_email_send(*, to: str, scheme_name: str) -> None:
    """Tell an applicant a message is waiting. No names, no content: sign in to read it."""
    context = {
        "scheme_name": scheme_name,
        "link": settings.HEARTH_BASE_URL.rstrip("/") + reverse("register:messages"),
    }
    subject = render_to_string("register/messages/email/new_message_subject.txt", context).strip()
    body = render_to_string("register/messages/email/new_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
