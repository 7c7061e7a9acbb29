"""Savepoints, the sync and decorator forms, and who a transaction belongs to, on every backend.

A nested ``atomic()`` is a savepoint: its failure undoes its own work only, even after a statement
failed inside it (PostgreSQL refuses every statement of a transaction after an error until it rolls
back to a savepoint). A transaction belongs to the task or thread that opened it: another task's or
thread's queries run outside it and do not see its uncommitted work.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from ._native import require_native

require_native()

from oxyde import Field, Model  # noqa: E402
from oxyde.db import atomic, create_tables, get_active_transaction  # noqa: E402
from oxyde.exceptions import UniqueViolationError  # noqa: E402

from ._backends import Backend, backend  # noqa: E402, F401


class Boom(Exception):
    pass


class NestNote(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=50, db_unique=True)

    class Meta:
        is_table = True
        table_name = "tx_nest_notes"


@pytest.fixture
async def notes(backend: Backend) -> AsyncIterator[Backend]:  # noqa: F811
    await create_tables(models=[NestNote])
    yield backend


async def titles() -> list[str]:
    return sorted(note.title for note in await NestNote.objects.all())


def titles_sync() -> list[str]:
    return sorted(note.title for note in NestNote.objects.all_sync())


async def test_a_failed_nested_block_undoes_its_own_work_only(notes: Backend) -> None:
    async with atomic():
        await NestNote.objects.create(title="outer")
        with pytest.raises(Boom):
            async with atomic():
                await NestNote.objects.create(title="inner")
                raise Boom
        async with atomic() as kept:
            await NestNote.objects.create(title="kept")
            assert kept.savepoint == "sp_1"
        async with atomic() as dropped:
            await NestNote.objects.create(title="dropped")
            dropped.set_rollback()
    assert await titles() == ["kept", "outer"]


async def test_a_failed_statement_in_a_nested_block_leaves_the_outer_usable(notes: Backend) -> None:
    async with atomic():
        await NestNote.objects.create(title="a")
        with pytest.raises(UniqueViolationError):
            async with atomic():
                await NestNote.objects.create(title="b")
                await NestNote.objects.create(title="a")  # fails inside the savepoint
        await NestNote.objects.create(title="c")  # the transaction goes on after the rollback to it
    assert await titles() == ["a", "c"]


async def test_three_levels_with_the_middle_one_failing(notes: Backend) -> None:
    async with atomic():
        await NestNote.objects.create(title="1")
        with pytest.raises(Boom):
            async with atomic():
                await NestNote.objects.create(title="2")
                async with atomic() as third:
                    assert third.savepoint == "sp_2"
                    await NestNote.objects.create(title="3")
                raise Boom  # takes the released third level with it
        await NestNote.objects.create(title="4")
    assert await titles() == ["1", "4"]


async def test_the_sync_form_from_a_thread(notes: Backend) -> None:
    def work() -> list[str]:
        with atomic():
            NestNote.objects.create_sync(title="sync-outer")
            with pytest.raises(Boom):
                with atomic():
                    NestNote.objects.create_sync(title="sync-inner")
                    raise Boom
        with pytest.raises(Boom):
            with atomic():
                NestNote.objects.create_sync(title="sync-lost")
                raise Boom
        return titles_sync()

    assert await asyncio.to_thread(work) == ["sync-outer"]
    assert await titles() == ["sync-outer"]


async def test_the_decorator_forms(notes: Backend) -> None:
    @atomic
    async def add_pair(first: str, second: str) -> None:
        await NestNote.objects.create(title=first)
        await NestNote.objects.create(title=second)  # a duplicate undoes the first too

    @atomic()
    def add_sync(title: str) -> None:
        NestNote.objects.create_sync(title=title)
        raise Boom

    await add_pair("x", "y")
    with pytest.raises(UniqueViolationError):
        await add_pair("z", "x")
    with pytest.raises(Boom):
        await asyncio.to_thread(add_sync, "w")
    assert await titles() == ["x", "y"]


async def test_other_tasks_and_threads_run_outside_the_transaction(notes: Backend) -> None:
    async def child_sees() -> list[str]:
        assert get_active_transaction() is None
        return await titles()

    async with atomic() as tx:
        await NestNote.objects.create(title="uncommitted")
        assert await titles() == ["uncommitted"]  # this task sees its own work
        assert await asyncio.create_task(child_sees()) == []
        assert await asyncio.to_thread(titles_sync) == []
        assert get_active_transaction() is tx.transaction
    assert await asyncio.create_task(child_sees()) == ["uncommitted"]


async def test_one_block_object_shared_by_concurrent_tasks(notes: Backend) -> None:
    block = atomic()  # one object, entered by every task at once

    async def add(n: int) -> None:
        async with block:
            await NestNote.objects.create(title=f"n{n}")
            await asyncio.sleep(0)
            await NestNote.objects.create(title=f"m{n}")
            if n % 3 == 0:
                block.set_rollback()

    await asyncio.gather(*(add(n) for n in range(9)))
    kept = [n for n in range(9) if n % 3]
    assert await titles() == sorted([f"n{n}" for n in kept] + [f"m{n}" for n in kept])
