"""PostgreSQL under load: 1,000 asyncio tasks on a pool of 10, and 4 threads on the sync API (issue 13)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model  # noqa: E402
from oxyde.db import atomic, execute_raw  # noqa: E402

from ._postgres import open_postgres  # noqa: E402


class PgLoadRow(Model):
    id: int | None = Field(default=None, db_pk=True)
    worker: int
    seq: int

    class Meta:
        is_table = True
        table_name = "pg_load_rows"


@pytest.fixture
async def pg() -> AsyncIterator[None]:
    await open_postgres([PgLoadRow], max_connections=10, acquire_timeout=60)
    try:
        yield
    finally:
        await db.close()


async def test_a_thousand_tasks_on_a_pool_of_ten(pg: None) -> None:
    async def one(n: int) -> tuple[int, int]:
        created = await PgLoadRow.objects.create(worker=n, seq=n * 2)
        if n % 10 == 0:
            async with atomic():
                await PgLoadRow.objects.filter(id=created.id).update(seq=n * 3)
        loaded = await PgLoadRow.objects.get(id=created.id)
        return loaded.worker, loaded.seq

    results = await asyncio.gather(*(one(n) for n in range(1000)))
    assert results == [(n, n * 3 if n % 10 == 0 else n * 2) for n in range(1000)]
    assert await PgLoadRow.objects.count() == 1000
    backends = await execute_raw(
        "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = ''"
    )
    assert 1 <= backends[0]["n"] <= 11  # the pool's ten at most (plus none left over)


def test_four_threads_on_the_sync_api(pg: None) -> None:
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for seq in range(100):
                created = PgLoadRow.objects.create_sync(worker=worker, seq=seq)
                assert PgLoadRow.objects.get_sync(id=created.id).seq == seq
            with atomic():
                PgLoadRow.objects.filter(worker=worker).update_sync(seq=-1)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for worker in range(4):
        assert PgLoadRow.objects.filter(worker=worker, seq=-1).count_sync() == 100
