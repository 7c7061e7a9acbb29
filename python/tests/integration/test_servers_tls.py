"""TLS on the server backends, against the test servers' own certificate (scripts/db-up.sh).

Both servers offer TLS with one self-signed certificate for 127.0.0.1 (``$OXYDE_TEST_DB_DIR/tls``)
and still take plain connections. ``ssl_mode`` takes libpq's names on PostgreSQL and MySQL's on
MySQL (REFERENCE-API §1.12); ``ssl_root_cert`` makes the certificate trusted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde.db import PoolSettings, execute_raw  # noqa: E402
from oxyde.exceptions import ConnectionFailedError  # noqa: E402

from ._servers import require_mysql, require_postgres, settings  # noqa: E402


def server_certificate() -> str:
    path = Path(settings()["OXYDE_TEST_DB_DIR"]) / "tls" / "server.crt"
    if not path.is_file():
        pytest.fail(f"{path} is missing: scripts/db-up.sh makes it when it starts the servers", pytrace=False)
    return str(path)


@pytest.fixture(autouse=True)
async def closed() -> AsyncIterator[None]:
    yield
    await db.close()


async def pg_uses_tls() -> bool:
    rows = await execute_raw("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    return bool(rows[0]["ssl"])


async def mysql_cipher() -> str:
    rows = await execute_raw("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
    return str(rows[0]["Value"])


async def test_postgres_ssl_modes() -> None:
    url = require_postgres().url
    await db.init(default=url + "?sslmode=require")
    assert await pg_uses_tls()
    await db.close()
    await db.init(default=url, settings=PoolSettings(ssl_mode="disable"))
    assert not await pg_uses_tls()
    await db.close()
    await db.init(default=url, settings=PoolSettings(ssl_mode="verify-full", ssl_root_cert=server_certificate()))
    assert await pg_uses_tls()
    await db.close()
    # Without the root certificate the self-signed one is not trusted: a connection error, a RuntimeError.
    with pytest.raises(ConnectionFailedError) as untrusted:
        await db.init(default=url, settings=PoolSettings(ssl_mode="verify-full"))
    assert isinstance(untrusted.value, RuntimeError)


async def test_mysql_ssl_modes() -> None:
    url = require_mysql().url
    await db.init(default=url, settings=PoolSettings(ssl_mode="required"))
    assert await mysql_cipher() != ""
    await db.close()
    await db.init(default=url, settings=PoolSettings(ssl_mode="disabled"))
    assert await mysql_cipher() == ""
    await db.close()
    await db.init(default=url, settings=PoolSettings(ssl_mode="verify_identity", ssl_root_cert=server_certificate()))
    assert await mysql_cipher() != ""
    await db.close()
    with pytest.raises(ConnectionFailedError) as untrusted:
        await db.init(default=url, settings=PoolSettings(ssl_mode="verify_ca"))
    assert isinstance(untrusted.value, RuntimeError)
