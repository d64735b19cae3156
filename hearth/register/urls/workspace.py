"""URLs of the workspace part: the officer's home with the work queues, each queue, register
search, and one application's page and full history."""

from django.urls import URLPattern, path

from hearth.register.views import workspace_staff, workspace_staff_record

APPLICATION = "staff/register/applications/<uuid:pk>/"

urlpatterns: list[URLPattern] = [
    path("staff/register/", workspace_staff.workspace_home, name="workspace"),
    path("staff/register/queues/<slug:queue>/", workspace_staff.queue, name="queue"),
    path("staff/register/search/", workspace_staff.search, name="search"),
    path("staff/register/overrides/", workspace_staff.override_queue, name="override_queue"),
    path(APPLICATION, workspace_staff_record.application, name="application"),
    path(
        f"{APPLICATION}history/",
        workspace_staff_record.application_history_page,
        name="application_history",
    ),
]
