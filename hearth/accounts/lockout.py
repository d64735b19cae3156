"""The sign-in lock-out (django-axes), keyed on the account whatever case its address is typed in.

Two counts, each over the cool-off period (`AXES_COOLOFF_TIME`):

- per account and address (IP): `AXES_FAILURE_LIMIT` failures lock that account from that
  address, so a mistyped password at one desk does not lock the person out everywhere;
- per account across addresses: `HEARTH_SIGN_IN_ACCOUNT_FAILURE_LIMIT` (twice the other by
  default) locks the account from everywhere, so guessing from many addresses stops too.

`AXES_LOCKOUT_PARAMETERS` lists both combinations; axes itself compares every combination with
one limit, so `AccountAndAddressHandler` reports the account-wide count on the per-address scale.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

from hearth.accounts.models import email_normal


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account a sign-in attempt is for, in the form sign-in looks it up by
    (`AXES_USERNAME_CALLABLE`)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    typed = credentials.get(field) if credentials else getattr(request, "POST", {}).get(field)
    return email_normal(str(typed) if typed is not None else "")


class AccountAndAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Failures counted per (account, address) and per account, each against its own limit."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        per_address, per_account = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit: int = get_failure_limit(request, credentials)
        account_limit: int = settings.HEARTH_SIGN_IN_ACCOUNT_FAILURE_LIMIT
        # On the per-address scale: reaches `limit` exactly when the account's own count
        # reaches `account_limit`.
        return max(per_address, per_account * limit // account_limit)
