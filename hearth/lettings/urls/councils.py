"""URLs of the councils part: scheme admins change each council's lettings settings and switch
a council to live choice-based lettings."""

from django.urls import URLPattern, path

from hearth.lettings.views import councils_staff

urlpatterns: list[URLPattern] = [
    path("staff/lettings/councils/", councils_staff.councils, name="councils"),
    path(
        "staff/lettings/councils/<uuid:council>/settings/",
        councils_staff.settings,
        name="council_lettings_settings",
    ),
    path(
        "staff/lettings/councils/<uuid:council>/go-live/",
        councils_staff.go_live,
        name="council_go_live",
    ),
]
