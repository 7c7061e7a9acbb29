"""The MariaDB baselines: mysqlclient (Debian python3-mysqldb, C) and PyMySQL (python3-pymysql,
pure Python), each on one autocommit connection, rows as dicts (peers/_dbapi.py)."""
from __future__ import annotations

from typing import Any

from . import _dbapi, _server as s


def build_mysqlclient(srv: s.Server) -> s.ServerImpl:
    import MySQLdb

    con = MySQLdb.connect(
        host=srv.host, port=srv.port, user=srv.user, password=srv.password, database=srv.database,
        charset="utf8mb4", autocommit=True,
    )
    return _build(f"mysqlclient {'.'.join(str(p) for p in MySQLdb.version_info[:3])}", con)


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
    insert = _dbapi.INSERT + "(%s, %s, %s, %s)"

    def insert_single() -> int:
        cur.execute(insert, s.new_row())
        return cur.lastrowid

    def insert_bulk_100() -> int:
        # executemany rewrites INSERT ... VALUES into one multi-row INSERT (atomic on its own).
        return cur.executemany(insert, [s.new_row() for _ in range(100)])

    ops = _dbapi.ops(
        cur, victims, insert_single=insert_single, insert_bulk_100=insert_bulk_100,
        filter_in=(f"{_dbapi.SELECT} WHERE id IN ({', '.join(['%s'] * len(s.IN_IDS))})", s.IN_IDS),
    )
    return s.ServerImpl(name, "raw", ops, close=con.close, victims=victims)
