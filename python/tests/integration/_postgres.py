"""Shared by the ``test_postgres_*`` modules: the ``default`` alias on a freshly emptied PostgreSQL test database.

The server and its URL come from ``_servers.require_postgres()`` (skip when it does not answer, fail
under CI). The ``public`` schema is dropped and created again, so a test sees only its own tables
(and enum types).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import oxyde.db as db
from oxyde.db import create_tables, execute_raw
from oxyde.db._settings import PoolSettings

from ._servers import require_postgres


async def open_postgres(models: Iterable[type[Any]] = (), **settings: Any) -> str:
    """Opens ``default`` on the test server with ``settings``, empties it and creates ``models``' tables; returns the URL."""
    url = require_postgres().url
    await db.init(default=url, settings=PoolSettings(**settings))
    await execute_raw("DROP SCHEMA IF EXISTS public CASCADE")
    await execute_raw("CREATE SCHEMA public")
    models = list(models)
    if models:
        await create_tables(models=models)
    return url
