"""migrations-samples/: the files are what makemigrations writes for each model version, their DDL
matches the golden files per dialect, and applied on a real database they build the models' schema,
step by step, and migrate back to an empty database."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from oxyde.db import execute_raw
from oxyde.migrations import get_applied_migrations, migrate, replay_migrations
from oxyde.migrations._files import migration_files

from ..integration._backends import Backend, backend  # noqa: F401  (the fixture)
from . import _introspect

_SAMPLES = Path(__file__).resolve().parents[3] / "migrations-samples"
sys.path.insert(0, str(_SAMPLES))
import samples  # noqa: E402

#: Column types each dialect may report for a column-type kind (prefixes, lower case).
_TYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "sqlite": {"big_integer": ("integer", "bigint"), "double": ("real", "double", "float"),
               "string": ("varchar", "text"), "boolean": ("boolean", "integer")},
    "postgres": {"big_integer": ("bigint",), "double": ("double precision",),
                 "string": ("character varying", "text"), "boolean": ("boolean",)},
    "mysql": {"big_integer": ("bigint",), "double": ("double",), "string": ("varchar", "text", "longtext"),
              "boolean": ("tinyint(1)",)},
}


def test_files_replay_to_each_model_version() -> None:
    files = migration_files(samples.MIGRATIONS_DIR)
    assert [f.name for f in files] == [f"{i:04d}_{s.name}" for i, s in enumerate(samples.STEPS, 1)]
    for i, step in enumerate(samples.STEPS, 1):
        state = replay_migrations_upto(files, i)
        assert state == samples.step_snapshot(step), step.module


def replay_migrations_upto(files: list[Any], count: int) -> dict[str, Any]:
    from oxyde.migrations._replay import replay_files

    return replay_files(files[:count]).to_snapshot()


def test_no_changes_left_after_the_last_file() -> None:
    import json

    from oxyde.core import migration_compute_diff

    last = samples.step_snapshot(samples.STEPS[-1])
    ops = json.loads(migration_compute_diff(json.dumps(replay_migrations(samples.MIGRATIONS_DIR)), json.dumps(last)))
    assert ops == []


def test_rename_step_is_a_rename() -> None:
    file = migration_files(samples.MIGRATIONS_DIR)[4]
    text = file.path.read_text()
    assert 'ctx.rename_column("post", "body", "content")' in text
    assert "drop_column" not in text


@pytest.mark.parametrize("dialect", samples.DIALECTS)
def test_golden_ddl(dialect: str) -> None:
    produced = samples.golden_sql(dialect)
    directory = samples.SQL_DIR / dialect
    if os.environ.get("OXYDE_UPDATE_GOLDEN") == "1":
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in produced.items():
            (directory / name).write_text(text, encoding="utf-8")
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.sql"))}
    assert on_disk == produced


def _check(schema: dict[str, _introspect.Table], snapshot: dict[str, Any], dialect: str) -> None:
    assert set(schema) == set(snapshot["tables"])
    for name, table in snapshot["tables"].items():
        got = schema[name]
        assert set(got.columns) == {f["name"] for f in table["fields"]}, name
        for field in table["fields"]:
            column_type, nullable = got.columns[field["name"]]
            assert nullable == field["nullable"], (name, field["name"])
            kinds = _TYPES[dialect].get(field["column_type"]["kind"])
            if kinds:
                assert column_type.startswith(kinds), (name, field["name"], column_type)
        assert {i["name"] for i in table["indexes"]} <= got.indexes, name
        expected_fks = {
            (fk["columns"][0], fk["ref_table"], fk["ref_columns"][0], fk["on_delete"]) for fk in table["foreign_keys"]
        }
        assert got.foreign_keys == expected_fks, name


async def test_apply_each_step_then_zero(backend: Backend) -> None:
    files = migration_files(samples.MIGRATIONS_DIR)
    for i, (file, step) in enumerate(zip(files, samples.STEPS, strict=True)):
        plan = await migrate(file.name, samples.MIGRATIONS_DIR)
        assert plan.applied == [file.name]
        _check(await _introspect.schema(backend.name), samples.step_snapshot(step), backend.name)
        if step.module == "s4_add_fk":
            await execute_raw("INSERT INTO author (name, email) VALUES ('Ada', 'ada@example.com')")
            await execute_raw(
                "INSERT INTO post (title, body, published, views, author_id) VALUES ('Notes', 'kept text', "
                + ("TRUE" if backend.name == "postgres" else "1")
                + ", 3, (SELECT id FROM author))"
            )
        if step.module == "s5_rename_field":  # the rename kept the data
            assert [r["content"] for r in await execute_raw("SELECT content FROM post")] == ["kept text"]
        if step.module == "s6_change_type":
            assert [float(r["views"]) for r in await execute_raw("SELECT views FROM post")] == [3.0]
    assert await get_applied_migrations() == [f.name for f in files]
    plan = await migrate("zero", samples.MIGRATIONS_DIR)
    assert plan.rolled_back == [f.name for f in reversed(files)]
    assert await _introspect.schema(backend.name) == {}
    assert await get_applied_migrations() == []
