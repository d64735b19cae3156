"""URLs of the register: the application form (included by hearth/register/urls.py).

The applicant's journey lives under /apply/; an officer applying with someone (assisted
digital) uses the same steps under /staff/register/applications/<id>/apply/, named
"assisted_<name>" for each applicant page "apply_<name>".
"""

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path

from hearth.register.views import (
    apply_applicant,
    apply_check,
    apply_people,
    apply_staff,
    apply_steps,
)
from hearth.register.views.apply_history import PERIOD_VIEWS

STAFF = "staff/register/applications/<uuid:pk>/apply/"

# (path after the journey's root, name, applicant view, officer view)
JOURNEY: list[tuple[str, str, Callable[..., Any], Callable[..., Any]]] = [
    ("", "tasks", apply_steps.tasks, apply_steps.assisted_tasks),
    ("check-answers/", "check", apply_check.check, apply_check.assisted_check),
    ("declaration/", "declaration", apply_check.declaration, apply_check.assisted_declaration),
    ("people/", "people", apply_people.people, apply_people.assisted_people),
    ("people/add/", "people_add", apply_people.people_add, apply_people.assisted_people_add),
    (
        "people/<uuid:person>/",
        "people_change",
        apply_people.people_change,
        apply_people.assisted_people_change,
    ),
    (
        "people/<uuid:person>/pregnant/",
        "people_pregnant",
        apply_people.people_pregnant,
        apply_people.assisted_people_pregnant,
    ),
    (
        "people/<uuid:person>/remove/",
        "people_remove",
        apply_people.people_remove,
        apply_people.assisted_people_remove,
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
    ("<slug:section>/<slug:step>/", "step", apply_steps.step, apply_steps.assisted_step),
]

urlpatterns: list[URLPattern] = [
    path("apply/", apply_applicant.apply_start, name="apply_start"),
    path("apply/postcode/", apply_applicant.apply_postcode, name="apply_postcode"),
    path("apply/council/", apply_applicant.apply_council, name="apply_council"),
    path("apply/sent/", apply_applicant.apply_sent, name="apply_sent"),
    path("staff/register/new/", apply_staff.assisted_start, name="assisted_start"),
    path(f"{STAFF}sent/", apply_check.assisted_sent, name="assisted_sent"),
]
for suffix, name, applicant_view, officer_view in JOURNEY:
    urlpatterns += [
        path(f"apply/{suffix}" if suffix else "apply/tasks/", applicant_view, name=f"apply_{name}"),
        path(f"{STAFF}{suffix}", officer_view, name=f"assisted_{name}"),
    ]
