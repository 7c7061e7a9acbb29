"""atomic(isolation=...): checked in Python, sent with the outermost begin only, fixed for nested blocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oxyde._native.core import set_core
from oxyde.db import AsyncDatabase, AsyncTransaction, atomic, transaction
from oxyde.db._transaction import ISOLATION_LEVELS
from oxyde.db._executor import executor_for
from oxyde.exceptions import TransactionStateError, ValueConversionError

from ._db_fakes import DbFakeCore

IR = {"proto": 1, "type": "delete", "table": "t"}


@pytest.fixture
def fake() -> Iterator[DbFakeCore]:
    core = DbFakeCore()
    set_core(core)
    AsyncDatabase("sqlite::memory:")
    yield core
    set_core(None)


def begins(fake: DbFakeCore) -> list[dict[str, object]]:
    return [request for verb, request in fake.calls if verb == "tx_begin"]


@pytest.mark.parametrize("level", ISOLATION_LEVELS)
async def test_each_level_goes_with_the_begin(fake: DbFakeCore, level: str) -> None:
    async with atomic(isolation=level) as tx:
        assert tx.isolation == level
        await executor_for().execute_async(IR)
    assert begins(fake) == [{"pool": "default", "isolation": level}]
    assert fake.verbs() == [("tx_begin", "default"), ("execute", 1), ("tx_commit", 1)]


async def test_without_isolation_the_begin_names_none(fake: DbFakeCore) -> None:
    async with atomic(timeout=5):
        pass
    assert begins(fake) == [{"pool": "default", "timeout": 5.0}]


def test_levels_are_the_engines() -> None:
    assert ISOLATION_LEVELS == ("read_uncommitted", "read_committed", "repeatable_read", "serializable")
    assert transaction.ISOLATION_LEVELS is ISOLATION_LEVELS


@pytest.mark.parametrize("bad", ["READ COMMITTED", "snapshot", "read committed", "", "serializable "])
async def test_an_unknown_level_is_refused_before_any_call(fake: DbFakeCore, bad: str) -> None:
    with pytest.raises(ValueConversionError) as caught:
        atomic(isolation=bad)
    assert isinstance(caught.value, ValueError)
    assert caught.value.details == {"setting": "isolation", "value": bad}
    with pytest.raises(ValueConversionError):
        AsyncTransaction(executor_for().database, isolation=bad)
    assert fake.calls == []


@pytest.mark.parametrize("bad", [1, b"serializable", True])
def test_a_level_that_is_not_text_is_a_type_error(fake: DbFakeCore, bad: object) -> None:
    with pytest.raises(TypeError):
        atomic(isolation=bad)  # type: ignore[arg-type]
    assert fake.calls == []


async def test_nested_blocks_keep_the_outer_level(fake: DbFakeCore) -> None:
    async with atomic(isolation="serializable"):
        async with atomic(isolation="serializable") as same:  # repeating it is fine
            assert same.savepoint == "sp_1"
        async with atomic() as unspecified:
            assert unspecified.savepoint == "sp_1"
    assert begins(fake) == [{"pool": "default", "isolation": "serializable"}]
    assert [verb for verb, _ in fake.calls].count("tx_begin") == 1
    assert all("isolation" not in request for verb, request in fake.calls if verb != "tx_begin")


@pytest.mark.parametrize(("outer", "inner"), [("read_committed", "serializable"), (None, "repeatable_read")])
async def test_a_nested_block_cannot_change_the_level(fake: DbFakeCore, outer: str | None, inner: str) -> None:
    with pytest.raises(TransactionStateError) as caught:
        async with atomic(isolation=outer):
            await executor_for().execute_async(IR)
            async with atomic(isolation=inner):
                pytest.fail("the nested block must not run")
    assert caught.value.details == {"isolation": inner, "outer_isolation": outer}
    # no savepoint was made, and the error leaving the outer block rolled it back
    assert fake.verbs() == [("tx_begin", "default"), ("execute", 1), ("tx_rollback", 1)]


def test_sync_blocks_and_the_mismatch(fake: DbFakeCore) -> None:
    with atomic(isolation="repeatable_read"):
        with atomic():
            executor_for().execute(IR)
        with pytest.raises(TransactionStateError):
            with atomic(isolation="read_uncommitted"):
                pass
    assert begins(fake) == [{"pool": "default", "isolation": "repeatable_read"}]
    assert fake.verbs() == [
        ("tx_begin", "default"), ("tx_savepoint", "sp_1"), ("execute", 1), ("tx_release", "sp_1"), ("tx_commit", 1)
    ]


async def test_decorators_carry_the_level(fake: DbFakeCore) -> None:
    @atomic(isolation="read_committed")
    async def async_work() -> int:
        return 1

    @atomic(using="default", isolation="serializable")
    def sync_work() -> int:
        return 2

    assert await async_work() == 1
    assert sync_work() == 2
    assert [b.get("isolation") for b in begins(fake)] == ["read_committed", "serializable"]


async def test_a_decorated_function_called_inside_another_level_is_refused(fake: DbFakeCore) -> None:
    @atomic(isolation="serializable")
    async def strict() -> None:
        pass

    async with atomic(isolation="serializable"):
        await strict()  # same level: a savepoint
    with pytest.raises(TransactionStateError):
        async with atomic(isolation="read_committed"):
            await strict()
