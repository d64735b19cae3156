"""How fast a compiled policy expression runs, against the same rule written by hand in Python.

value: microseconds per evaluation of
`household.overcrowded_by >= 2 || household.members.exists(m, m.age >= 60 && m.disabled)`
compiled with the default strategy (generated Python) and called through
`CompiledExpression.evaluate`, over `size` synthetic households (frozen dataclasses).
ratio: that / microseconds per evaluation of the hand-written function of the same rule (a plain
loop, the faster of the two hand-written versions shown in the detail), so the ratio is the price
of writing the rule as configuration instead of code. No database is used.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bench import BenchResult
from hearth.policy.rules.expressions import (
    BOOL,
    INT,
    CompiledExpression,
    ListType,
    RecordType,
    Strategy,
    compile_expression,
)

NAME = "policy_expression"
DEFAULT_SIZE = 20_000
TINY_SIZE = 50
ROUNDS = 7
RULE = "household.overcrowded_by >= 2 || household.members.exists(m, m.age >= 60 && m.disabled)"
SIMPLE_RULE = "household.overcrowded_by >= 2"

MEMBER = RecordType("Member", {"age": INT, "disabled": BOOL})
HOUSEHOLD = RecordType("Household", {"overcrowded_by": INT, "members": ListType(MEMBER)})
SCHEMA = {"household": HOUSEHOLD}

Facts = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Member:
    age: int
    disabled: bool


@dataclass(frozen=True, slots=True)
class Household:
    overcrowded_by: int
    members: tuple[Member, ...]


def households(size: int) -> list[Facts]:
    rng = random.Random(2026)
    facts: list[Facts] = []
    for _ in range(size):
        members = tuple(
            Member(age=rng.randint(0, 95), disabled=rng.random() < 0.15)
            for _ in range(rng.randint(1, 7))
        )
        overcrowded_by = rng.choice((0, 0, 0, 0, 1, 1, 2, 3))
        facts.append({"household": Household(overcrowded_by, members)})
    return facts


def by_hand_loop(facts: Facts) -> bool:
    household: Household = facts["household"]
    if household.overcrowded_by >= 2:
        return True
    for member in household.members:  # noqa: SIM110 - the loop is faster than any()
        if member.age >= 60 and member.disabled:
            return True
    return False


def by_hand_any(facts: Facts) -> bool:
    household: Household = facts["household"]
    return household.overcrowded_by >= 2 or any(
        member.age >= 60 and member.disabled for member in household.members
    )


def simple_by_hand(facts: Facts) -> bool:
    household: Household = facts["household"]
    return household.overcrowded_by >= 2


def _pass(function: Callable[[Facts], object], data: list[Facts]) -> float:
    """Seconds per call of `function` over `data` (one pass)."""
    start = time.perf_counter()
    for facts in data:
        function(facts)
    return (time.perf_counter() - start) / len(data)


def _best(candidates: dict[str, Callable[[Facts], object]], data: list[Facts]) -> dict[str, float]:
    """Best seconds per call of each candidate, rounds interleaved so load spikes hit them all."""
    best = dict.fromkeys(candidates, float("inf"))
    for _ in range(ROUNDS):
        for name, function in candidates.items():
            best[name] = min(best[name], _pass(function, data))
    return best


def _compile_time(strategy: Strategy) -> float:
    start = time.perf_counter()
    times = 50
    for _ in range(times):
        compile_expression(RULE, variables=SCHEMA, result=BOOL, strategy=strategy)
    return (time.perf_counter() - start) / times


def run(size: int) -> BenchResult:
    data = households(size)
    generated = compile_expression(RULE, variables=SCHEMA, result=BOOL, strategy="codegen")
    closures = compile_expression(RULE, variables=SCHEMA, result=BOOL, strategy="closures")
    simple = compile_expression(SIMPLE_RULE, variables=SCHEMA, result=BOOL)
    _agree(data, generated, closures)

    best = _best(
        {
            "hand loop": by_hand_loop,
            "hand any": by_hand_any,
            "codegen evaluate": generated.evaluate,
            "codegen call": generated,
            "closures evaluate": closures.evaluate,
            "simple hand": simple_by_hand,
            "simple codegen": simple.evaluate,
        },
        data,
    )
    micro = {name: seconds * 1e6 for name, seconds in best.items()}
    baseline = min(micro["hand loop"], micro["hand any"])
    chosen = micro["codegen evaluate"]
    matched = sum(1 for facts in data if by_hand_loop(facts))
    detail = "\n".join(
        [
            f"rule: {RULE}",
            f"households: {size}, rule true for {matched}; best of {ROUNDS} interleaved passes",
            f"hand-written, plain loop:       {micro['hand loop']:.3f} us per evaluation",
            f"hand-written, any(generator):   {micro['hand any']:.3f} us",
            f"codegen (chosen), .evaluate:    {chosen:.3f} us  ({chosen / baseline:.2f}x)",
            f"codegen, calling the object:    {micro['codegen call']:.3f} us  "
            f"({micro['codegen call'] / baseline:.2f}x)",
            f"closures, .evaluate:            {micro['closures evaluate']:.3f} us  "
            f"({micro['closures evaluate'] / baseline:.2f}x)",
            f"simple comparison '{SIMPLE_RULE}': codegen {micro['simple codegen']:.3f} us, "
            f"by hand {micro['simple hand']:.3f} us "
            f"({micro['simple codegen'] / micro['simple hand']:.2f}x)",
            f"compile once (parse, check, build): codegen {_compile_time('codegen') * 1e6:.0f} us, "
            f"closures {_compile_time('closures') * 1e6:.0f} us",
        ]
    )
    return BenchResult(name=NAME, value=chosen, unit="us", ratio=chosen / baseline, detail=detail)


def _agree(data: list[Facts], *compiled: CompiledExpression) -> None:
    for facts in data:
        expected = by_hand_loop(facts)
        for expression in compiled:
            if expression.evaluate(facts) is not expected:
                raise AssertionError(f"{expression.strategy} disagrees with the hand-written rule")
