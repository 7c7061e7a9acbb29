"""atomic(): begin/commit/rollback, savepoint nesting, decorators, set_rollback, isolation."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest

from oxyde._native.core import set_core
from oxyde.db import AsyncDatabase, atomic, get_active_transaction, transaction
from oxyde.db._executor import executor_for
from oxyde.exceptions import OxydeError, TransactionStateError, TransactionTimeoutError

from ._db_fakes import DbFakeCore

IR = {"proto": 1, "type": "delete", "table": "t"}


class Boom(Exception):
    pass


@pytest.fixture
def fake() -> Iterator[DbFakeCore]:
    core = DbFakeCore()
    set_core(core)
    AsyncDatabase("sqlite::memory:")
    AsyncDatabase("sqlite::memory:", name="other")
    yield core
    set_core(None)


async def test_outermost_commits_and_queries_join(fake: DbFakeCore) -> None:
    async with transaction.atomic() as tx:
        assert get_active_transaction() is tx.transaction and tx.id == 1
        await executor_for().execute_async(IR)
        executor_for().execute(IR)  # the sync path joins the same block
    await executor_for().execute_async(IR)
    assert fake.verbs() == [
        ("tx_begin", "default"), ("execute", 1), ("execute", 1), ("tx_commit", 1), ("execute", None)
    ]
    assert get_active_transaction() is None
    assert {"tx_begin", "tx_commit"} <= set(fake.async_verbs)


async def test_nested_blocks_use_numbered_savepoints(fake: DbFakeCore) -> None:
    async with atomic():
        async with atomic() as inner:
            assert inner.savepoint == "sp_1"
            async with atomic() as innermost:
                assert innermost.savepoint == "sp_2"
        async with atomic() as sibling:
            assert sibling.savepoint == "sp_1"
    assert fake.verbs() == [
        ("tx_begin", "default"),
        ("tx_savepoint", "sp_1"), ("tx_savepoint", "sp_2"), ("tx_release", "sp_2"), ("tx_release", "sp_1"),
        ("tx_savepoint", "sp_1"), ("tx_release", "sp_1"),
        ("tx_commit", 1),
    ]


async def test_exception_rolls_back_its_own_level_only(fake: DbFakeCore) -> None:
    async with atomic():
        with pytest.raises(Boom):
            async with atomic():
                raise Boom
        await executor_for().execute_async(IR)
    assert fake.verbs() == [
        ("tx_begin", "default"), ("tx_savepoint", "sp_1"), ("tx_rollback_to", "sp_1"),
        ("execute", 1), ("tx_commit", 1),
    ]


async def test_exception_in_outermost_rolls_back_and_reraises(fake: DbFakeCore) -> None:
    with pytest.raises(Boom):
        async with atomic():
            raise Boom
    assert fake.verbs() == [("tx_begin", "default"), ("tx_rollback", 1)]
    assert get_active_transaction() is None


async def test_set_rollback(fake: DbFakeCore) -> None:
    async with atomic() as outer:
        async with atomic() as inner:
            inner.set_rollback(True)
        outer.set_rollback(rollback=True)
    assert fake.verbs() == [
        ("tx_begin", "default"), ("tx_savepoint", "sp_1"), ("tx_rollback_to", "sp_1"), ("tx_rollback", 1)
    ]
    with pytest.raises(TransactionStateError):
        atomic().set_rollback()


def test_sync_with_block_and_nesting(fake: DbFakeCore) -> None:
    with atomic():
        executor_for().execute(IR)
        with pytest.raises(Boom):
            with atomic():
                raise Boom
    assert fake.verbs() == [
        ("tx_begin", "default"), ("execute", 1), ("tx_savepoint", "sp_1"), ("tx_rollback_to", "sp_1"),
        ("tx_commit", 1),
    ]
    assert fake.async_verbs == []


async def test_async_decorator_forms(fake: DbFakeCore) -> None:
    @atomic()
    async def with_parens(x: int) -> int:
        assert get_active_transaction() is not None
        return x * 2

    @atomic
    async def bare() -> str:
        assert get_active_transaction() is not None
        return "ok"

    @atomic(using="other")
    async def failing() -> None:
        assert get_active_transaction("other") is not None
        assert get_active_transaction() is None
        raise Boom

    assert await with_parens(21) == 42
    assert await bare() == "ok"
    with pytest.raises(Boom):
        await failing()
    assert with_parens.__name__ == "with_parens"
    assert fake.verbs() == [
        ("tx_begin", "default"), ("tx_commit", 1),
        ("tx_begin", "default"), ("tx_commit", 2),
        ("tx_begin", "other"), ("tx_rollback", 3),
    ]


def test_sync_decorator_forms_and_reentrancy(fake: DbFakeCore) -> None:
    @atomic()
    def recurse(n: int) -> int:
        return 0 if n == 0 else 1 + recurse(n - 1)

    @atomic
    def bare() -> None:
        raise Boom

    assert recurse(2) == 2
    with pytest.raises(Boom):
        bare()
    assert fake.verbs() == [
        ("tx_begin", "default"), ("tx_savepoint", "sp_1"), ("tx_savepoint", "sp_2"),
        ("tx_release", "sp_2"), ("tx_release", "sp_1"), ("tx_commit", 1),
        ("tx_begin", "default"), ("tx_rollback", 2),
    ]


async def test_child_tasks_do_not_inherit_the_parents_transaction(fake: DbFakeCore) -> None:
    seen: list[object] = []

    async def child() -> None:
        seen.append(get_active_transaction())
        async with atomic() as own:  # a new transaction, not a savepoint of the parent's
            seen.append(own.savepoint)
            await executor_for().execute_async(IR)

    async with atomic() as parent:
        await asyncio.gather(child(), child())
        assert get_active_transaction() is parent.transaction
    assert seen[0] is None and seen[1] is None
    assert None in seen[2:] and "sp_1" not in seen
    begins = [v for v in fake.verbs() if v[0] == "tx_begin"]
    assert len(begins) == 3
    executes = [tx for verb, tx in fake.verbs() if verb == "execute"]
    assert sorted(executes) == [2, 3]


async def test_concurrent_tasks_keep_separate_transactions(fake: DbFakeCore) -> None:
    async def work(n: int) -> int:
        async with atomic() as tx:
            await asyncio.sleep(0)
            await executor_for().execute_async(IR)
            assert get_active_transaction() is tx.transaction
            return tx.id

    ids = await asyncio.gather(*(work(n) for n in range(10)))
    assert sorted(ids) == list(range(1, 11))
    assert [v for v, _ in fake.verbs()].count("tx_commit") == 10


def test_threads_have_their_own_transactions(fake: DbFakeCore) -> None:
    seen: dict[str, object] = {}
    barrier = threading.Barrier(2)

    def worker(name: str) -> None:
        with atomic() as tx:
            barrier.wait(timeout=5)
            seen[name] = (tx.id, get_active_transaction().id)  # type: ignore[union-attr]

    with atomic() as main_tx:
        t1 = threading.Thread(target=worker, args=("a",))
        t2 = threading.Thread(target=worker, args=("b",))
        t1.start(), t2.start()
        t1.join(), t2.join()
        assert get_active_transaction() is main_tx.transaction
    a, b = seen["a"], seen["b"]
    assert a[0] == a[1] and b[0] == b[1] and a[0] != b[0]  # type: ignore[index]


async def test_to_thread_does_not_join_the_tasks_transaction(fake: DbFakeCore) -> None:
    async with atomic():
        inherited = await asyncio.to_thread(get_active_transaction)
    assert inherited is None


def test_fresh_event_loop_per_asyncio_run(fake: DbFakeCore) -> None:
    async def once() -> int:
        async with atomic() as tx:
            async with atomic():
                await executor_for().execute_async(IR)
            return tx.id

    assert [asyncio.run(once()) for _ in range(3)] == [1, 2, 3]
    assert get_active_transaction() is None


async def test_unknown_alias_raises_before_any_call(fake: DbFakeCore) -> None:
    with pytest.raises(OxydeError, match="nowhere"):
        async with atomic(using="nowhere"):
            pass
    assert fake.verbs() == []


def test_timeout_poisons_the_transaction(fake: DbFakeCore, monkeypatch: pytest.MonkeyPatch) -> None:
    import oxyde.db._transaction as txmod

    now = [100.0]
    monkeypatch.setattr(txmod.time, "monotonic", lambda: now[0])
    with pytest.raises(TransactionTimeoutError):
        with atomic(timeout=timedelta(seconds=5)):
            executor_for().execute(IR)
            now[0] += 10
            executor_for().execute(IR)
    assert fake.verbs() == [("tx_begin", "default"), ("execute", 1), ("tx_rollback", 1)]
    assert isinstance(TransactionTimeoutError("x"), TimeoutError)


def test_commit_past_the_deadline_rolls_back(fake: DbFakeCore, monkeypatch: pytest.MonkeyPatch) -> None:
    import oxyde.db._transaction as txmod

    now = [0.0]
    monkeypatch.setattr(txmod.time, "monotonic", lambda: now[0])
    with pytest.raises(TransactionTimeoutError):
        with atomic(timeout=1):
            now[0] = 2.0
    assert fake.verbs() == [("tx_begin", "default"), ("tx_rollback", 1)]


async def test_async_timeout_cancels_the_wait(fake: DbFakeCore) -> None:
    release = asyncio.Event()
    original = fake.call_async

    async def slow(verb: str, request: dict) -> dict:  # type: ignore[type-arg]
        if verb == "execute":
            await release.wait()
        return await original(verb, request)

    fake.call_async = slow  # type: ignore[method-assign]
    with pytest.raises(TransactionTimeoutError):
        async with atomic(timeout=0.05):
            await executor_for().execute_async(IR)
    assert ("tx_rollback", 1) in fake.verbs()


async def test_explicit_transaction_client(fake: DbFakeCore) -> None:
    async with atomic() as tx:
        pass
    async with atomic() as tx:
        assert executor_for(client=tx).transaction is tx.transaction
        await tx.execute(IR)
    database = executor_for().database
    # a database client never joins the enclosing block
    async with atomic():
        assert executor_for(client=database).transaction is None
