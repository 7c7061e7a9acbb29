"""The async API on SQLite runs short statements on the loop's thread, and still lets the loop turn."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model  # noqa: E402
from oxyde._native.core import NativeCore, get_core  # noqa: E402
from oxyde.db import atomic, create_tables  # noqa: E402


class InlineNote(Model):
    id: int | None = Field(default=None, db_pk=True)
    body: str = ""

    class Meta:
        is_table = True
        table_name = "inline_notes"


def _count_tickets(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts awaits that went through a worker ticket instead of finishing inline."""
    core = get_core()
    assert isinstance(core, NativeCore)
    tickets: list[int] = []
    plain = core._await_ticket

    async def counted(*args: Any) -> Any:
        tickets.append(args[3])
        return await plain(*args)

    monkeypatch.setattr(core, "_await_ticket", counted)
    return tickets


def test_short_queries_finish_inline_and_the_loop_keeps_turning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def main() -> tuple[int, int, list[str]]:
        await db.init(default=f"sqlite:///{tmp_path / 'inline.db'}")
        try:
            await create_tables()
            note = await InlineNote.objects.create(body="first")
            tickets = _count_tickets(monkeypatch)
            turns = 0

            async def ticker() -> None:
                nonlocal turns
                while True:
                    turns += 1
                    await asyncio.sleep(0)

            task = asyncio.ensure_future(ticker())
            await asyncio.sleep(0)
            before = turns
            bodies = [(await InlineNote.objects.get(id=note.id)).body for _ in range(2000)]
            during = turns - before
            task.cancel()
            return len(tickets), during, bodies
        finally:
            await db.close()

    tickets, during, bodies = asyncio.run(main())
    assert bodies == ["first"] * 2000
    # Each query is a few µs of SQLite: nearly all of them finish inline (a preempted one may not).
    assert tickets < 2000
    # 2000 queries take well over the 1 ms streak limit, so the ticker got turns in between.
    assert during > 0


def test_writes_in_atomic_go_to_a_worker_and_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def main() -> tuple[int, int]:
        await db.init(default=f"sqlite:///{tmp_path / 'tx.db'}")
        try:
            await create_tables()
            tickets = _count_tickets(monkeypatch)
            async with atomic():
                for n in range(5):
                    await InlineNote.objects.create(body=f"n{n}")
            writes = len(tickets)
            return writes, await InlineNote.objects.count()
        finally:
            await db.close()

    writes, count = asyncio.run(main())
    assert writes >= 5  # an interrupted write would roll back the whole transaction: never inline
    assert count == 5
