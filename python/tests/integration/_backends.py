"""One fixture for tests that must behave the same on every backend: SQLite, PostgreSQL and MariaDB.

A test takes ``backend`` (parametrized ``sqlite``/``postgres``/``mysql``): the ``default`` alias is
open on a fresh database of that backend when the test starts and closed after it. SQLite gets a
new file; a server's test database is emptied first (PostgreSQL: the ``public`` schema is dropped
and created again; MySQL: every table is dropped), so a test sees only the tables it creates. A
server that does not answer skips the case (fails under CI, see ``_servers.require_postgres``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import oxyde.db as db
from oxyde.db import execute_raw
from oxyde.db._raw import execute_script

from ._servers import require_mysql, require_postgres

BACKENDS = ("sqlite", "postgres", "mysql")


@dataclass(frozen=True)
class Backend:
    """The backend a parametrized case runs on."""

    name: str  # "sqlite" | "postgres" | "mysql", as AsyncDatabase.backend
    url: str


def backend_url(name: str, tmp_path: Path) -> str:
    """The test URL of ``name``; skips (or fails under CI) when its server does not answer."""
    if name == "sqlite":
        return f"sqlite:///{tmp_path / 'backend.db'}"
    if name == "postgres":
        return require_postgres().url
    return require_mysql().url


async def reset_database(name: str) -> None:
    """Drops every table of the open ``default`` server database (nothing to do for a new SQLite file)."""
    if name == "postgres":
        await execute_raw("DROP SCHEMA IF EXISTS public CASCADE")
        await execute_raw("CREATE SCHEMA public")
    elif name == "mysql":
        rows = await execute_raw(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()"
        )
        if rows:
            # One script runs on one connection, where the session setting holds.
            names = ", ".join("`" + str(row["name"]).replace("`", "``") + "`" for row in rows)
            await execute_script(f"SET FOREIGN_KEY_CHECKS = 0; DROP TABLE IF EXISTS {names}; SET FOREIGN_KEY_CHECKS = 1")


@pytest.fixture(params=BACKENDS)
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    name: str = request.param
    url = backend_url(name, tmp_path)
    await db.init(default=url)
    try:
        await reset_database(name)
        yield Backend(name, url)
    finally:
        await db.close()
