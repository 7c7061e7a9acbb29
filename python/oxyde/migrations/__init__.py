"""Migrations: model snapshots, migration files, and applying them (REFERENCE-API §1.11, §4).

``makemigrations`` compares :func:`extract_current_schema` (the models) with
:func:`replay_migrations` (the files) through the engine's differ and writes the difference with
:func:`generate_migration_file`; :func:`apply_migrations` and :func:`rollback_migrations` run the
files on a database (``_runner`` says how each database keeps a run safe).

Names load on first access: ``oxyde.db`` imports :mod:`oxyde.migrations.utils`, and the runner
imports ``oxyde.db``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from oxyde.migrations.utils import detect_dialect

if TYPE_CHECKING:
    from oxyde.migrations._context import MigrationContext
    from oxyde.migrations._extract import extract_current_schema
    from oxyde.migrations._files import get_migration_files, load_migration_module
    from oxyde.migrations._renames import RenameCandidate, apply_renames, rename_candidates
    from oxyde.migrations._replay import replay_migrations
    from oxyde.migrations._runner import (
        MigrationNotFoundError,
        MigrationPlan,
        MissingMigrationFileWarning,
        apply_migrations,
        migrate,
        rollback_migration,
        rollback_migrations,
    )
    from oxyde.migrations._squash import SquashResult, squash_migrations
    from oxyde.migrations._state import SchemaState
    from oxyde.migrations._tracker import (
        ensure_migrations_table,
        get_applied_migrations,
        get_pending_migrations,
        record_migration,
        remove_migration,
    )
    from oxyde.migrations._writer import generate_migration_file

_WHERE: dict[str, str] = {
    "MigrationContext": "_context",
    "MigrationNotFoundError": "_runner",
    "MigrationPlan": "_runner",
    "MissingMigrationFileWarning": "_runner",
    "RenameCandidate": "_renames",
    "SchemaState": "_state",
    "SquashResult": "_squash",
    "apply_migrations": "_runner",
    "apply_renames": "_renames",
    "ensure_migrations_table": "_tracker",
    "extract_current_schema": "_extract",
    "generate_migration_file": "_writer",
    "get_applied_migrations": "_tracker",
    "get_migration_files": "_files",
    "get_pending_migrations": "_tracker",
    "load_migration_module": "_files",
    "migrate": "_runner",
    "record_migration": "_tracker",
    "remove_migration": "_tracker",
    "rename_candidates": "_renames",
    "replay_migrations": "_replay",
    "rollback_migration": "_runner",
    "rollback_migrations": "_runner",
    "squash_migrations": "_squash",
}

__all__ = [
    "MigrationContext",
    "MigrationNotFoundError",
    "MigrationPlan",
    "MissingMigrationFileWarning",
    "RenameCandidate",
    "SchemaState",
    "SquashResult",
    "apply_migrations",
    "apply_renames",
    "detect_dialect",
    "ensure_migrations_table",
    "extract_current_schema",
    "generate_migration_file",
    "get_applied_migrations",
    "get_migration_files",
    "get_pending_migrations",
    "load_migration_module",
    "migrate",
    "record_migration",
    "remove_migration",
    "rename_candidates",
    "replay_migrations",
    "rollback_migration",
    "rollback_migrations",
    "squash_migrations",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'oxyde.migrations' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"oxyde.migrations.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
