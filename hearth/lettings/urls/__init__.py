"""The lettings URLs, one module per part (all in the "lettings" namespace).

Landlord pages live under /landlord/; council officers' under /staff/lettings/; the applicant's
under /homes/ (finding a home and bidding) and /account/bids/. Every pattern here has an entry
in tests/test_access_matrix.py.
"""

from django.urls import URLPattern

from hearth.lettings.urls import (
    adverts,
    bids,
    councils,
    cycles,
    homes,
    matches,
    offers,
    reports,
    shortlists,
)

app_name = "lettings"

urlpatterns: list[URLPattern] = [
    *homes.urlpatterns,
    *adverts.urlpatterns,
    *bids.urlpatterns,
    *cycles.urlpatterns,
    *shortlists.urlpatterns,
    *offers.urlpatterns,
    *reports.urlpatterns,
    *matches.urlpatterns,
    *councils.urlpatterns,
]
