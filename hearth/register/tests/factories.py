from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from hearth.core import clock
from hearth.core.tests.factories import OrganisationFactory
from hearth.register.models import (
    Application,
    ApplicationStatus,
    AssessmentOverride,
    CircumstanceChange,
    Decision,
    DecisionKind,
    DuplicateFlag,
    EvidenceDocument,
    EvidenceKind,
    EvidenceRequest,
    Household,
    Message,
    NeedAward,
    Period,
    PeriodKind,
    Person,
    Relationship,
    ReviewRequest,
    Sex,
    Tenure,
)
from hearth.register.services.workspace_search import search_names_refresh


class HouseholdFactory(factory.django.DjangoModelFactory):
    """A household on a council's register: its lead applicant (`lead__…` to adjust) and an
    active application (`application__…`; `application=None` for a household without one)."""

    class Meta:
        model = Household
        skip_postgeneration_save = True

    council = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"TS-{n:06d}")
    registration_date = dt.date(2024, 4, 1)
    income_yearly = Decimal("18000.00")
    savings = Decimal("500.00")
    home_tenure = Tenure.PRIVATE_RENTED
    home_bedrooms = 1
    lead = factory.RelatedFactory(
        "hearth.register.tests.factories.PersonFactory",
        factory_related_name="household",
        relationship=Relationship.LEAD,
    )
    application = factory.RelatedFactory(
        "hearth.register.tests.factories.ApplicationFactory", factory_related_name="household"
    )


class _SearchNamesRefreshed:
    """Keeps the officers' name search in step, as the services that add people do."""

    @classmethod
    def _after_postgeneration(cls, instance: Any, create: bool, results: Any = None) -> None:
        super()._after_postgeneration(instance, create, results)  # type: ignore[misc]
        if create:
            search_names_refresh(household_ids=[instance.household_id])


class PersonFactory(_SearchNamesRefreshed, factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    household = factory.SubFactory(HouseholdFactory, lead=None)
    full_name = factory.Sequence(lambda n: f"Resident {n}")
    date_of_birth = dt.date(1990, 6, 15)
    sex = Sex.FEMALE
    relationship = Relationship.CHILD


class PeriodFactory(factory.django.DjangoModelFactory):
    """Living in the household's own council area for the last ten years, unless told."""

    class Meta:
        model = Period

    household = factory.SubFactory(HouseholdFactory)
    kind = PeriodKind.RESIDENCE
    council = factory.LazyAttribute(lambda period: period.household.council)
    start = dt.date(2016, 1, 1)


class NeedAwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedAward

    household = factory.SubFactory(HouseholdFactory)
    code = "medium_medical"
    awarded_on = dt.date(2025, 1, 10)


class ApplicationFactory(_SearchNamesRefreshed, factory.django.DjangoModelFactory):
    """An application on the register (status active), for a new household unless told."""

    class Meta:
        model = Application

    household = factory.SubFactory(HouseholdFactory, application=None)
    council = factory.LazyAttribute(lambda application: application.household.council)
    status = ApplicationStatus.ACTIVE
    status_changed_at = factory.LazyFunction(clock.now)
    submitted_at = factory.LazyFunction(clock.now)
    declaration_at = factory.LazyFunction(clock.now)
    consent_to_share = True
    activated_on = dt.date(2024, 4, 1)
    renewal_due_on = factory.LazyFunction(lambda: clock.today() + dt.timedelta(days=200))


class EvidenceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceRequest

    application = factory.SubFactory(ApplicationFactory)
    kind = EvidenceKind.IDENTITY
    description = "Your passport or driving licence"
    requested_on = factory.LazyFunction(clock.today)
    due_on = factory.LazyFunction(lambda: clock.today() + dt.timedelta(days=28))


class EvidenceDocumentFactory(factory.django.DjangoModelFactory):
    """A small PDF uploaded by the applicant (written to the evidence storage)."""

    class Meta:
        model = EvidenceDocument

    application = factory.SubFactory(ApplicationFactory)
    council = factory.SelfAttribute("application.council")
    kind = EvidenceKind.IDENTITY
    file = factory.django.FileField(
        filename="passport.pdf", data=b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    original_name = "passport.pdf"
    content_type = "application/pdf"
    size = 40
    sha256 = "0" * 64
    uploaded_at = factory.LazyFunction(clock.now)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    application = factory.SubFactory(ApplicationFactory)
    subject = "About your application"
    body = "Please call us about your application."
    sent_at = factory.LazyFunction(clock.now)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    application = factory.SubFactory(ApplicationFactory)
    kind = DecisionKind.ACCEPTED
    reasons = factory.LazyFunction(lambda: ["You qualify to join the housing register."])
    decided_on = factory.LazyFunction(clock.today)
    review_by = factory.LazyFunction(lambda: clock.today() + dt.timedelta(days=21))


class ReviewRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewRequest

    decision = factory.SubFactory(DecisionFactory)
    application = factory.LazyAttribute(lambda review: review.decision.application)
    council = factory.SelfAttribute("application.council")
    grounds = "My medical needs were not taken into account."
    requested_on = factory.LazyFunction(clock.today)


class CircumstanceChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircumstanceChange

    application = factory.SubFactory(ApplicationFactory)
    council = factory.SelfAttribute("application.council")
    sections = factory.LazyFunction(lambda: ["people"])
    summary = "My partner has moved in."
    reported_at = factory.LazyFunction(clock.now)


class AssessmentOverrideFactory(factory.django.DjangoModelFactory):
    """Needs `assessment` and `requested_by`."""

    class Meta:
        model = AssessmentOverride

    application = factory.SubFactory(ApplicationFactory)
    council = factory.SelfAttribute("application.council")
    band = "B"
    reason = "Exceptional welfare need agreed at panel."
    requested_at = factory.LazyFunction(clock.now)


class DuplicateFlagFactory(factory.django.DjangoModelFactory):
    """An open flag: someone on the application matches someone in another household."""

    class Meta:
        model = DuplicateFlag

    application = factory.SubFactory(ApplicationFactory)
    council = factory.SelfAttribute("application.council")
    other_household = factory.SubFactory(HouseholdFactory)
    matched_on = factory.LazyFunction(lambda: ["name", "date_of_birth"])
    flagged_at = factory.LazyFunction(clock.now)
