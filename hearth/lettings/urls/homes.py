"""URLs of the homes part: a landlord's homes and their photos (under /landlord/), and a
photo as a file for everyone allowed to see it."""

from django.urls import URLPattern, path

from hearth.lettings.views import homes_landlord, homes_photos

urlpatterns: list[URLPattern] = [
    path("landlord/homes/", homes_landlord.homes, name="homes"),
    path("landlord/homes/new/", homes_landlord.home_new, name="home_new"),
    path("landlord/homes/<uuid:pk>/", homes_landlord.home_page, name="home"),
    path("landlord/homes/<uuid:pk>/change/", homes_landlord.home_edit, name="home_edit"),
    path(
        "landlord/homes/<uuid:pk>/photos/new/",
        homes_landlord.home_photo_new,
        name="home_photo_new",
    ),
    path(
        "landlord/homes/<uuid:pk>/photos/<uuid:photo>/remove/",
        homes_landlord.home_photo_remove_page,
        name="home_photo_remove",
    ),
    path("home-photos/<uuid:pk>/", homes_photos.home_photo, name="home_photo"),
]
