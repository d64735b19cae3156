"""Fixtures shared by the policy pages' tests (see hearth/policy/tests/admin_setup.py)."""

from hearth.policy.tests.admin_setup import admin, council, in_force

__all__ = ["admin", "council", "in_force"]
