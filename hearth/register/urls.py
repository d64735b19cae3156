"""The housing register's URLs, one module per part (all in the "register" namespace).

Applicant pages live under /apply/ and /account/application/; officer pages under
/staff/register/.
"""

from django.urls import URLPattern

from hearth.register import (
    urls_account,
    urls_apply,
    urls_assisted,
    urls_decisions,
    urls_evidence,
    urls_staff,
)

app_name = "register"

urlpatterns: list[URLPattern] = [
    *urls_apply.urlpatterns,
    *urls_account.urlpatterns,
    *urls_staff.urlpatterns,
    *urls_evidence.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_assisted.urlpatterns,
]
