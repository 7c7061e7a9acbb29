"""apply_migrations / rollback_migrations / migrate on every backend, with files whose steps are
``ctx.execute`` and ``ctx.run_python`` (the engine's differ is not involved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from oxyde.db import execute_raw
from oxyde.exceptions import MigrationError
from oxyde.migrations import (
    MigrationNotFoundError,
    MissingMigrationFileWarning,
    apply_migrations,
    get_applied_migrations,
    migrate,
    rollback_migration,
    rollback_migrations,
)

from ..integration._backends import Backend, backend  # noqa: F401  (the fixture)
from ._helpers import chain, write

pytestmark = pytest.mark.usefixtures("backend")


async def _tables(b: Backend) -> set[str]:
    if b.name == "sqlite":
        rows = await execute_raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    elif b.name == "postgres":
        rows = await execute_raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'")
    else:
        rows = await execute_raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()")
    return {str(r["name"]) for r in rows} - {"oxyde_migrations", "oxyde_migration_progress"}


def _three(tmp_path: Path) -> list[str]:
    return chain(
        tmp_path,
        ("0001_a", "ctx.execute('CREATE TABLE t_a (id INTEGER)')", "ctx.execute('DROP TABLE t_a')"),
        ("0002_b", "ctx.execute('CREATE TABLE t_b (id INTEGER)')", "ctx.execute('DROP TABLE t_b')"),
        ("0003_c", "ctx.execute('CREATE TABLE t_c (id INTEGER)')", "ctx.execute('DROP TABLE t_c')"),
    )


async def test_apply_all_then_nothing_pending(backend: Backend, tmp_path: Path) -> None:
    names = _three(tmp_path)
    assert await apply_migrations(tmp_path) == names
    assert await _tables(backend) == {"t_a", "t_b", "t_c"}
    assert await get_applied_migrations() == names
    assert await apply_migrations(str(tmp_path)) == []


async def test_target_matches_stem_or_number_prefix(backend: Backend, tmp_path: Path) -> None:
    _three(tmp_path)
    assert await apply_migrations(tmp_path, target="0001") == ["0001_a"]
    assert await apply_migrations(tmp_path, target="0002_b") == ["0002_b"]
    with pytest.raises(MigrationNotFoundError):
        await apply_migrations(tmp_path, target="0002")  # no longer pending
    with pytest.raises(ValueError):  # Oxyde raises ValueError here
        await apply_migrations(tmp_path, target="00")
    assert await _tables(backend) == {"t_a", "t_b"}


async def test_rollback_in_history_order(backend: Backend, tmp_path: Path) -> None:
    _three(tmp_path)
    await apply_migrations(tmp_path)
    assert await rollback_migrations(2, tmp_path) == ["0003_c", "0002_b"]
    assert await _tables(backend) == {"t_a"}
    assert await get_applied_migrations() == ["0001_a"]
    assert await rollback_migrations(5, tmp_path) == ["0001_a"]
    assert await _tables(backend) == set()


async def test_rollback_refuses_when_an_applied_migration_depends_on_it(backend: Backend, tmp_path: Path) -> None:
    _three(tmp_path)
    await apply_migrations(tmp_path)
    with pytest.raises(MigrationError):
        await rollback_migration("0002_b", tmp_path)
    assert await get_applied_migrations() == ["0001_a", "0002_b", "0003_c"]


async def test_migrate_to_earlier_target_and_zero(backend: Backend, tmp_path: Path) -> None:
    _three(tmp_path)
    plan = await migrate(None, tmp_path)
    assert plan.applied == ["0001_a", "0002_b", "0003_c"]
    plan = await migrate("0001", tmp_path)
    assert plan.rolled_back == ["0003_c", "0002_b"] and plan.applied == []
    assert await _tables(backend) == {"t_a"}
    plan = await migrate("0003", tmp_path)
    assert plan.applied == ["0002_b", "0003_c"]
    plan = await migrate("zero", tmp_path)
    assert plan.rolled_back == ["0003_c", "0002_b", "0001_a"]
    assert await _tables(backend) == set()
    assert await get_applied_migrations() == []


async def test_fake_records_without_running(backend: Backend, tmp_path: Path) -> None:
    _three(tmp_path)
    assert await apply_migrations(tmp_path, fake=True) == ["0001_a", "0002_b", "0003_c"]
    assert await _tables(backend) == set()
    assert await rollback_migrations(1, tmp_path, fake=True) == ["0003_c"]
    assert await get_applied_migrations() == ["0001_a", "0002_b"]


async def test_history_without_files_warns_and_carries_on(backend: Backend, tmp_path: Path) -> None:
    _three(tmp_path)
    await apply_migrations(tmp_path, target="0001")
    (tmp_path / "0001_a.py").unlink()
    with pytest.warns(MissingMigrationFileWarning, match="0001_a"):
        assert await apply_migrations(tmp_path) == ["0002_b", "0003_c"]


async def test_missing_dependency_is_an_error(backend: Backend, tmp_path: Path) -> None:
    write(tmp_path, "0002_b", "ctx.execute('CREATE TABLE t_b (id INTEGER)')", depends_on="0001_gone")
    with pytest.raises(MigrationError, match="0001_gone"):
        await apply_migrations(tmp_path)
    assert await _tables(backend) == set()


async def test_run_python_runs_in_order_with_the_migration(backend: Backend, tmp_path: Path) -> None:
    write(
        tmp_path,
        "0001_data",
        """
        ctx.execute('CREATE TABLE t_data (n INTEGER)')
        ctx.run_python(fill)
        ctx.run_python(fill_async)
        ctx.execute('UPDATE t_data SET n = n * 10')
        """,
        "ctx.execute('DROP TABLE t_data')",
        prelude="""
        def fill(conn):
            conn.execute_sync("INSERT INTO t_data (n) VALUES (1)")

        async def fill_async(conn):
            rows = await conn.execute("SELECT COUNT(*) AS c FROM t_data")
            assert int(rows[0]["c"]) == 1
            await conn.execute("INSERT INTO t_data (n) VALUES (2)")
        """,
    )
    await apply_migrations(tmp_path)
    rows = await execute_raw("SELECT n FROM t_data ORDER BY n")
    assert [int(r["n"]) for r in rows] == [10, 20]


async def test_failing_migration_leaves_database_and_history_as_before(backend: Backend, tmp_path: Path) -> None:
    chain(
        tmp_path,
        ("0001_ok", "ctx.execute('CREATE TABLE t_ok (id INTEGER)')", "ctx.execute('DROP TABLE t_ok')"),
        (
            "0002_bad",
            "ctx.execute('CREATE TABLE t_bad (id INTEGER)')\nctx.execute('INSERT INTO no_such_table VALUES (1)')",
            "ctx.execute('DROP TABLE t_bad')",
        ),
    )
    with pytest.raises(MigrationError) as info:
        await apply_migrations(tmp_path)
    assert info.value.details["migration"] == "0002_bad" and info.value.details["step"] == 2
    assert await get_applied_migrations() == ["0001_ok"]
    if backend.name == "mysql":
        # DDL commits at once: the first statement stays, and the run resumes after it.
        assert await _tables(backend) == {"t_ok", "t_bad"}
        write(
            tmp_path,
            "0002_bad",
            "ctx.execute('CREATE TABLE t_bad (id INTEGER)')\nctx.execute('INSERT INTO t_bad VALUES (1)')",
            "ctx.execute('DROP TABLE t_bad')",
            depends_on="0001_ok",
        )
        assert await apply_migrations(tmp_path) == ["0002_bad"]
        assert [int(r["id"]) for r in await execute_raw("SELECT id FROM t_bad")] == [1]
    else:
        assert await _tables(backend) == {"t_ok"}


async def test_failing_rollback_keeps_the_migration_applied(backend: Backend, tmp_path: Path) -> None:
    chain(
        tmp_path,
        ("0001_a", "ctx.execute('CREATE TABLE t_a (id INTEGER)')", "ctx.execute('DROP TABLE t_a')\nctx.execute('DROP TABLE no_such_table')"),
    )
    await apply_migrations(tmp_path)
    with pytest.raises(MigrationError):
        await rollback_migrations(1, tmp_path)
    assert await get_applied_migrations() == ["0001_a"]
    if backend.name != "mysql":
        assert await _tables(backend) == {"t_a"}
