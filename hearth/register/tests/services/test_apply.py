"""Starting, saving and sending applications; likely duplicates; assisted digital audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from hearth.accounts.tests.factories import ApplicantFactory, actor_for, staff_member
from hearth.core.access.actor import Actor
from hearth.core.access.roles import CouncilStatus, Role
from hearth.core.clock import clock_frozen_at
from hearth.core.models import AuditEvent, Scheme
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import (
    Application,
    ApplicationStatus,
    DuplicateFlag,
    Period,
    PeriodKind,
    Relationship,
    Sex,
    Tenure,
)
from hearth.register.rules import apply_sections as routing
from hearth.register.services.apply import application_start, application_submit
from hearth.register.services.duplicates import matches_find
from hearth.register.services.household import (
    household_answers_save,
    period_area_set,
    period_save,
    person_remove,
    person_save,
)
from hearth.register.tests.apply_setup import (
    NOON,
    TODAY,
    council_with_policy,
    draft_complete,
    eastmere_council,
    on_application,
)
from hearth.register.tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> object:
    with clock_frozen_at(NOON):
        yield


def _applicant() -> Actor:
    return Actor(user=ApplicantFactory(), scheme=Scheme.objects.first())


def test_start_makes_a_draft_with_the_next_reference() -> None:
    council = council_with_policy(slug="marshvale-city")
    first = application_start(actor=_applicant(), council=council, postcode="mv1 2ab")
    second = application_start(actor=_applicant(), council=council)
    assert first.status == ApplicationStatus.DRAFT
    assert first.household.reference == "MC-000001"
    assert second.household.reference == "MC-000002"
    assert first.household.home_postcode == "MV1 2AB"
    assert AuditEvent.objects.filter(verb="application.started").count() == 2


def test_one_open_application_per_applicant() -> None:
    actor = _applicant()
    council = council_with_policy()
    application_start(actor=actor, council=council)
    with pytest.raises(ValidationError, match="already have an application"):
        application_start(actor=actor, council=council_with_policy())


def test_councils_still_onboarding_take_no_applications() -> None:
    with pytest.raises(ValidationError):
        application_start(
            actor=_applicant(),
            council=OrganisationFactory(council_status=CouncilStatus.ONBOARDING),
        )


def test_officers_start_only_for_their_own_council() -> None:
    council = council_with_policy()
    officer = actor_for(staff_member(council, [Role.REGISTER_OFFICER]))
    application = application_start(actor=officer, council=council, contact_name="Hal Jones")
    assert application.household.applicant is None
    assert application.started_by == officer.user
    with pytest.raises(PermissionDenied):
        application_start(actor=officer, council=council_with_policy(), contact_name="X")
    lettings = actor_for(staff_member(council, [Role.LETTINGS_OFFICER]))
    with pytest.raises(PermissionDenied):
        application_start(actor=lettings, council=council, contact_name="X")


def test_tenure_drops_answers_that_no_longer_apply() -> None:
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    household_answers_save(
        actor=actor,
        **on_application(application),
        section=routing.HOME,
        changes={"home_tenure": Tenure.OWNER},
    )
    household = application.household
    household.refresh_from_db()
    assert household.home_landlord == ""
    household_answers_save(
        actor=actor,
        **on_application(application),
        section=routing.HOME,
        changes={"home_tenure": Tenure.SOCIAL_RENTED},
    )
    household.refresh_from_db()
    assert household.is_transfer


def test_answers_outside_the_section_are_refused() -> None:
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    with pytest.raises(ValueError, match="not answers"):
        household_answers_save(
            actor=actor,
            **on_application(application),
            section=routing.AREAS,
            changes={"savings": 1},
        )


def test_people_rules() -> None:
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    common = {"actor": actor, **on_application(application), "person": None}
    # a man is never recorded as pregnant
    man = person_save(
        **common,
        values={
            "full_name": "Ian",
            "date_of_birth": dt.date(1960, 1, 1),
            "sex": Sex.MALE,
            "relationship": Relationship.PARENT,
            "pregnant": True,
        },
    )
    assert man.pregnant is False
    # the partner and the lead are linked as a couple
    lead = application.household.members.get(relationship=Relationship.LEAD)
    partner = application.household.members.get(relationship=Relationship.PARTNER)
    assert lead.partner_id == partner.pk and partner.partner_id == lead.pk
    # a joint applicant under 16 is explained
    with pytest.raises(ValidationError) as problem:
        person_save(
            **{**common, "person": partner},
            values={"relationship": Relationship.JOINT, "date_of_birth": dt.date(2015, 1, 1)},
        )
    assert "16 or over" in str(problem.value)
    # removing the partner unlinks the lead; the lead cannot be removed
    person_remove(actor=actor, **on_application(application), person=partner)
    lead.refresh_from_db()
    assert lead.partner_id is None
    with pytest.raises(ValidationError):
        person_remove(actor=actor, **on_application(application), person=lead)


def test_periods_are_checked_and_get_their_council_from_the_postcode() -> None:
    actor = _applicant()
    council = council_with_policy()
    application = draft_complete(actor, council)
    common = {
        "actor": actor,
        **on_application(application),
        "kind": PeriodKind.RESIDENCE,
        "period": None,
    }
    with pytest.raises(ValidationError, match="overlap"):
        period_save(
            **common,
            values={"start": dt.date(2014, 1, 1), "end": dt.date(2016, 1, 1), "address": "X"},
        )
    with pytest.raises(ValidationError, match="same as or after"):
        period_save(
            **common,
            values={"start": dt.date(2012, 1, 1), "end": dt.date(2011, 1, 1), "address": "X"},
        )
    with pytest.raises(ValidationError, match="already told us your current address"):
        period_save(**common, values={"start": dt.date(2012, 1, 1), "end": None, "address": "X"})
    earlier = period_save(
        **common,
        values={
            "start": dt.date(2010, 1, 1),
            "end": dt.date(2015, 1, 1),
            "address": "X",
            "postcode": "mv2 1aa",
        },
    )
    assert earlier.council == council
    elsewhere = period_save(
        **{**common, "kind": PeriodKind.WORK},
        values={
            "start": dt.date(2010, 1, 1),
            "address": "Y",
            "postcode": "ZZ1 1ZZ",
            "detail": "Job",
            "hours_per_week": 16,
        },
    )
    assert elsewhere.council is None


def test_submit_sends_flags_duplicates_and_assesses() -> None:
    # given someone already on another council's register with the same NI number
    council = council_with_policy()
    other = HouseholdFactory(council=OrganisationFactory(), lead=None)
    PersonFactory(
        household=other,
        full_name="Alex Carter",
        date_of_birth=dt.date(1990, 3, 27),
        national_insurance_number="AB123456C",
        relationship=Relationship.LEAD,
    )
    officer = actor_for(staff_member(council, [Role.REGISTER_OFFICER]))
    user_actor = _applicant()
    application = draft_complete(user_actor, council)
    # when an officer sends it for the applicant
    sent = application_submit(
        actor=officer, application=application, incomplete=(), consent_to_share=True
    )
    # then it is submitted today, flagged, assessed, and audited on the applicant's behalf
    assert sent.status == ApplicationStatus.SUBMITTED
    assert sent.household.registration_date == TODAY
    assert sent.declaration_at is not None and sent.consent_to_share
    flag = DuplicateFlag.objects.get(application=sent)
    assert flag.other_household == other
    assert flag.matched_on == ["date_of_birth", "name", "national_insurance_number"]
    assert flag.council == council  # in this council's duplicates queue, not the other's
    assert sent.household.assessments.count() == 1
    event = AuditEvent.objects.get(verb="application.submitted")
    assert event.actor == officer.user and event.on_behalf_of == user_actor.user
    # and it cannot be sent twice, or changed by the applicant any more
    with pytest.raises((ValidationError, PermissionDenied)):
        application_submit(actor=user_actor, application=sent, incomplete=(), consent_to_share=True)
    with pytest.raises(PermissionDenied):
        household_answers_save(
            actor=user_actor,
            **on_application(sent),
            section=routing.MONEY,
            changes={"savings": Decimal(1)},
        )


def test_submit_needs_every_section_and_consent() -> None:
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    with pytest.raises(ValidationError, match="Finish these sections"):
        application_submit(
            actor=actor, application=application, incomplete=(routing.MONEY,), consent_to_share=True
        )
    with pytest.raises(ValidationError, match="agree to the declaration"):
        application_submit(
            actor=actor, application=application, incomplete=(), consent_to_share=False
        )


def test_name_and_date_of_birth_without_ni_number_is_a_likely_duplicate() -> None:
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    same = HouseholdFactory(lead=None)
    PersonFactory(household=same, full_name="bea carter", date_of_birth=dt.date(1992, 5, 1))
    spaced = HouseholdFactory(lead=None)
    PersonFactory(household=spaced, full_name=" Bea  Carter ", date_of_birth=dt.date(1992, 5, 1))
    different = HouseholdFactory(lead=None)
    PersonFactory(household=different, full_name="Bea Carter", date_of_birth=dt.date(1993, 5, 1))
    assert set(matches_find(application)) == {str(same.pk), str(spaced.pk)}


# --- Which area a place is in --------------------------------------------------------------------


def _job_in_eastmere(actor: Actor) -> tuple[Application, Period]:
    """A draft on Eastmere's register (areas and a rural exception plan) with a job there."""
    application = application_start(actor=actor, council=eastmere_council(), postcode="EM1 4QT")
    job = period_save(
        actor=actor,
        **on_application(application),
        kind=PeriodKind.WORK,
        period=None,
        values={
            "start": dt.date(2020, 1, 1),
            "address": "Mill Road",
            "postcode": "EM2 1AB",
            "detail": "Fenwick Farm Shop",
            "hours_per_week": 20,
        },
    )
    return application, job


def test_the_area_must_be_one_of_the_councils_areas() -> None:
    # given a job in Eastmere's area
    actor = _applicant()
    application, job = _job_in_eastmere(actor)
    # when the area given is not one of Eastmere's
    with pytest.raises(ValidationError) as refused:
        period_area_set(actor=actor, **on_application(application), period=job, area="Atlantis")
    # then it is refused against the question, and nothing is saved or recorded
    assert "Select one of the areas in the list" in refused.value.message_dict["area"][0]
    job.refresh_from_db()
    assert job.parish == ""
    assert not AuditEvent.objects.filter(verb="period.area_set").exists()
    # while one of its areas, or none ("not sure"), is saved and recorded
    period_area_set(actor=actor, **on_application(application), period=job, area=" Fenwick ")
    job.refresh_from_db()
    assert job.parish == "Fenwick"
    period_area_set(actor=actor, **on_application(application), period=job, area="")
    job.refresh_from_db()
    assert job.parish == ""
    assert AuditEvent.objects.filter(verb="period.area_set").count() == 2


def test_not_sure_is_remembered_apart_from_a_question_never_answered() -> None:
    # given a job in Eastmere whose area has not been asked yet
    actor = _applicant()
    application, job = _job_in_eastmere(actor)
    assert (job.parish, job.parish_not_known) == ("", False)
    # when the applicant answers "Somewhere else, or I'm not sure"
    period_area_set(actor=actor, **on_application(application), period=job, area="")
    # then there is still no parish, but the answer is kept, and recorded
    job.refresh_from_db()
    assert (job.parish, job.parish_not_known) == ("", True)
    event = AuditEvent.objects.filter(verb="period.area_set").order_by("-occurred_at", "-id")[0]
    assert event.changes["parish_not_known"] == {"before": False, "after": True}
    assert "parish" not in event.changes
    # and when they change their mind and choose an area, "not sure" goes, and both are recorded
    period_area_set(actor=actor, **on_application(application), period=job, area="Fenwick")
    job.refresh_from_db()
    assert (job.parish, job.parish_not_known) == ("Fenwick", False)
    event = AuditEvent.objects.filter(verb="period.area_set").order_by("-occurred_at", "-id")[0]
    assert event.changes["parish"] == {"before": "", "after": "Fenwick"}
    assert event.changes["parish_not_known"] == {"before": True, "after": False}


def test_the_database_refuses_an_area_that_is_also_not_known() -> None:
    # given a job in Fenwick, Eastmere
    actor = _applicant()
    application, job = _job_in_eastmere(actor)
    period_area_set(actor=actor, **on_application(application), period=job, area="Fenwick")
    # when something tries to mark it "not known" as well, the database refuses
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.filter(pk=job.pk).update(parish_not_known=True)
    # then the area is as it was
    job.refresh_from_db()
    assert (job.parish, job.parish_not_known) == ("Fenwick", False)


def test_a_council_with_no_parish_plan_takes_no_area() -> None:
    # given a job in Marshvale City (areas, but no local lettings plan)
    actor = _applicant()
    application = draft_complete(actor, council_with_policy())
    (home,) = application.household.periods.all()
    # when an area is given, it is refused
    with pytest.raises(ValidationError):
        period_area_set(actor=actor, **on_application(application), period=home, area="Riverside")


def test_only_those_who_may_change_the_application_set_an_area() -> None:
    actor = _applicant()
    application, job = _job_in_eastmere(actor)
    someone_else = _applicant()
    other_application, _other_job = _job_in_eastmere(someone_else)
    # another applicant cannot change this application
    with pytest.raises(PermissionDenied):
        period_area_set(
            actor=someone_else, **on_application(application), period=job, area="Fenwick"
        )
    # nor set the area of a place on another household through their own application
    with pytest.raises(PermissionDenied):
        period_area_set(
            actor=someone_else, **on_application(other_application), period=job, area="Fenwick"
        )
    job.refresh_from_db()
    assert job.parish == ""


def test_a_new_postcode_in_another_council_clears_the_area() -> None:
    # given a job in Fenwick, Eastmere
    actor = _applicant()
    application, job = _job_in_eastmere(actor)
    period_area_set(actor=actor, **on_application(application), period=job, area="Fenwick")
    marshvale = council_with_policy()
    values = {
        "start": job.start,
        "address": job.address,
        "detail": job.detail,
        "hours_per_week": job.hours_per_week,
    }
    # when its postcode is corrected within Eastmere, the area stays
    period_save(
        actor=actor,
        **on_application(application),
        kind=PeriodKind.WORK,
        period=job,
        values={**values, "postcode": "EM1 7GH"},
    )
    job.refresh_from_db()
    assert job.parish == "Fenwick"
    # when it moves to a postcode in Marshvale City, the area is cleared and that is recorded
    period_save(
        actor=actor,
        **on_application(application),
        kind=PeriodKind.WORK,
        period=job,
        values={**values, "postcode": "MV1 3EF"},
    )
    job.refresh_from_db()
    assert (job.council, job.parish) == (marshvale, "")
    event = AuditEvent.objects.filter(verb="period.saved").order_by("-occurred_at", "-id").first()
    assert event is not None
    assert event.changes["parish"] == {"before": "Fenwick", "after": ""}


def test_a_different_address_clears_the_area() -> None:
    # given a job in Fenwick, Eastmere
    actor = _applicant()
    application, job = _job_in_eastmere(actor)
    period_area_set(actor=actor, **on_application(application), period=job, area="Fenwick")
    # when the workplace address changes (same council)
    period_save(
        actor=actor,
        **on_application(application),
        kind=PeriodKind.WORK,
        period=job,
        values={
            "start": job.start,
            "address": "2 Mill Road, Ketby",
            "postcode": job.postcode,
            "detail": job.detail,
            "hours_per_week": job.hours_per_week,
        },
    )
    # then the old area is not kept for the new place
    job.refresh_from_db()
    assert job.parish == ""


def test_a_different_address_or_council_forgets_not_sure_too() -> None:
    # given a job in Eastmere whose area the applicant is not sure of
    actor = _applicant()
    application, job = _job_in_eastmere(actor)
    period_area_set(actor=actor, **on_application(application), period=job, area="")
    council_with_policy()
    values = {
        "start": job.start,
        "address": job.address,
        "postcode": job.postcode,
        "detail": job.detail,
        "hours_per_week": job.hours_per_week,
    }

    def saved(**changes: object) -> Period:
        period_save(
            actor=actor,
            **on_application(application),
            kind=PeriodKind.WORK,
            period=job,
            values={**values, **changes},
        )
        job.refresh_from_db()
        return job

    # when only the postcode is corrected within Eastmere, the answer stays
    assert saved(postcode="EM1 7GH").parish_not_known is True
    # when the workplace address changes, the area is asked again: "not sure" is forgotten
    assert saved(postcode="EM1 7GH", address="2 Mill Road, Ketby").parish_not_known is False
    event = AuditEvent.objects.filter(verb="period.saved").order_by("-occurred_at", "-id")[0]
    assert event.changes["parish_not_known"] == {"before": True, "after": False}
    # and the same when it moves to a postcode in another council
    period_area_set(actor=actor, **on_application(application), period=job, area="")
    assert saved(address="2 Mill Road, Ketby", postcode="MV1 3EF").parish_not_known is False
    assert job.parish == ""


def test_changing_the_home_address_moves_the_current_address_in_the_history() -> None:
    # given a complete draft whose current address is in Fenwick, Eastmere
    actor = _applicant()
    application = draft_complete(actor, eastmere_council())
    household = application.household
    household_answers_save(
        actor=actor,
        **on_application(application),
        section=routing.HOME,
        changes={"home_address": "3 Church Lane\nFenwick", "home_postcode": "EM1 7GH"},
    )
    home = household.periods.get(kind=PeriodKind.RESIDENCE, end__isnull=True)
    period_area_set(actor=actor, **on_application(application), period=home, area="Fenwick")
    # when the applicant changes the address of their current home
    household_answers_save(
        actor=actor,
        **on_application(application),
        section=routing.HOME,
        changes={"home_address": "4 Drove Lane\nKetby", "home_postcode": "em2 1ab"},
    )
    # then the address history's current address is that home, and its old area is gone
    home.refresh_from_db()
    assert (home.address, home.postcode, home.parish) == ("4 Drove Lane\nKetby", "EM2 1AB", "")
    assert home.end is None
