"""URLs of the matches part: a council's lettings officers match households to homes and let
them directly."""

from django.urls import URLPattern, path

from hearth.lettings.views import matches_staff

urlpatterns: list[URLPattern] = [
    path("staff/lettings/homes-to-match/", matches_staff.homes_to_match, name="homes_to_match"),
    path("staff/lettings/homes/<uuid:home>/matches/", matches_staff.match_list, name="matches"),
    path(
        "staff/lettings/homes/<uuid:home>/matches/<uuid:application>/choose/",
        matches_staff.choose,
        name="match_choose",
    ),
]
