"""URLs of the register: the application form (composed in hearth/register/urls/__init__.py).

The applicant's journey lives under /apply/; an officer applying with someone (assisted
digital) uses the same steps under /staff/register/applications/<id>/apply/, named
"assisted_<name>" for each applicant page "apply_<name>".
"""

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path

from hearth.register.views import (
    apply_applicant,
    apply_journey_check,
    apply_journey_people,
    apply_journey_steps,
    apply_staff,
)
from hearth.register.views.apply_journey_history import PERIOD_VIEWS

STAFF = "staff/register/applications/<uuid:pk>/apply/"

# (path after the journey's root, name, applicant view, officer view)
JOURNEY: list[tuple[str, str, Callable[..., Any], Callable[..., Any]]] = [
    ("", "tasks", apply_journey_steps.tasks, apply_journey_steps.assisted_tasks),
    ("check-answers/", "check", apply_journey_check.check, apply_journey_check.assisted_check),
    (
        "declaration/",
        "declaration",
        apply_journey_check.declaration,
        apply_journey_check.assisted_declaration,
    ),
    ("people/", "people", apply_journey_people.people, apply_journey_people.assisted_people),
    (
        "people/add/",
        "people_add",
        apply_journey_people.people_add,
        apply_journey_people.assisted_people_add,
    ),
    (
        "people/<uuid:person>/",
        "people_change",
        apply_journey_people.people_change,
        apply_journey_people.assisted_people_change,
    ),
    (
        "people/<uuid:person>/pregnant/",
        "people_pregnant",
        apply_journey_people.people_pregnant,
        apply_journey_people.assisted_people_pregnant,
    ),
    (
        "people/<uuid:person>/remove/",
        "people_remove",
        apply_journey_people.people_remove,
        apply_journey_people.assisted_people_remove,
    ),
]
for section in ("addresses", "work", "family"):
    JOURNEY += [
        (f"{section}/", section, PERIOD_VIEWS[section], PERIOD_VIEWS[f"assisted_{section}"]),
        (
            f"{section}/add/",
            f"{section}_add",
            PERIOD_VIEWS[f"{section}_add"],
            PERIOD_VIEWS[f"assisted_{section}_add"],
        ),
        (
            f"{section}/<uuid:period>/",
            f"{section}_change",
            PERIOD_VIEWS[f"{section}_change"],
            PERIOD_VIEWS[f"assisted_{section}_change"],
        ),
        (
            f"{section}/<uuid:period>/remove/",
            f"{section}_remove",
            PERIOD_VIEWS[f"{section}_remove"],
            PERIOD_VIEWS[f"assisted_{section}_remove"],
        ),
        (
            f"{section}/<uuid:period>/area/",
            f"{section}_area",
            PERIOD_VIEWS[f"{section}_area"],
            PERIOD_VIEWS[f"assisted_{section}_area"],
        ),
    ]
JOURNEY += [
    (
        "addresses/current/",
        "addresses_current",
        PERIOD_VIEWS["addresses_current"],
        PERIOD_VIEWS["assisted_addresses_current"],
    ),
    # Last: the one-question steps of the other sections.
    (
        "<slug:section>/<slug:step>/",
        "step",
        apply_journey_steps.step,
        apply_journey_steps.assisted_step,
    ),
]

urlpatterns: list[URLPattern] = [
    path("apply/", apply_applicant.apply_start, name="apply_start"),
    path("apply/postcode/", apply_applicant.apply_postcode, name="apply_postcode"),
    path("apply/council/", apply_applicant.apply_council, name="apply_council"),
    path("apply/sent/", apply_applicant.apply_sent, name="apply_sent"),
    path("staff/register/new/", apply_staff.assisted_start, name="assisted_start"),
    path(f"{STAFF}sent/", apply_journey_check.assisted_sent, name="assisted_sent"),
]
for suffix, name, applicant_view, officer_view in JOURNEY:
    urlpatterns += [
        path(f"apply/{suffix}" if suffix else "apply/tasks/", applicant_view, name=f"apply_{name}"),
        path(f"{STAFF}{suffix}", officer_view, name=f"assisted_{name}"),
    ]
