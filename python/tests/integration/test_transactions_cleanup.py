"""Abandoned transactions: the engine rolls back one idle past ``transaction_timeout`` by itself.

Each case opens a pool of one connection, so a transaction left open holds the only connection and
any query outside it waits ``acquire_timeout`` and fails. The cases wait (generously bounded) for a
query outside to get through again: the background sweep (every ``transaction_cleanup_interval``)
rolled the transaction back and gave its connection back, with nobody touching it meanwhile.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model  # noqa: E402
from oxyde.db import (  # noqa: E402
    AsyncTransaction,
    PoolSettings,
    atomic,
    create_tables,
    create_tables_sync,
    execute_raw,
)
from oxyde.exceptions import (  # noqa: E402
    AcquireTimeoutError,
    TransactionNotFoundError,
    UnsupportedFeatureError,
)

from ._backends import BACKENDS, backend_url, reset_database  # noqa: E402
from ._servers import _unavailable  # noqa: E402

#: Far above the idle timeout plus a sweep interval, so a loaded machine cannot make a case flake.
WAIT_BOUND_S = 60.0


class IdleItem(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=50)

    class Meta:
        is_table = True
        table_name = "tx_idle_items"


@pytest.fixture(params=BACKENDS)
async def one_connection(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """``default`` on a pool of one connection whose idle transactions are swept within ~0.35 s."""
    name: str = request.param
    settings = PoolSettings(
        max_connections=1, acquire_timeout=0.1, transaction_timeout=0.3, transaction_cleanup_interval=0.05
    )
    try:
        await db.init(default=backend_url(name, tmp_path), settings=settings)
    except UnsupportedFeatureError as exc:
        _unavailable(f"{name}: {exc}")
    try:
        await reset_database(name)
        await create_tables(models=[IdleItem])
        yield name
    finally:
        await db.close()


async def wait_for_the_connection() -> int:
    """Query outside any transaction until the pool's one connection is free; returns the failed tries."""
    deadline = time.monotonic() + WAIT_BOUND_S
    tries = 0
    while True:
        try:
            await execute_raw("SELECT 1 AS one")
            return tries
        except AcquireTimeoutError:
            tries += 1
            if time.monotonic() > deadline:
                raise


async def test_an_abandoned_transaction_is_rolled_back(one_connection: str) -> None:
    tx = AsyncTransaction(await db.get_connection())
    await tx.begin()
    await IdleItem.objects.create(name="abandoned", client=tx)
    # Nobody ends it; only the sweep can give the pool's one connection back.
    await wait_for_the_connection()
    assert await IdleItem.objects.count() == 0
    with pytest.raises(TransactionNotFoundError):
        await IdleItem.objects.create(name="late", client=tx)
    with pytest.raises(TransactionNotFoundError):
        await tx.commit()


async def test_an_atomic_block_left_idle_fails_with_its_statements_error(one_connection: str) -> None:
    with pytest.raises(TransactionNotFoundError) as caught:
        async with atomic():
            await IdleItem.objects.create(name="first")
            # Block on something else while the transaction idles: a child task cannot join the
            # transaction, so it waits for the connection the transaction holds until the sweep.
            await asyncio.create_task(wait_for_the_connection())
            await IdleItem.objects.create(name="second")
    # the statement's error, not the rollback's: the engine had rolled back already
    assert caught.value.__context__ is None
    assert await IdleItem.objects.count() == 0


def test_a_sync_transaction_left_idle_is_rolled_back(tmp_path: Path) -> None:
    settings = PoolSettings(
        max_connections=1, acquire_timeout=0.1, transaction_timeout=0.3, transaction_cleanup_interval=0.05
    )
    db.init_sync(default=backend_url("sqlite", tmp_path), settings=settings)
    try:
        create_tables_sync(models=[IdleItem])
        with pytest.raises(TransactionNotFoundError):
            with atomic():
                IdleItem.objects.create_sync(name="first")
                # the same wait from another thread (this thread's queries would join the block)
                with ThreadPoolExecutor(1) as other:
                    other.submit(asyncio.run, wait_for_the_connection()).result()
                IdleItem.objects.create_sync(name="second")
        assert IdleItem.objects.count_sync() == 0
    finally:
        db.close_sync()
