"""URLs of the cycles part: the scheme's bidding cycles and when they open and close."""

from django.urls import URLPattern, path

from hearth.lettings.views import cycles_staff

urlpatterns: list[URLPattern] = [
    path("staff/lettings/cycles/", cycles_staff.cycles, name="cycles"),
    path("staff/lettings/cycles/times/", cycles_staff.rhythm, name="cycle_rhythm"),
]
