"""URLs by audience. Every pattern here must have an entry in tests/test_access_matrix.py."""

from django.urls import include, path

urlpatterns = [
    path("", include("hearth.publishing.urls")),
    path("", include("hearth.accounts.urls")),
    path("", include("hearth.core.urls")),
    path("", include("hearth.policy.urls")),
    path("", include("hearth.register.urls")),
    path("", include("hearth.lettings.urls")),
]

handler400 = "hearth.core.views.errors.bad_request"
handler403 = "hearth.core.views.errors.permission_denied"
handler404 = "hearth.core.views.errors.page_not_found"
handler500 = "hearth.core.views.errors.server_error"
