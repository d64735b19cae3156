"""Run benchmarks: `python -m bench [names...] [--tiny] [--list]`.

Prints each benchmark's details, then its result as the line
`BENCH name=<id> value=<number> unit=<unit> ratio=<number>`.
Exits non-zero if a named benchmark does not exist or any benchmark fails.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
import sys
import time
import traceback
from types import ModuleType

import bench
from bench import BenchResult, bench_line


def discover() -> dict[str, ModuleType]:
    """Every `bench/bench_*.py` module, by its NAME."""
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        for attribute in ("NAME", "DEFAULT_SIZE", "TINY_SIZE", "run"):
            if not hasattr(module, attribute):
                raise SystemExit(f"bench/{info.name}.py does not define {attribute}")
        found[module.NAME] = module
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--tiny", action="store_true", help="run at TINY_SIZE (a smoke test)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)

    available = discover()
    if args.list:
        for name, module in available.items():
            print(f"{name}: {(module.__doc__ or '').strip().splitlines()[0]}")
        return 0
    unknown = [name for name in args.names if name not in available]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; have {', '.join(available)}")

    names = args.names or list(available)
    if len(names) > 1:
        return _each_in_its_own_process(names, tiny=args.tiny)
    failed: list[str] = []
    for name in names:
        module = available[name]
        size = module.TINY_SIZE if args.tiny else module.DEFAULT_SIZE
        print(f"== {name} (size {size}) ==", flush=True)
        started = time.perf_counter()
        try:
            result: BenchResult = module.run(size)
        except Exception:
            traceback.print_exc()
            print(f"FAILED {name}", flush=True)
            failed.append(name)
            continue
        if result.name != name:
            print(f"FAILED {name}: its result is named {result.name!r}", flush=True)
            failed.append(name)
            continue
        if result.detail:
            print(result.detail)
        print(f"took {time.perf_counter() - started:.1f} s")
        print(bench_line(result), flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _each_in_its_own_process(names: list[str], *, tiny: bool) -> int:
    """Run each benchmark in a fresh process: each sets Django up once, on its own throwaway
    database, so one benchmark's data never changes what another measures."""
    failed: list[str] = []
    for name in names:
        command = [sys.executable, "-m", "bench", name, *(["--tiny"] if tiny else [])]
        done = subprocess.run(command, check=False)  # noqa: S603 - our own module, fixed args
        if done.returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
