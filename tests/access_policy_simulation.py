"""Access rules for the what-if simulation pages, merged into tests/test_access_matrix.py.

`RULES` maps URL names to rules (see tests/access_rules.py). `objects(world)` creates what those
URLs name, in the world's home organisations; `url_kwargs(objects, name, principal)` gives the
URL arguments for one principal, or None for URLs this module does not know.
"""

from __future__ import annotations

from typing import Any

from tests.access_rules import Principal, Rule

RULES: dict[str, Rule] = {}


def objects(world: Any) -> Any:
    return None


def url_kwargs(objects: Any, name: str, principal: Principal) -> dict[str, object] | None:
    return None
