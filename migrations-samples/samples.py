"""The samples' model versions, and how their migration files and golden DDL are made.

``python migrations-samples/samples.py`` rewrites ``migrations/`` and ``sql/`` from ``steps/``
(python/tests/migrations/test_samples.py checks that they are current and applies them).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
STEPS_DIR = HERE / "steps"
MIGRATIONS_DIR = HERE / "migrations"
SQL_DIR = HERE / "sql"
DIALECTS = ("sqlite", "postgres", "mysql")
#: The time written in every sample file's header (so regenerating changes nothing that did not change).
CREATED = dt.datetime(2026, 1, 1)


@dataclass(frozen=True)
class Step:
    module: str  # steps/<module>.py: the models at this version
    name: str  # the migration file's name after NNNN_
    renames: tuple[tuple[str, str, str], ...] = ()  # (table, old column, new column), as --rename


STEPS = (
    Step("s1_create_blog", "create_blog"),
    Step("s2_add_views", "add_views_with_default"),
    Step("s3_add_index", "add_title_index"),
    Step("s4_add_fk", "add_author_fk"),
    Step("s5_rename_field", "rename_body_to_content", (("post", "body", "content"),)),
    Step("s6_change_type", "views_to_float"),
    Step("s7_drop_table", "drop_tag"),
)


def load_step(step: Step) -> ModuleType:
    """Import ``steps/<module>.py`` as the only registered models (the registry is cleared first)."""
    from oxyde.models.registry import clear_registry, finalize_pending

    clear_registry()
    path = STEPS_DIR / f"{step.module}.py"
    spec = importlib.util.spec_from_file_location(f"oxyde_samples_{step.module}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    finalize_pending()
    return module


def step_snapshot(step: Step) -> dict[str, Any]:
    from oxyde.migrations import extract_current_schema

    load_step(step)
    return extract_current_schema()


def step_operations(step: Step, old: dict[str, Any]) -> list[dict[str, Any]]:
    """What ``makemigrations --rename ...`` writes for ``step`` over the schema ``old``."""
    from oxyde.core import migration_compute_diff
    from oxyde.migrations import RenameCandidate, apply_renames

    new = step_snapshot(step)
    if step.renames:
        accepted = [RenameCandidate("column", table, old_name, new_name) for table, old_name, new_name in step.renames]
        return apply_renames(old, new, accepted)
    return json.loads(migration_compute_diff(json.dumps(old), json.dumps(new)))


def golden_sql(dialect: str) -> dict[str, str]:
    """``{file name: SQL text}``: each migration's upgrade and downgrade statements on ``dialect``."""
    from oxyde.migrations._files import migration_files
    from oxyde.migrations._runner import _state_before, plan_steps

    files = migration_files(MIGRATIONS_DIR)
    out: dict[str, str] = {}
    for file in files:
        lines = [f"-- {file.name} on {dialect}", "", "-- upgrade"]
        up, _ = plan_steps(file, _state_before(files, file.name, include=False), dialect, "upgrade")
        lines += [s.describe().rstrip(";") + ";" for s in up]
        lines += ["", "-- downgrade"]
        down, _ = plan_steps(file, _state_before(files, file.name, include=True), dialect, "downgrade")
        lines += [s.describe().rstrip(";") + ";" for s in down]
        out[f"{file.name}.sql"] = "\n".join(lines) + "\n"
    return out


def regenerate() -> None:
    from oxyde.migrations import generate_migration_file, replay_migrations

    shutil.rmtree(MIGRATIONS_DIR, ignore_errors=True)
    MIGRATIONS_DIR.mkdir()
    for step in STEPS:
        ops = step_operations(step, replay_migrations(MIGRATIONS_DIR))
        generate_migration_file(ops, MIGRATIONS_DIR, step.name, header=f"Sample: steps/{step.module}.py.", created=CREATED)
    shutil.rmtree(SQL_DIR, ignore_errors=True)
    for dialect in DIALECTS:
        (SQL_DIR / dialect).mkdir(parents=True)
        for name, text in golden_sql(dialect).items():
            (SQL_DIR / dialect / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "python"))
    regenerate()
    print(f"wrote {MIGRATIONS_DIR} and {SQL_DIR}")
