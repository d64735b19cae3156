"""URLs of the bids part: finding a home and its advert page (public; a signed-in applicant
bids there), the applicant's bids, and a lettings officer's pages for an applicant's bids."""

from django.urls import URLPattern, path

from hearth.lettings.views import bids_applicant, bids_public, bids_staff

urlpatterns: list[URLPattern] = [
    path("homes/", bids_public.find_home, name="find_home"),
    path("homes/<str:reference>/", bids_public.find_home_advert, name="find_home_advert"),
    path("account/bids/", bids_applicant.bids, name="bids"),
    path(
        "account/bids/<uuid:pk>/withdraw/",
        bids_applicant.bid_withdraw_page,
        name="bid_withdraw",
    ),
    path(
        "staff/lettings/applications/<uuid:pk>/bids/",
        bids_staff.application_bids,
        name="application_bids",
    ),
    path(
        "staff/lettings/applications/<uuid:pk>/automatic-bidding/",
        bids_staff.auto_bid,
        name="auto_bid",
    ),
    path(
        "staff/lettings/bids/<uuid:pk>/withdraw/",
        bids_staff.officer_bid_withdraw,
        name="officer_bid_withdraw",
    ),
]
