"""URLs of the lifecycle part: an officer suspends, reinstates, cancels or marks housed, and
records the household's repayment arrangement."""

from django.urls import URLPattern, path

from hearth.register.views import lifecycle_staff

urlpatterns: list[URLPattern] = [
    path(
        "staff/register/applications/<uuid:pk>/status/",
        lifecycle_staff.status_change,
        name="status_change",
    ),
    path(
        "staff/register/applications/<uuid:pk>/repayment-arrangement/",
        lifecycle_staff.repayment_arrangement,
        name="repayment_arrangement",
    ),
]
