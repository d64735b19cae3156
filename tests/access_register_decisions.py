"""Access rules for the register's decisions pages, merged into tests/test_access_matrix.py.

The records the URLs name come from tests/access_register_world.py (shared by every register
area, built once per matrix world).
"""

from __future__ import annotations

from typing import Any

from tests.access_register_world import RegisterRecords, register_records
from tests.access_rules import Principal, Rule

RULES: dict[str, Rule] = {}


def objects(world: Any) -> RegisterRecords:
    return register_records(world)


def url_kwargs(
    objects: RegisterRecords, name: str, principal: Principal
) -> dict[str, object] | None:
    return None
