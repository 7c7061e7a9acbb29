"""Connections: AsyncDatabase, the alias registry, db.init all-or-nothing, executor_for."""

from __future__ import annotations

import asyncio

import pytest

import oxyde
import oxyde.db as db
from oxyde.db import AsyncDatabase, PoolSettings
from oxyde.db._executor import executor_for
from oxyde.db._registry import ConnectionNotRegisteredError
from oxyde.exceptions import ConnectionFailedError, InvalidUrlError, ManagerError, OxydeError, PoolNotFoundError

from ._db_fakes import DbFakeCore


def test_attributes_before_and_after_connect(fake: DbFakeCore) -> None:
    database = AsyncDatabase("sqlite::memory:", name="main")
    assert database.url == "sqlite::memory:" and database.name == "main"
    assert database.backend is None and not database.connected
    database.settings = PoolSettings(max_connections=3)
    database.connect_sync()
    assert database.backend == "sqlite" and database.connected
    opened = [req for verb, req in fake.calls if verb == "pool_open"]
    assert opened == [{"name": "main", "url": "sqlite::memory:", "settings": PoolSettings(max_connections=3).to_payload()}]
    database.disconnect_sync()
    assert not database.connected and "main" not in fake.open_pools


async def test_async_context_manager_and_backend(fake: DbFakeCore) -> None:
    async with AsyncDatabase("postgresql://u@h/d", name="pg") as database:
        assert database.backend == "postgres"
        assert fake.open_pools == {"pg"}
    assert fake.open_pools == set()
    assert "pool_open" in fake.async_verbs and "pool_close" in fake.async_verbs


def test_sync_context_manager(fake: DbFakeCore) -> None:
    with AsyncDatabase("mysql://u@h/d", name="my") as database:
        assert database.backend == "mysql"
    assert fake.open_pools == set() and fake.async_verbs == []


def test_duplicate_alias_needs_overwrite(fake: DbFakeCore) -> None:
    first = AsyncDatabase("sqlite::memory:")
    with pytest.raises(ValueError):
        AsyncDatabase("sqlite://other.db")
    first.connect_sync()
    second = AsyncDatabase("sqlite://other.db", overwrite=True)
    second.connect_sync()
    assert not first.connected and second.connected
    assert [v for v, _ in fake.calls] == ["pool_open", "pool_open"]  # the engine replaces the pool
    assert db.get_connection_sync() is second


def test_unregistered_database_is_not_found() -> None:
    AsyncDatabase("sqlite::memory:", name="loose", auto_register=False)
    with pytest.raises(ConnectionNotRegisteredError):
        db.get_connection_sync("loose")


def test_unknown_alias_names_it_and_points_to_init() -> None:
    with pytest.raises(ConnectionNotRegisteredError) as info:
        executor_for("analytics")
    err = info.value
    assert isinstance(err, PoolNotFoundError) and isinstance(err, OxydeError)
    assert isinstance(err, KeyError) and isinstance(err, RuntimeError)
    assert "analytics" in str(err) and "db.init" in str(err)
    assert err.details == {"alias": "analytics"}


def test_bad_urls_are_refused_before_any_call(fake: DbFakeCore) -> None:
    with pytest.raises(InvalidUrlError):
        AsyncDatabase("oracle://x")
    with pytest.raises(TypeError):
        AsyncDatabase(None)  # type: ignore[arg-type]
    assert fake.calls == []


async def test_get_connection_connects_on_demand(fake: DbFakeCore) -> None:
    database = AsyncDatabase("sqlite::memory:")
    got = await db.get_connection()
    assert got is database and database.connected
    again = await db.get_connection("default", ensure_connected=False)
    assert again is database
    assert [v for v, _ in fake.calls] == ["pool_open"]


async def test_concurrent_connects_open_once(fake: DbFakeCore) -> None:
    database = AsyncDatabase("sqlite::memory:")
    await asyncio.gather(*(database.connect() for _ in range(5)))
    assert [v for v, _ in fake.calls] == ["pool_open"]


async def test_init_registers_and_connects_every_alias(fake: DbFakeCore) -> None:
    await db.init(default="sqlite::memory:", analytics="postgresql://u@h/a", settings=PoolSettings(max_connections=4))
    assert fake.open_pools == {"default", "analytics"}
    analytics = await db.get_connection("analytics")
    assert analytics.backend == "postgres" and analytics.settings.max_connections == 4
    await db.close()
    assert fake.open_pools == set()
    with pytest.raises(ConnectionNotRegisteredError):
        db.get_connection_sync()


async def test_init_is_all_or_nothing(fake: DbFakeCore) -> None:
    keep = AsyncDatabase("sqlite://keep.db", name="keep")
    with pytest.raises(ConnectionFailedError) as info:
        await db.init(default="sqlite::memory:", other="sqlite::memory:", broken="postgresql://fail/x")
    assert isinstance(info.value, RuntimeError)
    assert fake.open_pools == set()
    for alias in ("default", "other", "broken"):
        with pytest.raises(ConnectionNotRegisteredError):
            db.get_connection_sync(alias, ensure_connected=False)
    assert db.get_connection_sync("keep", ensure_connected=False) is keep


def test_init_sync_is_all_or_nothing_and_restores_replaced_aliases(fake: DbFakeCore) -> None:
    db.init_sync(default="sqlite::memory:")
    original = db.get_connection_sync()
    with pytest.raises(ConnectionFailedError):
        db.init_sync(extra="sqlite::memory:", default="sqlite://fail.db")
    assert db.get_connection_sync("default", ensure_connected=False) is original
    with pytest.raises(ConnectionNotRegisteredError):
        db.get_connection_sync("extra")
    assert "extra" not in fake.open_pools


def test_init_needs_an_alias(fake: DbFakeCore) -> None:
    with pytest.raises(ValueError):
        db.init_sync()


async def test_scoped_connect_unregisters(fake: DbFakeCore) -> None:
    async with db.connect("sqlite::memory:", name="scoped") as database:
        assert database.connected and db.get_connection_sync("scoped") is database
    assert fake.open_pools == set()
    with pytest.raises(ConnectionNotRegisteredError):
        db.get_connection_sync("scoped")


def test_scoped_connect_sync(fake: DbFakeCore) -> None:
    with db.connect_sync("sqlite::memory:") as database:
        assert database.connected
    with pytest.raises(ConnectionNotRegisteredError):
        db.get_connection_sync()


async def test_lifespan_opens_and_closes(fake: DbFakeCore) -> None:
    lifespan = db.lifespan(default="sqlite::memory:")
    async with lifespan(object()):
        assert fake.open_pools == {"default"}
    assert fake.open_pools == set()


async def test_disconnect_all_closes_every_pool_even_after_a_failure(fake: DbFakeCore) -> None:
    await db.init(a="sqlite::memory:", b="sqlite::memory:")
    fake.open_pools.discard("a")  # the engine lost pool "a": closing it fails
    with pytest.raises(PoolNotFoundError):
        await db.disconnect_all()
    assert fake.open_pools == set()


def test_executor_resolves_alias_client_and_dialect(fake: DbFakeCore) -> None:
    database = AsyncDatabase("mariadb://u@h/d", name="shop")
    ex = executor_for("shop")
    assert ex.alias == "shop" and ex.dialect == "mysql"
    assert executor_for(client=database).alias == "shop"
    for alias in ("other", "shop"):  # both is a ManagerError even when they agree, as in Oxyde
        with pytest.raises(ManagerError):
            executor_for(alias, client=database)
    with pytest.raises(TypeError):
        executor_for(client=object())
    fake.push({"affected": 1})
    assert ex.execute({"proto": 1, "type": "delete", "table": "t"}) == {"affected": 1}
    assert fake.calls[-1] == ("execute", {"pool": "shop", "ir": {"proto": 1, "type": "delete", "table": "t"}})
    assert database.connected  # the executor connected it on demand


async def test_execute_raw_builds_raw_ir_and_returns_dicts(fake: DbFakeCore) -> None:
    AsyncDatabase("sqlite::memory:")
    fake.push({"affected": 0, "columns": ["a", "b"], "rows": [[1, "x"], [2, "y"]]})
    rows = await db.execute_raw("SELECT a, b FROM t WHERE a > ?", [0])
    assert rows == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    assert fake.last_ir == {"proto": 1, "type": "raw", "sql": "SELECT a, b FROM t WHERE a > ?", "params": [0]}
    assert db.execute_raw_sync("DELETE FROM t") == []
    assert fake.last_ir["params"] == []
    with pytest.raises(TypeError):
        db.execute_raw_sync("SELECT ?", "abc")  # type: ignore[arg-type]


async def test_execute_script_sends_a_script_without_params(fake: DbFakeCore) -> None:
    AsyncDatabase("sqlite::memory:")
    fake.push({"affected": 2})
    assert await db.execute_script("CREATE TABLE t (a); INSERT INTO t VALUES (1)") is None
    assert fake.last_ir == {
        "proto": 1,
        "type": "raw",
        "sql": "CREATE TABLE t (a); INSERT INTO t VALUES (1)",
        "script": True,
    }
    fake.push({"affected": 0})
    assert db.execute_script_sync("-- nothing") is None
    assert fake.last_ir["script"] is True and "params" not in fake.last_ir
    with pytest.raises(TypeError):
        db.execute_script_sync(b"SELECT 1")  # type: ignore[arg-type]
    assert {"execute_script", "execute_script_sync"} <= set(db.__all__)
    assert oxyde.execute_script is db.execute_script and "execute_script_sync" in oxyde.__all__


def test_executor_follows_the_database_registered_under_the_alias(fake: DbFakeCore) -> None:
    first = AsyncDatabase("sqlite::memory:", name="shop")
    assert executor_for("shop") is executor_for("shop")  # shared: it keeps no per-call state
    assert executor_for("shop").database is first
    second = AsyncDatabase("mariadb://u@h/d", name="shop", overwrite=True)
    ex = executor_for("shop")
    assert ex.database is second and ex.dialect == "mysql"
