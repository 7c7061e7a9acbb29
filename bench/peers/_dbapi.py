"""The server ops on one DB-API connection with ``%s`` parameters (psycopg2, mysqlclient, PyMySQL):
rows fetched as dicts (what an ORM hands back at least), as the SQLite suite's raw sqlite3 does.
Each driver module passes what differs: how it inserts and how it binds an IN list."""
from __future__ import annotations

from typing import Any, Callable

from . import _relations, _server as s

SELECT = f"SELECT id, name, email, age, active FROM {s.TABLE}"
INSERT = f"INSERT INTO {s.TABLE} (name, email, age, active) VALUES "
COMPLEX = f"{SELECT} WHERE (age >= %s AND age <= %s AND active AND name LIKE %s) OR age = %s"
UPDATE_SINGLE = f"UPDATE {s.TABLE} SET name = %s WHERE id = %s"
UPDATE_BULK = f"UPDATE {s.TABLE} SET email = %s WHERE age >= %s AND age <= %s"


def ops(
    cur: Any,
    victims: s.Victims,
    *,
    filter_in: tuple[str, tuple],
    insert_single: Callable[[], int],
    insert_bulk_100: Callable[[], Any],
) -> dict[str, Callable[[], Any]]:
    def rows(sql: str, params: tuple = ()) -> list[dict]:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def execute(sql: str, params: tuple) -> int:
        cur.execute(sql, params)
        return cur.rowcount

    def concurrent(n: int) -> Callable[[], list]:
        ids = s.CONCURRENT_IDS[:n]
        return lambda: [rows(f"{SELECT} WHERE id = %s", (i,))[0] for i in ids]

    return dict(
        select_pk=lambda: rows(f"{SELECT} WHERE id = %s", (s.PK,))[0],
        filter_simple=lambda: rows(f"{SELECT} WHERE age = %s", (s.AGE_EQ,)),
        select_filter=lambda: rows(f"{SELECT} WHERE age >= %s", (s.AGE_CUTOFF,)),
        count=lambda: rows(f"SELECT COUNT(*) AS n FROM {s.TABLE} WHERE age >= %s", (s.AGE_CUTOFF,))[0]["n"],
        filter_complex=lambda: rows(COMPLEX, (s.COMPLEX_LO, s.COMPLEX_HI, s.COMPLEX_PREFIX + "%", s.COMPLEX_OR_AGE)),
        filter_in=lambda: rows(*filter_in),
        order_limit=lambda: rows(f"{SELECT} WHERE active ORDER BY age DESC, id ASC LIMIT %s", (s.ORDER_LIMIT,)),
        aggregate_count=lambda: rows(f"SELECT age, COUNT(*) AS n FROM {s.TABLE} WHERE active GROUP BY age"),
        concurrent_10=concurrent(10),
        concurrent_100=concurrent(100),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: execute(UPDATE_SINGLE, (f"upd{s.unique()}", s.UPDATE_PK)),
        update_bulk=lambda: execute(UPDATE_BULK, (f"bulk{s.unique()}@example.com", s.BULK_LO, s.BULK_HI)),
        delete_single=lambda: execute(f"DELETE FROM {s.TABLE} WHERE id = %s", (victims(),)),
        **_relations.raw_ops(rows, "%s"),
    )
