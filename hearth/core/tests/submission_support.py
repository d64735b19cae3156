"""Posting a form that carries a one-time token (hearth/core/forms/submissions.py) from a test."""

from __future__ import annotations

import uuid
from typing import Any

from hearth.core.forms.submissions import FIELD


def with_token(data: dict[str, Any], token: uuid.UUID | str | None = None) -> dict[str, Any]:
    """`data` as the page's form would send it: with a one-time token (a new one unless given)."""
    return {**data, FIELD: str(token or uuid.uuid4())}
