"""A PostgreSQL baseline: psycopg2 (Debian python3-psycopg2) on one autocommit connection, rows as
dicts (peers/_dbapi.py)."""
from __future__ import annotations

from . import _dbapi, _server as s


def build(srv: s.Server) -> s.ServerImpl:
    import psycopg2
    from psycopg2.extras import execute_values

    con = psycopg2.connect(host=srv.host, port=srv.port, user=srv.user, password=srv.password, dbname=srv.database)
    con.autocommit = True
    cur = con.cursor()
    victims = s.Victims()

    def insert_single() -> int:
        cur.execute(_dbapi.INSERT + "(%s, %s, %s, %s) RETURNING id", s.new_row())
        return cur.fetchone()[0]

    def insert_bulk_100() -> list:
        # One multi-row INSERT ... RETURNING id (atomic on its own): the least a bulk insert sends.
        rows = [s.new_row() for _ in range(100)]
        return execute_values(cur, _dbapi.INSERT + "%s RETURNING id", rows, page_size=100, fetch=True)

    ops = _dbapi.ops(
        cur, victims, insert_single=insert_single, insert_bulk_100=insert_bulk_100,
        filter_in=(f"{_dbapi.SELECT} WHERE id IN %s", (s.IN_IDS,)),  # psycopg2 renders a tuple as (a, b, ...)
    )
    return s.ServerImpl(f"psycopg2 {psycopg2.__version__.split()[0]}", "raw", ops, close=con.close, victims=victims)
