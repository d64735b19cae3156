"""Reads of the register: decisions (scoped to the actor)."""

from __future__ import annotations

from typing import Any

from hearth.core.actor import Actor
from hearth.register.models import Application


def decisions_panel(*, actor: Actor, application: Application) -> dict[str, Any]:
    """What the officer's application page shows about decisions (template
    register/staff/application/_decisions.html), in a fixed number of queries."""
    return {}
