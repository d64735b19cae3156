"""Shared-kernel pages that need staff accounts (audit log, scheme settings, contact details).

Core sits below accounts, so its own tests cannot make a staff member; these can
(docs/adr/0012-layers-and-extension-points.md).
"""
