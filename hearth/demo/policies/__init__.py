"""The demo partnership's allocation policies, one YAML document per council.

Each file here is named after its council's slug and holds a complete policy document (the
format is described in `hearth.policy.rules.document`). They are data, read like any policy a
council writes.
"""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent


def demo_policy_texts() -> dict[str, str]:
    """Council slug to the YAML text of its demo policy, in slug order."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(DEMO_DIR.glob("*.yaml"))}
