"""The runtime against the real liboxyde on SQLite: pools, raw SQL, atomic(), the async path."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde.db import AsyncDatabase, atomic, execute_raw, execute_raw_sync  # noqa: E402
from oxyde.exceptions import (  # noqa: E402
    ConnectionFailedError,
    DatabaseError,
    IntegrityError,
    InvalidUrlError,
    NotNullViolationError,
    OxydeError,
    PoolNotFoundError,
    TransactionTimeoutError,
    UniqueViolationError,
)

DDL = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER)"


class Boom(Exception):
    pass


@pytest.fixture
def file_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'app.db'}"


@pytest.fixture
def sync_db(file_url: str) -> Iterator[AsyncDatabase]:
    db.init_sync(default=file_url)
    execute_raw_sync(DDL)
    yield db.get_connection_sync()
    db.close_sync()


@pytest.fixture
async def async_db(file_url: str) -> AsyncIterator[AsyncDatabase]:
    await db.init(default=file_url)
    await execute_raw(DDL)
    yield await db.get_connection()
    await db.close()


def names(rows: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [r["name"] for r in rows]


# --- pools ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["sqlite::memory:", "sqlite:///:memory:"])
def test_memory_pool(url: str) -> None:
    with db.connect_sync(url) as database:
        assert database.backend == "sqlite"
        execute_raw_sync("CREATE TABLE t (x)")
        execute_raw_sync("INSERT INTO t VALUES (?), (?)", [1, 2])
        assert execute_raw_sync("SELECT x FROM t ORDER BY x") == [{"x": 1}, {"x": 2}]


async def test_file_pool_persists_across_pools(file_url: str, tmp_path: Path) -> None:
    async with db.connect(file_url) as database:
        assert database.backend == "sqlite"
        await execute_raw("CREATE TABLE t (x TEXT)")
        await execute_raw("INSERT INTO t VALUES (?)", ["kept"])
    assert (tmp_path / "app.db").is_file()
    async with db.connect(file_url, name="again"):
        assert await execute_raw("SELECT x FROM t", using="again") == [{"x": "kept"}]


def test_bad_url_raises_a_runtime_error() -> None:
    with pytest.raises(OxydeError) as info:
        db.init_sync(default="sqlite:///nonexistent-dir/sub/x.db?mode=ro")
    assert isinstance(info.value, RuntimeError)
    assert isinstance(info.value, (ConnectionFailedError, InvalidUrlError, DatabaseError))
    with pytest.raises(PoolNotFoundError):
        db.get_connection_sync()


def test_init_all_or_nothing_with_the_engine(file_url: str) -> None:
    with pytest.raises(OxydeError):
        db.init_sync(default=file_url, broken="postgresql://nobody@127.0.0.1:1/x")
    with pytest.raises(PoolNotFoundError):
        db.get_connection_sync()


# --- raw SQL and errors --------------------------------------------------------------------------


def test_raw_values_round_trip_literally(sync_db: AsyncDatabase) -> None:
    tricky = ["it's", 'say "hi"', "a;b", "100%", "a_b", "back\\slash", "nul\x00byte", "ünïcødé 漢字 🚀", ""]
    for n, text in enumerate(tricky):
        execute_raw_sync("INSERT INTO items (name, qty) VALUES (?, ?)", [text, n])
    rows = execute_raw_sync("SELECT name FROM items ORDER BY qty")
    assert names(rows) == tricky
    assert names(execute_raw_sync("SELECT name FROM items WHERE name = ?", ["100%"])) == ["100%"]
    blob = bytes(range(256))
    assert execute_raw_sync("SELECT ? AS b, ? AS f, ? AS n", [blob, 1.5, None]) == [{"b": blob, "f": 1.5, "n": None}]


def test_errors_raise_their_classes(sync_db: AsyncDatabase) -> None:
    execute_raw_sync("INSERT INTO items (name) VALUES (?)", ["a"])
    with pytest.raises(UniqueViolationError) as unique:
        execute_raw_sync("INSERT INTO items (name) VALUES (?)", ["a"])
    assert isinstance(unique.value, IntegrityError)
    with pytest.raises(NotNullViolationError):
        execute_raw_sync("INSERT INTO items (name) VALUES (NULL)")
    with pytest.raises(DatabaseError) as syntax:
        execute_raw_sync("SELEC nonsense")
    assert isinstance(syntax.value, RuntimeError)
    with pytest.raises(PoolNotFoundError):
        execute_raw_sync("SELECT 1", using="nowhere")


async def test_async_errors_raise_their_classes(async_db: AsyncDatabase) -> None:
    await execute_raw("INSERT INTO items (name) VALUES (?)", ["a"])
    with pytest.raises(UniqueViolationError):
        await execute_raw("INSERT INTO items (name) VALUES (?)", ["a"])
    with pytest.raises(DatabaseError):
        await execute_raw("SELECT * FROM missing_table")


# --- transactions --------------------------------------------------------------------------------


def test_atomic_commit_rollback_and_savepoints_sync(sync_db: AsyncDatabase) -> None:
    with atomic():
        execute_raw_sync("INSERT INTO items (name) VALUES ('kept')")
        with pytest.raises(Boom):
            with atomic():
                execute_raw_sync("INSERT INTO items (name) VALUES ('inner-undone')")
                raise Boom
        with atomic():
            execute_raw_sync("INSERT INTO items (name) VALUES ('inner-kept')")
    with pytest.raises(Boom):
        with atomic():
            execute_raw_sync("INSERT INTO items (name) VALUES ('outer-undone')")
            raise Boom
    with atomic() as tx:
        execute_raw_sync("INSERT INTO items (name) VALUES ('marked')")
        tx.set_rollback(True)
    assert names(execute_raw_sync("SELECT name FROM items ORDER BY id")) == ["kept", "inner-kept"]


async def test_atomic_commit_rollback_and_savepoints_async(async_db: AsyncDatabase) -> None:
    async with atomic():
        await execute_raw("INSERT INTO items (name) VALUES ('kept')")
        with pytest.raises(UniqueViolationError):
            async with atomic():
                await execute_raw("INSERT INTO items (name) VALUES ('kept')")
        assert names(await execute_raw("SELECT name FROM items")) == ["kept"]
    with pytest.raises(Boom):
        async with atomic():
            await execute_raw("INSERT INTO items (name) VALUES ('undone')")
            raise Boom
    assert names(await execute_raw("SELECT name FROM items")) == ["kept"]


async def test_atomic_decorator_on_real_engine(async_db: AsyncDatabase) -> None:
    @atomic()
    async def add(name: str, fail: bool = False) -> None:
        await execute_raw("INSERT INTO items (name) VALUES (?)", [name])
        if fail:
            raise Boom

    await add("a")
    with pytest.raises(Boom):
        await add("b", fail=True)
    assert names(await execute_raw("SELECT name FROM items")) == ["a"]


def test_uncommitted_rows_are_invisible_to_other_connections(sync_db: AsyncDatabase) -> None:
    seen: list[list[dict]] = []  # type: ignore[type-arg]
    with atomic():
        execute_raw_sync("INSERT INTO items (name) VALUES ('pending')")
        worker = threading.Thread(target=lambda: seen.append(execute_raw_sync("SELECT name FROM items")))
        worker.start()
        worker.join(10)
    assert seen == [[]]
    assert names(execute_raw_sync("SELECT name FROM items")) == ["pending"]


async def test_timeout_rolls_back_on_the_engine(async_db: AsyncDatabase) -> None:
    with pytest.raises(TransactionTimeoutError):
        async with atomic(timeout=0.05):
            await execute_raw("INSERT INTO items (name) VALUES ('late')")
            await asyncio.sleep(0.1)
            await execute_raw("INSERT INTO items (name) VALUES ('later')")
    assert await execute_raw("SELECT name FROM items") == []


async def test_cancelled_task_rolls_back_its_transaction(async_db: AsyncDatabase) -> None:
    entered = asyncio.Event()

    async def work() -> None:
        async with atomic():
            await execute_raw("INSERT INTO items (name) VALUES ('cancelled')")
            entered.set()
            await asyncio.sleep(10)

    task = asyncio.ensure_future(work())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await execute_raw("SELECT name FROM items") == []
    async with atomic():  # the connection went back to the pool in a usable state
        await execute_raw("INSERT INTO items (name) VALUES ('next')")
    assert names(await execute_raw("SELECT name FROM items")) == ["next"]


# --- async path ----------------------------------------------------------------------------------


def test_async_path_under_repeated_asyncio_run(file_url: str) -> None:
    db.init_sync(default=file_url)
    execute_raw_sync(DDL)

    async def once(n: int) -> list[dict]:  # type: ignore[type-arg]
        async with atomic():
            await execute_raw("INSERT INTO items (name, qty) VALUES (?, ?)", [f"n{n}", n])
        return await execute_raw("SELECT COUNT(*) AS c FROM items")

    try:
        for n in range(5):
            assert asyncio.run(once(n)) == [{"c": n + 1}]
    finally:
        db.close_sync()


async def test_gather_fifty_queries(async_db: AsyncDatabase) -> None:
    await execute_raw("INSERT INTO items (name, qty) VALUES ('x', 7)")
    results = await asyncio.gather(*(execute_raw("SELECT qty + ? AS v FROM items", [n]) for n in range(50)))
    assert [r[0]["v"] for r in results] == [7 + n for n in range(50)]


async def test_concurrent_transactions_in_tasks(async_db: AsyncDatabase) -> None:
    async def add(n: int) -> None:
        async with atomic():
            await execute_raw("INSERT INTO items (name, qty) VALUES (?, ?)", [f"t{n}", n])

    await asyncio.gather(*(add(n) for n in range(10)))
    rows = await execute_raw("SELECT COUNT(*) AS c, SUM(qty) AS s FROM items")
    assert rows == [{"c": 10, "s": 45}]


def test_event_loops_in_threads(file_url: str) -> None:
    db.init_sync(default=file_url)
    execute_raw_sync(DDL)
    errors: list[BaseException] = []

    def run(offset: int) -> None:
        async def main() -> None:
            for n in range(20):
                await execute_raw("INSERT INTO items (name, qty) VALUES (?, ?)", [f"{offset}-{n}", n])

        try:
            asyncio.run(main())
        except BaseException as exc:  # reported below
            errors.append(exc)

    try:
        threads = [threading.Thread(target=run, args=(k,)) for k in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert errors == []
        assert execute_raw_sync("SELECT COUNT(*) AS c FROM items") == [{"c": 60}]
    finally:
        db.close_sync()
