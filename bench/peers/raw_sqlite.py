"""The baseline: the stdlib sqlite3 driver, rows fetched as dicts (what an ORM hands back at least)."""
from __future__ import annotations

import sqlite3

from . import _relations
from ._common import AGE_CUTOFF, PRAGMAS, Impl, row


def build(path: str) -> Impl:
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for k, v in PRAGMAS.items():
        con.execute(f"PRAGMA {k}={v}")

    def as_dicts(cur: sqlite3.Cursor) -> list[dict]:
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    counter = iter(range(10**9))

    def select_pk() -> None:
        as_dicts(con.execute("SELECT id, name, email, age, active FROM bench_user WHERE id = ?", (500,)))

    def filter_simple() -> None:
        as_dicts(con.execute("SELECT id, name, email, age, active FROM bench_user WHERE age = ?", (42,)))

    def select_filter() -> None:
        as_dicts(con.execute("SELECT id, name, email, age, active FROM bench_user WHERE age >= ?", (AGE_CUTOFF,)))

    def insert_single() -> None:
        cur = con.execute(
            "INSERT INTO bench_user (name, email, age, active) VALUES (?, ?, ?, ?)", row(next(counter))
        )
        cur.lastrowid

    def insert_bulk_100() -> None:
        with con:
            con.execute("BEGIN")
            con.executemany(
                "INSERT INTO bench_user (name, email, age, active) VALUES (?, ?, ?, ?)",
                [row(next(counter)) for _ in range(100)],
            )

    def update_single() -> None:
        con.execute("UPDATE bench_user SET age = ? WHERE id = ?", (next(counter) % 100, 7))

    def count() -> None:
        con.execute("SELECT COUNT(*) FROM bench_user WHERE age >= ?", (AGE_CUTOFF,)).fetchone()

    ops = dict(
        select_pk=select_pk, filter_simple=filter_simple, select_filter=select_filter,
        insert_single=insert_single, insert_bulk_100=insert_bulk_100, update_single=update_single, count=count,
        **_relations.raw_ops(lambda sql, params: as_dicts(con.execute(sql, params)), "?"),
    )
    return Impl("sqlite3 (raw)", ops, close=con.close)
