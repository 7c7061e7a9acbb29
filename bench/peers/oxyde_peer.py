"""Oxyde.NET, through its sync and its async API, on the SQLite suite's file and pragmas, and on the bench servers."""
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
        **relation_ops("bench_sync", sync=True),
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
        **relation_ops("bench_async", sync=False),
    )

    def close() -> None:
        loop.run_until_complete(db.close())
        loop.close()

    impl = Impl("oxyde (async)", ops, is_async=True, close=close)
    impl.loop = loop  # type: ignore[attr-defined]
    return impl


def relation_ops(using: str, sync: bool) -> dict:
    """The relation ops (peers/_relations.py) through Oxyde's public API on the connection
    ``using``; ``sync`` picks the ``*_sync`` terminals."""
    from oxyde import Avg, Count, Max, Sum

    from . import _relations as r
    from ._oxyde_models import RelPost, RelUser

    users, posts = RelUser.objects.using(using), RelPost.objects.using(using)

    def run(query, terminal: str = "all"):  # noqa: ANN001, ANN202
        return getattr(query, f"{terminal}_sync" if sync else terminal)()

    aggregates = dict(n=Count("id"), total=Sum("views"), mean=Avg("views"), latest=Max("created"))
    return dict(
        join_simple=lambda: run(posts.join("author").limit(r.JOIN_LIMIT)),
        join_filter=lambda: run(posts.join("author").filter(author__age__gte=r.JOIN_MIN_AGE)),
        prefetch_related=lambda: run(users.prefetch("posts").order_by("id").limit(r.PREFETCH_USERS)),
        nested_prefetch=lambda: run(users.prefetch("posts", "posts__tags").order_by("id").limit(r.NESTED_USERS)),
        aggregate_mixed=lambda: run(
            posts.annotate(**aggregates).group_by("author_id").values("author_id", "n", "total", "mean", "latest")
        ),
        filter_in_posts=lambda: run(posts.filter(id__in=r.IN_POST_IDS)),
    )


# --- the server suite (bench/server.py): the same public API on a postgresql:// or mysql:// URL ---

SERVER_POOL = 10  # the async pool, as asyncpg's for concurrent_N; the sync API keeps one connection


def _server_ops(objects, s, victims, sync: bool) -> dict:  # noqa: ANN001
    """The server ops through Oxyde's public API; ``sync`` picks the ``*_sync`` terminals."""
    import asyncio

    from oxyde import Count, Q

    User = objects.model

    def run(query, terminal: str, /, *args, **kwargs):  # noqa: ANN001, ANN202
        return getattr(query, f"{terminal}_sync" if sync else terminal)(*args, **kwargs)

    def new_users() -> list:
        return [User(name=n, email=e, age=a, active=t) for n, e, a, t in (s.new_row() for _ in range(100))]

    def insert_single():  # noqa: ANN202
        n, e, a, t = s.new_row()
        if sync:
            return objects.create_sync(name=n, email=e, age=a, active=t).id

        async def create() -> int:
            return (await objects.create(name=n, email=e, age=a, active=t)).id

        return create()

    def concurrent(n: int):  # noqa: ANN202
        ids = s.CONCURRENT_IDS[:n]
        if sync:
            return lambda: [objects.get_sync(id=i) for i in ids]
        return lambda: asyncio.gather(*(objects.get(id=i) for i in ids))

    complex_q = Q(age__gte=s.COMPLEX_LO, age__lte=s.COMPLEX_HI, active=True, name__startswith=s.COMPLEX_PREFIX) | Q(
        age=s.COMPLEX_OR_AGE
    )
    return dict(
        select_pk=lambda: run(objects, "get", id=s.PK),
        filter_simple=lambda: run(objects.filter(age=s.AGE_EQ), "all"),
        select_filter=lambda: run(objects.filter(age__gte=s.AGE_CUTOFF), "all"),
        count=lambda: run(objects.filter(age__gte=s.AGE_CUTOFF), "count"),
        filter_complex=lambda: run(objects.filter(complex_q), "all"),
        filter_in=lambda: run(objects.filter(id__in=s.IN_IDS), "all"),
        order_limit=lambda: run(objects.filter(active=True).order_by("-age", "id").limit(s.ORDER_LIMIT), "all"),
        aggregate_count=lambda: run(
            objects.filter(active=True).annotate(n=Count("id")).group_by("age").values("age", "n"), "all"
        ),
        concurrent_10=concurrent(10),
        concurrent_100=concurrent(100),
        insert_single=insert_single,
        insert_bulk_100=lambda: run(objects, "bulk_create", new_users()),
        update_single=lambda: run(objects.filter(id=s.UPDATE_PK), "update", name=f"upd{s.unique()}"),
        update_bulk=lambda: run(
            objects.filter(age__gte=s.BULK_LO, age__lte=s.BULK_HI), "update", email=f"bulk{s.unique()}@example.com"
        ),
        delete_single=lambda: run(objects.filter(id=victims()), "delete"),
    )


def build_server_sync(srv):  # noqa: ANN001, ANN201 (a peers._server.Server -> ServerImpl)
    """Oxyde.NET's sync API on the server; raises what ``db.init_sync`` raises when the backend is missing."""
    from oxyde import PoolSettings, db

    from . import _server as s

    db.init_sync(bench_sync=srv.url, settings=PoolSettings(max_connections=1, ssl_mode=s.PLAIN_SSL_MODE[srv.backend]))
    victims = s.Victims()
    ops = _server_ops(_models().objects.using("bench_sync"), s, victims, sync=True)
    ops.update(relation_ops("bench_sync", sync=True))
    return s.ServerImpl("oxyde (sync)", "oxyde", ops, close=lambda: db.close_sync(), victims=victims)


def build_server_async(srv, loop):  # noqa: ANN001, ANN201 (Server, the suite's loop -> ServerImpl)
    """Oxyde.NET's async API on the server, in the suite's event loop (the one asyncpg runs in)."""
    from oxyde import PoolSettings, db

    from . import _server as s

    settings = PoolSettings(max_connections=SERVER_POOL, min_connections=SERVER_POOL, ssl_mode=s.PLAIN_SSL_MODE[srv.backend])
    loop.run_until_complete(db.init(bench_async=srv.url, settings=settings))
    victims = s.Victims()
    ops = _server_ops(_models().objects.using("bench_async"), s, victims, sync=False)
    ops.update(relation_ops("bench_async", sync=False))

    def close() -> None:
        loop.run_until_complete(db.close())

    return s.ServerImpl("oxyde (async)", "oxyde", ops, is_async=True, close=close, loop=loop, victims=victims)
