"""URLs of the shortlists part: a council's lettings officers see and work their shortlists."""

from django.urls import URLPattern, path

from hearth.lettings.views import shortlists_staff

urlpatterns: list[URLPattern] = [
    path("staff/lettings/shortlists/", shortlists_staff.shortlists, name="shortlists"),
    path(
        "staff/lettings/shortlists/<uuid:advert>/",
        shortlists_staff.shortlist,
        name="shortlist",
    ),
    path(
        "staff/lettings/shortlists/<uuid:advert>/rank-again/",
        shortlists_staff.rerank,
        name="shortlist_rerank",
    ),
    path(
        "staff/lettings/shortlists/<uuid:advert>/bidders/<int:entry>/bypass/",
        shortlists_staff.bypass,
        name="shortlist_bypass",
    ),
    path(
        "staff/lettings/shortlists/<uuid:advert>/bidders/<int:entry>/bypass/undo/",
        shortlists_staff.bypass_undo,
        name="shortlist_bypass_undo",
    ),
]
