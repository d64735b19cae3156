"""Reads of the register: messages (scoped to the actor)."""

from __future__ import annotations

from typing import Any

from hearth.core.actor import Actor
from hearth.register.models import Application


def messages_panel(*, actor: Actor, application: Application) -> dict[str, Any]:
    """What the officer's application page shows about messages (template
    register/staff/application/_messages.html), in a fixed number of queries."""
    return {}
