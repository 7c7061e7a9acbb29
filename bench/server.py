"""The server suite: Oxyde.NET (sync and async) against the raw drivers and the ORM peers on
PostgreSQL (psycopg2, asyncpg) or MariaDB/MySQL (mysqlclient, PyMySQL), in one process.

Every implementation reads the same seeded table (peers/_server.py) on its own persistent
connection; the async ones (asyncpg, Oxyde's async API) are awaited in one shared event loop.
Before an op is timed, each implementation runs it once and its result is checked (rows, ids,
counts, and for writes what a separate connection reads back); a peer or driver with a wrong
result stops the run. Each op is then timed in rounds, implementations interleaved in a shuffled
order every round, and the best round counts. Times are compared only as ratios measured in this
run: to the fastest raw driver, and Oxyde's speed-up over the best ORM peer.

    make bench BACKEND=postgres       # or: .venv/bin/python bench/run.py --backend mysql [--rounds N] [--only op,op]
"""
from __future__ import annotations

import asyncio
import importlib
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _timing import time_op
from peers import _relations, _server as s
from peers import oxyde_peer

# Reads first (so the writes cannot change what the reads see), delete_single last (its victims
# are seeded just before it, so no read scans them).
OPS = (
    "select_pk", "filter_simple", "select_filter", "count", "filter_complex", "filter_in", "order_limit",
    "aggregate_count", "concurrent_10", "concurrent_100", *_relations.OPS,
    "insert_single", "insert_bulk_100", "update_single", "update_bulk", "delete_single",
)
ITERATIONS = {
    "select_pk": 1000, "filter_simple": 300, "select_filter": 20, "count": 200, "filter_complex": 200,
    "filter_in": 200, "order_limit": 300, "aggregate_count": 200, "concurrent_10": 50, "concurrent_100": 10,
    "insert_single": 200, "insert_bulk_100": 20, "update_single": 200, "update_bulk": 50, "delete_single": 200,
    **_relations.ITERATIONS,
}
WRITES = ("insert_single", "insert_bulk_100", "update_single", "update_bulk", "delete_single")
LABELS = {"postgres": "PostgreSQL", "mysql": "MariaDB/MySQL"}
PEERS = (("django", "django_peer"), ("sqlalchemy", "sqlalchemy_peer"), ("peewee", "peewee_peer"))
# What an Oxyde.NET call may raise when its backend or an API it uses is not there yet: reported
# as "not available", never as a wrong result.
_UNAVAILABLE = ("UnsupportedFeatureError", "AttributeError", "NotImplementedError")


class Suite:
    def __init__(self, backend: str, rounds: int, ops: tuple[str, ...]) -> None:
        self.backend = backend
        self.rounds = rounds
        self.ops = ops
        self.srv = s.server(backend)
        self.data = s.users()
        self.expected = s.Expected(self.data)
        self.relations = _relations.Data() if any(op in _relations.OPS for op in ops) else None
        self.loop = asyncio.new_event_loop()
        self.impls: list[s.ServerImpl] = []
        self.missing: list[str] = []  # peers or drivers that are not installed
        self.oxyde_down: list[str] = []  # "oxyde (sync): backend not available (...)"
        self.wrong: list[str] = []  # Oxyde.NET results that failed their check

    # --- building ---------------------------------------------------------------------------

    def build(self) -> None:
        raws: tuple[tuple[str, Callable[[], s.ServerImpl]], ...]
        if self.backend == "postgres":
            from peers import raw_asyncpg, raw_psycopg2

            raws = (("psycopg2", lambda: raw_psycopg2.build(self.srv)),
                    ("asyncpg", lambda: raw_asyncpg.build(self.srv, self.loop)))
        else:
            from peers import raw_mysql

            raws = (("mysqlclient", lambda: raw_mysql.build_mysqlclient(self.srv)),
                    ("pymysql", lambda: raw_mysql.build_pymysql(self.srv)))
        for label, make in raws:
            try:
                self.impls.append(make())
            except ImportError as exc:
                self.missing.append(f"{label} ({exc})")
        if not any(i.kind == "raw" for i in self.impls):
            raise SystemExit(f"bench: no raw driver for {self.backend}: {'; '.join(self.missing)} "
                             "(OXYDE_SETUP_BENCH=1 scripts/setup.sh installs them)")
        for label, make in (("oxyde (sync)", lambda: oxyde_peer.build_server_sync(self.srv)),
                            ("oxyde (async)", lambda: oxyde_peer.build_server_async(self.srv, self.loop))):
            try:
                self.impls.append(make())
            except Exception as exc:  # noqa: BLE001 - any failure to open is reported, peers still run
                self.oxyde_down.append(f"{label}: backend not available ({type(exc).__name__}: {exc})")
        for label, module in PEERS:
            try:
                self.impls.append(importlib.import_module(f"peers.{module}").build_server(self.srv))
            except ImportError as exc:
                self.missing.append(f"{label} ({exc})")

    def close(self) -> None:
        for impl in self.impls:
            impl.close()
        self.loop.close()

    # --- checking -----------------------------------------------------------------------------

    def call(self, impl: s.ServerImpl, op: str) -> Any:
        fn = impl.ops[op]
        if not impl.is_async:
            return fn()

        async def once() -> Any:
            return await fn()

        return self.loop.run_until_complete(once())

    def verify(self, impl: s.ServerImpl, op: str, checker: s.Checker) -> None:
        """Runs ``op`` once on ``impl`` and checks its result; drops the op from an Oxyde.NET
        implementation that cannot run it, and stops the run when a driver or peer is wrong."""
        before = self._before(op, checker)
        try:
            result = self.call(impl, op)
            problem = self._check(op, result, before, checker)
        except Exception as exc:
            if impl.kind != "oxyde":
                raise
            if type(exc).__name__ in _UNAVAILABLE:
                impl.unavailable[op] = f"not available ({type(exc).__name__}: {exc})"
            else:
                impl.unavailable[op] = f"failed ({type(exc).__name__}: {exc})"
                self.wrong.append(f"{impl.name} {op}: {type(exc).__name__}: {exc}")
            del impl.ops[op]
            return
        if problem is None:
            return
        if impl.kind != "oxyde":
            raise SystemExit(f"bench: {impl.name} {op} returned a wrong result: {problem}")
        impl.unavailable[op] = f"wrong result ({problem})"
        self.wrong.append(f"{impl.name} {op}: {problem}")
        del impl.ops[op]

    def _before(self, op: str, checker: s.Checker) -> Any:
        if op == "insert_bulk_100":
            return checker.count()
        if op == "update_single":
            return checker.one(f"SELECT name FROM {s.TABLE} WHERE id = %s", s.UPDATE_PK)[0]
        if op == "delete_single":
            return checker.count()
        return None

    def _check(self, op: str, result: Any, before: Any, checker: s.Checker) -> str | None:
        ex = self.expected

        def ids(rows: Any, ordered: bool = False) -> list[int]:
            out = [int(s.field(r, "id")) for r in rows]
            return out if ordered else sorted(out)

        def same(got: Any, want: Any) -> str | None:
            return None if got == want else f"got {got!r}, expected {want!r}"

        if op in _relations.OPS:
            assert self.relations is not None
            return _relations.check(self.relations, op, result)
        if op == "select_pk":
            return same((int(s.field(result, "id")), s.field(result, "name")), (s.PK, f"user{s.PK}"))
        if op in ("filter_simple", "filter_complex", "filter_in"):
            return same(ids(result), getattr(ex, op))
        if op == "select_filter":
            return same(len(result), ex.select_filter)
        if op == "count":
            return same(int(result), ex.select_filter)
        if op == "order_limit":
            return same(ids(result, ordered=True), ex.order_limit)
        if op == "aggregate_count":
            pairs = dict((r["age"], r["n"]) if hasattr(r, "keys") else (r[0], r[1]) for r in result)
            pairs = {int(age): int(n) for age, n in pairs.items()}
            return same(pairs, ex.aggregate_count)
        if op.startswith("concurrent_"):
            return same(ids(result, ordered=True), list(s.CONCURRENT_IDS[: int(op.split("_")[1])]))
        if op == "insert_single":
            row = checker.one(f"SELECT name FROM {s.TABLE} WHERE id = %s", int(result))
            return None if row and row[0].startswith("new") else f"id {result!r} does not name an inserted row"
        if op == "insert_bulk_100":
            return same(checker.count() - before, 100)
        if op == "update_single":
            after = checker.one(f"SELECT name FROM {s.TABLE} WHERE id = %s", s.UPDATE_PK)[0]
            return None if after != before and after.startswith("upd") else f"name of id {s.UPDATE_PK} still {after!r}"
        if op == "update_bulk":
            emails = checker.one(
                f"SELECT COUNT(DISTINCT email), COUNT(*) FROM {s.TABLE} WHERE age >= %s AND age <= %s",
                s.BULK_LO, s.BULK_HI,
            )
            return same((int(result), int(emails[0]), int(emails[1])), (ex.update_bulk, 1, ex.update_bulk))
        if op == "delete_single":
            return same((int(result), before - checker.count()), (1, 1))
        raise AssertionError(op)

    # --- timing ---------------------------------------------------------------------------------

    def prepare(self, op: str) -> None:
        """Before each update: the inserted rows go (the updates scan the seeded table's size).
        Before delete_single: each implementation's own victims, enough for every call."""
        if op in ("update_single", "update_bulk", "delete_single"):
            s.trim(self.srv)
        if op != "delete_single":
            return
        n = ITERATIONS[op]
        budget = 1 + max(1, n // 10) + self.rounds * n
        for index, impl in enumerate(self.impls):
            first = s.VICTIM_BASE + index * s.VICTIM_STRIDE
            s.seed_victims(self.srv, first, budget)
            impl.victims.load(first, budget)

    def measure(self) -> dict[str, dict[str, float]]:
        results: dict[str, dict[str, float]] = {op: {} for op in self.ops}
        rng = random.Random(7)
        checker = s.Checker(self.srv)
        try:
            for op in self.ops:
                self.prepare(op)
                for impl in self.impls:
                    if op in impl.ops:
                        self.verify(impl, op, checker)
                impls = [i for i in self.impls if op in i.ops]
                time_op(impls, op, ITERATIONS[op], self.rounds, rng, results[op])
        finally:
            checker.close()
        return results


# --- the report -------------------------------------------------------------------------------


def _best(row: dict[str, float], names: list[str]) -> tuple[str, float] | None:
    have = [(row[n], n) for n in names if n in row]
    return (min(have)[1], min(have)[0]) if have else None


def table(results: dict[str, dict[str, float]], impls: list[s.ServerImpl]) -> list[str]:
    """A markdown table: µs/op (ratio to the fastest raw driver) per implementation, then Oxyde's
    speed-up over the best ORM peer (peer time / Oxyde time, higher is better)."""
    names = [i.name for i in impls]
    raws = [i.name for i in impls if i.kind == "raw"]
    ours = [i.name for i in impls if i.kind == "oxyde"]
    peers = [i.name for i in impls if i.kind == "peer"]
    head = ["op", *names, "fastest raw", "best peer", *(f"{o} vs best peer" for o in ours)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for op, row in results.items():
        raw = _best(row, raws)
        peer = _best(row, peers)
        cells = [op]
        for n in names:
            cells.append(f"{row[n]:.1f} ({row[n] / raw[1]:.2f}x)" if n in row and raw else "n/a")
        cells.append(raw[0] if raw else "n/a")
        cells.append(peer[0] if peer else "n/a")
        for o in ours:
            cells.append(f"{peer[1] / row[o]:.2f}x" if o in row and peer else "n/a")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def verdicts(
    backend: str, results: dict[str, dict[str, float]], impls: list[s.ServerImpl], durable: bool
) -> list[str]:
    """The issue's targets, each MET or MISS from this run's numbers (MISS when Oxyde.NET's side
    was not measured, with the reason)."""
    by_kind = {k: [i for i in impls if i.kind == k] for k in ("raw", "oxyde", "peer")}
    sync = next((i.name for i in by_kind["oxyde"] if not i.is_async), None)
    aio = next((i.name for i in by_kind["oxyde"] if i.is_async), None)
    raw_by_driver = {i.name.split()[0]: i.name for i in by_kind["raw"]}
    out: list[str] = []

    def check(ok: bool, text: str) -> None:
        out.append(f"{'MET ' if ok else 'MISS'} {text}")

    def timed(op: str, ours: str | None, driver: str, text: str) -> tuple[float, float] | None:
        """(Oxyde.NET's time, the driver's time) for ``op``; None (and a MISS line saying why)
        when either was not measured; None silently when the op was not run at all."""
        row = results.get(op)
        base = raw_by_driver.get(driver)
        if row is None:
            return None
        if ours is None or ours not in row:
            out.append(f"MISS {text} (not measured: {'backend' if ours is None else op} not available)")
            return None
        if base is None or base not in row:
            out.append(f"MISS {text} (not measured: {driver} not installed)")
            return None
        return row[ours], row[base]

    def within(op: str, ours: str | None, driver: str, factor: float, text: str) -> None:
        pair = timed(op, ours, driver, text)
        if pair is not None:
            check(pair[0] <= factor * pair[1], f"{text} ({pair[0] / pair[1]:.2f}x)")

    if backend == "postgres":
        within("select_pk", sync, "psycopg2", 1.0, "PostgreSQL sync select_pk no slower than psycopg2")
        within("select_pk", aio, "asyncpg", 1.0, "PostgreSQL async select_pk no slower than asyncpg (same loop)")
        rows = s.Expected(s.users()).select_filter
        for ours, label in ((sync, "oxyde (sync)"), (aio, "oxyde (async)")):
            text = f"PostgreSQL select_filter into models, {label}, within asyncpg fetch + 1.5 us/row"
            pair = timed("select_filter", ours, "asyncpg", text)
            if pair is not None:
                per_row = (pair[0] - pair[1]) / rows
                check(per_row <= 1.5, f"{text} ({per_row:+.2f} us/row, {rows} rows)")
    else:
        within("select_pk", sync, "mysqlclient", 1.2, "MariaDB sync select_pk within 1.2x of mysqlclient")
    # prefetch_related: Oxyde.NET at least 0.3 of the raw driver's speed (the sync API against the
    # sync driver, the async API against asyncpg on PostgreSQL; mysqlclient for both on MariaDB).
    for ours, label, driver in ((sync, "sync", "psycopg2" if backend == "postgres" else "mysqlclient"),
                                (aio, "async", "asyncpg" if backend == "postgres" else "mysqlclient")):
        text = f"prefetch_related: oxyde ({label}) at least 0.3 of {driver}'s speed"
        pair = timed("prefetch_related", ours, driver, text)
        if pair is not None:
            check(pair[0] * 0.3 <= pair[1], f"{text} ({pair[1] / pair[0]:.2f})")
    peers = [i.name for i in by_kind["peer"]]
    for ours, label in ((sync, "oxyde (sync)"), (aio, "oxyde (async)")):
        if ours is None:
            out.append(f"MISS every op: {label} at least 2x faster than the best ORM peer "
                       "(not measured: backend not available)")
            continue
        for op, row in results.items():
            best = _best(row, peers)
            text = f"{op}: {ours} at least 2x faster than the best ORM peer"
            if op in WRITES and durable:
                out.append(f"n/a  {text} (fsync-bound write: commits are durable on this server)")
            elif ours not in row or best is None:
                out.append(f"MISS {text} (not measured: {'no peer' if best is None else 'not available'})")
            else:
                check(best[1] >= 2 * row[ours], f"{text} ({best[1] / row[ours]:.2f}x vs {best[0]})")
    return out


def main(backend: str, rounds: int, only: str, json_path: str | None) -> int:
    ops = tuple(o for o in OPS if not only or o in only.split(","))
    suite = Suite(backend, rounds, ops)
    s.seed(suite.srv, suite.data)
    if suite.relations is not None:
        s.seed_relations(suite.srv, suite.relations)
    durable, durability = s.durable_commits(suite.srv)
    version = s.server_version(suite.srv)
    try:
        suite.build()
        results = suite.measure()
    finally:
        suite.close()

    impls = suite.impls
    print(f"{LABELS[backend]} {version} at {suite.srv.host}:{suite.srv.port}/{suite.srv.database}, "
          f"{s.ROWS} users, best of {rounds} rounds; us/op (ratio to the fastest raw driver, lower is better)")
    effect = "durable: single writes are fsync-bound" if durable else "not durable: writes are checked too"
    print(f"commits: {durability} ({effect})")
    print()
    for line in table(results, impls):
        print(line)
    print()
    for line in suite.oxyde_down:
        print(line)
    for impl in impls:
        for op, why in impl.unavailable.items():
            print(f"{impl.name} {op}: {why}")
    for m in suite.missing:
        print(f"not installed: {m}")
    print()
    for line in verdicts(backend, results, impls, durable):
        print(line)
    path = Path(json_path or f"build/bench-{backend}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "backend": backend, "server": version, "rounds": rounds, "results": results,
        "kinds": {i.name: i.kind for i in impls}, "oxyde_down": suite.oxyde_down,
        "unavailable": {i.name: i.unavailable for i in impls if i.unavailable}, "missing": suite.missing,
    }, indent=2))
    for w in suite.wrong:
        print(f"WRONG {w}")
    return 1 if suite.wrong else 0
