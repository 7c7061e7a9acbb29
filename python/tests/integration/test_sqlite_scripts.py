"""``execute_raw`` runs one statement; ``execute_script`` runs several (issue 12, defect 11)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde  # noqa: E402
import oxyde.db as db  # noqa: E402
from oxyde.db import atomic, execute_raw, execute_raw_sync, execute_script, execute_script_sync  # noqa: E402
from oxyde.exceptions import DatabaseError, UnsupportedFeatureError  # noqa: E402

SCRIPT = """
CREATE TABLE t (x INTEGER);  -- the table
INSERT INTO t VALUES (1);
/* two more */ INSERT INTO t VALUES (2), (3);
"""


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'scripts.db'}"


@pytest.fixture
def sync_db(url: str) -> Iterator[None]:
    db.init_sync(default=url)
    yield
    db.close_sync()


@pytest.fixture
async def async_db(url: str) -> AsyncIterator[None]:
    await db.init(default=url)
    yield
    await db.close()


def test_sync_raw_refuses_a_second_statement_before_anything_runs(sync_db: None) -> None:
    execute_raw_sync("CREATE TABLE t (x INTEGER)")
    with pytest.raises(UnsupportedFeatureError) as caught:
        execute_raw_sync("INSERT INTO t VALUES (1); DROP TABLE t")
    assert caught.value.details["feature"] == "multiple_statements"
    assert execute_raw_sync("SELECT COUNT(*) AS n FROM t") == [{"n": 0}]
    assert execute_raw_sync("SELECT 1 AS one; -- trailing comment\n;") == [{"one": 1}]


async def test_async_raw_refuses_a_second_statement(async_db: None) -> None:
    await execute_raw("CREATE TABLE t (x INTEGER)")
    with pytest.raises(UnsupportedFeatureError):
        await execute_raw("SELECT 1; DROP TABLE t")
    assert await execute_raw("SELECT COUNT(*) AS n FROM t") == [{"n": 0}]


def test_sync_script_runs_every_statement(sync_db: None) -> None:
    assert execute_script_sync(SCRIPT) is None
    assert execute_raw_sync("SELECT x FROM t ORDER BY x") == [{"x": 1}, {"x": 2}, {"x": 3}]


async def test_async_script_runs_every_statement_and_joins_atomic(async_db: None) -> None:
    assert await oxyde.execute_script(SCRIPT) is None
    with pytest.raises(DatabaseError):
        async with atomic():
            await execute_script("INSERT INTO t VALUES (4); INSERT INTO t VALUES (5)")
            await execute_script("INSERT INTO missing VALUES (6)")
    assert await execute_raw("SELECT COUNT(*) AS n FROM t") == [{"n": 3}]
