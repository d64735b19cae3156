"""URLs of the register: staff workspace (included by hearth/register/urls.py)."""

from django.urls import URLPattern, path

from hearth.register.views import (
    staff_application,
    staff_assessment,
    staff_status,
    staff_workspace,
)

APPLICATION = "staff/register/applications/<uuid:pk>/"

urlpatterns: list[URLPattern] = [
    path("staff/register/", staff_workspace.workspace_home, name="workspace"),
    path("staff/register/queues/<slug:queue>/", staff_workspace.queue, name="queue"),
    path("staff/register/search/", staff_workspace.search, name="search"),
    path(APPLICATION, staff_application.application, name="application"),
    path(
        f"{APPLICATION}history/",
        staff_application.application_history_page,
        name="application_history",
    ),
    path(f"{APPLICATION}needs/", staff_assessment.needs_award, name="needs_award"),
    path(
        f"{APPLICATION}needs/<uuid:award>/withdraw/",
        staff_assessment.needs_withdraw,
        name="needs_withdraw",
    ),
    path(f"{APPLICATION}assess/", staff_assessment.assess, name="assess"),
    path(f"{APPLICATION}override/", staff_assessment.override_new, name="override_new"),
    path(f"{APPLICATION}status/", staff_status.status_change, name="status_change"),
    path("staff/register/overrides/", staff_workspace.override_queue, name="override_queue"),
    path(
        "staff/register/overrides/<uuid:pk>/",
        staff_assessment.override_decide,
        name="override_decide",
    ),
    path(
        "staff/register/duplicates/<uuid:pk>/",
        staff_assessment.duplicate_resolve,
        name="duplicate_resolve",
    ),
]
