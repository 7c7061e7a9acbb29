"""A transaction belongs to the task or thread that opened it; one atomic() object may serve many."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest

from oxyde._native.core import set_core
from oxyde.db import AsyncDatabase, atomic, get_active_transaction
from oxyde.db._executor import executor_for
from oxyde.exceptions import TransactionNotFoundError, TransactionStateError

from ._db_fakes import DbFakeCore

IR = {"proto": 1, "type": "delete", "table": "t"}
NOT_FOUND = {"error": {"code": 40, "name": "transaction_not_found", "message": "no open transaction"}}


class Boom(Exception):
    pass


@pytest.fixture
def fake() -> Iterator[DbFakeCore]:
    core = DbFakeCore()
    set_core(core)
    AsyncDatabase("sqlite::memory:")
    yield core
    set_core(None)


def ends(fake: DbFakeCore) -> list[tuple[str, object]]:
    return [v for v in fake.verbs() if v[0] in ("tx_commit", "tx_rollback")]


async def test_one_block_object_entered_by_concurrent_tasks(fake: DbFakeCore) -> None:
    block = atomic()  # e.g. a module-level object shared by request handlers
    first_in, second_in, first_out = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def first() -> int:
        async with block as tx:
            first_in.set()
            await second_in.wait()
            await executor_for().execute_async(IR)
            tx_id = tx.id
        first_out.set()  # leaves while the other task is still inside the same object
        return tx_id

    async def second() -> int:
        await first_in.wait()
        async with block as tx:
            second_in.set()
            await first_out.wait()
            await executor_for().execute_async(IR)
            assert get_active_transaction() is tx.transaction
            return tx.id

    ids = await asyncio.gather(first(), second())
    assert ids == [1, 2]
    # each task committed its own transaction, each statement ran in its task's transaction
    assert fake.verbs() == [
        ("tx_begin", "default"), ("tx_begin", "default"), ("execute", 1), ("tx_commit", 1),
        ("execute", 2), ("tx_commit", 2),
    ]


def test_one_block_object_entered_by_concurrent_threads(fake: DbFakeCore) -> None:
    block = atomic()
    inside = threading.Barrier(3)
    seen: dict[str, int] = {}

    def worker(name: str) -> None:
        with block as tx:
            inside.wait(timeout=5)
            executor_for().execute(IR)
            seen[name] = tx.id
            inside.wait(timeout=5)

    threads = [threading.Thread(target=worker, args=(n,)) for n in "abc"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen.values()) == [1, 2, 3]
    executes = sorted(tx for verb, tx in fake.verbs() if verb == "execute")
    commits = sorted(tx for verb, tx in ends(fake))
    assert executes == commits == [1, 2, 3]
    assert all(verb == "tx_commit" for verb, _ in ends(fake))


async def test_a_child_task_handed_the_block_acts_on_the_parents_transaction(fake: DbFakeCore) -> None:
    async def child(tx: object) -> None:
        assert get_active_transaction() is None  # not joined implicitly...
        await tx.execute(IR)  # type: ignore[attr-defined]  # ...but usable through the handle
        tx.set_rollback()  # type: ignore[attr-defined]

    async with atomic() as tx:
        await asyncio.create_task(child(tx))
    assert fake.verbs() == [("tx_begin", "default"), ("execute", 1), ("tx_rollback", 1)]


async def test_a_block_open_in_several_tasks_is_ambiguous_elsewhere(fake: DbFakeCore) -> None:
    block = atomic()
    both_in = asyncio.Barrier(3)

    async def holder() -> None:
        async with block:
            await both_in.wait()
            await both_in.wait()

    tasks = [asyncio.create_task(holder()) for _ in range(2)]
    await both_in.wait()
    with pytest.raises(TransactionStateError):
        block.set_rollback()
    with pytest.raises(TransactionStateError):
        block.transaction  # noqa: B018
    await both_in.wait()
    await asyncio.gather(*tasks)
    with pytest.raises(TransactionStateError):
        block.transaction  # noqa: B018  # closed everywhere now


async def test_exiting_in_another_task_than_the_one_that_entered_is_refused(fake: DbFakeCore) -> None:
    block = atomic()
    await block.__aenter__()

    async def other() -> None:
        await block.__aexit__(None, None, None)

    with pytest.raises(TransactionStateError):
        await asyncio.create_task(other())
    await block.__aexit__(None, None, None)
    assert fake.verbs() == [("tx_begin", "default"), ("tx_commit", 1)]


async def test_a_block_whose_transaction_the_engine_rolled_back_keeps_the_callers_error(fake: DbFakeCore) -> None:
    # The engine swept the idle transaction: the next statement and the rollback both find it gone.
    with pytest.raises(TransactionNotFoundError) as caught:
        async with atomic():
            fake.push(NOT_FOUND, NOT_FOUND)
            await executor_for().execute_async(IR)
    assert len(caught.value.__notes__) == 1
    assert caught.value.__context__ is None

    with pytest.raises(Boom):
        with atomic():
            fake.push(NOT_FOUND)
            raise Boom


async def test_a_commit_the_engine_cannot_find_is_an_error(fake: DbFakeCore) -> None:
    with pytest.raises(TransactionNotFoundError):
        async with atomic():
            fake.push(NOT_FOUND)
    with pytest.raises(TransactionNotFoundError):
        async with atomic() as tx:
            tx.set_rollback()
            fake.push(NOT_FOUND)  # nothing failed in the block: a lost rollback is reported


def test_many_threads_entering_one_block_object(fake: DbFakeCore) -> None:
    block = atomic()
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker() -> None:
        start.wait(timeout=5)
        try:
            for _ in range(200):
                with block as tx:
                    executor_for().execute(IR)
                    assert block.transaction is tx.transaction is get_active_transaction()
        except BaseException as exc:  # noqa: BLE001  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    executes = sorted(tx for verb, tx in fake.verbs() if verb == "execute")
    assert executes == sorted(tx for _, tx in ends(fake)) == list(range(1, 1601))
    assert {verb for verb, _ in ends(fake)} == {"tx_commit"}
