"""Councils' lettings settings and go-live: scheme admins change them, validated and audited;
a council going live is advertised from the first cycle opening on or after its date, and a
council that allocates directly (traditional allocations, or a `direct_match` policy) never is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts.tests.factories import actor_for, staff_member
from hearth.core import clock
from hearth.core.access.actor import Actor
from hearth.core.access.roles import CouncilStatus, Role
from hearth.core.models import AuditEvent, Organisation, Scheme
from hearth.core.tests.factories import OrganisationFactory, SchemeFactory
from hearth.lettings.models import Advert, AdvertStatus, CouncilLettings, NominationRoute
from hearth.lettings.selectors.councils import allocates_directly
from hearth.lettings.services.councils import council_go_live, council_lettings_save
from hearth.lettings.services.cycles import cycles_tick
from hearth.lettings.tests.cycles_setup import OPENS
from hearth.lettings.tests.factories import AdvertFactory
from hearth.register.tests.workspace_setup import published_policy

pytestmark = pytest.mark.django_db

# The Monday before the cycle opening on Thursday 10 December 2026 (OPENS).
MONDAY = dt.datetime(2026, 12, 7, 10, 0, tzinfo=clock.LONDON)


def scheme_admin(scheme: Scheme) -> Actor:
    team = OrganisationFactory(scheme=scheme, partnership=True)
    return actor_for(staff_member(team, [Role.SCHEME_ADMIN]))


def approved_advert(council: Organisation) -> Advert:
    advert: Advert = AdvertFactory(
        draft=True,
        status=AdvertStatus.APPROVED,
        property__council=council,
        property__landlord__scheme=council.scheme,
    )
    return advert


def test_a_council_switched_live_for_next_week_is_advertised_only_from_then() -> None:
    # Given a council on traditional allocations with an approved home waiting
    scheme = SchemeFactory()
    council = OrganisationFactory(scheme=scheme, council_status=CouncilStatus.TRADITIONAL)
    published_policy(council)
    advert = approved_advert(council)
    # When a scheme admin switches it to live CBL on Monday, going live next Monday
    with clock.clock_frozen_at(MONDAY):
        council_go_live(
            actor=scheme_admin(scheme), council=council, live_from=dt.date(2026, 12, 14)
        )
    council.refresh_from_db()
    assert council.council_status == CouncilStatus.LIVE_CBL
    # Then this Thursday's opening publishes nothing
    cycles_tick(now=OPENS - dt.timedelta(hours=1))
    assert cycles_tick(now=OPENS).published == 0
    advert.refresh_from_db()
    assert (advert.status, advert.cycle_id) == (AdvertStatus.APPROVED, None)
    # and the opening after the go-live date publishes the home
    next_opening = OPENS + dt.timedelta(days=7)
    cycles_tick(now=next_opening - dt.timedelta(hours=1))
    assert cycles_tick(now=next_opening).published == 1
    advert.refresh_from_db()
    assert advert.status == AdvertStatus.LIVE
    assert advert.cycle is not None and advert.cycle.opens_at == next_opening


def test_going_live_goes_through_the_council_status_service_and_is_audited() -> None:
    scheme = SchemeFactory()
    council = OrganisationFactory(scheme=scheme, council_status=CouncilStatus.ONBOARDING)
    with clock.clock_frozen_at(MONDAY):
        settings = council_go_live(
            actor=scheme_admin(scheme), council=council, live_from=dt.date(2026, 12, 7)
        )
    assert settings.cbl_live_from == dt.date(2026, 12, 7)
    status_event = AuditEvent.objects.get(verb="council.status_changed")
    assert status_event.changes["council_status"] == {"before": "onboarding", "after": "live_cbl"}
    go_live = AuditEvent.objects.get(verb="council.lettings_go_live")
    assert go_live.changes["cbl_live_from"] == {"before": None, "after": "2026-12-07"}


def test_a_go_live_date_in_the_past_is_refused_and_nothing_changes() -> None:
    scheme = SchemeFactory()
    council = OrganisationFactory(scheme=scheme, council_status=CouncilStatus.TRADITIONAL)
    with clock.clock_frozen_at(MONDAY), pytest.raises(ValidationError) as refused:
        council_go_live(actor=scheme_admin(scheme), council=council, live_from=dt.date(2026, 12, 6))
    assert "live_from" in refused.value.message_dict
    council.refresh_from_db()
    assert council.council_status == CouncilStatus.TRADITIONAL
    assert not CouncilLettings.objects.exists()


def test_a_traditional_council_and_a_live_council_with_a_direct_match_policy_never_publish() -> (
    None
):
    # Given two councils allocating directly, each with an approved home, and a live CBL council
    scheme = SchemeFactory()
    traditional = OrganisationFactory(scheme=scheme, council_status=CouncilStatus.TRADITIONAL)
    published_policy(traditional)
    matching = OrganisationFactory(scheme=scheme, council_status=CouncilStatus.LIVE_CBL)
    published_policy(matching, "kingsbarrow")
    bidding = OrganisationFactory(scheme=scheme, council_status=CouncilStatus.LIVE_CBL)
    published_policy(bidding)
    held = [approved_advert(traditional), approved_advert(matching)]
    published = approved_advert(bidding)
    # When the cycle opens
    cycles_tick(now=OPENS - dt.timedelta(hours=1))
    assert cycles_tick(now=OPENS).published == 1
    # Then only the bidding council's home is advertised; the others wait to be matched
    published.refresh_from_db()
    assert published.status == AdvertStatus.LIVE
    for advert in held:
        advert.refresh_from_db()
        assert (advert.status, advert.cycle_id) == (AdvertStatus.APPROVED, None)
    today = OPENS.date()
    assert allocates_directly(traditional, today)
    assert allocates_directly(matching, today)
    assert not allocates_directly(bidding, today)


def test_a_scheme_admin_changes_a_councils_lettings_settings_and_it_is_audited() -> None:
    scheme = SchemeFactory()
    council = OrganisationFactory(scheme=scheme)
    settings = council_lettings_save(
        actor=scheme_admin(scheme),
        council=council,
        adverts_need_approval=False,
        nomination_route=NominationRoute.LANDLORD_WORKS_SHORTLIST,
        offer_working_days=5,
    )
    settings.refresh_from_db()
    assert (
        settings.adverts_need_approval,
        settings.nomination_route,
        settings.offer_working_days,
    ) == (False, NominationRoute.LANDLORD_WORKS_SHORTLIST, 5)
    event = AuditEvent.objects.get(verb="council.lettings_settings_changed")
    assert event.changes["offer_working_days"] == {"before": 2, "after": 5}
    assert event.organisation == council


@pytest.mark.parametrize(
    ("route", "days", "field"),
    [
        ("council", 0, "offer_working_days"),
        ("council", 11, "offer_working_days"),
        ("x", 2, "nomination_route"),
    ],
)
def test_settings_out_of_range_are_refused_with_the_field_named(
    route: str, days: int, field: str
) -> None:
    scheme = SchemeFactory()
    council = OrganisationFactory(scheme=scheme)
    with pytest.raises(ValidationError) as refused:
        council_lettings_save(
            actor=scheme_admin(scheme),
            council=council,
            adverts_need_approval=True,
            nomination_route=route,
            offer_working_days=days,
        )
    assert list(refused.value.message_dict) == [field]
    assert not CouncilLettings.objects.exists()


def test_only_scheme_admins_of_the_councils_scheme_change_its_lettings() -> None:
    scheme = SchemeFactory()
    council = OrganisationFactory(scheme=scheme)
    other_scheme = SchemeFactory(slug="elsewhere")
    outsiders = [
        scheme_admin(other_scheme),
        actor_for(staff_member(council, [Role.LETTINGS_OFFICER])),
        actor_for(staff_member(council, [Role.COUNCIL_ADMIN])),
    ]
    for actor in outsiders:
        with pytest.raises(PermissionDenied):
            council_lettings_save(
                actor=actor,
                council=council,
                adverts_need_approval=True,
                nomination_route="council",
                offer_working_days=2,
            )
        with pytest.raises(PermissionDenied):
            council_go_live(actor=actor, council=council, live_from=dt.date(2099, 1, 1))
