"""Benchmark suite: Oxyde.NET (sync and async) against raw sqlite3 and the ORM peers Debian ships.

Every implementation runs in this one process on the same SQLite file with the same pragmas. Each op
is timed in rounds, implementations interleaved in a shuffled order every round, and the best round
counts. Times are only ever compared as ratios to raw sqlite3 measured in the same run.

    make bench                # or: .venv/bin/python bench/run.py [--rounds N] [--only op,op]

`--backend postgres|mysql` runs the server suite instead (bench/server.py, bench/README.md).
"""
from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import time_op  # noqa: E402
from peers import raw_sqlite  # noqa: E402
from peers._common import AGE_CUTOFF, ROWS, Impl, seed  # noqa: E402

# Reads first, so the writes cannot change what the reads see.
OPS = ("select_pk", "filter_simple", "select_filter", "count", "insert_single", "insert_bulk_100", "update_single")
ITERATIONS = {
    "select_pk": 2000, "filter_simple": 1000, "select_filter": 20, "count": 500,
    "insert_single": 300, "insert_bulk_100": 20, "update_single": 300,
}
PEERS = (("django", "django_peer"), ("sqlalchemy", "sqlalchemy_peer"), ("peewee", "peewee_peer"))


def build_all(path: str) -> tuple[list[Impl], list[str]]:
    from peers import oxyde_peer

    impls = [raw_sqlite.build(path), oxyde_peer.build_sync(path), oxyde_peer.build_async(path)]
    missing = []
    for label, module in PEERS:
        try:
            impls.append(importlib.import_module(f"peers.{module}").build(path))
        except ImportError as exc:
            missing.append(f"{label} ({exc})")
    return impls, missing


def measure(impls: list[Impl], ops: tuple[str, ...], rounds: int) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {op: {} for op in ops}
    rng = random.Random(7)
    for op in ops:
        time_op(impls, op, ITERATIONS[op], rounds, rng, results[op])
    return results


def report(results: dict[str, dict[str, float]], impls: list[Impl]) -> list[str]:
    names = [i.name for i in impls]
    base = names[0]
    width = max(len(n) for n in names) + 2
    lines = [f"{'op':<16}" + "".join(f"{n:>{width}}" for n in names)]
    for op, row in results.items():
        lines.append(f"{op:<16}" + "".join(f"{row[n]:>{width - 3}.1f} us" for n in names))
        lines.append(f"{'  ratio':<16}" + "".join(f"{row[n] / row[base]:>{width - 1}.2f}x" for n in names))
    return lines


def verdicts(results: dict[str, dict[str, float]], impls: list[Impl]) -> list[str]:
    raw, sync, aio = (i.name for i in impls[:3])
    peers = [i.name for i in impls[3:]]
    out = []

    def check(ok: bool, text: str) -> None:
        out.append(f"{'MET ' if ok else 'MISS'} {text}")

    if "select_pk" in results:
        r = results["select_pk"]
        check(r[sync] <= 2 * r[raw], f"sync select_pk within 2x of raw sqlite3 ({r[sync] / r[raw]:.2f}x)")
        check(r[aio] <= 3 * r[raw], f"async select_pk within 3x of raw sqlite3 ({r[aio] / r[raw]:.2f}x)")
    if "select_filter" in results:
        r = results["select_filter"]
        matched = ROWS * (100 - AGE_CUTOFF) // 100
        per_row = (r[sync] - r[raw]) / matched
        check(per_row <= 1.5, f"select_filter into models within raw + 1.5 us/row ({per_row:+.2f} us/row, {matched} rows)")
    for op, r in results.items():
        for ours in (sync, aio):
            slower = [p for p in peers if r[ours] >= r[p]]
            check(not slower, f"{op}: {ours} faster than every peer" + (f" (not {', '.join(slower)})" if slower else ""))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--only", default="", help="comma-separated ops")
    ap.add_argument("--json", default=None, help="results file (default build/bench.json, build/bench-<backend>.json)")
    ap.add_argument("--backend", choices=("sqlite", "postgres", "mysql"), default="sqlite",
                    help="sqlite: this suite on a temp file; postgres/mysql: bench/server.py on the test servers")
    args = ap.parse_args()
    if args.backend != "sqlite":
        import server

        return server.main(args.backend, args.rounds, args.only, args.json)
    args.json = args.json or "build/bench.json"
    ops = tuple(o for o in OPS if not args.only or o in args.only.split(","))

    with tempfile.TemporaryDirectory(prefix="oxyde-bench-") as tmp:
        path = str(Path(tmp) / "bench.db")
        seed(path)
        impls, missing = build_all(path)
        try:
            results = measure(impls, ops, args.rounds)
        finally:
            for impl in impls:
                impl.close()

    print(f"SQLite file, {ROWS} rows, best of {args.rounds} rounds, us/op (ratio to raw sqlite3, lower is better)")
    for line in report(results, impls):
        print(line)
    for m in missing:
        print(f"peer not installed: {m}")
    print()
    for line in verdicts(results, impls):
        print(line)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"results": results, "missing": missing}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
