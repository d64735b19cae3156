"""The sections other apps add to the staff and landlord home pages, in their order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from django.template.loader import render_to_string

from hearth.core.access.actor import Actor
from hearth.core.pages import home_sections as registry
from hearth.core.pages.home_sections import (
    HomeLink,
    HomeSection,
    home_sections,
    home_sections_register,
)

NOBODY = Actor(user=None, scheme=None)


@pytest.fixture(autouse=True)
def _own_registry() -> Iterator[None]:
    """Each test registers its own sources; the apps' are put back afterwards."""
    saved = dict(registry._SOURCES)
    registry._SOURCES.clear()
    yield
    registry._SOURCES.clear()
    registry._SOURCES.update(saved)


def test_sections_come_in_their_order_whoever_registered_first() -> None:
    # Given two apps' sources, the later one's section first in order
    def offers(actor: Actor) -> Sequence[HomeSection]:
        return [HomeSection(heading="Offers out", order=30)]

    def adverts(actor: Actor) -> Sequence[HomeSection]:
        return [
            HomeSection(heading="Adverts to finish", order=10),
            HomeSection(heading="Advertised now", order=40),
        ]

    home_sections_register("offers", offers)
    home_sections_register("adverts", adverts)
    # Then the page shows them by order
    headings = [str(s.heading) for s in home_sections(NOBODY)]
    assert headings == ["Adverts to finish", "Offers out", "Advertised now"]


def test_registering_a_key_again_replaces_its_source() -> None:
    home_sections_register("adverts", lambda actor: [HomeSection(heading="Old")])
    home_sections_register("adverts", lambda actor: [HomeSection(heading="New")])
    assert [str(s.heading) for s in home_sections(NOBODY)] == ["New"]


def test_a_source_with_nothing_for_the_actor_adds_nothing() -> None:
    home_sections_register("adverts", lambda actor: [])
    assert home_sections(NOBODY) == []


def test_a_section_renders_its_links_tags_and_more_link_or_its_empty_text() -> None:
    sections = [
        HomeSection(
            heading="Adverts to finish",
            links=(HomeLink("7 Kiln Row", "/a/1/", hint="MC-A00001", tag="Draft"),),
            more=HomeLink("See all 9", "/homes/?adverts=to-finish"),
        ),
        HomeSection(heading="Your adverts", empty="You have no adverts in progress."),
    ]
    html = render_to_string("core/_home_sections.html", {"sections": sections})
    assert 'href="/a/1/"' in html
    assert 'aria-describedby="work-1-1-hint work-1-1-status"' in html
    assert '<strong class="govuk-tag">Draft</strong>' in html
    assert 'href="/homes/?adverts=to-finish">See all 9' in html
    assert "You have no adverts in progress." in html
