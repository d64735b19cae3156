"""URLs of the register: account (included by hearth/register/urls.py).

The account dashboard itself is /account/ (`accounts:applicant_home`).
"""

from django.urls import URLPattern, path

from hearth.register.views import (
    account_applicant,
    account_cancel,
    account_changes,
    account_renewal,
    message_applicant,
    message_staff,
)

urlpatterns: list[URLPattern] = [
    path("account/messages/", message_applicant.message_list, name="messages"),
    path("account/messages/<uuid:pk>/", message_applicant.message, name="message"),
    path("account/changes/", account_changes.change_report, name="change_report"),
    path("account/changes/sent/", account_changes.change_sent, name="change_sent"),
    path("account/renew/", account_renewal.renew, name="renew"),
    path("account/renew/done/", account_renewal.renewed, name="renewed"),
    path("account/cancel/", account_cancel.cancel, name="cancel"),
    path("account/cancel/done/", account_cancel.cancelled, name="cancelled"),
    path("account/bids/", account_applicant.bids, name="bids"),
    path(
        "staff/register/applications/<uuid:pk>/messages/new/",
        message_staff.message_new,
        name="message_new",
    ),
    path(
        "staff/register/applications/<uuid:pk>/changes/<uuid:change>/",
        account_changes.change_assessed,
        name="change_assessed",
    ),
]
