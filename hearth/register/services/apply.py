"""Starting, saving and sending an application: the common application form's writes.

The applicant works on their own draft; an officer with ASSESS_APPLICATIONS of the household's
council may start, complete or change any application of that council (assisted digital). The
audit records the officer, on behalf of the applicant when the household has an account.
Answers to each step are saved by the household services (`hearth.register.services.household`)
with an `ApplicationHouseholdContext`, which applies the same rule.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import Capability, CouncilStatus, OrganisationKind
from hearth.core.audit import audit_record, changes_of
from hearth.core.models import Organisation
from hearth.register.models import Application, Household, household_reference
from hearth.register.rules import apply_sections as routing
from hearth.register.rules import lifecycle
from hearth.register.rules.permissions import is_council_officer, is_owner
from hearth.register.services.assessment_reassess import NoPolicyInForceError, household_assess
from hearth.register.services.duplicates import duplicate_flags_raise
from hearth.register.services.lifecycle import application_status_move
from hearth.register.services.workspace_search import search_names_refresh

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

logger = logging.getLogger(__name__)


def acting_actor(actor: Actor, household: Household) -> Actor:
    """The actor to record: an officer acts on behalf of the household's applicant, if any."""
    if actor.is_staff and household.applicant_id is not None and actor.on_behalf_of is None:
        return dataclasses.replace(actor, on_behalf_of=household.applicant)
    return actor


def application_edit_check(actor: Actor, application: Application) -> None:
    """The applicant may fill in their own draft; an officer of the council any open one."""
    household = application.household
    if is_council_officer(actor, household, Capability.ASSESS_APPLICATIONS):
        if application.status in lifecycle.CLOSED:
            raise PermissionDenied
        return
    if is_owner(actor, household) and application.status == lifecycle.DRAFT:
        return
    raise PermissionDenied


@dataclass(frozen=True)
class ApplicationHouseholdContext:
    """The household of an application, as the household services see it
    (`hearth.register.services.household.HouseholdEditContext`).

    Whoever may fill in the application may change its household (`application_edit_check`);
    an officer is recorded on behalf of the applicant; the audit goes in the council's log; and
    the officers' name search follows the household's people.
    """

    application: Application

    @property
    def household(self) -> Household:
        return self.application.household

    @property
    def organisation(self) -> Organisation:
        return self.application.household.council

    def check(self, actor: Actor) -> None:
        application_edit_check(actor, self.application)

    def acting_actor(self, actor: Actor) -> Actor:
        return acting_actor(actor, self.application.household)

    def people_changed(self) -> None:
        search_names_refresh(household_ids=[self.application.household_id])


def _council_prefix(council: Organisation) -> str:
    """The reference prefix of the council's households ("MC"), from its existing references,
    else from the initials of its slug."""
    existing = (
        Household.objects.filter(council=council)
        .order_by("-created_at")
        .values_list("reference", flat=True)
        .first()
    )
    if existing and "-" in existing:
        return existing.split("-", 1)[0]
    words = [w for w in council.slug.split("-") if w]
    if len(words) > 1:
        return "".join(w[0] for w in words[:3]).upper()
    return (words[0][:2] if words else "HH").upper()


def _next_reference(prefix: str) -> str:
    latest = (
        Household.objects.filter(reference__startswith=f"{prefix}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = 1
    if latest:
        tail = latest.split("-", 1)[1]
        number = int(tail) + 1 if tail.isdigit() else 1
    return household_reference(prefix, number)


def application_start(
    *,
    actor: Actor,
    council: Organisation,
    postcode: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Application:
    """Start a draft application (and its household) on `council`'s register.

    An applicant starts their own (one open application at a time); an officer starts one for
    someone on their own council's register, who needs no account.
    """
    if (
        council.kind != OrganisationKind.COUNCIL
        or council.council_status == CouncilStatus.ONBOARDING
    ):
        raise ValidationError({"council": "Choose a council that takes applications"})
    if actor.is_staff:
        if not (
            actor.organisation is not None
            and actor.organisation.pk == council.pk
            and actor.can(Capability.ASSESS_APPLICATIONS)
        ):
            raise PermissionDenied
        if not contact_name.strip():
            raise ValidationError({"contact_name": "Enter the applicant's full name"})
        applicant = None
    elif actor.is_applicant:
        if actor.scheme is not None and council.scheme_id != actor.scheme.pk:
            raise ValidationError({"council": "Choose a council in this scheme"})
        applicant = actor.signed_in_user()
        contact_name = contact_name or applicant.full_name
    else:
        raise PermissionDenied
    today = clock.today()
    prefix = _council_prefix(council)
    with transaction.atomic():
        if applicant is not None:
            _open_application_refuse(applicant)
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    household = Household.objects.create(
                        council=council,
                        reference=_next_reference(prefix),
                        registration_date=today,
                        applicant=applicant,
                        home_postcode=postcode.strip().upper(),
                        contact_name=contact_name.strip(),
                        contact_email=contact_email.strip(),
                        contact_phone=contact_phone.strip(),
                    )
                    application = Application.objects.create(
                        household=household,
                        council=council,
                        status=lifecycle.DRAFT,
                        status_changed_at=clock.now(),
                        started_by=actor.user,
                    )
                    audit_record(
                        actor=acting_actor(actor, household),
                        verb="application.started",
                        target=application,
                        organisation=council,
                        changes=changes_of(
                            after={"council": council.slug, "reference": household.reference}
                        ),
                    )
                    return application
            except IntegrityError:
                # Someone else took the same reference at the same moment: take the next one.
                logger.info("household reference clash under %s; retrying", prefix)
        raise RuntimeError("could not find a free household reference")


def _open_application_refuse(applicant: User) -> None:
    """Refuse an applicant a second open application (one at a time).

    The applicant's row is locked first, in the transaction that starts the application: two
    starts sent at the same moment (a double click, two tabs) take turns, and the second finds
    the first's application here instead of both finding none (docs/adr/0014). The open
    application spans two tables, so no unique constraint can say it.
    """
    get_user_model().objects.select_for_update().get(pk=applicant.pk)
    if (
        Application.objects.filter(household__applicant=applicant)
        .exclude(status__in=sorted(lifecycle.CLOSED))
        .exists()
    ):
        raise ValidationError("You already have an application. Go to your account to see it.")


def section_mark(*, actor: Actor, application: Application, section: str, done: bool) -> None:
    """Record that a section of the form is finished (or, after a change, not yet)."""
    application_edit_check(actor, application)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        codes = [c for c in locked.sections_done if c != section]
        if done:
            codes.append(section)
        if codes == list(locked.sections_done):
            return
        before = list(locked.sections_done)
        locked.sections_done = codes
        locked.save(update_fields=["sections_done", "updated_at"])
        application.sections_done = codes
        audit_record(
            actor=acting_actor(actor, application.household),
            verb="application.section_done" if done else "application.section_reopened",
            target=application,
            organisation=application.household.council,
            changes=changes_of(before={"sections_done": before}, after={"sections_done": codes}),
        )


def application_submit(
    *,
    actor: Actor,
    application: Application,
    incomplete: tuple[str, ...],
    consent_to_share: bool,
) -> Application:
    """Send a finished draft: declaration and consent, status submitted, registration date
    today, likely duplicates flagged for officers, and a first assessment when the council has
    a policy in force. `incomplete` is the routing's list of unfinished sections."""
    application_edit_check(actor, application)
    if incomplete:
        titles = ", ".join(routing.SECTION_TITLES[s] for s in incomplete)
        raise ValidationError(f"Finish these sections before you send your application: {titles}")
    if not consent_to_share:
        raise ValidationError(
            {"consent": "Confirm that you agree to the declaration to send your application"}
        )
    acting = acting_actor(actor, application.household)
    now = clock.now()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != lifecycle.DRAFT:
            raise ValidationError("This application has already been sent")
        household = locked.household
        household.registration_date = now.date()
        household.save(update_fields=["registration_date", "updated_at"])
        locked.declaration_at = now
        locked.consent_to_share = True
        locked.save(update_fields=["declaration_at", "consent_to_share", "updated_at"])
        application_status_move(
            actor=acting, application=locked, to=lifecycle.SUBMITTED, reason="Application sent"
        )
        flags = duplicate_flags_raise(actor=acting, application=locked)
        audit_record(
            actor=acting,
            verb="application.submitted",
            target=locked,
            organisation=household.council,
            changes=changes_of(
                after={"registration_date": household.registration_date},
                context={"possible_duplicates": len(flags)},
            ),
        )
        try:
            with transaction.atomic():
                household_assess(actor=acting, household=household, on_date=now.date())
        except NoPolicyInForceError:
            logger.info("no policy in force for %s: assessed later", household.council)
    application.refresh_from_db()
    return application
