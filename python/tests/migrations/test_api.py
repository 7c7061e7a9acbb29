"""The names Oxyde users import (REFERENCE-API §1.11) and the oxyde.core seam."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator

import pytest

import oxyde.core
import oxyde.migrations
from oxyde._native.core import set_core
from oxyde.exceptions import MigrationError, OxydeError

from ..unit.fake_core import FakeCore

REFERENCE = {
    "apply_migrations", "rollback_migration", "rollback_migrations", "extract_current_schema",
    "generate_migration_file", "replay_migrations", "squash_migrations", "MigrationContext",
    "ensure_migrations_table", "get_applied_migrations", "get_pending_migrations", "get_migration_files",
    "record_migration", "remove_migration",
}  # fmt: skip


def test_all_is_sorted_and_covers_the_reference() -> None:
    names = oxyde.migrations.__all__
    assert names == sorted(names) and len(set(names)) == len(names)
    assert REFERENCE <= set(names)
    for name in names:
        assert getattr(oxyde.migrations, name) is not None
    from oxyde.migrations.utils import detect_dialect

    assert detect_dialect("mariadb://x") == "mysql"
    assert oxyde.core.__all__ == ["migration_compute_diff", "migration_to_sql"]


def test_runner_functions_are_coroutines_and_tracker_signatures() -> None:
    for name in ("apply_migrations", "rollback_migration", "rollback_migrations", "ensure_migrations_table",
                 "get_applied_migrations", "record_migration", "remove_migration"):
        assert inspect.iscoroutinefunction(getattr(oxyde.migrations, name)), name
    params = inspect.signature(oxyde.migrations.apply_migrations).parameters
    assert list(params) == ["migrations_dir", "db_alias", "target", "fake"]
    assert params["migrations_dir"].default == "migrations" and params["db_alias"].default == "default"
    params = inspect.signature(oxyde.migrations.rollback_migrations).parameters
    assert list(params) == ["steps", "migrations_dir", "db_alias", "fake"]


def test_migration_errors_are_oxyde_and_runtime_errors() -> None:
    assert issubclass(MigrationError, OxydeError) and issubclass(MigrationError, RuntimeError)
    assert issubclass(oxyde.migrations.MigrationNotFoundError, ValueError)


@pytest.fixture
def core() -> Iterator[FakeCore]:
    fake = FakeCore()
    set_core(fake)
    yield fake
    set_core(None)


def test_core_wrappers_send_json_text_and_return_the_engines_answer(core: FakeCore) -> None:
    core.push({"ops": "[]"}, {"statements": ["CREATE TABLE x (id INTEGER)"]})
    assert oxyde.core.migration_compute_diff('{"version":1,"tables":{}}', '{"version":1,"tables":{}}') == "[]"
    assert oxyde.core.migration_to_sql("[]", "sqlite") == ["CREATE TABLE x (id INTEGER)"]
    assert core.calls == [
        ("migration_diff", {"old": '{"version":1,"tables":{}}', "new": '{"version":1,"tables":{}}'}),
        ("migration_sql", {"ops": "[]", "dialect": "sqlite"}),
    ]


def test_core_wrappers_reject_non_text_and_malformed_answers(core: FakeCore) -> None:
    with pytest.raises(TypeError):
        oxyde.core.migration_compute_diff({"version": 1}, "{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        oxyde.core.migration_to_sql(json.loads("[]"), "sqlite")  # type: ignore[arg-type]
    assert core.calls == []
    core.push({"affected": 0}, {"statements": [1]})
    with pytest.raises(MigrationError):
        oxyde.core.migration_compute_diff("{}", "{}")
    with pytest.raises(MigrationError):
        oxyde.core.migration_to_sql("[]", "sqlite")


def test_engine_errors_pass_through(core: FakeCore) -> None:
    core.push({"error": {"code": 10, "name": "ir_malformed", "message": "bad snapshot", "details": {"key": "tables"}}})
    with pytest.raises(OxydeError) as info:
        oxyde.core.migration_compute_diff("{}", "{}")
    assert info.value.code == 10


def test_oxyde_submodule_paths() -> None:
    from oxyde.migrations.context import MigrationContext
    from oxyde.migrations.executor import apply_migrations, rollback_migration, rollback_migrations
    from oxyde.migrations.extract import extract_current_schema
    from oxyde.migrations.generator import generate_migration_file
    from oxyde.migrations.replay import SchemaState, replay_migrations
    from oxyde.migrations.squash import squash_migrations
    from oxyde.migrations.tracker import get_migration_files, get_pending_migrations
    from oxyde.migrations.utils import load_migration_module

    assert MigrationContext is oxyde.migrations.MigrationContext
    assert apply_migrations is oxyde.migrations.apply_migrations
    assert {rollback_migration, rollback_migrations, extract_current_schema, generate_migration_file, SchemaState,
            replay_migrations, squash_migrations, get_migration_files, get_pending_migrations, load_migration_module}
