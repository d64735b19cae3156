"""URLs of the renewals part: the applicant renews their application each year."""

from django.urls import URLPattern, path

from hearth.register.views import renewals_applicant

urlpatterns: list[URLPattern] = [
    path("account/renew/", renewals_applicant.renew, name="renew"),
    path("account/renew/done/", renewals_applicant.renewed, name="renewed"),
]
