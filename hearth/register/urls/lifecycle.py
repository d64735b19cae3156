"""URLs of the lifecycle part: an officer suspends, reinstates, cancels or marks housed."""

from django.urls import URLPattern, path

from hearth.register.views import lifecycle_staff

urlpatterns: list[URLPattern] = [
    path(
        "staff/register/applications/<uuid:pk>/status/",
        lifecycle_staff.status_change,
        name="status_change",
    ),
]
