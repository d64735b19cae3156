"""Policy pages and the what-if simulation over households on the register.

The policy app sits below the register and its own tests cannot build households, so the
tests that need both live here (docs/adr/0012-layers-and-extension-points.md).
"""
