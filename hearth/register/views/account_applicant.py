"""The applicant's account: the dashboard of their application."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.core.access.permissions import request_actor
from hearth.register.models import Application
from hearth.register.selectors.account import account_dashboard
from hearth.register.selectors.applications import application_of_applicant


def current_application(request: HttpRequest) -> Application | None:
    """The signed-in applicant's application, for the account's pages."""
    return application_of_applicant(actor=request_actor(request))


def account_home_render(request: HttpRequest) -> HttpResponse:
    """The account dashboard (served at /account/ by `accounts:applicant_home`)."""
    actor = request_actor(request)
    dashboard = account_dashboard(actor=actor)
    return render(
        request,
        "register/account/home.html",
        {
            "dashboard": dashboard,
            "user": actor.user,
        },
    )
