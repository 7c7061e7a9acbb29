"""Oxyde.NET, through its sync and its async API, on the same file and pragmas."""
from __future__ import annotations

import asyncio

from ._common import AGE_CUTOFF, PRAGMAS, Impl, row


def _models():
    from oxyde import Field, Model

    class BenchUser(Model):
        id: int | None = Field(default=None, db_pk=True)
        name: str = Field(max_length=100)
        email: str = Field(max_length=200)
        age: int
        active: bool

        class Meta:
            is_table = True
            table_name = "bench_user"

    return BenchUser


def _settings():
    from oxyde import PoolSettings

    return PoolSettings(
        max_connections=1,
        sqlite_journal_mode=PRAGMAS["journal_mode"],
        sqlite_synchronous=PRAGMAS["synchronous"],
        sqlite_busy_timeout=int(PRAGMAS["busy_timeout"]),
        sqlite_cache_size=int(PRAGMAS["cache_size"]),
    )


def build_sync(path: str) -> Impl:
    from oxyde import F, db  # noqa: F401

    User = _models()
    db.init_sync(bench_sync=f"sqlite://{path}", settings=_settings())
    objects = User.objects.using("bench_sync")
    counter = iter(range(10**9))

    def insert_bulk_100() -> None:
        objects.bulk_create_sync(
            [User(name=n, email=e, age=a, active=t) for n, e, a, t in (row(next(counter)) for _ in range(100))]
        )

    def insert_single() -> None:
        n, e, a, t = row(next(counter))
        objects.create_sync(name=n, email=e, age=a, active=t)

    ops = dict(
        select_pk=lambda: objects.get_sync(id=500),
        filter_simple=lambda: objects.filter(age=42).all_sync(),
        select_filter=lambda: objects.filter(age__gte=AGE_CUTOFF).all_sync(),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: objects.filter(id=7).update_sync(age=next(counter) % 100),
        count=lambda: objects.filter(age__gte=AGE_CUTOFF).count_sync(),
    )
    return Impl("oxyde (sync)", ops, close=lambda: db.close_sync())


def build_async(path: str) -> Impl:
    from oxyde import db

    User = _models()
    loop = asyncio.new_event_loop()
    loop.run_until_complete(db.init(bench_async=f"sqlite://{path}", settings=_settings()))
    objects = User.objects.using("bench_async")
    counter = iter(range(10**9))

    async def insert_bulk_100() -> None:
        await objects.bulk_create(
            [User(name=n, email=e, age=a, active=t) for n, e, a, t in (row(next(counter)) for _ in range(100))]
        )

    async def insert_single() -> None:
        n, e, a, t = row(next(counter))
        await objects.create(name=n, email=e, age=a, active=t)

    ops = dict(
        select_pk=lambda: objects.get(id=500),
        filter_simple=lambda: objects.filter(age=42).all(),
        select_filter=lambda: objects.filter(age__gte=AGE_CUTOFF).all(),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: objects.filter(id=7).update(age=next(counter) % 100),
        count=lambda: objects.filter(age__gte=AGE_CUTOFF).count(),
    )

    def close() -> None:
        loop.run_until_complete(db.close())
        loop.close()

    impl = Impl("oxyde (async)", ops, is_async=True, close=close)
    impl.loop = loop  # type: ignore[attr-defined]
    return impl
