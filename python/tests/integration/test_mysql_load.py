"""On MariaDB through the real engine: many callers on a small pool finish with correct results."""

from __future__ import annotations

import asyncio
import threading

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import F, Field, Model  # noqa: E402
from oxyde.db import atomic, create_tables, create_tables_sync, execute_raw_sync  # noqa: E402

from ._mysql import mysql  # noqa: E402,F401
from ._servers import TestServer, require_mysql  # noqa: E402


class Tally(Model):
    id: int | None = Field(default=None, db_pk=True)
    owner: str = Field(max_length=20)
    n: int = 0

    class Meta:
        is_table = True
        table_name = "mysql_tallies"


async def test_a_thousand_tasks_on_a_pool_of_ten(mysql: TestServer) -> None:
    await db.close()
    await db.init(default=mysql.url, settings=db.PoolSettings(max_connections=10))
    await create_tables(models=[Tally])
    counter = await Tally.objects.create(owner="shared")

    async def one(i: int) -> int:
        row = await Tally.objects.create(owner=f"t{i}", n=i)
        if i % 3 == 0:
            async with atomic():
                await Tally.objects.filter(id=counter.id).update(n=F("n") + 1)
        loaded = await Tally.objects.get(id=row.id)
        return loaded.n

    results = await asyncio.gather(*(one(i) for i in range(1000)))
    assert results == list(range(1000))
    assert await Tally.objects.count() == 1001
    assert (await Tally.objects.get(id=counter.id)).n == len(range(0, 1000, 3))


def test_four_threads_with_the_sync_api() -> None:
    server = require_mysql()
    db.init_sync(default=server.url, settings=db.PoolSettings(max_connections=4))
    try:
        execute_raw_sync("DROP TABLE IF EXISTS mysql_tallies")
        create_tables_sync(models=[Tally])
        errors: list[BaseException] = []

        def worker(t: int) -> None:
            try:
                for i in range(100):
                    row = Tally.objects.create_sync(owner=f"w{t}", n=i)
                    assert Tally.objects.get_sync(id=row.id).n == i
                    Tally.objects.filter(id=row.id).update_sync(n=F("n") + 1000)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(t,)) for t in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        for t in range(4):
            assert sorted(r.n for r in Tally.objects.filter(owner=f"w{t}").all_sync()) == [1000 + i for i in range(100)]
    finally:
        db.close_sync()
