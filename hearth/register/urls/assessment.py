"""URLs of the assessment part: need awards, running the assessment, overrides (and a team
leader's decision on one), and resolving a possible duplicate."""

from django.urls import URLPattern, path

from hearth.register.views import assessment_staff

APPLICATION = "staff/register/applications/<uuid:pk>/"

urlpatterns: list[URLPattern] = [
    path(f"{APPLICATION}needs/", assessment_staff.needs_award, name="needs_award"),
    path(
        f"{APPLICATION}needs/<uuid:award>/withdraw/",
        assessment_staff.needs_withdraw,
        name="needs_withdraw",
    ),
    path(f"{APPLICATION}mobility/", assessment_staff.mobility_assess, name="mobility_assess"),
    path(f"{APPLICATION}assess/", assessment_staff.assess, name="assess"),
    path(f"{APPLICATION}override/", assessment_staff.override_new, name="override_new"),
    path(
        "staff/register/overrides/<uuid:pk>/",
        assessment_staff.override_decide,
        name="override_decide",
    ),
    path(
        "staff/register/duplicates/<uuid:pk>/",
        assessment_staff.duplicate_resolve_page,
        name="duplicate_resolve",
    ),
]
