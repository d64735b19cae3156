"""Choice-based lettings from end to end in Chromium, through the real pages: a landlord
advertises a home, the council approves it, the cycle opens, applicants find it and bid, the cycle
closes, the council bypasses a bidder and nominates, the landlord offers, the first nominee refuses,
the next accepts, the home is let and the public results show it.

People walk with JavaScript off (the applicants on a 320 pixel screen); every page they reach,
and every form they send wrongly on the way, gets the accessibility sweep's checks (axe, one
<h1>, a title, nothing scrolling sideways at 320 pixels). Time moves with the clock the live
server reads too (`hearth.core.clock`), and the cycle opens and closes through the scheduled
job's own function. Committed, not one rolled-back transaction: on PostgreSQL the live server
has its own database connection and must see the cycle opened and closed here. The demo data
is restored after the module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.urls import get_resolver, reverse

from tests.browser.lettings_journey_support import Walker, account
from tests.browser.support import DESKTOP, NARROW, sign_in_quickly
from tests.browser.test_accessibility_sweep import Findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANDLORD = "landlord-lettings-officer@heronsgate.example"
OFFICER = "lettings-officer@marshvale-city.example"
SCHEME_ADMIN = "scheme-admin@partnership.example"
FIRST_APPLICANT = "applicant@marshvale.example"  # band B, needs one bedroom
SECOND_APPLICANT = "applicant-active@marshvale.example"  # band D, needs one bedroom
SUSPENDED_APPLICANT = "applicant-suspended@marshvale.example"

# Lettings pages the other browser tests check with data on them (test_lettings_homes.py,
# test_lettings_matches.py and the sweep's find-a-home and offer pages); this journey reaches the
# rest.
CHECKED_ELSEWHERE = {
    "lettings:home_edit",
    "lettings:home_photo_new",
    "lettings:home_photo_remove",
    "lettings:advert_edit",
    "lettings:advert_withdraw",
    "lettings:auto_bid",
    "lettings:officer_bid_withdraw",
    "lettings:homes_to_match",
    "lettings:matches",
    "lettings:match_choose",
    "lettings:councils",
    "lettings:council_go_live",
    "lettings:my_offer",  # the sweep's offer pages (test_accessibility_sweep.py)
}
NOT_PAGES = {"lettings:home_photo"}  # a photo, served as a file


@dataclass
class Cast:
    """The people of the journey and what their walks found."""

    new_context: Any
    base_url: str
    findings: Findings = field(default_factory=lambda: Findings("the lettings journey"))
    reached: set[str] = field(default_factory=set)

    def walker(self, email: str | None, viewport: dict[str, int]) -> Walker:
        page = self.new_context(java_script_enabled=False, viewport=viewport).new_page()
        checker = self.new_context(viewport=viewport).new_page()
        walker = Walker(
            page,
            checker,
            self.base_url,
            findings=self.findings,
            reached=self.reached,
            viewport=viewport,
        )
        if email is not None:
            sign_in_quickly(page.context, self.base_url, account(email))
        return walker


@dataclass(frozen=True)
class Given:
    window: Any  # the next bidding cycle's window
    phone_bidder: Any  # an application whose household bids by phone


def _given() -> Given:
    """The next cycle to open, and a band A household needing one bedroom that asks the council
    to bid for it by phone, with two suitable offers already refused.

    The earlier refusals are counted through the register's service (their offers are not part
    of this journey), so the refusal here is the third and the policy's rule applies."""
    from hearth.accounts.models import Membership
    from hearth.accounts.tests.factories import actor_for
    from hearth.core import clock
    from hearth.core.models import Organisation
    from hearth.lettings.rules.cycle_rhythm import window_current_or_next
    from hearth.lettings.services.cycles import scheme_rhythm
    from hearth.register.models import Application, Assessment
    from hearth.register.services.lifecycle import household_refusal_count_add

    council = Organisation.objects.get(slug="marshvale-city")
    assert council.scheme is not None
    rhythm = scheme_rhythm(council.scheme)
    now = clock.now()
    window = window_current_or_next(rhythm, now)
    if window.opens_at <= now:
        window = window_current_or_next(rhythm, window.closes_at + dt.timedelta(minutes=1))
    band_a = (
        Assessment.objects.filter(
            household__council=council,
            household__application__status="active",
            band="A",
            bedroom_need=1,
        )
        .exclude(household__applicant__email__endswith="@marshvale.example")
        .order_by("household__reference")
        .values_list("household_id", flat=True)
    )
    phone_bidder = Application.objects.filter(household_id__in=band_a, status="active").first()
    assert phone_bidder is not None, "the demo register has no band A household for one bedroom"
    officer = actor_for(Membership.objects.get(user__email=OFFICER))
    with transaction.atomic():
        for _refusal in range(2):
            household_refusal_count_add(
                actor=officer, application=phone_bidder, reason="Refused a suitable home"
            )
    return Given(window=window, phone_bidder=phone_bidder)


def _tick(at: dt.datetime) -> dict[str, int]:
    """The every-minute job, run as the scheduler runs it, at `at`."""
    from hearth.core import clock
    from hearth.lettings.tasks import cycles_tick_task

    with clock.clock_frozen_at(at):
        outcome: dict[str, int] = cycles_tick_task()
    return outcome


def _advertised_and_approved(cast: Cast) -> Any:
    """A landlord adds a one-bedroom flat and sends its advert; the council approves it."""
    from hearth.lettings.models import Advert, AdvertStatus

    landlord = cast.walker(LANDLORD, DESKTOP)
    landlord.goto(reverse("lettings:homes"))
    landlord.follow(reverse("lettings:home_new"))
    landlord.submit(errors=True)  # sent empty: every question is named
    landlord.fill("address", "Flat 6, Heron Court\nMill Lane")
    landlord.fill("postcode", "mv3 4ef")
    landlord.choose("Marshvale City Council")
    landlord.page.locator("select[name=area_marshvale-city]").select_option(index=1)
    landlord.choose("Flat")
    landlord.fill("bedrooms", "1")
    landlord.fill("max_occupants", "2")
    landlord.fill("floor", "1")
    for question in ("has_lift", "step_free", "older_persons"):
        landlord.page.locator(f"input[name={question}][value=no]").check()
    landlord.choose("General needs")
    landlord.fill("weekly_rent", "96.50")
    landlord.choose("Assured (lifetime) tenancy")
    landlord.choose("C")
    landlord.submit()
    assert "Home saved" in landlord.main_text
    landlord.follow("/advertise/")
    landlord.submit()
    assert "Advert saved as a draft" in landlord.main_text
    landlord.follow("/send/")
    landlord.press("Send to the council")
    assert "sent to Marshvale City Council" in landlord.main_text
    advert = Advert.objects.select_related("property").get(
        property__address__startswith="Flat 6, Heron Court"
    )

    officer = cast.walker(OFFICER, DESKTOP)
    officer.goto(reverse("lettings:advert_approvals"))
    officer.click(advert.reference)
    officer.choose("Approve it: it goes live when the next cycle opens")
    officer.submit()
    assert f"Advert {advert.reference} approved" in officer.main_text
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.APPROVED
    return advert


def _first_applicant_bids(cast: Cast, advert: Any) -> Walker:
    """Finds the flat with the filters, asks "Can I bid?", bids, sees the position, withdraws
    and bids again; a bid sent a second time from an out-of-date page is refused clearly."""
    home = advert.property
    sam = cast.walker(FIRST_APPLICANT, NARROW)
    sam.goto(reverse("lettings:find_home"))
    sam.select("area", value=f"marshvale-city/{home.area}")
    sam.select("bedrooms", value="1")
    sam.select("property_type", value="flat")
    sam.press("Show homes")
    assert "1 home found" in sam.main_text
    sam.follow(reverse("lettings:find_home_advert", args=[advert.reference]))
    assert "Can I bid?" in sam.main_text
    assert "Yes, you can bid for this home." in sam.main_text
    out_of_date = sam.hold()
    sam.press("Bid for this home")
    assert "You have bid for this home." in sam.page.content()
    assert "You are 1st of 1 so far" in sam.main_text, sam.main_text
    problem = sam.mistake(
        "Bid for this home", "bid sent again (out-of-date page)", held=out_of_date
    )
    assert "already" in problem, problem
    sam.click("Withdraw your bid")
    sam.press("Withdraw bid")
    assert "is withdrawn" in sam.main_text
    sam.follow(reverse("lettings:find_home_advert", args=[advert.reference]))
    sam.press("Bid for this home")
    assert "so far" in sam.main_text
    sam.goto(reverse("lettings:bids"))
    return sam


def _others_bid(cast: Cast, advert: Any, given: Given) -> Walker:
    """A second applicant bids online; a suspended one may not; the council bids by phone for
    the band A household."""
    callum = cast.walker(SECOND_APPLICANT, NARROW)
    callum.goto(reverse("lettings:find_home"))
    callum.follow(reverse("lettings:find_home_advert", args=[advert.reference]))
    callum.press("Bid for this home")
    assert "You are 2nd of 2 so far" in callum.main_text, callum.main_text

    # An applicant whose application is suspended is told why not, and offered no Bid button
    suspended = cast.walker(SUSPENDED_APPLICANT, NARROW)
    suspended.goto(reverse("lettings:find_home_advert", args=[advert.reference]))
    answer = suspended.main_text
    assert "Can I bid?" in answer and "No." in answer, answer
    assert suspended.page.locator("main form[method='post' i]").count() == 0

    officer = cast.walker(OFFICER, DESKTOP)
    officer.goto(reverse("lettings:application_bids", args=[given.phone_bidder.pk]))
    officer.select("advert", value=str(advert.pk))
    officer.choose("By phone")
    officer.press("Place bid")
    officer.goto(reverse("lettings:cycles"))
    officer.goto(reverse("lettings:report_partner_pot"))
    return callum


def _shortlisted_bypassed_and_nominated(cast: Cast, advert: Any, given: Given) -> Any:
    """The council bypasses the second applicant (a note is required), looks at ranking again,
    and nominates the bidder at the top; nominating anyone else first is refused."""
    from hearth.lettings.models import Offer, ShortlistEntry
    from hearth.register.models import Application

    bidders = {
        "phone": given.phone_bidder.pk,
        **{
            email: Application.objects.get(household__applicant__email=email).pk
            for email in (FIRST_APPLICANT, SECOND_APPLICANT)
        },
    }
    placed = {
        entry.bid.application_id: entry
        for entry in ShortlistEntry.objects.filter(shortlist__advert=advert).select_related("bid")
    }
    entries = {who: placed[application] for who, application in bidders.items()}
    assert [entries[who].position for who in ("phone", FIRST_APPLICANT, SECOND_APPLICANT)] == [
        1,
        2,
        3,
    ]
    officer = cast.walker(OFFICER, DESKTOP)
    shortlist = reverse("lettings:shortlist", args=[advert.pk])
    officer.goto(reverse("lettings:shortlists"))
    officer.click(advert.reference)
    bypass = reverse("lettings:shortlist_bypass", args=[advert.pk, entries[SECOND_APPLICANT].pk])
    officer.follow(bypass)
    problem = officer.mistake(
        "Bypass bidder",
        "bypass without a note",
        prepare=lambda page: page.get_by_label("Did not respond to contact", exact=True).check(),
    )
    assert "Enter a note saying why" in problem, problem
    officer.choose("Did not respond to contact")
    officer.fill("note", "Three calls and a letter over two days, and no answer.")
    officer.submit()
    assert "Bidder bypassed" in officer.main_text
    officer.follow(
        reverse("lettings:shortlist_bypass_undo", args=[advert.pk, entries[SECOND_APPLICANT].pk])
    )  # looked at, not done
    officer.goto(shortlist)
    officer.follow(reverse("lettings:shortlist_rerank", args=[advert.pk]))
    problem = officer.mistake("Rank again", "rank again without saying how")
    assert "Select how to rank the bids again" in problem, problem
    officer.goto(shortlist)
    problem = officer.mistake(
        "Nominate",
        "nominating position 2 while position 1 is in the running",
        path=reverse("lettings:offer_nominate", args=[advert.pk, entries[FIRST_APPLICANT].pk]),
    )
    assert "Position 1 is higher on the shortlist" in problem, problem
    officer.click("Nominate to the landlord")
    officer.press("Nominate")
    assert "Nominated to the landlord" in officer.main_text
    return Offer.objects.get(advert=advert, entry=entries["phone"])


def _landlord_offers(cast: Cast, offer: Any) -> Walker:
    """The landlord finds the nomination and makes the offer, with viewing arrangements."""
    landlord = cast.walker(LANDLORD, DESKTOP)
    landlord.goto(reverse("lettings:landlord_offers"))
    landlord.follow(reverse("lettings:offer", args=[offer.pk]))
    landlord.click("Make the offer")

    def too_long(page: Any) -> None:
        box = page.locator("textarea[name=viewing_text]")
        box.evaluate("(element) => element.removeAttribute('maxlength')")
        box.fill("Ask for Ade at the site office. " * 70)

    problem = landlord.mistake(
        "Make offer", "offer with viewing arrangements too long", prepare=too_long
    )
    assert "characters or fewer" in problem, problem
    landlord.fill("viewing_text", "Thursday at 10am. Ask for Ade at the site office.")
    landlord.press("Make offer")
    assert "Offer made" in landlord.main_text
    return landlord


def _first_nominee_refuses(cast: Cast, offer: Any) -> None:
    """The landlord records the refusal; it counts, and the policy's rule for a third counted
    refusal is shown. A withdrawal without a reason is refused (and nothing is withdrawn)."""
    landlord = _landlord_offers(cast, offer)
    offer_path = reverse("lettings:offer", args=[offer.pk])
    landlord.follow(reverse("lettings:offer_withdraw", args=[offer.pk]))
    problem = landlord.mistake("Withdraw", "withdraw the offer without a reason")
    assert "Enter why the offer is withdrawn" in problem, problem
    landlord.goto(offer_path)
    landlord.click("The offer was refused")
    problem = landlord.mistake("Record refusal", "refusal sent empty")
    assert "Select who refused the offer" in problem, problem
    landlord.choose("The applicant")
    landlord.fill("reason", "The household wants to stay near the children's school.")
    landlord.choose("Yes, the refusal counts")
    landlord.press("Record refusal")
    main = landlord.main_text
    assert "Refusal recorded" in main and "refusal number 3 that counts" in main, main
    assert "If you refuse 3 reasonable offers, we will review your band." in main, main


def _next_accepts(cast: Cast, advert: Any, let_from: dt.date) -> None:
    """The council nominates the next bidder; the landlord offers and records the acceptance."""
    from hearth.lettings.models import Offer, OfferStatus

    officer = cast.walker(OFFICER, DESKTOP)
    officer.goto(reverse("lettings:shortlist", args=[advert.pk]))
    assert "Next in line for an offer: position 2." in officer.main_text
    officer.click("Nominate to the landlord")
    officer.press("Nominate")
    offer = Offer.objects.get(advert=advert, status=OfferStatus.NOMINATED)
    landlord = _landlord_offers(cast, offer)
    landlord.click("They accepted")
    problem = landlord.mistake("Record acceptance", "acceptance with no start date")
    assert "Enter the date the tenancy starts" in problem, problem
    landlord.date("tenancy_starts_on", str(let_from.day), str(let_from.month), str(let_from.year))
    landlord.press("Record acceptance")
    assert "The home is let" in landlord.main_text


def _landlord_works_a_shortlist(cast: Cast, advert: Any) -> None:
    """The scheme admin looks at the cycles (a time that is not a time is refused) and lets
    Marshvale's landlords work their shortlists; the landlord then sees the shortlist of its
    home, and an offer from it now is refused (the home is let)."""
    from hearth.core.models import Organisation
    from hearth.lettings.models import ShortlistEntry

    council = Organisation.objects.get(slug="marshvale-city")
    admin = cast.walker(SCHEME_ADMIN, DESKTOP)
    admin.goto(reverse("lettings:cycles"))
    admin.click("Change when cycles open and close")
    problem = admin.mistake(
        "Save times",
        "cycle times with a closing time that is not a time",
        prepare=lambda page: page.fill("input[name=closes_time]", "midnight"),
    )
    assert "Enter the closing time as hours and minutes" in problem, problem
    admin.goto(reverse("lettings:council_lettings_settings", args=[council.pk]))
    admin.choose("The landlord works the shortlist directly")
    admin.press("Save settings")
    landlord = cast.walker(LANDLORD, DESKTOP)
    landlord.goto(reverse("lettings:shortlists"))
    landlord.click(advert.reference)
    entry = ShortlistEntry.objects.filter(shortlist__advert=advert).order_by("position").first()
    assert entry is not None
    problem = landlord.mistake(
        "Make offer",
        "offer from the shortlist of a home already let",
        path=reverse("lettings:offer_direct", args=[advert.pk, entry.pk]),
    )
    assert "This home is not waiting for an offer." in problem, problem


def test_a_home_is_advertised_bid_for_shortlisted_offered_and_let(
    live_site: Any, new_context: Any
) -> None:
    from hearth.core import clock
    from hearth.lettings.models import AdvertStatus, BidStatus

    cast = Cast(new_context, live_site.url)
    given = _given()
    window = given.window

    # Given a home a landlord has advertised and the council has approved
    advert = _advertised_and_approved(cast)

    # When the next cycle opens, the advert is published in it (with any the demo approved)
    assert _tick(window.opens_at + dt.timedelta(minutes=1))["published"] >= 1
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.LIVE

    # ...applicants bid while it is open
    with clock.clock_frozen_at(window.opens_at + dt.timedelta(hours=9)):
        sam = _first_applicant_bids(cast, advert)
        callum = _others_bid(cast, advert, given)
        sam.follow(reverse("lettings:find_home_advert", args=[advert.reference]))
        assert "You are 2nd of 3 so far" in sam.main_text, sam.main_text

    # ...and when it closes, every advert in it is shortlisted
    assert _tick(window.closes_at + dt.timedelta(minutes=1))["shortlisted"] >= 1
    with clock.clock_frozen_at(window.closes_at + dt.timedelta(hours=10)):
        offer = _shortlisted_bypassed_and_nominated(cast, advert, given)
        _first_nominee_refuses(cast, offer)
        _next_accepts(cast, advert, let_from=clock.today() + dt.timedelta(days=14))

        # Then the home is let to the first applicant, whose other bids are closed
        advert.refresh_from_db()
        assert advert.status == AdvertStatus.LET
        sam.goto(reverse("lettings:bids"))
        assert "Successful" in sam.main_text, sam.main_text
        # ...the bypassed applicant is told why in plain English
        callum.goto(reverse("lettings:bids"))
        assert "did not hear back in time" in callum.main_text, callum.main_text
        assert advert.bids.filter(status=BidStatus.SUCCESSFUL).count() == 1

        # ...and the public results show the let, found by its size
        public = cast.walker(None, NARROW)
        public.goto(reverse("publishing:results"))
        public.select("bedrooms", value="1")
        public.press("Search")
        assert "Band B" in public.main_text, public.main_text

        _landlord_works_a_shortlist(cast, advert)

    # Every lettings page a role can reach has been checked with data on it, here or elsewhere
    lettings = {
        f"lettings:{name}"
        for name in get_resolver().namespace_dict["lettings"][1].reverse_dict
        if isinstance(name, str)
    }
    missing = lettings - cast.reached - CHECKED_ELSEWHERE - NOT_PAGES
    assert not missing, f"lettings pages no browser test reaches: {sorted(missing)}"
    print(cast.findings.report())  # shown with `pytest -rP`
    assert not cast.findings.problems, cast.findings.report()
