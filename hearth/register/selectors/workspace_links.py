"""Links that higher apps add to an officer's application page (the workspace part).

The register sits below lettings and homelessness (docs/adr/0012-layers-and-extension-points.md)
and never imports them, yet an officer on an application's page needs their pages for the
applicant (the applicant's bids, automatic bidding). Such an app registers a provider in its
`AppConfig.ready()` with `application_links_register(key, provider)`; the page lists, under
"Actions", every link each provider gives for the officer and the application. One provider
per key (the last registration wins); a page with no providers shows none.

Filled by: lettings (`hearth/lettings/apps.py`: the applicant's bids).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from hearth.core.access.actor import Actor
from hearth.register.models import Application


@dataclass(frozen=True)
class ApplicationLink:
    label: str | Promise
    url: str


ApplicationLinks = Callable[[Actor, Application], Sequence[ApplicationLink]]

_PROVIDERS: dict[str, ApplicationLinks] = {}


def application_links_register(key: str, provider: ApplicationLinks) -> None:
    """Show `provider(actor, application)`'s links on the officer's application page."""
    _PROVIDERS[key] = provider


def application_links(*, actor: Actor, application: Application) -> list[ApplicationLink]:
    """The links every registered provider gives for this officer and application."""
    return [
        link
        for _key, provider in sorted(_PROVIDERS.items())
        for link in provider(actor, application)
    ]
