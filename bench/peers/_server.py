"""What every implementation of the server suite shares: the URLs, the schema, the seeded data,
the values each op passes and the result each op must return.

The data: 1,000 users with ages drawn from 15..70 by ``random.Random(SEED)``. Rows the write ops
add (inserts, and the victims delete_single removes) have age 0 and ``active = false``, so they
never match a read or the update_bulk filter. Updates write fresh strings (``unique()``), so every
UPDATE changes its rows (MySQL counts changed rows only).
"""
from __future__ import annotations

import itertools
import os
import random
from collections import Counter
from dataclasses import dataclass, field as dc_field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit, urlunsplit

ROWS = 1000
SEED = 20261130
TABLE = "bench_user"

# The values every implementation passes, one constant per op.
PK = 500  # select_pk
AGE_EQ = 42  # filter_simple
AGE_CUTOFF = 18  # select_filter, count: ~95% of the rows
COMPLEX_LO, COMPLEX_HI, COMPLEX_PREFIX, COMPLEX_OR_AGE = 25, 40, "user1", 70  # filter_complex
IN_IDS = tuple(range(7, ROWS, 10))  # filter_in: 100 ids
ORDER_LIMIT = 10  # order_limit: active users by age desc, id asc
UPDATE_PK = 7  # update_single
BULK_LO, BULK_HI = 15, 19  # update_bulk: ~90 rows
CONCURRENT_IDS = tuple(range(1, ROWS + 1, 9))  # concurrent_N reads the first N of these
VICTIM_BASE, VICTIM_STRIDE = 10_000_000, 1_000_000  # delete_single: implementation k deletes from base + k * stride

DB_ENV = Path(__file__).resolve().parents[2] / "scripts" / "db.env"
URL_VARIABLES = {"postgres": "OXYDE_TEST_POSTGRES_URL", "mysql": "OXYDE_TEST_MYSQL_URL"}
BENCH_VARIABLES = {"postgres": "OXYDE_BENCH_POSTGRES_URL", "mysql": "OXYDE_BENCH_MYSQL_URL"}

_unique = itertools.count(1)


def unique() -> int:
    """A number no earlier call returned (in this process): what updates write and inserts name."""
    return next(_unique)


def new_row() -> tuple[str, str, int, bool]:
    """A row for the insert ops: age 0, inactive, so no read or update_bulk sees it."""
    k = unique()
    return f"new{k}", f"new{k}@example.com", 0, False


class Victims:
    """The ids one implementation's delete_single removes, loaded (seeded) just before that op."""

    def __init__(self) -> None:
        self._ids: Any = iter(())

    def load(self, first_id: int, count: int) -> None:
        self._ids = iter(range(first_id, first_id + count))

    def __call__(self) -> int:
        return next(self._ids)


@dataclass
class ServerImpl:
    """One implementation on a server. ``kind``: "raw" (a driver), "oxyde" or "peer" (an ORM).
    ``ops`` lacks an op the implementation cannot run; ``unavailable`` says why."""

    name: str
    kind: str
    ops: dict[str, Callable[..., Any]]
    is_async: bool = False
    close: Callable[[], Any] = dc_field(default=lambda: None)
    loop: Any = None
    victims: Victims = dc_field(default_factory=Victims)
    unavailable: dict[str, str] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class Server:
    """One database server, parsed from its URL."""

    backend: str  # "postgres" | "mysql"
    url: str
    user: str
    password: str
    host: str
    port: int
    database: str

    def connect_args(self) -> dict[str, Any]:
        return dict(host=self.host, port=self.port, user=self.user, password=self.password, database=self.database)

    def sqlalchemy_url(self, driver: str) -> str:
        scheme = {"postgres": "postgresql", "mysql": "mysql"}[self.backend]
        tail = "?charset=utf8mb4" if self.backend == "mysql" else ""
        return f"{scheme}+{driver}://{self.user}:{self.password}@{self.host}:{self.port}/{self.database}{tail}"


#: Every implementation connects without TLS: the test servers offer it (scripts/db-up.sh), libpq,
#: asyncpg and Oxyde.NET would use it by default ("prefer"), MySQL's C clients would not, and the
#: bench compares ORMs and drivers on loopback, not ciphers. Oxyde.NET gets the ssl_mode below;
#: libpq (psycopg2 and the ORMs on it) and asyncpg read PGSSLMODE.
PLAIN_SSL_MODE = {"postgres": "disable", "mysql": "disabled"}
os.environ["PGSSLMODE"] = "disable"


def server(backend: str) -> Server:
    """The bench database of ``backend``: ``$OXYDE_BENCH_<X>_URL``, else the test URL of
    ``scripts/db.env`` (its environment variable wins) with ``_bench`` added to the database name."""
    url = os.environ.get(BENCH_VARIABLES[backend])
    if not url:
        variable = URL_VARIABLES[backend]
        url = os.environ.get(variable) or _db_env()[variable]
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench"))
    parts = urlsplit(url)
    database = parts.path.strip("/")
    if not (parts.username and parts.password and parts.hostname and parts.port and database):
        raise SystemExit(f"bench: {url} is not scheme://user:password@host:port/database")
    return Server(backend, url, parts.username, parts.password, parts.hostname, parts.port, database)


def _db_env() -> dict[str, str]:
    values = {}
    for line in DB_ENV.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


# --- the data and what each op must return --------------------------------------------------


@dataclass(frozen=True)
class User:
    id: int
    name: str
    email: str
    age: int
    active: bool


def users() -> list[User]:
    rng = random.Random(SEED)
    out = []
    for i in range(1, ROWS + 1):
        out.append(User(i, f"user{i}", f"user{i}@example.com", rng.randint(15, 70), rng.random() < 0.7))
    return out


class Expected:
    """What each read op returns on the seeded data (ids, counts), computed in Python."""

    def __init__(self, data: list[User]) -> None:
        self.filter_simple = sorted(u.id for u in data if u.age == AGE_EQ)
        self.select_filter = sum(1 for u in data if u.age >= AGE_CUTOFF)
        self.filter_complex = sorted(
            u.id
            for u in data
            if (COMPLEX_LO <= u.age <= COMPLEX_HI and u.active and u.name.startswith(COMPLEX_PREFIX))
            or u.age == COMPLEX_OR_AGE
        )
        self.filter_in = sorted(IN_IDS)
        active = sorted((u for u in data if u.active), key=lambda u: (-u.age, u.id))
        self.order_limit = [u.id for u in active[:ORDER_LIMIT]]
        self.aggregate_count = dict(Counter(u.age for u in data if u.active))
        self.update_bulk = sum(1 for u in data if BULK_LO <= u.age <= BULK_HI)


# --- the schema and the seed (through the raw driver: every implementation reads the same rows) ----

CREATE = {
    "postgres": (
        f"CREATE TABLE {TABLE} (id BIGSERIAL PRIMARY KEY, name VARCHAR(100) NOT NULL, "
        "email VARCHAR(200) NOT NULL, age INTEGER NOT NULL, active BOOLEAN NOT NULL)"
    ),
    "mysql": (
        f"CREATE TABLE {TABLE} (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
        "email VARCHAR(200) NOT NULL, age INT NOT NULL, active BOOL NOT NULL) "
        "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
    ),
}
INSERT_EXPLICIT = {
    "postgres": f"INSERT INTO {TABLE} (id, name, email, age, active) VALUES (%s, %s, %s, %s, %s)",
    "mysql": f"INSERT INTO {TABLE} (id, name, email, age, active) VALUES (%s, %s, %s, %s, %s)",
}


def _checker(srv: Server) -> Any:
    """A plain autocommit DB-API connection (psycopg2 / mysqlclient) for seeding and checking."""
    if srv.backend == "postgres":
        import psycopg2

        con = psycopg2.connect(**_pg_args(srv))
        con.autocommit = True
        return con
    import MySQLdb

    return MySQLdb.connect(**_my_args(srv), autocommit=True)


def _pg_args(srv: Server, database: str | None = None) -> dict[str, Any]:
    return dict(host=srv.host, port=srv.port, user=srv.user, password=srv.password, dbname=database or srv.database)


def _my_args(srv: Server, database: str | None = None) -> dict[str, Any]:
    args: dict[str, Any] = dict(host=srv.host, port=srv.port, user=srv.user, password=srv.password, charset="utf8mb4")
    if database != "":
        args["database"] = database or srv.database
    return args


def ensure_database(srv: Server) -> None:
    """Creates the bench database when it is missing (the test user may create ``oxyde_test*``)."""
    if srv.backend == "postgres":
        import psycopg2

        base = URL_VARIABLES["postgres"]
        admin_db = urlsplit(os.environ.get(base) or _db_env()[base]).path.strip("/")
        con = psycopg2.connect(**_pg_args(srv, admin_db))
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (srv.database,))
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{srv.database}"')
        con.close()
    else:
        import MySQLdb

        con = MySQLdb.connect(**_my_args(srv, ""))
        con.cursor().execute(f"CREATE DATABASE IF NOT EXISTS `{srv.database}` CHARACTER SET utf8mb4")
        con.close()


def seed(srv: Server, data: list[User]) -> None:
    """Drops and recreates the table, inserts the users, and moves the id sequence past them."""
    ensure_database(srv)
    con = _checker(srv)
    cur = con.cursor()
    cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
    cur.execute(CREATE[srv.backend])
    cur.executemany(INSERT_EXPLICIT[srv.backend], [(u.id, u.name, u.email, u.age, u.active) for u in data])
    if srv.backend == "postgres":
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), %s)", (ROWS,))
        cur.execute(f"ANALYZE {TABLE}")
    else:
        cur.execute(f"ANALYZE TABLE {TABLE}")
        cur.fetchall()
    con.close()


def seed_relations(srv: Server, data: Any) -> None:
    """The relation dataset (peers/_relations.py, a ``Data``) in its own tables."""
    from . import _relations

    con = _checker(srv)
    _relations.seed(con, srv.backend, data)
    con.close()


def trim(srv: Server) -> None:
    """Deletes what the insert ops added (ids past the seed, below the victims), so the update ops
    scan the seeded table's size; PostgreSQL also vacuums the dead rows away."""
    con = _checker(srv)
    cur = con.cursor()
    cur.execute(f"DELETE FROM {TABLE} WHERE id > %s AND id < %s", (ROWS, VICTIM_BASE))
    if srv.backend == "postgres":
        cur.execute(f"VACUUM ANALYZE {TABLE}")
    con.close()


def seed_victims(srv: Server, first_id: int, count: int) -> None:
    """Rows ``first_id .. first_id + count - 1`` for one implementation's delete_single."""
    con = _checker(srv)
    cur = con.cursor()
    rows = [(i, f"victim{i}", f"victim{i}@example.com", 0, False) for i in range(first_id, first_id + count)]
    cur.executemany(INSERT_EXPLICIT[srv.backend], rows)
    con.close()


def durable_commits(srv: Server) -> tuple[bool, str]:
    """Whether each commit waits for a disk flush on this server, and the settings that say so.
    Only then are the single-row writes fsync-bound (and exempt from the 2x-over-peers target)."""
    con = _checker(srv)
    cur = con.cursor()
    if srv.backend == "postgres":
        cur.execute("SELECT current_setting('fsync'), current_setting('synchronous_commit')")
        fsync, sync = cur.fetchone()
        con.close()
        return fsync == "on" and sync != "off", f"fsync={fsync}, synchronous_commit={sync}"
    cur.execute("SELECT @@innodb_flush_log_at_trx_commit")
    (flush,) = cur.fetchone()
    con.close()
    return int(flush) == 1, f"innodb_flush_log_at_trx_commit={flush}"


def server_version(srv: Server) -> str:
    con = _checker(srv)
    cur = con.cursor()
    cur.execute("SHOW server_version" if srv.backend == "postgres" else "SELECT VERSION()")
    (version,) = cur.fetchone()
    con.close()
    return str(version)


class Checker:
    """Reads the table through its own connection to check what a write op did."""

    def __init__(self, srv: Server) -> None:
        self.con = _checker(srv)

    def one(self, sql: str, *params: Any) -> Any:
        cur = self.con.cursor()
        cur.execute(sql, params)
        row = cur.fetchone()
        cur.close()
        return row

    def count(self) -> int:
        return int(self.one(f"SELECT COUNT(*) FROM {TABLE}")[0])

    def close(self) -> None:
        self.con.close()


def field(obj: Any, name: str) -> Any:
    """A field of a returned row, whatever it is: a model (attribute), a dict or a Record (key)."""
    if hasattr(obj, "keys"):
        return obj[name]
    return getattr(obj, name)
