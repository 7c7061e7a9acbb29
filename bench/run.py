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
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import time_op  # noqa: E402
from peers import _relations, raw_sqlite  # noqa: E402
from peers._common import AGE_CUTOFF, ROWS, Impl, seed  # noqa: E402

# Reads first, so the writes cannot change what the reads see.
# The relation ops (peers/_relations.py) read their own tables, so their place does not matter.
OPS = ("select_pk", "filter_simple", "select_filter", "count", *_relations.OPS,
       "insert_single", "insert_bulk_100", "update_single")
ITERATIONS = {
    "select_pk": 2000, "filter_simple": 1000, "select_filter": 20, "count": 500,
    "insert_single": 300, "insert_bulk_100": 20, "update_single": 300, **_relations.ITERATIONS,
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


def verify(impl: Impl, op: str, data: _relations.Data, unavailable: dict[str, str], wrong: list[str]) -> None:
    """Runs a relation op once on ``impl`` and checks its result before it is timed: a driver or
    peer with a wrong result stops the run; an Oxyde.NET one that fails or is wrong loses the op
    (``not available`` / ``failed`` / ``wrong result``, the last two also in ``wrong``)."""
    ours = impl.name.startswith("oxyde")
    try:
        fn = impl.ops[op]
        result = impl.loop.run_until_complete(fn()) if impl.is_async else fn()  # type: ignore[attr-defined]
        problem = _relations.check(data, op, result)
    except Exception as exc:
        if not ours:
            raise
        unavailable[f"{impl.name} {op}"] = (
            f"not available ({type(exc).__name__}: {exc})" if type(exc).__name__ in _UNAVAILABLE
            else f"failed ({type(exc).__name__}: {exc})"
        )
        if type(exc).__name__ not in _UNAVAILABLE:
            wrong.append(f"{impl.name} {op}: {type(exc).__name__}: {exc}")
        del impl.ops[op]
        return
    if problem is None:
        return
    if not ours:
        raise SystemExit(f"bench: {impl.name} {op} returned a wrong result: {problem}")
    unavailable[f"{impl.name} {op}"] = f"wrong result ({problem})"
    wrong.append(f"{impl.name} {op}: {problem}")
    del impl.ops[op]


# What an Oxyde.NET call may raise when an API it uses is not there yet (as bench/server.py).
_UNAVAILABLE = ("UnsupportedFeatureError", "AttributeError", "NotImplementedError")


def measure(
    impls: list[Impl], ops: tuple[str, ...], rounds: int, data: _relations.Data | None = None,
    unavailable: dict[str, str] | None = None, wrong: list[str] | None = None,
) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {op: {} for op in ops}
    rng = random.Random(7)
    for op in ops:
        if op in _relations.OPS:
            assert data is not None and unavailable is not None and wrong is not None
            for impl in impls:
                verify(impl, op, data, unavailable, wrong)
        time_op([i for i in impls if op in i.ops], op, ITERATIONS[op], rounds, rng, results[op])
    return results


def report(results: dict[str, dict[str, float]], impls: list[Impl]) -> list[str]:
    names = [i.name for i in impls]
    base = names[0]
    width = max(len(n) for n in names) + 2
    lines = [f"{'op':<16}" + "".join(f"{n:>{width}}" for n in names)]
    for op, row in results.items():
        lines.append(f"{op:<16}" + "".join(
            f"{row[n]:>{width - 3}.1f} us" if n in row else f"{'n/a':>{width}}" for n in names
        ))
        lines.append(f"{'  ratio':<16}" + "".join(
            f"{row[n] / row[base]:>{width - 1}.2f}x" if n in row else f"{'n/a':>{width}}" for n in names
        ))
    return lines


def markdown(results: dict[str, dict[str, float]], impls: list[Impl], ops: tuple[str, ...]) -> list[str]:
    """The relation ops as the server suite's table: µs/op (ratio to raw sqlite3), the best ORM
    peer, and each Oxyde.NET API's speed-up over it (peer time / Oxyde time, higher is better)."""
    names = [i.name for i in impls]
    base, ours, peers = names[0], names[1:3], names[3:]
    head = ["op", *names, "best peer", *(f"{o} vs best peer" for o in ours)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for op in ops:
        row = results[op]
        have = [(row[p], p) for p in peers if p in row]
        best = min(have) if have else None
        cells = [op, *(f"{row[n]:.1f} ({row[n] / row[base]:.2f}x)" if n in row else "n/a" for n in names)]
        cells.append(best[1] if best else "n/a")
        cells += [f"{best[0] / row[o]:.2f}x" if best and o in row else "n/a" for o in ours]
        lines.append("| " + " | ".join(cells) + " |")
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
        if op in _relations.OPS:
            continue
        for ours in (sync, aio):
            slower = [p for p in peers if r[ours] >= r[p]]
            check(not slower, f"{op}: {ours} faster than every peer" + (f" (not {', '.join(slower)})" if slower else ""))
    for op, r in results.items():
        if op not in _relations.OPS:
            continue
        have = [(r[p], p) for p in peers if p in r]
        for ours in (sync, aio):
            text = f"{op}: {ours} at least 2x faster than the best ORM peer"
            if ours not in r or not have:
                out.append(f"MISS {text} (not measured: {'not available' if have else 'no peer'})")
            else:
                check(min(have)[0] >= 2 * r[ours], f"{text} ({min(have)[0] / r[ours]:.2f}x vs {min(have)[1]})")
            if op == "prefetch_related":
                text = f"prefetch_related: {ours} at least 0.3 of raw sqlite3's speed"
                if ours not in r:
                    out.append(f"MISS {text} (not measured: not available)")
                else:
                    check(r[ours] * 0.3 <= r[raw], f"{text} ({r[raw] / r[ours]:.2f})")
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
        relation_ops = tuple(o for o in ops if o in _relations.OPS)
        data = _relations.Data() if relation_ops else None
        if data is not None:
            con = sqlite3.connect(path)
            _relations.seed(con, "sqlite", data)
            con.close()
        impls, missing = build_all(path)
        unavailable: dict[str, str] = {}
        wrong: list[str] = []
        try:
            results = measure(impls, ops, args.rounds, data, unavailable, wrong)
        finally:
            for impl in impls:
                impl.close()

    print(f"SQLite file, {ROWS} rows, best of {args.rounds} rounds, us/op (ratio to raw sqlite3, lower is better)")
    for line in report(results, impls):
        print(line)
    for m in missing:
        print(f"peer not installed: {m}")
    if relation_ops:
        print()
        print(f"Relation ops ({_relations.USERS} users x {_relations.POSTS_PER_USER} posts, {_relations.TAGS} tags, "
              "post_tags); us/op (ratio to raw sqlite3, lower is better)")
        print()
        for line in markdown(results, impls, relation_ops):
            print(line)
        for name, why in unavailable.items():
            print(f"{name}: {why}")
    print()
    for line in verdicts(results, impls):
        print(line)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps({"results": results, "missing": missing, "unavailable": unavailable}, indent=2))
    for w in wrong:
        print(f"WRONG {w}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
