"""URLs of assisted digital beyond the application form (included by hearth/register/urls.py):
an officer uploads a document, reports a change, renews, or asks for (or withdraws) a review for
the applicant.
"""

from django.urls import URLPattern, path

from hearth.register.views import assisted_account

urlpatterns: list[URLPattern] = [
    path(
        "staff/register/applications/<uuid:pk>/documents/upload/",
        assisted_account.assisted_document_upload,
        name="assisted_document_upload",
    ),
    path(
        "staff/register/applications/<uuid:pk>/changes/new/",
        assisted_account.assisted_change_report,
        name="assisted_change_report",
    ),
    path(
        "staff/register/applications/<uuid:pk>/renew/",
        assisted_account.assisted_renew,
        name="assisted_renew",
    ),
    path(
        "staff/register/decisions/<uuid:pk>/review/",
        assisted_account.assisted_review_request,
        name="assisted_review_request",
    ),
    path(
        "staff/register/reviews/<uuid:pk>/withdraw/",
        assisted_account.assisted_review_withdraw,
        name="assisted_review_withdraw",
    ),
]
