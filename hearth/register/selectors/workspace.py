"""The officer's workspace: work queues and register search, only in the officer's council.

Every read here is a bounded number of queries whatever the size of the register: a count and
one page of rows per queue, and for search results one page plus the lead applicant and the
current postcode of the households on that page. Search uses the indexes of migration
0004_staff_search_indexes (name prefixes, date of birth, current postcode).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import Model, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability
from hearth.core.pages.pagination import CappedKeysPaginator, CappedPaginator
from hearth.register.models import (
    Application,
    AssessmentOverride,
    CircumstanceChange,
    CircumstanceChangeStatus,
    DocumentStatus,
    DuplicateFlag,
    DuplicateFlagStatus,
    EvidenceDocument,
    OverrideStatus,
    Person,
    RegisterSearchName,
    Relationship,
    ReviewRequest,
    ReviewStatus,
)
from hearth.register.rules import lifecycle
from hearth.register.selectors.applications import applications_visible

PAGE_SIZE = 25
# A search lists at most this many applications (ten pages): past that, the officer is asked to
# add to the search. Nobody reads further, and finding more costs time on every search.
SEARCH_UP_TO = 250
RENEWAL_WINDOW_DAYS = 28
# The workspace home counts each queue up to this many ("more than 1,000"): counting a
# long queue exactly costs time that grows with the register; its own page counts it all.
COUNT_UP_TO = 100


# --- Work queues ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    """One piece of waiting work: whose application, what it is, since when."""

    application: Application
    what: str
    since: dt.date
    days: int  # days waiting; for renewals, days overdue (negative: due in that many days)
    record: Model

    @property
    def due_in(self) -> int:
        """For something not yet due: in how many days."""
        return max(0, -self.days)


@dataclass(frozen=True)
class Queue:
    slug: str
    title: str | Promise
    description: str | Promise
    capability: Capability
    rows: Callable[[Actor, dt.date], QuerySet[Any]]
    row: Callable[[Any, dt.date], QueueRow]


def _council(actor: Actor) -> Q:
    # Queue items carry their application's council, so the queue's index on (council, status,
    # date, id) counts and pages it without joining the council's applications.
    return Q(council=actor.active_organisation())


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, clock.LONDON).date()


def _waiting(
    application: Application, what: str, since: dt.date, today: dt.date, record: Model
) -> QueueRow:
    return QueueRow(application, what, since, (today - since).days, record)


def _new(actor: Actor, today: dt.date) -> QuerySet[Application]:
    return (
        applications_visible(actor=actor)
        .filter(status=lifecycle.SUBMITTED)
        .order_by("status_changed_at", "id")
    )


def _evidence(actor: Actor, today: dt.date) -> QuerySet[EvidenceDocument]:
    return (
        EvidenceDocument.objects.filter(_council(actor), status=DocumentStatus.UNCHECKED)
        .select_related("application__household")
        .order_by("uploaded_at", "id")
    )


def _changes(actor: Actor, today: dt.date) -> QuerySet[CircumstanceChange]:
    return (
        CircumstanceChange.objects.filter(_council(actor), status=CircumstanceChangeStatus.OPEN)
        .select_related("application__household")
        .order_by("reported_at", "id")
    )


def _reviews(actor: Actor, today: dt.date) -> QuerySet[ReviewRequest]:
    return (
        ReviewRequest.objects.filter(_council(actor), status=ReviewStatus.REQUESTED)
        .select_related("application__household")
        .order_by("requested_on", "id")
    )


def _renewals(actor: Actor, today: dt.date) -> QuerySet[Application]:
    return (
        applications_visible(actor=actor)
        .filter(
            status__in=sorted(lifecycle.ON_REGISTER),
            renewal_due_on__lte=today + dt.timedelta(days=RENEWAL_WINDOW_DAYS),
        )
        .order_by("renewal_due_on", "id")
    )


def _overrides(actor: Actor, today: dt.date) -> QuerySet[AssessmentOverride]:
    return (
        AssessmentOverride.objects.filter(_council(actor), status=OverrideStatus.PENDING)
        .select_related("application__household", "requested_by")
        .order_by("requested_at", "id")
    )


def _duplicates(actor: Actor, today: dt.date) -> QuerySet[DuplicateFlag]:
    return (
        DuplicateFlag.objects.filter(_council(actor), status=DuplicateFlagStatus.OPEN)
        .select_related("application__household")
        .order_by("flagged_at", "id")
    )


def _override_what(override: AssessmentOverride) -> str:
    wanted = f"band {override.band}" if override.band else f"{override.points} points"
    return str(_("Set %(wanted)s, asked by %(name)s")) % {
        "wanted": wanted,
        "name": override.requested_by.full_name,
    }


def _duplicate_what(flag: DuplicateFlag) -> str:
    return str(_("Matches on: %(details)s")) % {"details": matched_text(flag.matched_on)}


MATCHED_TEXT = {
    "name": _("name"),
    "date_of_birth": _("date of birth"),
    "national_insurance_number": _("National Insurance number"),
}


def matched_text(codes: Sequence[str]) -> str:
    return ", ".join(str(MATCHED_TEXT.get(code, code)) for code in codes)


QUEUES: tuple[Queue, ...] = (
    Queue(
        "new",
        _("New applications"),
        _("Sent by the applicant, waiting for a first check."),
        Capability.VIEW_REGISTER,
        _new,
        lambda a, today: _waiting(
            a, str(_("Application sent")), _local_day(a.status_changed_at), today, a
        ),
    ),
    Queue(
        "evidence",
        _("Evidence to verify"),
        _("Documents uploaded that nobody has checked yet."),
        Capability.VIEW_REGISTER,
        _evidence,
        lambda d, today: _waiting(
            d.application, d.get_kind_display(), _local_day(d.uploaded_at), today, d
        ),
    ),
    Queue(
        "changes",
        _("Changes of circumstances"),
        _("Changes applicants have told us about, to reassess."),
        Capability.VIEW_REGISTER,
        _changes,
        lambda c, today: _waiting(
            c.application, c.summary[:80], _local_day(c.reported_at), today, c
        ),
    ),
    Queue(
        "reviews",
        _("Reviews due"),
        _("Applicants who asked for a review of our decision."),
        Capability.VIEW_REGISTER,
        _reviews,
        lambda r, today: _waiting(
            r.application, str(_("Review asked for")), r.requested_on, today, r
        ),
    ),
    Queue(
        "renewals",
        _("Renewals due"),
        _(
            "Applications on the register due for their yearly renewal in the next 28 days, "
            "or overdue."
        ),
        Capability.VIEW_REGISTER,
        _renewals,
        lambda a, today: _waiting(a, str(_("Renewal due")), a.renewal_due_on, today, a),
    ),
    Queue(
        "overrides",
        _("Overrides awaiting approval"),
        _("Officers asking to set a band or points other than the policy's."),
        Capability.APPROVE_DECISIONS,
        _overrides,
        lambda o, today: _waiting(
            o.application, _override_what(o), _local_day(o.requested_at), today, o
        ),
    ),
    Queue(
        "duplicates",
        _("Possible duplicates"),
        _("Someone on an application matches someone on another household's record."),
        Capability.VIEW_REGISTER,
        _duplicates,
        lambda f, today: _waiting(
            f.application, _duplicate_what(f), _local_day(f.flagged_at), today, f
        ),
    ),
)
QUEUES_BY_SLUG = {queue.slug: queue for queue in QUEUES}


@dataclass(frozen=True)
class QueueCount:
    queue: Queue
    count: int  # at most `up_to`; `more` says there are more than that
    up_to: int = COUNT_UP_TO

    @property
    def more(self) -> bool:
        return self.count > self.up_to


def queues_for(*, actor: Actor) -> list[Queue]:
    """The queues the officer works on (overrides only for team leaders)."""
    if not actor.can(Capability.VIEW_REGISTER):
        raise PermissionDenied
    return [queue for queue in QUEUES if actor.can(queue.capability)]


def queue_counts(*, actor: Actor, today: dt.date, up_to: int = COUNT_UP_TO) -> list[QueueCount]:
    """Each of the officer's queues with how much is waiting in it, counted up to `up_to`
    (one bounded query each)."""
    return [
        QueueCount(
            queue, queue.rows(actor, today).order_by().values("pk")[: up_to + 1].count(), up_to
        )
        for queue in queues_for(actor=actor)
    ]


def queue_get(*, actor: Actor, slug: str) -> Queue:
    """A queue by slug; `LookupError` if there is none, `PermissionDenied` if not theirs."""
    queue = QUEUES_BY_SLUG[slug]
    if not actor.can(queue.capability) or not actor.can(Capability.VIEW_REGISTER):
        raise PermissionDenied
    return queue


def queue_page(
    *, actor: Actor, queue: Queue, today: dt.date, number: str | int | None
) -> tuple[Page[Any], list[QueueRow]]:
    """One page of the queue, oldest first, with the lead applicant of each household."""
    page = CappedPaginator(queue.rows(actor, today), PAGE_SIZE).get_page(number)
    rows = [queue.row(record, today) for record in page.object_list]
    leads_attach([row.application for row in rows])
    return page, rows


# --- Search -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterSearch:
    """What to look for: every part given must match (all normalised upper case)."""

    name_words: tuple[str, ...] = ()
    reference: str = ""
    national_insurance_number: str = ""
    postcode: str = ""  # no spaces; a whole postcode or its first part
    date_of_birth: dt.date | None = None
    status: str = ""

    @property
    def narrows(self) -> bool:
        return bool(
            self.name_words
            or self.reference
            or self.national_insurance_number
            or self.postcode
            or self.date_of_birth
            or self.status
        )

    def with_status(self, status: str) -> RegisterSearch:
        return replace(self, status=status)

    def with_date_of_birth(self, born: dt.date) -> RegisterSearch:
        return replace(self, date_of_birth=born)


def _search_check(actor: Actor) -> None:
    if not actor.is_staff or not actor.can(Capability.VIEW_REGISTER):
        raise PermissionDenied


def _names_matching(actor: Actor, search: RegisterSearch) -> QuerySet[RegisterSearchName]:
    """People on the officer's council's register whose name has a word starting with each
    searched word, and who have the date of birth or National Insurance number searched."""
    names = RegisterSearchName.objects.filter(council=actor.organisation)
    for word in search.name_words:
        # `name` has a space before every word; the trigram index serves this on PostgreSQL.
        names = names.filter(name__contains=f" {word}")
    if search.date_of_birth is not None:
        names = names.filter(person__date_of_birth=search.date_of_birth)
    if search.national_insurance_number:
        names = names.filter(person__national_insurance_number=search.national_insurance_number)
    return names


def applications_search(*, actor: Actor, search: RegisterSearch) -> QuerySet[Application]:
    """Applications on the officer's council's register matching `search`, by reference."""
    _search_check(actor)
    found = applications_visible(actor=actor)
    if search.reference:
        found = found.filter(household__reference=search.reference)
    if search.status:
        found = found.filter(status=search.status)
    if search.name_words:
        found = found.filter(pk__in=_names_matching(actor, search).values("application_id"))
    elif search.date_of_birth is not None or search.national_insurance_number:
        people = Person.objects.all()
        if search.date_of_birth is not None:
            people = people.filter(date_of_birth=search.date_of_birth)
        if search.national_insurance_number:
            people = people.filter(national_insurance_number=search.national_insurance_number)
        found = found.filter(household__in=people.values("household_id"))
    if search.postcode:
        found = found.alias(
            postcode_plain=Replace(Upper("household__home_postcode"), Value(" "), Value(""))
        ).filter(postcode_plain__startswith=search.postcode)
    return found.order_by("household__reference")


def _search_keys(actor: Actor, search: RegisterSearch) -> QuerySet[Any]:
    """The matching applications' keys, in reference order."""
    if search.name_words and not (search.reference or search.status or search.postcode):
        # Names alone (or with a date of birth or NI number): read only the search table, so
        # a common surname costs its matching rows, not a household and application each.
        return (
            _names_matching(actor, search)
            .order_by("reference", "application_id")
            .values_list("application_id", flat=True)
            .distinct()
        )
    return applications_search(actor=actor, search=search).values_list("pk", flat=True)


def search_page(
    *, actor: Actor, search: RegisterSearch, number: str | int | None
) -> Page[Application]:
    """One page of search results, each with `lead` (the lead applicant) attached."""
    _search_check(actor)

    def fetch(keys: Sequence[Any]) -> QuerySet[Application]:
        return applications_visible(actor=actor).filter(pk__in=keys)

    keys = _search_keys(actor, search)
    page = CappedKeysPaginator(keys, PAGE_SIZE, fetch=fetch, cap=SEARCH_UP_TO).get_page(number)
    leads_attach(list(page.object_list))
    return page


# --- Attaching details to a page of applications (one query each) -----------------------------


def leads_attach(applications: Sequence[Application]) -> None:
    """Set `application.lead` to the household's lead applicant (or None)."""
    ids = {a.household_id for a in applications}
    leads = {
        p.household_id: p
        for p in Person.objects.filter(household_id__in=ids, relationship=Relationship.LEAD)
    }
    for application in applications:
        application.lead = leads.get(application.household_id)  # type: ignore[attr-defined]
