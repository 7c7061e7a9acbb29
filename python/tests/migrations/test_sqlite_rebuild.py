"""SQLite table rebuilds inside a migration: the rows referencing a rebuilt table survive, and a
rebuild that leaves a dangling reference fails and rolls back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import oxyde.db as db
from oxyde.db import execute_raw
from oxyde.exceptions import MigrationError
from oxyde.migrations import apply_migrations, get_applied_migrations

from ._helpers import chain

_ID = "{'name': 'id', 'column_type': {'kind': 'big_integer'}, 'nullable': False, 'primary_key': True, 'unique': False, 'default': None}"
_NAME = "{'name': 'name', 'column_type': {'kind': 'string'}, 'nullable': False, 'primary_key': False, 'unique': False, 'default': None}"
_REF = "{'name': 'author_id', 'column_type': {'kind': 'big_integer'}, 'nullable': True, 'primary_key': False, 'unique': False, 'default': None}"
_FK = "{'name': 'fk_post_author_id', 'columns': ['author_id'], 'ref_table': 'author', 'ref_columns': ['id'], 'on_delete': 'CASCADE', 'on_update': 'CASCADE'}"

CREATE = (
    "0001_create",
    f"ctx.create_table('author', fields=[{_ID}, {_NAME}])\n"
    f"ctx.create_table('post', fields=[{_ID}, {_REF}], foreign_keys=[{_FK}])",
    "ctx.drop_table('post')\nctx.drop_table('author')",
)


@pytest.fixture
async def sqlite(tmp_path: Path) -> AsyncIterator[None]:
    await db.init(default=f"sqlite:///{tmp_path / 'rebuild.db'}")
    try:
        yield
    finally:
        await db.close()


async def test_rebuilding_a_referenced_table_keeps_the_referencing_rows(sqlite: None, tmp_path: Path) -> None:
    chain(tmp_path / "m", CREATE, ("0002_alter", "ctx.alter_column('author', 'name', nullable=True)", "pass"))
    await apply_migrations(tmp_path / "m", target="0001")
    await execute_raw("INSERT INTO author (id, name) VALUES (1, 'Ada')")
    await execute_raw("INSERT INTO post (id, author_id) VALUES (10, 1)")
    assert await apply_migrations(tmp_path / "m") == ["0002_alter"]  # rebuilds author (DROP TABLE author)
    assert [r["id"] for r in await execute_raw("SELECT id FROM post")] == [10]
    notnull = await execute_raw("SELECT \"notnull\" AS nn FROM pragma_table_info('author') WHERE name = 'name'")
    assert notnull == [{"nn": 0}]
    # enforcement is still on for the application's pool
    with pytest.raises(Exception):
        await execute_raw("INSERT INTO post (id, author_id) VALUES (11, 99)")


async def test_a_rebuild_leaving_a_dangling_reference_fails_and_rolls_back(sqlite: None, tmp_path: Path) -> None:
    chain(
        tmp_path / "m",
        CREATE,
        (
            "0002_orphan",
            "ctx.execute('INSERT INTO post (id, author_id) VALUES (20, 404)')\n"
            "ctx.alter_column('post', 'author_id', nullable=False)",
            "pass",
        ),
    )
    await apply_migrations(tmp_path / "m", target="0001")
    with pytest.raises(MigrationError) as info:
        await apply_migrations(tmp_path / "m")
    assert info.value.details["migration"] == "0002_orphan"
    assert "foreign_key_check" in info.value.details.get("statement", "") or "foreign_key_check" in str(info.value)
    assert await get_applied_migrations() == ["0001_create"]
    assert await execute_raw("SELECT id FROM post") == []
