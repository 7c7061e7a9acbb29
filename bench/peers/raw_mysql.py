"""The MariaDB baselines: mysqlclient (Debian python3-mysqldb, C) and PyMySQL (python3-pymysql,
pure Python), each on one autocommit connection, rows fetched as dicts (what an ORM hands back at
least), as the SQLite suite's raw sqlite3 does."""
from __future__ import annotations

from typing import Any

from . import _server as s

COLUMNS = "id, name, email, age, active"
SELECT = f"SELECT {COLUMNS} FROM {s.TABLE}"
INSERT = f"INSERT INTO {s.TABLE} (name, email, age, active) VALUES (%s, %s, %s, %s)"


def build_mysqlclient(srv: s.Server) -> s.ServerImpl:
    import MySQLdb

    con = MySQLdb.connect(
        host=srv.host, port=srv.port, user=srv.user, password=srv.password, database=srv.database,
        charset="utf8mb4", autocommit=True,
    )
    version = ".".join(str(p) for p in MySQLdb.version_info[:3])
    return _build(f"mysqlclient {version}", con)


def build_pymysql(srv: s.Server) -> s.ServerImpl:
    import pymysql

    con = pymysql.connect(
        host=srv.host, port=srv.port, user=srv.user, password=srv.password, database=srv.database,
        charset="utf8mb4", autocommit=True,
    )
    return _build(f"pymysql {pymysql.__version__}", con)


def _build(name: str, con: Any) -> s.ServerImpl:
    cur = con.cursor()
    victims = s.Victims()

    def rows(sql: str, params: tuple = ()) -> list[dict]:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def select_pk() -> dict:
        return rows(f"{SELECT} WHERE id = %s", (s.PK,))[0]

    def insert_single() -> int:
        cur.execute(INSERT, s.new_row())
        return cur.lastrowid

    def insert_bulk_100() -> int:
        # executemany rewrites INSERT ... VALUES into one multi-row INSERT (atomic on its own).
        return cur.executemany(INSERT, [s.new_row() for _ in range(100)])

    def execute(sql: str, params: tuple) -> int:
        return cur.execute(sql, params)

    def concurrent(n: int):
        ids = s.CONCURRENT_IDS[:n]
        return lambda: [rows(f"{SELECT} WHERE id = %s", (i,))[0] for i in ids]

    in_list = ", ".join(["%s"] * len(s.IN_IDS))
    ops = dict(
        select_pk=select_pk,
        filter_simple=lambda: rows(f"{SELECT} WHERE age = %s", (s.AGE_EQ,)),
        select_filter=lambda: rows(f"{SELECT} WHERE age >= %s", (s.AGE_CUTOFF,)),
        count=lambda: rows(f"SELECT COUNT(*) AS n FROM {s.TABLE} WHERE age >= %s", (s.AGE_CUTOFF,))[0]["n"],
        filter_complex=lambda: rows(
            f"{SELECT} WHERE (age >= %s AND age <= %s AND active AND name LIKE %s) OR age = %s",
            (s.COMPLEX_LO, s.COMPLEX_HI, s.COMPLEX_PREFIX + "%", s.COMPLEX_OR_AGE),
        ),
        filter_in=lambda: rows(f"{SELECT} WHERE id IN ({in_list})", s.IN_IDS),
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
    return s.ServerImpl(name, "raw", ops, close=con.close, victims=victims)
