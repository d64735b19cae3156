"""The applicant is told in their account at each step of an offer, and when an officer passes
over or restores their bid: in plain words, never the officers' own notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hearth.core import clock
from hearth.core.models import AuditEvent
from hearth.lettings.models import Offer, RefusedBy
from hearth.lettings.services.offers import (
    offer_accept,
    offer_make,
    offer_nominate,
    offer_refuse,
    offer_withdraw,
)
from hearth.lettings.services.shortlists import shortlist_bypass, shortlist_bypass_undo
from hearth.lettings.tests.offers_setup import Shortlisted
from hearth.policy.rules.document_read import document_data, document_from_text
from hearth.policy.tests.documents import example_policy_texts
from hearth.register.models import Application, Message

pytestmark = pytest.mark.django_db
TUESDAY = dt.datetime(2026, 12, 15, 10, 0, tzinfo=clock.LONDON)


def messages_of(application: Application) -> list[Message]:
    return list(Message.objects.filter(application=application).order_by("sent_at", "pk"))


def told(application: Application, change: Callable[[], object]) -> Message:
    """The one message `change` sent the household."""
    before = {message.pk for message in messages_of(application)}
    change()
    (message,) = Message.objects.filter(application=application).exclude(pk__in=before)
    return message


def test_a_nomination_tells_the_household_it_is_put_forward_and_what_comes_next() -> None:
    # Given a shortlist
    given = Shortlisted()
    before = AuditEvent.objects.count()
    # When the council nominates its first bidder
    message = told(
        given.first, lambda: offer_nominate(actor=given.officer, entry=given.entry(given.first))
    )
    # Then the household is told, naming the landlord, the home and the offer's page
    offer = Offer.objects.get(application=given.first)
    landlord = given.advert.property.landlord.name
    assert message.subject == f"You have been put forward for {given.advert.property}"
    assert f"We have put you forward to {landlord}" in message.body
    assert "will contact you to arrange a viewing" in message.body
    assert "This is not an offer yet." in message.body
    assert reverse("lettings:my_offer", kwargs={"offer": offer.pk}) in message.body
    assert not message.from_applicant and message.author is None
    # And the service wrote its one audit event, as before
    assert AuditEvent.objects.count() == before + 1
    # And nobody else was told
    assert messages_of(given.second) == []


def nominated(given: Shortlisted) -> Offer:
    return offer_nominate(actor=given.officer, entry=given.entry(given.first))


def offered(given: Shortlisted, viewing: str = "") -> Offer:
    return offer_make(actor=given.landlord, offer=nominated(given), viewing_text=viewing)


def test_an_offer_says_by_when_to_answer_in_working_days_the_viewing_and_what_to_do() -> None:
    # Given a landlord with a phone number and a nomination
    given = Shortlisted()
    landlord = given.advert.property.landlord
    landlord.contact_phone = "01632 960000"
    landlord.save()
    offer = nominated(given)
    # When the landlord offers the home on a Tuesday, with a viewing
    with clock.clock_frozen_at(TUESDAY):
        message = told(
            given.first,
            lambda: offer_make(
                actor=given.landlord,
                offer=offer,
                viewing_text="Wednesday 16 December at 2pm. Meet at the front door.",
            ),
        )
    # Then the household reads by when to answer, the viewing and what to do
    assert message.subject == "You have been offered a home: answer by 17 December"
    assert "by the end of Thursday 17 December 2026. You have 2 working days to decide." in (
        message.body
    )
    assert "Viewing: Wednesday 16 December at 2pm. Meet at the front door." in message.body
    assert "What to do: view the home, then tell" in message.body
    assert "Phone: 01632 960000." in message.body
    assert "You cannot bid for other homes while this offer is waiting" in message.body


def test_an_offer_without_viewing_arrangements_says_the_landlord_will_arrange_one() -> None:
    given = Shortlisted()
    offer = nominated(given)
    message = told(
        given.first, lambda: offer_make(actor=given.landlord, offer=offer, viewing_text="")
    )
    assert "will contact you to arrange a viewing." in message.body


def test_a_withdrawn_offer_is_explained_without_the_officers_reason() -> None:
    given = Shortlisted()
    offer = offered(given)
    message = told(
        given.first,
        lambda: offer_withdraw(
            actor=given.officer, offer=offer, reason="Landlord found damp: OFFICER-WORDS"
        ),
    )
    assert message.subject == f"The offer of {given.advert.property} has been withdrawn"
    assert "This does not count against you. You can keep bidding" in message.body
    assert "OFFICER-WORDS" not in message.subject + message.body


def test_a_withdrawn_nomination_is_called_a_nomination() -> None:
    given = Shortlisted()
    offer = nominated(given)
    message = told(
        given.first, lambda: offer_withdraw(actor=given.officer, offer=offer, reason="Duplicate")
    )
    assert message.subject == f"Your nomination for {given.advert.property} has been withdrawn"


def refused(given: Shortlisted, offer: Offer, *, by: str, counts: bool, reason: str) -> Message:
    return told(
        given.first,
        lambda: offer_refuse(
            actor=given.landlord, offer=offer, refused_by=by, reason=reason, counts=counts
        ),
    )


def test_a_refusal_that_does_not_count_says_so() -> None:
    given = Shortlisted()
    message = refused(
        given,
        offered(given),
        by=RefusedBy.APPLICANT,
        counts=False,
        reason="Unsuitable stairs: OFFICER-WORDS",
    )
    assert message.subject == f"You refused {given.advert.property}"
    assert "This refusal does not count against you." in message.body
    assert "OFFICER-WORDS" not in message.body


def test_a_counted_refusal_says_how_many_and_what_the_policy_says_comes_next() -> None:
    given = Shortlisted()
    message = refused(given, offered(given), by=RefusedBy.APPLICANT, counts=True, reason="No")
    assert "You have refused 1 suitable offer so far." in message.body
    # marshvale-city: 3 reasonable refusals mean a band review
    assert (
        "The council's allocation policy says: If you refuse 3 reasonable offers, we will "
        "review your band." in message.body
    )


def test_a_refusal_that_suspends_says_until_when_in_plain_english() -> None:
    given = Shortlisted()
    _refusal_rules(given, "refusals:\n  - count: 1\n    consequence: suspend\n    months: 6\n")
    offer = offered(given)
    with clock.clock_frozen_at(TUESDAY):
        message = refused(given, offer, by=RefusedBy.APPLICANT, counts=True, reason="No")
    assert (
        "your application is suspended until 15 June 2027. You cannot bid until then."
        in message.body
    )
    assert "the suspension ends by itself" in message.body


def test_a_refusal_that_starts_a_review_says_so() -> None:
    given = Shortlisted()
    given.first.household.reasonable_refusals = 2
    given.first.household.save()
    message = refused(given, offered(given), by=RefusedBy.APPLICANT, counts=True, reason="No")
    assert "You have refused 3 suitable offers, so under the council's allocation policy we " in (
        message.body
    )
    assert "will review your application" in message.body


def test_a_landlords_refusal_is_never_the_households_and_keeps_its_reason_to_itself() -> None:
    given = Shortlisted()
    message = refused(
        given,
        offered(given),
        by=RefusedBy.LANDLORD,
        counts=True,
        reason="Failed affordability check: OFFICER-WORDS",
    )
    assert message.subject == f"The offer of {given.advert.property} is not going ahead"
    assert "This does not count against you." in message.body
    assert "OFFICER-WORDS" not in message.body


def test_acceptance_gives_the_tenancy_start_and_closes_the_application() -> None:
    given = Shortlisted()
    offer = offered(given)
    message = told(
        given.first,
        lambda: offer_accept(
            actor=given.landlord, offer=offer, tenancy_starts_on=clock.today() + dt.timedelta(7)
        ),
    )
    starts = clock.today() + dt.timedelta(7)
    assert message.subject == f"Your new home: {given.advert.property}"
    assert f"Your tenancy starts on {starts:%A} {starts.day} {starts:%B %Y}." in message.body
    assert "your housing application is now closed" in message.body


def test_a_bypass_tells_the_policys_words_never_the_officers_note() -> None:
    given = Shortlisted()
    before = AuditEvent.objects.count()
    message = told(
        given.first,
        lambda: shortlist_bypass(
            actor=given.officer,
            entry=given.entry(given.first),
            reason="rent_arrears",
            note="Owes 2,300 pounds, spoke to her on 3 Dec: OFFICER-NOTE",
        ),
    )
    assert message.subject == f"Your bid for {given.advert.property}"
    assert "Why: You owe rent and have not agreed a plan to pay it back." in message.body
    assert "OFFICER-NOTE" not in message.body
    assert AuditEvent.objects.count() == before + 1
    undone = told(
        given.first,
        lambda: shortlist_bypass_undo(actor=given.officer, entry=given.entry(given.first)),
    )
    assert "back in its place on the shortlist" in undone.body


def test_nothing_is_sent_when_the_change_is_refused() -> None:
    given = Shortlisted()
    with pytest.raises(PermissionDenied):
        offer_nominate(actor=given.landlord, entry=given.entry(given.first))
    assert messages_of(given.first) == []


def _refusal_rules(given: Shortlisted, rules_yaml: str) -> None:
    text = example_policy_texts()["marshvale-city"]
    start = text.index("refusals:")
    end = text.index("application_questions:")
    changed = text[:start] + rules_yaml + text[end:]
    given.policy.document = document_data(document_from_text(changed))
    given.policy.source_text = changed
    given.policy.save()
