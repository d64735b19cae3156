"""Writes to the register, one module per part: every write checks permission and records an
audit event in the same transaction."""

from hearth.register.services.assessment_reassess import (
    NoPolicyInForceError,
    assessment_row,
    household_assess,
    register_reassess,
    register_reassess_due,
)

__all__ = [
    "NoPolicyInForceError",
    "assessment_row",
    "household_assess",
    "register_reassess",
    "register_reassess_due",
]
