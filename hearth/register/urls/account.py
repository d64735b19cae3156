"""URLs of the account part: the applicant reports a change or cancels; an
officer assesses a reported change, or acts for the applicant (assisted digital) — uploads a
document, reports a change, renews, or asks for (or withdraws) a review.

The account dashboard itself is /account/ (`accounts:applicant_home`); the applicant's bids,
/account/bids/, are the lettings app's (`lettings:bids`).
"""

from django.urls import URLPattern, path

from hearth.register.views import (
    account_applicant_cancel,
    account_applicant_changes,
    account_staff,
    account_staff_changes,
)

urlpatterns: list[URLPattern] = [
    # Applicants
    path("account/changes/", account_applicant_changes.change_report, name="change_report"),
    path("account/changes/sent/", account_applicant_changes.change_sent, name="change_sent"),
    path("account/cancel/", account_applicant_cancel.cancel, name="cancel"),
    path("account/cancel/done/", account_applicant_cancel.cancelled, name="cancelled"),
    # Officers
    path(
        "staff/register/applications/<uuid:pk>/changes/<uuid:change>/",
        account_staff_changes.change_assessed,
        name="change_assessed",
    ),
    path(
        "staff/register/applications/<uuid:pk>/documents/upload/",
        account_staff.assisted_document_upload,
        name="assisted_document_upload",
    ),
    path(
        "staff/register/applications/<uuid:pk>/changes/new/",
        account_staff.assisted_change_report,
        name="assisted_change_report",
    ),
    path(
        "staff/register/applications/<uuid:pk>/renew/",
        account_staff.assisted_renew,
        name="assisted_renew",
    ),
    path(
        "staff/register/decisions/<uuid:pk>/review/",
        account_staff.assisted_review_request,
        name="assisted_review_request",
    ),
    path(
        "staff/register/reviews/<uuid:pk>/withdraw/",
        account_staff.assisted_review_withdraw,
        name="assisted_review_withdraw",
    ),
]
