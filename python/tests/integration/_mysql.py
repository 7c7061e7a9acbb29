"""The ``mysql`` fixture of the test_mysql_* modules: ``default`` open on the MariaDB/MySQL test server.

Every table of the test database is dropped first (``_backends.reset_database``), so a test sees only
what it creates. Unreachable server: skip, or fail under CI (``_servers.require_mysql``). Point the
tests at a database of your own with ``OXYDE_TEST_MYSQL_URL`` (scripts/db.env).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

import oxyde.db as db

from ._backends import reset_database
from ._servers import TestServer, require_mysql


@pytest.fixture
async def mysql() -> AsyncIterator[TestServer]:
    server = require_mysql()
    await db.init(default=server.url)
    try:
        await reset_database("mysql")
        yield server
    finally:
        await db.close()
