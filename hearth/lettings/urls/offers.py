"""URLs of the offers part: the council nominates from a shortlist; the landlord sees its
nominations and offers; either records the household's answer; the applicant sees their own."""

from django.urls import URLPattern, path

from hearth.lettings.views import offers_applicant, offers_staff

urlpatterns: list[URLPattern] = [
    path("account/offers/<uuid:offer>/", offers_applicant.my_offer, name="my_offer"),
    path(
        "staff/lettings/shortlists/<uuid:advert>/bidders/<int:entry>/nominate/",
        offers_staff.nominate,
        name="offer_nominate",
    ),
    path(
        "staff/lettings/shortlists/<uuid:advert>/bidders/<int:entry>/offer/",
        offers_staff.direct,
        name="offer_direct",
    ),
    path("landlord/offers/", offers_staff.landlord_offers, name="landlord_offers"),
    path("staff/lettings/offers/<uuid:offer>/", offers_staff.offer, name="offer"),
    path("staff/lettings/offers/<uuid:offer>/offer/", offers_staff.make, name="offer_make"),
    path("staff/lettings/offers/<uuid:offer>/accepted/", offers_staff.accept, name="offer_accept"),
    path("staff/lettings/offers/<uuid:offer>/refused/", offers_staff.refuse, name="offer_refuse"),
    path(
        "staff/lettings/offers/<uuid:offer>/withdraw/", offers_staff.withdraw, name="offer_withdraw"
    ),
]
