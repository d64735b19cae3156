"""Every benchmark still runs: each at its tiny size, in a fresh process, printing its BENCH line.

A subprocess, because a benchmark sets Django up on its own throwaway database, which cannot
happen inside a test process whose Django is already configured.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import discover

ROOT = Path(__file__).resolve().parent.parent
BENCH_LINE = re.compile(
    r"^BENCH name=(?P<name>[a-z0-9_]+) value=-?\d+(\.\d+)? unit=\S+ ratio=-?\d+(\.\d+)?$"
)


@pytest.mark.parametrize("name", sorted(discover()))
def test_benchmark_runs_at_tiny_size(name: str) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    done = subprocess.run(  # noqa: S603 - fixed argument list
        [sys.executable, "-m", "bench", "--tiny", name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert lines, output
    match = BENCH_LINE.match(lines[-1])
    assert match, f"last line is not a BENCH line: {lines[-1]!r}\n{output}"
    assert match["name"] == name


def test_bench_line_format() -> None:
    from bench import BenchResult, bench_line

    line = bench_line(BenchResult(name="x_y", value=1234.5678, unit="ms", ratio=0.25))
    assert line == "BENCH name=x_y value=1234.568 unit=ms ratio=0.250"
    assert BENCH_LINE.match(line)


def test_benchmarks_run_together_each_on_its_own_database() -> None:
    # given two benchmarks that both make a scheme called "bench"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    # when they are run in one command, as `make bench` runs them all
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--tiny", "audit_write", "register_search"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=480,
        check=False,
    )
    # then neither sees the other's data, and each prints its BENCH line
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    names = [m["name"] for line in done.stdout.splitlines() if (m := BENCH_LINE.match(line))]
    assert names == ["audit_write", "register_search"], output
