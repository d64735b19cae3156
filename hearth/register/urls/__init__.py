"""The housing register's URLs, one module per part (all in the "register" namespace).

Applicant pages live under /apply/ and /account/; officer pages under /staff/register/. Every
pattern here has an entry in tests/test_access_matrix.py.
"""

from django.urls import URLPattern

from hearth.register.urls import (
    account,
    apply,
    assessment,
    decisions,
    evidence,
    lifecycle,
    messages,
    renewals,
    reviews,
    workspace,
)

app_name = "register"

urlpatterns: list[URLPattern] = [
    *apply.urlpatterns,
    *account.urlpatterns,
    *messages.urlpatterns,
    *renewals.urlpatterns,
    *workspace.urlpatterns,
    *assessment.urlpatterns,
    *lifecycle.urlpatterns,
    *evidence.urlpatterns,
    *decisions.urlpatterns,
    *reviews.urlpatterns,
]
