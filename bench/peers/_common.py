"""What every implementation shares: the schema, the data, the pragmas and the op names."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any, Callable

ROWS = 1000
# ~950 of 1000 rows match `age >= AGE_CUTOFF` (ages cycle 0..99, so 95 of every 100 match).
AGE_CUTOFF = 5
PRAGMAS = {
    "journal_mode": "WAL",
    "synchronous": "NORMAL",
    "foreign_keys": "ON",
    "busy_timeout": "5000",
    "cache_size": "10000",
}
OPS = ("select_pk", "filter_simple", "select_filter", "insert_single", "insert_bulk_100", "update_single", "count")

CREATE = (
    "CREATE TABLE bench_user (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(100) NOT NULL, "
    "email VARCHAR(200) NOT NULL, age INTEGER NOT NULL, active INTEGER NOT NULL)"
)


def row(i: int) -> tuple[str, str, int, bool]:
    return f"user{i}", f"user{i}@example.com", i % 100, i % 3 != 0


def seed(path: str) -> None:
    """Create the table and 1000 rows with raw sqlite3 so every implementation reads the same data."""
    con = sqlite3.connect(path)
    for k, v in PRAGMAS.items():
        con.execute(f"PRAGMA {k}={v}")
    con.execute(CREATE)
    con.executemany(
        "INSERT INTO bench_user (name, email, age, active) VALUES (?, ?, ?, ?)", [row(i) for i in range(ROWS)]
    )
    con.commit()
    con.close()


@dataclass
class Impl:
    name: str
    ops: dict[str, Callable[..., Any]]
    is_async: bool = False
    close: Callable[[], Any] = field(default=lambda: None)

