"""The application lifecycle: its statuses, which can follow which, and what each means to an
applicant.

`ApplicationStatus` is the one list of statuses: the model field's choices, the staff forms'
options, the transitions and the applicant's wording all come from it. Pure: no ORM (a
`TextChoices` is only an enumeration). `hearth.register.services.application_status_move` is the
only code that changes an application's status, and it asks `transition_check` first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models.enums import TextChoices
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(TextChoices):
    """Where an application is. The labels are the officers' short names; `STATUS_TEXT` says
    what each means to the applicant."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PENDING_DOCUMENTS = "pending_documents", _("Waiting for documents")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    UNDER_OFFER = "under_offer", _("Under offer")
    HOUSED = "housed", _("Housed")
    CANCELLED = "cancelled", _("Cancelled")
    NOT_QUALIFYING = "not_qualifying", _("Does not qualify")
    UNDER_REVIEW = "under_review", _("Under review")


# Short names for the members, as the rules below and the services use them (typed as the
# plain text they compare equal to, as stored).
DRAFT: str = ApplicationStatus.DRAFT
SUBMITTED: str = ApplicationStatus.SUBMITTED
PENDING_DOCUMENTS: str = ApplicationStatus.PENDING_DOCUMENTS
ACTIVE: str = ApplicationStatus.ACTIVE
SUSPENDED: str = ApplicationStatus.SUSPENDED
UNDER_OFFER: str = ApplicationStatus.UNDER_OFFER
HOUSED: str = ApplicationStatus.HOUSED
CANCELLED: str = ApplicationStatus.CANCELLED
NOT_QUALIFYING: str = ApplicationStatus.NOT_QUALIFYING
UNDER_REVIEW: str = ApplicationStatus.UNDER_REVIEW

STATUSES: tuple[str, ...] = tuple(ApplicationStatus)

# A review of an accepted decision (band, date, bedrooms) leaves the application active, so the
# household can go on bidding; `under_review` is for a household told it does not qualify.
TRANSITIONS: dict[str, frozenset[str]] = {
    DRAFT: frozenset({SUBMITTED, CANCELLED}),
    SUBMITTED: frozenset({PENDING_DOCUMENTS, ACTIVE, NOT_QUALIFYING, CANCELLED}),
    PENDING_DOCUMENTS: frozenset({SUBMITTED, ACTIVE, NOT_QUALIFYING, CANCELLED}),
    ACTIVE: frozenset(
        {PENDING_DOCUMENTS, SUSPENDED, UNDER_OFFER, HOUSED, NOT_QUALIFYING, CANCELLED}
    ),
    SUSPENDED: frozenset({ACTIVE, CANCELLED}),
    UNDER_OFFER: frozenset({ACTIVE, HOUSED, SUSPENDED}),
    HOUSED: frozenset(),
    CANCELLED: frozenset({ACTIVE}),  # reinstatement, within REINSTATE_WITHIN_DAYS
    # Active again: a review changed the decision, or a fresh decision after circumstances
    # changed (which brings its own review rights).
    NOT_QUALIFYING: frozenset({UNDER_REVIEW, ACTIVE, CANCELLED}),
    UNDER_REVIEW: frozenset({ACTIVE, NOT_QUALIFYING, PENDING_DOCUMENTS, CANCELLED}),
}

# Statuses in which the household is on the register and may bid (bids arrive with lettings).
ON_REGISTER = frozenset({ACTIVE, UNDER_OFFER})
# Statuses an officer still has work on.
IN_PROGRESS = frozenset({SUBMITTED, PENDING_DOCUMENTS, UNDER_REVIEW})
# Finished: nothing more happens unless an officer reinstates.
CLOSED = frozenset({HOUSED, CANCELLED})

RENEWAL_EVERY_DAYS = 365
# Applicants have 8 weeks to renew; then the application is cancelled, with notice.
RENEWAL_GRACE_DAYS = 56
RENEWAL_REMINDER_DAYS = 28  # first reminder this long before the renewal date
REINSTATE_WITHIN_DAYS = 183  # six months: reinstated applications keep their original dates
EVIDENCE_DUE_DAYS = 28


class TransitionError(ValueError):
    """A status change the lifecycle does not allow; `message` says why in plain English."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class StatusText:
    label: str
    meaning: str  # what it means for the applicant, in plain English


STATUS_TEXT: dict[str, StatusText] = {
    DRAFT: StatusText(
        "Not sent yet", "You have started an application. Finish it and send it to us."
    ),
    SUBMITTED: StatusText(
        "Received", "We have your application. An officer will check it and tell you our decision."
    ),
    PENDING_DOCUMENTS: StatusText(
        "Waiting for documents",
        "We need documents from you before we can decide. See your tasks for what to send.",
    ),
    ACTIVE: StatusText(
        "On the housing register",
        "You are on the housing register and can bid for homes that match your needs.",
    ),
    SUSPENDED: StatusText(
        "Suspended",
        "You are on the register but cannot bid for now. Your messages say why and for how long.",
    ),
    UNDER_OFFER: StatusText(
        "Offered a home",
        "A landlord has offered you a home. Other bids are paused until you decide.",
    ),
    HOUSED: StatusText("Housed", "You have moved into your new home. Your application is closed."),
    CANCELLED: StatusText(
        "Cancelled",
        "Your application is closed. If this was in the last 6 months, contact us to reinstate it.",
    ),
    NOT_QUALIFYING: StatusText(
        "Does not qualify",
        "You do not qualify to join the housing register. Your decision letter says why.",
    ),
    UNDER_REVIEW: StatusText(
        "Decision being reviewed", "A senior officer is reviewing our decision, as you asked."
    ),
}


def transition_check(current: str, wanted: str) -> None:
    """Raise `TransitionError` unless `current` may become `wanted`."""
    if wanted not in TRANSITIONS:
        raise TransitionError(f"{wanted!r} is not an application status")
    if wanted not in TRANSITIONS.get(current, frozenset()):
        raise TransitionError(
            f"An application that is {STATUS_TEXT[current].label.lower()} cannot become "
            f"{STATUS_TEXT[wanted].label.lower()}"
        )


def reinstatement_allowed(cancelled_on: dt.date | None, today: dt.date) -> bool:
    """A cancelled application can be reinstated, keeping its dates, within six months."""
    return cancelled_on is not None and (today - cancelled_on).days <= REINSTATE_WITHIN_DAYS


def renewal_cancel_on(renewal_due_on: dt.date) -> dt.date:
    """The day an unrenewed application is cancelled: 8 weeks after the renewal date."""
    return renewal_due_on + dt.timedelta(days=RENEWAL_GRACE_DAYS)
