"""Reads of the register, scoped to the actor: one module per part."""
