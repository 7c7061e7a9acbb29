"""The async path under other event loops and frameworks: uvloop, Starlette's lifespan."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde.db import atomic, execute_raw  # noqa: E402
from oxyde.exceptions import UniqueViolationError  # noqa: E402


def test_uvloop_runs_the_eventfd_path(tmp_path: Path) -> None:
    uvloop = pytest.importorskip("uvloop", reason="python3-uvloop is not installed")

    async def main() -> list[dict]:  # type: ignore[type-arg]
        await db.init(default=f"sqlite:///{tmp_path / 'uv.db'}")
        try:
            await execute_raw("CREATE TABLE t (x INTEGER UNIQUE)")
            await asyncio.gather(*(execute_raw("INSERT INTO t VALUES (?)", [n]) for n in range(50)))
            with pytest.raises(UniqueViolationError):
                async with atomic():
                    await execute_raw("INSERT INTO t VALUES (1)")
            return await execute_raw("SELECT COUNT(*) AS c FROM t")
        finally:
            await db.close()

    for _ in range(2):  # a fresh uvloop each time
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            assert runner.run(main()) == [{"c": 50}]
        (tmp_path / "uv.db").unlink()


async def test_starlette_lifespan(tmp_path: Path) -> None:
    starlette = pytest.importorskip("starlette.applications", reason="python3-starlette is not installed")
    app = starlette.Starlette(lifespan=db.lifespan(default=f"sqlite:///{tmp_path / 'app.db'}"))
    async with app.router.lifespan_context(app):
        assert (await db.get_connection()).connected
        assert await execute_raw("SELECT 1 AS one") == [{"one": 1}]
    with pytest.raises(db.ConnectionNotRegisteredError):
        await db.get_connection()
