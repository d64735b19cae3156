"""Whose account a page acts on: the applicant's own, or an officer's on the applicant's behalf.

An officer can do on an applicant's account what the applicant does there (assisted digital):
upload a document, report a change, renew, withdraw a review. Each such page has one view body,
in its part's applicant module, that takes an `AccountOwner`; the owner supplies all that
differs by audience:

- `actor`: who the services record (an officer, on behalf of the applicant);
- `render`: the applicant's template, or the officer's in the staff layout with the
  assisted-digital banner (`AccountPage` names both);
- `url`: another account page, as this audience reaches it (/account/changes/, or the officer's
  page under the application);
- `done` and `back`: where the page goes once done, or when the answer is "no": the applicant's
  next page, or for the officer the application's own page, with a confirmation.

The entry views stay per audience, because each finds its records from its own URL: the
applicant's from their account (`for_applicant`), the officer's from the application's id
(`for_officer`) or from the decision or review the URL names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise

from hearth.core.access.actor import Actor
from hearth.core.access.permissions import applicant_only, capability_required, request_actor
from hearth.core.access.roles import Capability
from hearth.register.models import Application
from hearth.register.selectors.applications import application_of_applicant
from hearth.register.selectors.apply import application_for_assisted
from hearth.register.services.apply import acting_actor


@dataclass(frozen=True)
class AccountPage:
    """One account page as each audience sees it.

    `template` and `done_url` (a URL name; `back_url` where "no" goes) are the applicant's,
    with `done_message` shown on the page they go to; the officer's page is
    `officer_template` (under register/account/assisted/) and always goes back to the
    application's page with `officer_message`.
    """

    officer_template: str
    officer_message: str | Promise
    template: str = ""  # "" for a page only officers have
    done_url: str = ""
    done_message: str | Promise = ""
    back_url: str = "accounts:applicant_home"
    # What a second copy of the same form is told (see hearth/core/forms/submissions.py).
    duplicate_message: str | Promise = ""
    officer_duplicate_message: str | Promise = ""


@dataclass(frozen=True)
class AccountOwner:
    """The application whose account a page acts on, who is signed in, and whether they are
    an officer acting for the applicant."""

    signed_in: Actor
    application: Application
    staff: bool

    @property
    def actor(self) -> Actor:
        """Who the services record: the applicant, or the officer on the applicant's behalf."""
        if self.staff:
            return acting_actor(self.signed_in, self.application.household)
        return self.signed_in

    def url(self, name: str) -> str:
        """The account page `name` as this audience reaches it."""
        if self.staff:
            return reverse(f"register:assisted_{name}", kwargs={"pk": self.application.pk})
        return reverse(f"register:{name}")

    def render(
        self, request: HttpRequest, page: AccountPage, context: dict[str, Any]
    ) -> HttpResponse:
        if not self.staff:
            return render(request, page.template, context)
        return render(
            request,
            f"register/account/assisted/{page.officer_template}",
            {
                "journey": {"staff": True},  # the banner is shared with the application form
                "application": self.application,
                "household": self.application.household,
                **context,
            },
        )

    def done(
        self,
        request: HttpRequest,
        page: AccountPage,
        *,
        url_kwargs: dict[str, Any] | None = None,
        message_args: tuple[str, ...] = (),
    ) -> HttpResponse:
        """The page after a change is made, with its confirmation."""
        if self.staff:
            text = str(page.officer_message)
            messages.success(request, text % message_args if message_args else text)
            return self._application_page()
        if page.done_message:
            messages.success(request, str(page.done_message))
        return redirect(reverse(page.done_url, kwargs=url_kwargs))

    def done_url(self, page: AccountPage, *, url_kwargs: dict[str, Any] | None = None) -> str:
        """Where `done` goes, as a URL (a form sent twice is sent there again)."""
        if self.staff:
            return reverse("register:application", kwargs={"pk": self.application.pk})
        return reverse(page.done_url, kwargs=url_kwargs)

    def back(
        self, request: HttpRequest, page: AccountPage, *, url_kwargs: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The page to go back to, nothing changed."""
        if self.staff:
            return self._application_page()
        return redirect(reverse(page.back_url, kwargs=url_kwargs))

    def _application_page(self) -> HttpResponse:
        return redirect("register:application", pk=self.application.pk)


AccountView = Callable[..., HttpResponseBase]


def for_applicant(view: AccountView) -> AccountView:
    """The signed-in applicant's current application; without one, their account page."""

    @wraps(view)
    def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        actor = request_actor(request)
        application = application_of_applicant(actor=actor)
        if application is None:
            return redirect("accounts:applicant_home")
        return view(request, AccountOwner(actor, application, staff=False), **kwargs)

    return applicant_only(wrapped)


def for_officer(view: AccountView) -> AccountView:
    """An application of the officer's own council, by its id in the URL (else 404)."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: Any, **kwargs: Any) -> HttpResponseBase:
        actor = request_actor(request)
        application = application_for_assisted(actor=actor, pk=pk)
        return view(request, AccountOwner(actor, application, staff=True), **kwargs)

    return capability_required(Capability.ASSESS_APPLICATIONS)(wrapped)


def officer_account(request: HttpRequest, application_id: Any) -> AccountOwner:
    """For an officer's page found by another record (a decision, a review): its application,
    if it is one of the officer's own council (else 404)."""
    actor = request_actor(request)
    return AccountOwner(actor, application_for_assisted(actor=actor, pk=application_id), staff=True)
