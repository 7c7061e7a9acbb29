"""On MariaDB through the real engine: each error class, classified by MySQL error number, as the
documented ``oxyde.exceptions`` class with the constraint or table where the server names it."""

from __future__ import annotations

import asyncio

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Check, Field, Model  # noqa: E402
from oxyde.db import atomic, create_tables, execute_raw  # noqa: E402
from oxyde.exceptions import (  # noqa: E402
    AuthenticationError,
    CheckViolationError,
    ConnectionLostError,
    DatabaseNotFoundError,
    DeadlockError,
    ForeignKeyViolationError,
    LockTimeoutError,
    NotNullViolationError,
    UniqueViolationError,
)

from ._mysql import mysql  # noqa: E402,F401
from ._servers import TestServer  # noqa: E402


class Owner(Model):
    id: int | None = Field(default=None, db_pk=True)
    email: str = Field(max_length=50, db_unique=True)
    age: int = 30

    class Meta:
        is_table = True
        table_name = "mysql_owners"
        constraints = [Check("age >= 18", name="adult")]


class Pet(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str | None = Field(default=None, max_length=50, db_nullable=False)
    owner: Owner | None = Field(default=None, db_on_delete="RESTRICT")

    class Meta:
        is_table = True
        table_name = "mysql_pets"


def _url(server: TestServer, *, password: str | None = None, database: str | None = None) -> str:
    return f"mysql://{server.user}:{password or server.password}@{server.host}:{server.port}/{database or server.database}"


async def test_constraint_violations(mysql: TestServer) -> None:
    await create_tables(models=[Owner, Pet])
    ada = await Owner.objects.create(email="ada@x")
    with pytest.raises(UniqueViolationError) as unique:
        await Owner.objects.create(email="ada@x")
    assert unique.value.details["table"] == "mysql_owners"
    assert "email" in unique.value.details["constraint"]
    with pytest.raises(CheckViolationError) as check:
        await Owner.objects.create(email="kid@x", age=10)
    assert check.value.details["constraint"] == "mysql_owners_adult"
    with pytest.raises(NotNullViolationError) as not_null:
        await Pet.objects.create(name=None, owner=ada)
    assert not_null.value.details["column"] == "name"
    with pytest.raises(ForeignKeyViolationError) as fk:
        await execute_raw("INSERT INTO mysql_pets (name, owner_id) VALUES ('x', 999)")
    assert fk.value.details["constraint"] == "fk_mysql_pets_owner_id"
    await Pet.objects.create(name="rex", owner=ada)
    with pytest.raises(ForeignKeyViolationError):
        await Owner.objects.filter(id=ada.id).delete()


async def _counter() -> None:
    await execute_raw("CREATE TABLE mysql_counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL) ENGINE=InnoDB")
    await execute_raw("INSERT INTO mysql_counter VALUES (1, 0), (2, 0)")


async def test_two_transactions_locking_in_opposite_order_deadlock_and_one_survives(mysql: TestServer) -> None:
    await _counter()
    first_locked, second_locked = asyncio.Event(), asyncio.Event()

    async def worker(mine: int, other: int, locked: asyncio.Event, wait: asyncio.Event) -> None:
        async with atomic():
            await execute_raw("UPDATE mysql_counter SET n = n + 1 WHERE id = ?", [mine])
            locked.set()
            await wait.wait()
            await execute_raw("UPDATE mysql_counter SET n = n + 1 WHERE id = ?", [other])

    results = await asyncio.gather(
        worker(1, 2, first_locked, second_locked), worker(2, 1, second_locked, first_locked), return_exceptions=True
    )
    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 1 and isinstance(errors[0], DeadlockError)
    rows = await execute_raw("SELECT SUM(n) AS total FROM mysql_counter")
    assert int(rows[0]["total"]) == 2  # the survivor's two updates, none of the loser's


async def test_a_lock_held_past_innodb_lock_wait_timeout_is_lock_timeout(mysql: TestServer) -> None:
    await _counter()
    held = asyncio.Event()
    release = asyncio.Event()

    async def holder() -> None:
        async with atomic():
            await execute_raw("UPDATE mysql_counter SET n = 1 WHERE id = 1")
            held.set()
            await release.wait()

    task = asyncio.create_task(holder())
    await held.wait()
    try:
        with pytest.raises(LockTimeoutError):
            async with atomic():
                await execute_raw("SET SESSION innodb_lock_wait_timeout = 1")
                await execute_raw("UPDATE mysql_counter SET n = 2 WHERE id = 1")
    finally:
        release.set()
        await task
    assert (await execute_raw("SELECT n FROM mysql_counter WHERE id = 1"))[0]["n"] == 1


async def test_a_killed_connection_is_connection_lost_and_the_pool_recovers(mysql: TestServer) -> None:
    await db.close()
    await db.init(default=mysql.url, settings=db.PoolSettings(max_connections=1))
    await execute_raw("CREATE TABLE mysql_lost (id BIGINT PRIMARY KEY)")
    killer = db.AsyncDatabase(mysql.url, name="killer")
    await killer.connect()
    try:
        with pytest.raises(ConnectionLostError):
            async with atomic():
                await execute_raw("INSERT INTO mysql_lost VALUES (1)")
                (row,) = await execute_raw("SELECT CONNECTION_ID() AS id")
                await execute_raw(f"KILL {int(row['id'])}", using="killer")
                await execute_raw("INSERT INTO mysql_lost VALUES (2)")
        # The commit never happened; the pool's one connection was replaced.
        assert await execute_raw("SELECT COUNT(*) AS n FROM mysql_lost") == [{"n": 0}]
        assert await execute_raw("SELECT 1 AS one") == [{"one": 1}]
    finally:
        await killer.disconnect()


async def test_wrong_password_and_missing_database(mysql: TestServer) -> None:
    with pytest.raises(AuthenticationError):
        await db.AsyncDatabase(_url(mysql, password="not-the-password"), name="bad_auth").connect()
    with pytest.raises(DatabaseNotFoundError):
        await db.AsyncDatabase(_url(mysql, database="oxyde_test_missing_db"), name="no_db").connect()
