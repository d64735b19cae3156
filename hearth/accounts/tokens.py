"""One-time tokens: invitations (random, hashed at rest) and email verification (signed)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core import signing

EMAIL_VERIFICATION_SALT = "hearth.accounts.email-verification"


def invitation_token_new() -> tuple[str, str]:
    """A fresh token and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, invitation_token_hash(token)


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def email_verification_token(user_id: str, email: str) -> str:
    return signing.dumps({"u": user_id, "e": email}, salt=EMAIL_VERIFICATION_SALT)


def email_verification_read(token: str) -> tuple[str, str] | None:
    """(user id, email) if the token is genuine and fresh, else None."""
    try:
        data = signing.loads(
            token,
            salt=EMAIL_VERIFICATION_SALT,
            max_age=settings.HEARTH_EMAIL_VERIFICATION_DAYS * 24 * 3600,
        )
    except signing.BadSignature:
        return None
    return str(data["u"]), str(data["e"])
