"""Reads of the register: evidence (scoped to the actor)."""

from __future__ import annotations

from typing import Any

from hearth.core.actor import Actor
from hearth.register.models import Application


def evidence_panel(*, actor: Actor, application: Application) -> dict[str, Any]:
    """What the officer's application page shows about evidence (template
    register/staff/application/_evidence.html), in a fixed number of queries."""
    return {}
