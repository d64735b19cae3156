"""Four complete allocation policies that the engine's tests (and the register's) are written
against, one YAML document per council slug.

They started as copies of the demo councils' policies (`hearth/demo/policies/`), but they belong
to the tests: the demo may change to show something new without moving what these tests
assert, and the policy app does not depend on the demo, which sits above every app.
"""

from __future__ import annotations

from pathlib import Path

DOCUMENTS_DIR = Path(__file__).resolve().parent


def example_policy_texts() -> dict[str, str]:
    """Council slug to the YAML text of its example policy, in slug order."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(DOCUMENTS_DIR.glob("*.yaml"))}
