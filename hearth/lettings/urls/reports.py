"""URLs of the reports part: lettings figures for councils and the scheme."""

from django.urls import URLPattern, path

from hearth.lettings.views import reports_staff

urlpatterns: list[URLPattern] = [
    path(
        "staff/lettings/reports/partner-pot/", reports_staff.partner_pot, name="report_partner_pot"
    ),
]
