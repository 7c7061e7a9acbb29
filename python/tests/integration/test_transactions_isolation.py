"""atomic(isolation=...) on every backend: each level begins, commits and rolls back, and what a
transaction sees of a concurrent commit is what its database promises for that level.

SQLite runs every level as serializable (``BEGIN IMMEDIATE``: a writer outside waits for the
transaction). PostgreSQL runs read_uncommitted as read_committed. MySQL/MariaDB run all four.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from ._native import require_native

require_native()

from oxyde import F, Field, Model  # noqa: E402
from oxyde.db import atomic, create_tables, execute_raw  # noqa: E402
from oxyde.db.transaction import ISOLATION_LEVELS  # noqa: E402
from oxyde.exceptions import SerializationError  # noqa: E402

from ._backends import Backend, backend  # noqa: E402, F401


class Boom(Exception):
    pass


class IsoAccount(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=50, db_unique=True)
    balance: int = 0

    class Meta:
        is_table = True
        table_name = "tx_iso_accounts"


@pytest.fixture
async def account(backend: Backend) -> AsyncIterator[Backend]:  # noqa: F811
    """One account ``a`` holding 100 on a fresh database of the backend."""
    await create_tables(models=[IsoAccount])
    await IsoAccount.objects.create(name="a", balance=100)
    yield backend


async def balance() -> int:
    return (await IsoAccount.objects.get(name="a")).balance


async def deposit(amount: int) -> None:
    await IsoAccount.objects.filter(name="a").update(balance=F("balance") + amount)


@pytest.mark.parametrize("level", ISOLATION_LEVELS)
async def test_every_level_commits_and_rolls_back(account: Backend, level: str) -> None:
    async with atomic(isolation=level):
        await deposit(1)
        async with atomic(isolation=level):  # a savepoint at the same level
            await deposit(10)
    with pytest.raises(Boom):
        async with atomic(isolation=level):
            await deposit(1000)
            raise Boom
    async with atomic(isolation=level) as tx:
        await deposit(1000)
        tx.set_rollback()
    assert await balance() == 111


@pytest.mark.parametrize("level", ISOLATION_LEVELS)
async def test_what_a_transaction_sees_of_a_concurrent_commit(account: Backend, level: str) -> None:
    server = account.name != "sqlite"
    # Read committed (and PostgreSQL's read uncommitted) take a new snapshot per statement;
    # repeatable read and serializable keep the first one; SQLite lets no writer in meanwhile.
    sees_it = server and level in ("read_uncommitted", "read_committed")
    # Waiting for the writer inside is possible only where it cannot be blocked by this reader:
    # SQLite's writer waits for this transaction, and MySQL's serializable reads take shared locks.
    wait_inside = server and level != "serializable"

    async with atomic(isolation=level):
        before = await balance()
        writer = asyncio.create_task(deposit(50))  # another task: its own connection, no transaction
        if wait_inside:
            await writer
        after = await balance()
    await writer

    assert before == 100
    assert after == (150 if sees_it else 100)
    assert await balance() == 150


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
@pytest.mark.parametrize(
    ("level", "shown"),
    [
        ("read_uncommitted", "read uncommitted"),
        ("read_committed", "read committed"),
        ("repeatable_read", "repeatable read"),
        ("serializable", "serializable"),
    ],
)
async def test_postgres_begins_at_the_level_asked(account: Backend, level: str, shown: str) -> None:
    query = "SELECT current_setting('transaction_isolation') AS level"
    async with atomic(isolation=level):
        inside = await execute_raw(query)
    outside = await execute_raw(query)
    assert inside == [{"level": shown}]
    assert outside == [{"level": "read committed"}]  # the server's default, untouched


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
@pytest.mark.parametrize("level", ["repeatable_read", "serializable"])
async def test_postgres_refuses_to_update_a_row_changed_since_the_snapshot(account: Backend, level: str) -> None:
    with pytest.raises(SerializationError) as caught:
        async with atomic(isolation=level):
            assert await balance() == 100  # the snapshot is taken here
            await asyncio.create_task(deposit(50))
            await deposit(1)  # a lost update, refused: SQLSTATE 40001
    assert caught.value.retryable
    assert await balance() == 150


@pytest.mark.parametrize("backend", ["mysql"], indirect=True)
async def test_mysql_repeatable_read_updates_the_latest_row(account: Backend) -> None:
    async with atomic(isolation="repeatable_read"):
        assert await balance() == 100  # a consistent read from the snapshot...
        await asyncio.create_task(deposit(50))
        await deposit(1)  # ...but UPDATE reads the latest committed row (InnoDB "current read")
        assert await balance() == 151
    assert await balance() == 151
