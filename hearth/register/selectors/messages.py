"""Reads of the register: messages (scoped to the actor).

A thread is a first message (`reply_to` empty) and its replies. The applicant reads their own
threads; officers of the council see them on the application page.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse

from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.register.models import Application, Message
from hearth.register.rules.permissions import is_council_officer, is_owner
from hearth.register.selectors.applications import applications_visible

PANEL_THREADS = 10


@dataclass(frozen=True)
class Thread:
    first: Message
    replies: list[Message]
    last_sent: Any
    unread: int  # messages in it the reader has not read yet

    @property
    def messages(self) -> list[Message]:
        return [self.first, *self.replies]

    @property
    def count(self) -> int:
        return 1 + len(self.replies)


def _threads(application: Application, *, unread_from_applicant: bool) -> QuerySet[Message]:
    """First messages of `application`'s threads, newest activity first, each with its replies,
    when it was last added to, and how many of the other side's messages are unread."""
    unread = Q(read_at__isnull=True, from_applicant=unread_from_applicant)
    reply_unread = Q(replies__read_at__isnull=True, replies__from_applicant=unread_from_applicant)
    return (
        Message.objects.filter(application=application, reply_to__isnull=True)
        .select_related("author")
        .annotate(
            last_in_thread=Max("replies__sent_at"),
            replies_unread=Count("replies", filter=reply_unread),
        )
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Message.objects.select_related("author").order_by("sent_at", "id"),
            )
        )
        .annotate(first_unread=Count("id", filter=unread, distinct=True))
    )


def _as_threads(rows: QuerySet[Message] | list[Message]) -> list[Thread]:
    threads = [
        Thread(
            first=row,
            replies=list(row.replies.all()),
            last_sent=max(row.sent_at, row.last_in_thread or row.sent_at),  # type: ignore[attr-defined]
            unread=row.first_unread + row.replies_unread,  # type: ignore[attr-defined]
        )
        for row in rows
    ]
    threads.sort(key=lambda thread: (thread.last_sent, str(thread.first.pk)), reverse=True)
    return threads


def message_threads(*, actor: Actor, application: Application) -> list[Thread]:
    """The applicant's threads, newest activity first (unread: the council's messages)."""
    if not is_owner(actor, application.household):
        raise Http404
    return _as_threads(_threads(application, unread_from_applicant=False))


def messages_unread_count(*, actor: Actor, application: Application) -> int:
    """How many of the council's messages the applicant has not read."""
    if not is_owner(actor, application.household):
        return 0
    return Message.objects.filter(
        application=application, from_applicant=False, read_at__isnull=True
    ).count()


def applicant_unread_message_count(*, actor: Actor) -> int:
    """How many of the council's messages the signed-in applicant has not read yet, across
    their applications (one query; none for anyone who is not an applicant)."""
    if not actor.is_applicant or actor.user is None:
        return 0
    return Message.objects.filter(
        application__household__applicant=actor.user, from_applicant=False, read_at__isnull=True
    ).count()


def message_thread_get(*, actor: Actor, pk: uuid.UUID | str) -> Thread:
    """One of the applicant's threads (by any message in it), or 404."""
    mine = applications_visible(actor=actor) if actor.is_applicant else Application.objects.none()
    try:
        message = Message.objects.select_related(
            "application", "application__household", "application__household__council"
        ).get(pk=pk, application__in=mine)
    except (Message.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404 from missing
    root_pk = message.reply_to_id or message.pk
    row = _threads(message.application, unread_from_applicant=False).get(pk=root_pk)
    return _as_threads([row])[0]


def message_in_application(*, application: Application, pk: str) -> Message | None:
    """The first message of the thread `pk` belongs to, if it is on `application` (which the
    caller got through a scoped selector); None otherwise."""
    try:
        found = Message.objects.select_related("reply_to").get(pk=pk, application=application)
    except (Message.DoesNotExist, ValidationError, ValueError):
        return None
    return found.reply_to or found


def messages_panel(*, actor: Actor, application: Application) -> dict[str, Any]:
    """What the officer's application page shows about messages (template
    register/workspace/application/_messages.html), in a fixed number of queries."""
    household = application.household
    if not is_council_officer(actor, household, Capability.VIEW_REGISTER):
        return {}
    rows = list(_threads(application, unread_from_applicant=True))
    threads = _as_threads(rows)
    can_write = is_council_officer(actor, household, Capability.ASSESS_APPLICATIONS)
    return {
        "message_threads": threads[:PANEL_THREADS],
        "message_threads_more": max(0, len(threads) - PANEL_THREADS),
        "message_unread_replies": sum(thread.unread for thread in threads),
        "message_new_url": (
            reverse("register:message_new", kwargs={"pk": application.pk}) if can_write else ""
        ),
        "message_application": application,
    }
