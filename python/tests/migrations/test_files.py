"""Migration files: numbering, depends_on, the written source, and replaying it into a schema."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from oxyde.exceptions import ManualMigrationError, MigrationError
from oxyde.migrations import (
    MigrationContext,
    SchemaState,
    generate_migration_file,
    get_migration_files,
    replay_migrations,
)
from oxyde.migrations._files import migration_files
from oxyde.migrations._replay import collect


def _field(name: str, kind: str = "big_integer", **extra: Any) -> dict[str, Any]:
    field = {
        "name": name,
        "column_type": {"kind": kind},
        "db_type": None,
        "nullable": False,
        "primary_key": False,
        "unique": False,
        "default": None,
        "auto_increment": False,
    }
    field.update(extra)
    return field


def _table(name: str, *fields: dict[str, Any], **parts: Any) -> dict[str, Any]:
    return {
        "name": name,
        "fields": [_field("id", primary_key=True, auto_increment=True), *fields],
        "indexes": parts.get("indexes", []),
        "foreign_keys": parts.get("foreign_keys", []),
        "checks": parts.get("checks", []),
        "comment": None,
    }


POST = _table("post", _field("title", "string", column_type={"kind": "string", "length": 200}, max_length=200))


def test_numbering_depends_on_and_other_files_ignored(tmp_path: Path) -> None:
    (tmp_path / "app.db").write_bytes(b"x")
    (tmp_path / "app.db-wal").write_bytes(b"x")
    (tmp_path / "notes.py").write_text("raise SystemExit('not a migration')\n")
    first = generate_migration_file([{"type": "create_table", "table": POST}], str(tmp_path))
    assert isinstance(first, Path) and first.name == "0001_create_post_table.py"
    second = generate_migration_file(
        [{"type": "add_column", "table": "post", "field": _field("views", default="0")}], tmp_path
    )
    assert second.name == "0002_add_views_to_post.py"
    third = generate_migration_file([], tmp_path, name="data fix")
    assert third.name == "0003_data_fix.py"
    files = migration_files(tmp_path)
    assert [f.name for f in files] == ["0001_create_post_table", "0002_add_views_to_post", "0003_data_fix"]
    assert [f.depends_on for f in files] == [None, "0001_create_post_table", "0002_add_views_to_post"]
    assert get_migration_files(tmp_path) == [f.path for f in files]


def test_numbering_continues_after_gaps_and_hand_written_numbers(tmp_path: Path) -> None:
    (tmp_path / "0007_manual.py").write_text("depends_on = None\n\ndef upgrade(ctx):\n    pass\n\ndef downgrade(ctx):\n    pass\n")
    path = generate_migration_file([], tmp_path, name="next")
    assert path.name == "0008_next.py"
    assert migration_files(tmp_path)[-1].depends_on == "0007_manual"


def test_written_file_replays_to_the_same_schema(tmp_path: Path) -> None:
    user = _table(
        "user",
        _field("email", "string", unique=True),
        indexes=[{"name": "user_email_idx", "fields": ["email"], "unique": False, "method": None, "where": None}],
        checks=[{"name": "chk_user_0", "expression": "id > 0"}],
    )
    post = _table(
        "post",
        _field("author_id", nullable=True),
        foreign_keys=[
            {"name": "fk_post_author_id", "columns": ["author_id"], "ref_table": "user", "ref_columns": ["id"],
             "on_delete": "CASCADE", "on_update": "CASCADE"}
        ],
    )
    generate_migration_file([{"type": "create_table", "table": user}, {"type": "create_table", "table": post}], tmp_path)
    snap = replay_migrations(tmp_path)
    assert snap == {"version": 1, "tables": {"user": user, "post": post}}


def test_file_is_readable_python(tmp_path: Path) -> None:
    path = generate_migration_file([{"type": "create_table", "table": POST}], tmp_path)
    text = path.read_text()
    assert text.startswith('"""Auto-generated migration.')
    assert "depends_on = None" in text
    assert 'ctx.create_table(\n        "post",\n        fields=[' in text
    assert "def downgrade(ctx):" in text and 'ctx.drop_table("post")' in text
    assert max(len(line) for line in text.splitlines()) <= 100
    compile(text, str(path), "exec")


def _ops_roundtrip(tmp_path: Path, base: list[dict[str, Any]], change: list[dict[str, Any]]) -> tuple[dict, dict, dict]:
    """(schema before, after upgrade, after downgrade) of a file holding ``change``."""
    state = SchemaState()
    for op in base:
        state.apply(op)
    before = state.to_snapshot()
    path = generate_migration_file(change, tmp_path)
    file = next(f for f in migration_files(tmp_path) if f.path == path)
    collect(file, state)
    after = state.to_snapshot()
    collect(file, state, "downgrade")
    return before, after, state.to_snapshot()


@pytest.mark.parametrize(
    "change",
    [
        [{"type": "add_column", "table": "post", "field": _field("views", default="0")}],
        [{"type": "drop_column", "table": "post", "field": "title", "field_def": POST["fields"][1]}],
        [{"type": "rename_column", "table": "post", "old_name": "title", "new_name": "headline"}],
        [{"type": "rename_table", "old_name": "post", "new_name": "article"}],
        [{"type": "alter_column", "table": "post", "old_field": POST["fields"][1],
          "new_field": {**POST["fields"][1], "nullable": True, "column_type": {"kind": "text"}}}],
        [{"type": "create_index", "table": "post", "index": {"name": "post_title_idx", "fields": ["title"], "unique": True, "method": None, "where": None}}],
        [{"type": "add_check", "table": "post", "check": {"name": "c1", "expression": "id > 0"}}],
        [{"type": "drop_table", "name": "post", "table": POST}],
        [{"type": "add_foreign_key", "table": "post", "fk": {"name": "fk_post_id", "columns": ["id"], "ref_table": "post", "ref_columns": ["id"], "on_delete": "CASCADE", "on_update": "NO ACTION"}}],
    ],
    ids=lambda ops: ops[0]["type"],
)
def test_downgrade_undoes_upgrade(tmp_path: Path, change: list[dict[str, Any]]) -> None:
    before, after, reverted = _ops_roundtrip(tmp_path, [{"type": "create_table", "table": POST}], change)
    assert after != before
    assert reverted == before


def test_drop_without_its_definition_cannot_be_reversed_silently(tmp_path: Path) -> None:
    path = generate_migration_file([{"type": "drop_column", "table": "post", "field": "title"}], tmp_path)
    assert "ctx.require_manual(" in path.read_text()
    file = migration_files(tmp_path)[0]
    with pytest.raises(ManualMigrationError):
        file.module.downgrade(MigrationContext(mode="execute"))


def test_replay_errors_name_the_file_and_column(tmp_path: Path) -> None:
    (tmp_path / "0001_bad.py").write_text(
        "depends_on = None\n\ndef upgrade(ctx):\n    ctx.drop_column('nope', 'x')\n\ndef downgrade(ctx):\n    pass\n"
    )
    with pytest.raises(MigrationError, match="0001_bad"):
        replay_migrations(tmp_path)


def test_a_file_that_does_not_import_is_a_migration_error(tmp_path: Path) -> None:
    (tmp_path / "0001_broken.py").write_text("def upgrade(ctx)\n")
    with pytest.raises(MigrationError, match="0001_broken.py"):
        migration_files(tmp_path)


def test_circular_depends_on(tmp_path: Path) -> None:
    for name, dep in (("0001_a", "0002_b"), ("0002_b", "0001_a")):
        (tmp_path / f"{name}.py").write_text(f"depends_on = {dep!r}\ndef upgrade(ctx): pass\ndef downgrade(ctx): pass\n")
    with pytest.raises(MigrationError, match="circular"):
        migration_files(tmp_path)


def test_depends_on_orders_files(tmp_path: Path) -> None:
    (tmp_path / "0001_a.py").write_text("depends_on = '0002_b'\ndef upgrade(ctx): pass\ndef downgrade(ctx): pass\n")
    (tmp_path / "0002_b.py").write_text("depends_on = None\ndef upgrade(ctx): pass\ndef downgrade(ctx): pass\n")
    assert [f.name for f in migration_files(tmp_path)] == ["0002_b", "0001_a"]


def test_legacy_field_format_replays_with_a_future_warning(tmp_path: Path) -> None:
    (tmp_path / "0001_old.py").write_text(
        "depends_on = None\n\ndef upgrade(ctx):\n"
        "    ctx.create_table('t', fields=[\n"
        "        {'name': 'id', 'python_type': 'int', 'nullable': False, 'primary_key': True, 'unique': False, 'default': None},\n"
        "        {'name': 'name', 'python_type': 'str', 'max_length': 20, 'nullable': True, 'primary_key': False, 'unique': False, 'default': None},\n"
        "    ])\n\ndef downgrade(ctx):\n    ctx.drop_table('t')\n"
    )
    with pytest.warns(FutureWarning):
        snap = replay_migrations(tmp_path)
    fields = {f["name"]: f for f in snap["tables"]["t"]["fields"]}
    assert fields["id"]["column_type"] == {"kind": "big_integer"} and fields["id"]["auto_increment"]
    assert fields["name"]["column_type"] == {"kind": "string", "length": 20}


def test_collect_mode_records_but_runs_nothing() -> None:
    ran: list[int] = []
    ctx = MigrationContext(mode="collect")
    ctx.create_table("t", [_field("id", primary_key=True)])
    ctx.execute("UPDATE t SET id = id")
    ctx.run_python(lambda conn: ran.append(1))
    ctx.require_manual("fine in collect mode")
    assert [op["type"] for op in ctx.get_collected_operations()] == ["create_table"]
    assert ctx.has_raw_sql and not ran and not ctx.steps


def test_alter_column_rejects_unknown_changes() -> None:
    ctx = MigrationContext(mode="collect")
    ctx.create_table("t", [_field("id", primary_key=True)])
    with pytest.raises(MigrationError):
        ctx.alter_column("t", "id", colour="red")


def test_enum_values_follow_add_and_alter() -> None:
    state = SchemaState()
    state.apply({"type": "create_table", "table": _table("t", _field("m", column_type={"kind": "enum", "name": "m_enum", "values": ["a"]}))})
    state.apply({"type": "add_enum_value", "name": "m_enum", "value": "b"})
    assert state.field("t", "m")["column_type"]["values"] == ["a", "b"]
    state.apply({"type": "alter_enum_type", "name": "m_enum", "old_values": ["a", "b"], "new_values": ["c"]})
    assert state.field("t", "m")["column_type"]["values"] == ["c"]
