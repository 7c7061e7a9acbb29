"""Transactions on PostgreSQL: atomic blocks, savepoints, set_rollback, sync forms, isolation levels (issue 13)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model  # noqa: E402
from oxyde.db import atomic, execute_raw, execute_raw_sync  # noqa: E402
from oxyde.db._transaction import AsyncTransaction  # noqa: E402
from oxyde.exceptions import TransactionTimeoutError  # noqa: E402

from ._postgres import open_postgres  # noqa: E402


class PgTxItem(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str

    class Meta:
        is_table = True
        table_name = "pg_tx_items"


@pytest.fixture
async def pg() -> AsyncIterator[None]:
    await open_postgres([PgTxItem])
    try:
        yield
    finally:
        await db.close()


async def names() -> list[str]:
    return [item.name for item in await PgTxItem.objects.order_by("id").all()]


async def test_commit_rollback_savepoints_and_set_rollback(pg: None) -> None:
    async with atomic():
        await PgTxItem.objects.create(name="outer")
        async with atomic():
            await PgTxItem.objects.create(name="inner kept")
        with pytest.raises(RuntimeError):
            async with atomic():
                await PgTxItem.objects.create(name="inner undone")
                raise RuntimeError("undo this level")
        async with atomic() as tx:
            await PgTxItem.objects.create(name="rolled back by flag")
            tx.set_rollback(True)
    with pytest.raises(RuntimeError):
        async with atomic():
            await PgTxItem.objects.create(name="all undone")
            raise RuntimeError("undo all")
    assert await names() == ["outer", "inner kept"]


async def test_uncommitted_rows_are_invisible_outside(pg: None) -> None:
    async with atomic():
        await PgTxItem.objects.create(name="pending")
        seen = execute_raw_sync_in_thread("SELECT COUNT(*) AS n FROM pg_tx_items")
        assert seen == [{"n": 0}]
    assert await names() == ["pending"]


def execute_raw_sync_in_thread(sql: str) -> list[dict[str, object]]:
    """Runs ``sql`` from another thread, outside the block's transaction."""
    out: list[list[dict[str, object]]] = []
    thread = threading.Thread(target=lambda: out.append(execute_raw_sync(sql)))
    thread.start()
    thread.join()
    return out[0]


def test_sync_atomic_and_decorator(pg: None) -> None:
    @atomic()
    def add(name: str) -> None:
        PgTxItem.objects.create_sync(name=name)

    add("decorated")
    with pytest.raises(ValueError):
        with atomic():
            PgTxItem.objects.create_sync(name="undone")
            raise ValueError("no")
    assert [item.name for item in PgTxItem.objects.all_sync()] == ["decorated"]


@pytest.mark.parametrize("level", ["read_committed", "repeatable_read", "serializable"])
async def test_isolation_levels_reach_the_server(pg: None, level: str) -> None:
    # atomic() takes no isolation= yet; tx_begin does (the engine renders BEGIN ISOLATION LEVEL ...).
    database = db.get_connection_sync()
    tx = AsyncTransaction(database)
    request = tx._begin_request()
    request["isolation"] = level
    from oxyde._native.core import get_core

    tx._started(await get_core().call_async("tx_begin", request))
    try:
        rows = await tx.execute({"proto": 1, "type": "raw", "sql": "SHOW transaction_isolation", "params": []})
        assert rows["rows"] == [[level.replace("_", " ")]]
    finally:
        await tx.rollback()


async def test_closing_the_pool_rolls_back_its_open_transaction(pg: None) -> None:
    url = db.get_connection_sync().url

    async def leave_open() -> None:  # in its own task: the block stays open in that task's context only
        await atomic().__aenter__()
        await PgTxItem.objects.create(name="never committed")

    await asyncio.create_task(leave_open())
    await db.close()
    await db.init(default=url)
    assert await names() == []


async def test_a_cancelled_task_cancels_its_statement_on_the_server(pg: None) -> None:
    task = asyncio.create_task(execute_raw("SELECT pg_sleep(30) AS slept"))
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(50):
        running = await execute_raw(
            "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'"
        )
        if running == [{"n": 0}]:
            break
        await asyncio.sleep(0.1)
    assert running == [{"n": 0}]


async def test_transaction_timeout_cancels_the_statement_on_the_server(pg: None) -> None:
    with pytest.raises(TransactionTimeoutError):
        async with atomic(timeout=0.3):
            await execute_raw("SELECT pg_sleep(30)")
    assert await execute_raw("SELECT 1 AS one") == [{"one": 1}]
