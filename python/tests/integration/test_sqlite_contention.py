"""Async transactions under contention, cancellation and deadlines, on a real SQLite file.

What issue 12 found: above ~64 concurrent ``atomic()`` tasks the workers all waited for the write
lock while the transaction holding it could not run its next statement; a task cancelled as its
begin completed left the transaction open; timeouts waited for the running statement. Each test here
failed before the permit queues, ``oxyde_cancel`` and transaction deadlines.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from ._native import other_tool, require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde.db import AsyncDatabase, PoolSettings, atomic, execute_raw, execute_raw_sync  # noqa: E402
from oxyde.exceptions import TransactionTimeoutError  # noqa: E402

DDL = "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"
#: A statement that runs for seconds on SQLite (a recursive count to 30 million).
SLOW = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT count(*) AS n FROM c"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "app.db"


async def _open(path: Path, settings: PoolSettings | None = None) -> AsyncDatabase:
    await db.init(default=f"sqlite:///{path}", settings=settings)
    await execute_raw(DDL)
    await execute_raw("INSERT INTO counter (id, n) VALUES (1, 0)")
    return await db.get_connection()


@pytest.fixture
async def counter(path: Path) -> AsyncIterator[Path]:
    await _open(path)
    yield path
    await db.close()


async def _bump() -> None:
    async with atomic():
        rows = await execute_raw("SELECT n FROM counter WHERE id = 1")
        await execute_raw("UPDATE counter SET n = ? WHERE id = 1", [rows[0]["n"] + 1])


async def _value() -> int:
    return int((await execute_raw("SELECT n FROM counter WHERE id = 1"))[0]["n"])


def _write_lock_free(path: Path) -> bool:
    """Whether another process can take the write lock at once (no transaction left open)."""
    try:
        other_tool(path, "BEGIN IMMEDIATE", "ROLLBACK", timeout=0)
        return True
    except RuntimeError:
        return False


async def test_a_thousand_concurrent_transactions_all_commit(counter: Path) -> None:
    await asyncio.wait_for(asyncio.gather(*(_bump() for _ in range(1000))), 120)
    assert await _value() == 1000
    assert _write_lock_free(counter)


async def test_two_hundred_transactions_on_one_connection(path: Path) -> None:
    await _open(path, PoolSettings(max_connections=1))
    try:
        await asyncio.wait_for(asyncio.gather(*(_bump() for _ in range(200))), 120)
        assert await _value() == 200
    finally:
        await db.close()


async def test_transactions_and_plain_writes_and_reads_mixed(counter: Path) -> None:
    async def plain_write(i: int) -> None:
        await execute_raw("INSERT INTO counter (id, n) VALUES (?, 0)", [1000 + i])

    async def read() -> None:
        await _value()

    work = [_bump() for _ in range(300)] + [plain_write(i) for i in range(300)] + [read() for _ in range(300)]
    random.Random(7).shuffle(work)
    await asyncio.wait_for(asyncio.gather(*work), 120)
    assert await _value() == 300
    assert (await execute_raw("SELECT count(*) AS c FROM counter"))[0]["c"] == 301


def test_threads_with_sync_transactions_and_async_tasks_share_the_writer(path: Path) -> None:
    db.init_sync(default=f"sqlite:///{path}")
    try:
        execute_raw_sync(DDL)
        execute_raw_sync("INSERT INTO counter (id, n) VALUES (1, 0)")

        def sync_bumps() -> None:
            for _ in range(50):
                with atomic():
                    n = execute_raw_sync("SELECT n FROM counter WHERE id = 1")[0]["n"]
                    execute_raw_sync("UPDATE counter SET n = ? WHERE id = 1", [n + 1])

        threads = [threading.Thread(target=sync_bumps) for _ in range(4)]
        for thread in threads:
            thread.start()

        async def tasks() -> None:
            await asyncio.gather(*(_bump() for _ in range(200)))

        asyncio.run(tasks())
        for thread in threads:
            thread.join(60)
        assert execute_raw_sync("SELECT n FROM counter WHERE id = 1")[0]["n"] == 400
    finally:
        db.close_sync()


@pytest.mark.parametrize("seed", range(8))
async def test_cancelled_transactions_never_leak(counter: Path, seed: int) -> None:
    """Tasks cancelled at random moments of their life: every transaction ends, counts stay exact."""
    rng = random.Random(seed)
    committed = 0

    async def bump() -> None:
        nonlocal committed
        await _bump()
        committed += 1

    tasks = [asyncio.ensure_future(bump()) for _ in range(150)]
    for task in tasks:
        if rng.random() < 0.6:
            await asyncio.sleep(rng.random() * 0.002)
            task.cancel()
    results = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 60)
    assert all(r is None or isinstance(r, asyncio.CancelledError) for r in results), results
    # a commit whose task was cancelled while it ran may have landed: between sure and sure + cancelled
    cancelled = sum(isinstance(r, asyncio.CancelledError) for r in results)
    assert committed <= await _value() <= committed + cancelled
    assert _write_lock_free(counter)
    assert db.get_connection_sync().name == "default"


async def test_cancel_racing_the_begin_result_rolls_back(counter: Path) -> None:
    """The begin's result reaches the future in the same loop turn the task is cancelled."""
    for delay_turns in range(6):
        task = asyncio.ensure_future(_bump())
        for _ in range(delay_turns):
            await asyncio.sleep(0)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    await asyncio.sleep(0.05)  # the abandoned rollbacks are submitted, not awaited
    assert _write_lock_free(counter)
    await _bump()  # the writer permit came back too
    assert await _value() >= 1


async def test_wait_for_interrupts_a_running_statement(counter: Path) -> None:
    start = time.monotonic()
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(execute_raw(SLOW), 0.3)
    assert time.monotonic() - start < 2.0  # interrupted, not run to the end (~3 s and more)
    assert await _value() == 0  # the connection is usable afterwards


async def test_atomic_timeout_interrupts_the_running_statement_async(counter: Path) -> None:
    start = time.monotonic()
    with pytest.raises(TransactionTimeoutError):
        async with atomic(timeout=0.3):
            await execute_raw("UPDATE counter SET n = 5 WHERE id = 1")
            await execute_raw(SLOW)
    assert time.monotonic() - start < 2.0
    assert await _value() == 0  # rolled back
    assert _write_lock_free(counter)


def test_atomic_timeout_interrupts_the_running_statement_sync(path: Path) -> None:
    db.init_sync(default=f"sqlite:///{path}")
    try:
        execute_raw_sync(DDL)
        execute_raw_sync("INSERT INTO counter (id, n) VALUES (1, 0)")
        start = time.monotonic()
        with pytest.raises(TransactionTimeoutError):
            with atomic(timeout=0.3):
                execute_raw_sync("UPDATE counter SET n = 5 WHERE id = 1")
                execute_raw_sync(SLOW)
        assert time.monotonic() - start < 2.0
        assert execute_raw_sync("SELECT n FROM counter WHERE id = 1")[0]["n"] == 0
        assert _write_lock_free(path)
    finally:
        db.close_sync()



async def test_a_write_interrupted_in_a_nested_block_keeps_the_timeout(counter: Path) -> None:
    """SQLite rolls the whole transaction back when a write in it is interrupted; the savepoint's
    failed rollback must not replace the caller's exception."""
    slow_write = f"UPDATE counter SET n = ({SLOW}) WHERE id = 1"

    async def work() -> None:
        async with atomic():
            await execute_raw("UPDATE counter SET n = 7 WHERE id = 1")
            async with atomic():
                await execute_raw(slow_write)

    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(work(), 0.3)
    assert await _value() == 0
    assert _write_lock_free(counter)
