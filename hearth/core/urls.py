from django.urls import path

from hearth.core.views import staff

app_name = "core"

urlpatterns = [
    path("staff/", staff.staff_home, name="staff_home"),
    path("landlord/", staff.landlord_home, name="landlord_home"),
    path("staff/audit/", staff.audit_search, name="audit_search"),
    path("staff/scheme/", staff.scheme_settings, name="scheme_settings"),
    path("staff/scheme/councils/<uuid:pk>/status/", staff.council_status, name="council_status"),
    path("staff/scheme/organisations/", staff.organisations, name="organisations"),
    path(
        "staff/organisations/<uuid:pk>/contact/",
        staff.organisation_contact,
        name="organisation_contact",
    ),
]
