"""The work waiting for someone, shown on their staff or landlord home page, drawn by the apps
that own the work.

The home pages belong to the shared kernel, but what waits on them belongs to other apps
(a landlord's adverts to finish, a lettings officer's adverts to approve, later shortlists and
offers), and `core` imports none of them. Each app registers a source of sections in its
`AppConfig.ready()` with `home_sections_register(key, source)`; the home page asks every source
for the signed-in actor's sections (docs/adr/0016-home-pages-show-work-from-other-apps.md).

A source returns no sections, without a query, for actors it has nothing for, and a fixed
number of queries otherwise: it runs each time someone opens their home page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from hearth.core.access.actor import Actor

Text = str | Promise


@dataclass(frozen=True)
class HomeLink:
    """One piece of work: a link to it, what it is, and a tag saying where it stands."""

    label: Text
    url: str
    hint: Text = ""
    tag: Text = ""
    # A GOV.UK tag colour ("blue", "red", "grey" …); empty for the default.
    tag_colour: str = ""


@dataclass(frozen=True)
class HomeSection:
    """A heading and the work under it. `empty` is said when there is none; `more` links to
    the whole list when the section shows only the first few."""

    heading: Text
    links: tuple[HomeLink, ...] = ()
    empty: Text = ""
    more: HomeLink | None = None
    # Sections are shown in this order (then by the key they were registered under).
    order: int = 100


HomeSectionSource = Callable[[Actor], Sequence[HomeSection]]

_SOURCES: dict[str, HomeSectionSource] = {}


def home_sections_register(key: str, source: HomeSectionSource) -> None:
    """Show `source(actor)`'s sections on the actor's home page (the last registration of a
    key wins)."""
    _SOURCES[key] = source


def home_sections(actor: Actor) -> list[HomeSection]:
    """Every registered source's sections for `actor`, in order."""
    found: list[tuple[int, str, int, HomeSection]] = []
    for key, source in sorted(_SOURCES.items()):
        for index, section in enumerate(source(actor)):
            found.append((section.order, key, index, section))
    return [section for *_ignored, section in sorted(found, key=lambda row: row[:3])]
