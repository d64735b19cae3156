"""Showing audit events: ``{% load audit %}``, then ``event.changes|audit_lines``."""

from __future__ import annotations

from typing import Any

from django import template

from hearth.core import audit

register = template.Library()


@register.filter
def audit_lines(changes: Any) -> list[audit.AuditLine]:
    """An event's changes, in any stored shape, as before → after lines then context lines."""
    return audit.audit_lines(changes)
