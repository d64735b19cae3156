"""URLs of the adverts part: a landlord advertises a home and sends, changes or withdraws the
advert (under /landlord/); the council's lettings officers approve or return it (under
/staff/lettings/)."""

from django.urls import URLPattern, path

from hearth.lettings.views import adverts_landlord, adverts_staff

urlpatterns: list[URLPattern] = [
    path(
        "landlord/homes/<uuid:pk>/advertise/",
        adverts_landlord.advert_new,
        name="advert_new",
    ),
    path("landlord/adverts/<uuid:pk>/", adverts_landlord.advert_page, name="advert"),
    path(
        "landlord/adverts/<uuid:pk>/change/",
        adverts_landlord.advert_edit,
        name="advert_edit",
    ),
    path(
        "landlord/adverts/<uuid:pk>/send/",
        adverts_landlord.advert_submit_page,
        name="advert_submit",
    ),
    path(
        "landlord/adverts/<uuid:pk>/withdraw/",
        adverts_landlord.advert_withdraw_page,
        name="advert_withdraw",
    ),
    path(
        "staff/lettings/adverts/",
        adverts_staff.advert_approvals,
        name="advert_approvals",
    ),
    path(
        "staff/lettings/adverts/<uuid:pk>/",
        adverts_staff.advert_review,
        name="advert_review",
    ),
]
