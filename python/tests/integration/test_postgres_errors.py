"""PostgreSQL errors reach Python as their ``oxyde.exceptions`` classes, classified by SQLSTATE (issue 13)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model  # noqa: E402
from oxyde.db import atomic, execute_raw  # noqa: E402
from oxyde.db._settings import PoolSettings  # noqa: E402
from oxyde.exceptions import (  # noqa: E402
    AcquireTimeoutError,
    AuthenticationError,
    CheckViolationError,
    ConnectionLostError,
    DatabaseNotFoundError,
    DeadlockError,
    ForeignKeyViolationError,
    LockTimeoutError,
    NotNullViolationError,
    SerializationError,
    TransactionStateError,
    UniqueViolationError,
)

from ._postgres import open_postgres  # noqa: E402
from ._servers import require_postgres  # noqa: E402


class PgErrParent(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=50, db_unique=True)
    n: int = 0

    class Meta:
        is_table = True
        table_name = "pg_err_parents"


class PgErrChild(Model):
    id: int | None = Field(default=None, db_pk=True)
    parent: PgErrParent | None = None

    class Meta:
        is_table = True
        table_name = "pg_err_children"


@pytest.fixture
async def pg() -> AsyncIterator[None]:
    await open_postgres([PgErrParent, PgErrChild], max_connections=5)
    await execute_raw("ALTER TABLE pg_err_parents ADD CONSTRAINT pg_err_n_nonneg CHECK (n >= 0)")
    await PgErrParent.objects.create(id=1, name="a")
    await PgErrParent.objects.create(id=2, name="b")
    await execute_raw("SELECT setval(pg_get_serial_sequence('pg_err_parents', 'id'), 2)")
    try:
        yield
    finally:
        await db.close()


async def test_constraint_violations_name_the_constraint(pg: None) -> None:
    with pytest.raises(UniqueViolationError) as unique:
        await PgErrParent.objects.create(name="a")
    assert unique.value.details["constraint"] == "pg_err_parents_name_key"
    assert unique.value.details["table"] == "pg_err_parents"
    with pytest.raises(ForeignKeyViolationError) as fk:
        await PgErrChild.objects.create(parent_id=99)
    assert fk.value.details["constraint"] == "fk_pg_err_children_parent_id"
    with pytest.raises(CheckViolationError) as check:
        await PgErrParent.objects.filter(id=1).update(n=-1)
    assert check.value.details["constraint"] == "pg_err_n_nonneg"
    with pytest.raises(NotNullViolationError) as not_null:
        await execute_raw("INSERT INTO pg_err_parents (name) VALUES (NULL)")
    assert not_null.value.details["column"] == "name"


async def test_serializable_conflict_is_a_retryable_serialization_error(pg: None) -> None:
    both_read = asyncio.Barrier(2)

    async def writer(name: str) -> None:
        async with atomic():
            await execute_raw("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
            await execute_raw("SELECT SUM(n) FROM pg_err_parents")
            await both_read.wait()
            await PgErrParent.objects.create(name=name, n=1)

    results = await asyncio.gather(writer("x"), writer("y"), return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], SerializationError) and errors[0].retryable


async def test_deadlock_is_a_retryable_deadlock_error(pg: None) -> None:
    both_locked = asyncio.Barrier(2)

    async def crossing(first: int, second: int) -> None:
        async with atomic():
            await PgErrParent.objects.filter(id=first).update(n=5)
            await both_locked.wait()
            await PgErrParent.objects.filter(id=second).update(n=6)

    results = await asyncio.gather(crossing(1, 2), crossing(2, 1), return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], DeadlockError) and errors[0].retryable


async def test_lock_timeout(pg: None) -> None:
    locked = asyncio.Event()
    done = asyncio.Event()

    async def holder() -> None:
        async with atomic():
            await PgErrParent.objects.filter(id=1).update(n=7)
            locked.set()
            await done.wait()

    task = asyncio.create_task(holder())
    await locked.wait()
    try:
        with pytest.raises(LockTimeoutError):
            async with atomic():
                await execute_raw("SET LOCAL lock_timeout = '100ms'")
                await PgErrParent.objects.filter(id=1).update(n=8)
    finally:
        done.set()
        await task
    assert (await PgErrParent.objects.get(id=1)).n == 7


async def test_terminated_connection_is_connection_lost_then_the_pool_recovers(pg: None) -> None:
    with pytest.raises(ConnectionLostError):
        async with atomic():
            pid = (await execute_raw("SELECT pg_backend_pid() AS pid"))[0]["pid"]
            killer = db.AsyncDatabase(require_postgres().url, name="killer")
            async with killer:
                await execute_raw("SELECT pg_terminate_backend($1::int)", [pid], using="killer")
            await PgErrParent.objects.count()
    assert await PgErrParent.objects.count() == 2


async def test_every_idle_connection_lost_recovers_on_the_next_call(pg: None) -> None:
    # Several idle connections all ended at once (as a server restart does): one call fails, the next works.
    await asyncio.gather(*(execute_raw("SELECT pg_sleep(0.05)") for _ in range(4)))
    killer = db.AsyncDatabase(require_postgres().url, name="killer")
    async with killer:
        await execute_raw(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            using="killer",
        )
    with pytest.raises(ConnectionLostError):
        await PgErrParent.objects.count()
    assert await PgErrParent.objects.count() == 2


async def test_committing_after_a_swallowed_error_raises_instead_of_silently_rolling_back(pg: None) -> None:
    with pytest.raises(TransactionStateError):
        async with atomic():
            await PgErrParent.objects.create(name="kept?")
            with pytest.raises(UniqueViolationError):
                await PgErrParent.objects.create(name="a")
    assert await PgErrParent.objects.filter(name="kept?").count() == 0


async def test_a_nested_block_recovers_from_a_failed_statement(pg: None) -> None:
    async with atomic():
        await PgErrParent.objects.create(name="kept")
        with pytest.raises(UniqueViolationError):
            async with atomic():
                await PgErrParent.objects.create(name="a")
        await PgErrParent.objects.create(name="also kept")
    assert await PgErrParent.objects.filter(name__startswith="").count() == 4


async def test_pool_exhausted_is_acquire_timeout(pg: None) -> None:
    await db.close()
    await db.init(default=require_postgres().url, settings=PoolSettings(max_connections=1, acquire_timeout=0.2))
    async with atomic():
        await PgErrParent.objects.count()
        # A new task does not inherit the block's transaction: it needs a second connection.
        with pytest.raises(AcquireTimeoutError):
            await asyncio.create_task(PgErrParent.objects.count())
    assert await PgErrParent.objects.count() == 2


async def test_wrong_password_and_missing_database() -> None:
    server = require_postgres()
    with pytest.raises(AuthenticationError) as auth:
        await db.init(default=f"postgresql://{server.user}:wrong@{server.host}:{server.port}/{server.database}")
    assert "wrong" not in str(auth.value)
    with pytest.raises(DatabaseNotFoundError):
        await db.init(default=f"postgresql://{server.user}:{server.password}@{server.host}:{server.port}/oxyde_test_missing_db")
