"""The policy's readable page shows every setting, and the comparison of two versions marks each
one that changed: mobility label uses, a local connection to the home's own area, bids the
policy refuses, households under offer, a band lower than need and a refusal's lower band. Pure:
no database."""

from __future__ import annotations

from typing import Any

from hearth.policy.documents.compare import sections_compared
from hearth.policy.documents.readable import Section, policy_sections
from hearth.policy.rules.document import PolicyDocument
from hearth.policy.tests.assess_support import MARSHVALE, demo, demo_changed

ARREARS = {
    "code": "arrears",
    "when": "household.housing_debt > 0.0 && !household.repayment_arrangement",
    "text": "You owe rent and have not agreed a plan to pay it back.",
}
NO_PARTNER_CONNECTION = {
    "when": "!household.partner_connection",
    "text": "You have no local connection to any council in the partnership.",
}


def with_every_household_rule(data: dict[str, Any]) -> None:
    data["shortlist"]["mobility_labels"] = ["priority"]
    data["shortlist"]["order"].insert(0, {"key": "local_connection", "to": "advert_parish"})
    data["bidding"] = {"refusals": [ARREARS], "under_offer": "skipped"}
    data["band_lower"] = [NO_PARTNER_CONNECTION]
    data["refusals"].append(
        {
            "count": 2,
            "consequence": "lower_band",
            "months": 6,
            "within_months": 12,
            "text": "Refuse 2 reasonable offers in a year and you drop a band for 6 months.",
        }
    )


def section(document: PolicyDocument, key: str) -> Section:
    return next(s for s in policy_sections(document) if s.key == key)


def facts_of(found: Section) -> dict[str, str]:
    return {label: cell.text or cell.code for label, cell in found.facts}


def rules_of(found: Section) -> list[tuple[str, dict[str, str]]]:
    return [
        (rule.text, {label: cell.text or cell.code for label, cell in rule.facts})
        for rule in found.rules
    ]


def test_the_shortlist_says_how_adverts_may_use_a_mobility_label_and_where_connection_looks() -> (
    None
):
    # Given a policy allowing a mobility label only as a priority group, and ordering a local
    # connection to the home's own area first
    policy = demo_changed(MARSHVALE, with_every_household_rule)
    # When its shortlist section is read
    shortlist = section(policy, "shortlist")
    # Then both are said in plain English
    assert facts_of(shortlist)["How an advert may use a mobility label"].startswith(
        "As a priority group"
    )
    assert shortlist.steps[0].text.startswith(
        "Households with a local connection to the home's own area or parish first"
    )
    # and a policy saying nothing allows both uses
    both = facts_of(section(demo(MARSHVALE), "shortlist"))
    assert both["How an advert may use a mobility label"].count("As a ") == 2


def test_bidding_shows_refused_bids_under_offer_and_a_refusals_lower_band() -> None:
    policy = demo_changed(MARSHVALE, with_every_household_rule)
    bidding = section(policy, "bidding")
    assert facts_of(bidding)["Bid limit"] == "3 bids in each bidding cycle"
    assert facts_of(bidding)[
        "Households under offer, or awaiting a decision on another home"
    ].startswith("They may bid, but are skipped")
    refused, offers = bidding.parts
    assert rules_of(refused) == [
        (ARREARS["text"], {"Refused when": ARREARS["when"], "Code": "arrears"})
    ]
    assert rules_of(offers)[1] == (
        "Refuse 2 reasonable offers in a year and you drop a band for 6 months.",
        {
            "Reasonable offers refused": "2",
            "What happens": "They are placed one band lower for a while, and keep bidding",
            "Counted over": "the last 12 months",
            "For": "6 months",
        },
    )


def test_a_policy_without_them_says_so() -> None:
    bidding = section(demo(MARSHVALE), "bidding")
    assert facts_of(bidding)[
        "Households under offer, or awaiting a decision on another home"
    ].startswith("They cannot bid until they answer")
    assert bidding.parts[0].is_empty
    assert section(demo(MARSHVALE), "band_lower").is_empty


def test_a_band_lower_than_need_is_shown_with_its_condition() -> None:
    policy = demo_changed(MARSHVALE, with_every_household_rule)
    assert rules_of(section(policy, "band_lower")) == [
        (NO_PARTNER_CONNECTION["text"], {"Applies when": NO_PARTNER_CONNECTION["when"]})
    ]


def test_the_comparison_marks_each_section_the_new_settings_change() -> None:
    # Given a version and the same version with every household rule added
    before = policy_sections(demo(MARSHVALE))
    after = policy_sections(demo_changed(MARSHVALE, with_every_household_rule))
    # When they are compared
    changes = {c.key: c.change for c in sections_compared(before, after)}
    # Then the shortlist, bidding and lower band sections are marked changed, and no other
    assert {key for key, change in changes.items() if change != "unchanged"} == {
        "shortlist",
        "bidding",
        "band_lower",
    }
