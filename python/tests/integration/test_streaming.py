"""``iterate()`` / ``iterate_sync()`` on every backend: rows in order, chunked, and a cursor that
never outlives its iterator (early break, an exception in the loop, a cancelled task, a closed
pool). A leaked cursor would keep its connection: each case ends by running a query on a pool of
one connection with a short acquire timeout, which fails with ``AcquireTimeoutError`` if it did.
"""

from __future__ import annotations

import asyncio
import gc

import pytest

from ._native import require_native

require_native()

from oxyde import Field, Model  # noqa: E402
from oxyde.db import AsyncDatabase, PoolSettings, atomic, create_tables  # noqa: E402
from oxyde.exceptions import (  # noqa: E402
    CursorNotFoundError,
    OxydeError,
    TransactionStateError,
    UnsupportedFeatureError,
    ValueConversionError,
)

from ._backends import Backend, backend  # noqa: E402,F401

ROWS = 50


class StItem(Model):
    id: int | None = Field(default=None, db_pk=True)
    n: int = 0
    label: str = Field(default="", max_length=20)

    class Meta:
        is_table = True
        table_name = "st_items"


async def _seed(count: int = ROWS) -> None:
    await create_tables(models=[StItem])
    await StItem.objects.bulk_create([StItem(n=i, label=f"l{i}") for i in range(count)])


async def _narrow(backend: Backend) -> AsyncDatabase:
    """A second pool on the same database with one connection: a leaked cursor starves it."""
    narrow = AsyncDatabase(
        backend.url, name="narrow", settings=PoolSettings(max_connections=1, acquire_timeout=2), overwrite=True
    )
    await narrow.connect()
    return narrow


async def _connection_is_free(alias: str = "narrow") -> None:
    assert await StItem.objects.using(alias).count() == ROWS


@pytest.mark.parametrize("chunk_size", [1, 7, ROWS, 1000])
async def test_iterate_yields_every_row_in_order(backend: Backend, chunk_size: int) -> None:
    await _seed()
    query = StItem.objects.order_by("n")
    got = [item async for item in query.iterate(chunk_size=chunk_size)]
    assert [item.n for item in got] == list(range(ROWS))
    assert got == await query.all()
    assert [i.n for i in query.iterate_sync(chunk_size=chunk_size)] == list(range(ROWS))


async def test_iterate_keeps_the_query_shape(backend: Backend) -> None:
    await _seed()
    query = StItem.objects.filter(n__lt=5).order_by("-n")
    assert [row async for row in query.values("n").iterate(chunk_size=2)] == [{"n": n} for n in range(4, -1, -1)]
    assert [row async for row in query.values_list("n", "label").iterate(3)] == [(n, f"l{n}") for n in range(4, -1, -1)]
    assert list(query.values_list("n", flat=True).iterate_sync(2)) == [4, 3, 2, 1, 0]
    assert [row async for row in StItem.objects.filter(n__gt=ROWS).iterate()] == []
    assert [row.n async for row in query.limit(2).offset(1).iterate(1)] == [3, 2]


async def test_early_break_garbage_collects_the_cursor(backend: Backend) -> None:
    await _seed()
    await _narrow(backend)
    async for item in StItem.objects.using("narrow").order_by("n").iterate(chunk_size=5):
        assert item.n == 0
        break
    gc.collect()
    await _connection_is_free()
    for item in StItem.objects.using("narrow").iterate_sync(chunk_size=5):
        break
    del item
    gc.collect()
    await _connection_is_free()


async def test_closing_the_iterator_closes_the_cursor(backend: Backend) -> None:
    await _seed()
    await _narrow(backend)
    rows = StItem.objects.using("narrow").iterate(chunk_size=5)
    async with rows:
        assert (await rows.__anext__()).id is not None
    await _connection_is_free()
    with StItem.objects.using("narrow").iterate_sync(chunk_size=5) as sync_rows:
        next(sync_rows)
    await _connection_is_free()
    with pytest.raises(StopAsyncIteration):
        await rows.__anext__()


async def test_an_exception_in_the_loop_closes_the_cursor(backend: Backend) -> None:
    await _seed()
    await _narrow(backend)
    rows = StItem.objects.using("narrow").iterate(chunk_size=5)
    with pytest.raises(KeyError):
        async for item in rows:
            if item.n == 7:
                raise KeyError("stop")
    # The iterator is still referenced here: the loop's exception does not close it, aclose() does.
    await rows.aclose()
    await _connection_is_free()


@pytest.mark.parametrize("where", ["in_fetch", "in_body"])
async def test_cancelling_the_iterating_task_closes_the_cursor(backend: Backend, where: str) -> None:
    await _seed()
    await _narrow(backend)
    reached = asyncio.Event()
    never = asyncio.Event()

    async def consume() -> None:
        async for item in StItem.objects.using("narrow").order_by("n").iterate(chunk_size=1):
            if item.n == 10:
                reached.set()
                if where == "in_body":
                    await never.wait()  # cancelled here, between fetches
            # in_fetch: each row is one fetch through an engine worker, where the cancel lands

    task = asyncio.ensure_future(consume())
    await reached.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    del task
    gc.collect()
    await _connection_is_free()


async def test_closing_the_pool_closes_its_cursors(backend: Backend) -> None:
    await _seed()
    narrow = await _narrow(backend)
    rows = StItem.objects.using("narrow").order_by("n").iterate(chunk_size=2)
    assert (await rows.__anext__()).n == 0
    await narrow.disconnect()
    await rows.__anext__()  # the second row of the first chunk is already here
    with pytest.raises((CursorNotFoundError, OxydeError)) as info:
        await rows.__anext__()
    assert isinstance(info.value, CursorNotFoundError)


async def test_iterate_inside_atomic_reads_the_transaction(backend: Backend) -> None:
    await _seed()
    async with atomic():
        await StItem.objects.create(n=ROWS, label="new")
        ns = [item.n async for item in StItem.objects.order_by("n").iterate(chunk_size=9)]
        assert ns == list(range(ROWS + 1))
        assert await StItem.objects.count() == ROWS + 1  # the cursor ended with its rows
    assert await StItem.objects.count() == ROWS + 1


async def test_other_statements_while_a_cursor_is_open_in_a_transaction(backend: Backend) -> None:
    await _seed()
    async with atomic():
        rows = StItem.objects.order_by("n").iterate(chunk_size=3)
        assert (await rows.__anext__()).n == 0
        if backend.name != "mysql":
            # SQLite steps several statements at once; PostgreSQL's cursor waits on the server.
            assert await StItem.objects.filter(n=1).count() == 1
            await StItem.objects.filter(n=2).update(label="changed")
            assert [i.n async for i in rows][:2] == [1, 2]
        else:
            # A MySQL connection streams one result at a time.
            with pytest.raises(TransactionStateError):
                await StItem.objects.count()
            await rows.aclose()
            assert await StItem.objects.count() == ROWS


async def test_a_cursor_left_open_ends_with_its_transaction(backend: Backend) -> None:
    await _seed()
    async with atomic():
        rows = StItem.objects.order_by("n").iterate(chunk_size=3)
        assert (await rows.__anext__()).n == 0
    await rows.__anext__()
    await rows.__anext__()
    with pytest.raises(CursorNotFoundError):
        await rows.__anext__()
    assert await StItem.objects.count() == ROWS


async def test_bad_chunk_sizes_are_refused(backend: Backend) -> None:
    for bad in (0, -1, 1_000_001, 2.5, "10", True):
        with pytest.raises(ValueConversionError):
            StItem.objects.iterate(chunk_size=bad)  # type: ignore[arg-type]


async def test_only_row_queries_stream(backend: Backend) -> None:
    await _seed()
    query = StItem.objects.filter(n=1)
    ir = query._select_ir(count=True)
    from oxyde._native.core import get_core

    with pytest.raises(UnsupportedFeatureError):
        await get_core().call_async("cursor_open", {"pool": "default", "ir": ir})
    assert await StItem.objects.count() == ROWS


async def test_more_iterating_tasks_than_connections_and_workers_all_finish(backend: Backend) -> None:
    """70 tasks on a pool of one connection: the cursor_opens beyond the first wait for it on
    engine workers (64 at most), and the fetches of the one cursor holding it must still run."""
    await _seed()
    narrow = AsyncDatabase(
        backend.url, name="narrow", settings=PoolSettings(max_connections=1, acquire_timeout=20), overwrite=True
    )
    await narrow.connect()

    async def read_all() -> int:
        return sum([1 async for _ in StItem.objects.using("narrow").iterate(chunk_size=10)])

    assert await asyncio.gather(*(read_all() for _ in range(70))) == [ROWS] * 70
