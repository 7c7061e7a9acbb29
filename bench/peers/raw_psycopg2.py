"""A PostgreSQL baseline: psycopg2 (Debian python3-psycopg2) on one autocommit connection, rows
fetched as dicts (what an ORM hands back at least), as the SQLite suite's raw sqlite3 does."""
from __future__ import annotations

from . import _server as s

COLUMNS = "id, name, email, age, active"
SELECT = f"SELECT {COLUMNS} FROM {s.TABLE}"


def build(srv: s.Server) -> s.ServerImpl:
    import psycopg2
    from psycopg2.extras import execute_values

    con = psycopg2.connect(host=srv.host, port=srv.port, user=srv.user, password=srv.password, dbname=srv.database)
    con.autocommit = True
    cur = con.cursor()
    victims = s.Victims()

    def rows(sql: str, params: tuple = ()) -> list[dict]:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def select_pk() -> dict:
        return rows(f"{SELECT} WHERE id = %s", (s.PK,))[0]

    def insert_bulk_100() -> list:
        # One multi-row INSERT ... RETURNING id (atomic on its own): the least a bulk insert sends.
        return execute_values(
            cur, f"INSERT INTO {s.TABLE} (name, email, age, active) VALUES %s RETURNING id",
            [s.new_row() for _ in range(100)], page_size=100, fetch=True,
        )

    def insert_single() -> int:
        cur.execute(f"INSERT INTO {s.TABLE} (name, email, age, active) VALUES (%s, %s, %s, %s) RETURNING id", s.new_row())
        return cur.fetchone()[0]

    def execute(sql: str, params: tuple) -> int:
        cur.execute(sql, params)
        return cur.rowcount

    def concurrent(n: int):
        ids = s.CONCURRENT_IDS[:n]
        return lambda: [rows(f"{SELECT} WHERE id = %s", (i,))[0] for i in ids]

    ops = dict(
        select_pk=select_pk,
        filter_simple=lambda: rows(f"{SELECT} WHERE age = %s", (s.AGE_EQ,)),
        select_filter=lambda: rows(f"{SELECT} WHERE age >= %s", (s.AGE_CUTOFF,)),
        count=lambda: rows(f"SELECT COUNT(*) AS n FROM {s.TABLE} WHERE age >= %s", (s.AGE_CUTOFF,))[0]["n"],
        filter_complex=lambda: rows(
            f"{SELECT} WHERE (age >= %s AND age <= %s AND active AND name LIKE %s) OR age = %s",
            (s.COMPLEX_LO, s.COMPLEX_HI, s.COMPLEX_PREFIX + "%", s.COMPLEX_OR_AGE),
        ),
        filter_in=lambda: rows(f"{SELECT} WHERE id IN %s", (s.IN_IDS,)),
        order_limit=lambda: rows(f"{SELECT} WHERE active ORDER BY age DESC, id ASC LIMIT %s", (s.ORDER_LIMIT,)),
        aggregate_count=lambda: rows(f"SELECT age, COUNT(*) AS n FROM {s.TABLE} WHERE active GROUP BY age"),
        concurrent_10=concurrent(10),
        concurrent_100=concurrent(100),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: execute(f"UPDATE {s.TABLE} SET name = %s WHERE id = %s", (f"upd{s.unique()}", s.UPDATE_PK)),
        update_bulk=lambda: execute(
            f"UPDATE {s.TABLE} SET email = %s WHERE age >= %s AND age <= %s", (f"bulk{s.unique()}@example.com", s.BULK_LO, s.BULK_HI)
        ),
        delete_single=lambda: execute(f"DELETE FROM {s.TABLE} WHERE id = %s", (victims(),)),
    )
    return s.ServerImpl(f"psycopg2 {psycopg2.__version__.split()[0]}", "raw", ops, close=con.close, victims=victims)
