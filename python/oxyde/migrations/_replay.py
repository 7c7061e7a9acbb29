"""Replaying migration files in collect mode: the schema they build, without a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from oxyde.exceptions import MigrationError
from oxyde.migrations._context import MigrationContext
from oxyde.migrations._files import MigrationFile, migration_files
from oxyde.migrations._state import SchemaState, warn_legacy

__all__ = ["collect", "replay_files", "replay_migrations"]


def collect(file: MigrationFile, state: SchemaState, direction: str = "upgrade") -> MigrationContext:
    """Run ``file``'s ``upgrade`` (or ``downgrade``) in collect mode on ``state`` (changed in place)."""
    fn = getattr(file.module, direction, None)
    if not callable(fn):
        raise MigrationError(f"migration {file.name} has no {direction}(ctx) function")
    ctx = MigrationContext(mode="collect")
    try:
        fn(ctx)
        for op in ctx.get_collected_operations():
            state.apply(op)
    except MigrationError as exc:
        raise MigrationError(f"migration {file.name}: {exc}") from exc
    if ctx.legacy_fields:
        warn_legacy(file.path.name)
    return ctx


def replay_files(files: list[MigrationFile], state: SchemaState | None = None) -> SchemaState:
    """The state after every file's ``upgrade``, in the given order."""
    state = state if state is not None else SchemaState()
    for file in files:
        collect(file, state)
    return state


def replay_migrations(migrations_dir: str | Path = "migrations") -> dict[str, Any]:
    """The snapshot the migration files of ``migrations_dir`` build, in ``depends_on`` order."""
    return replay_files(migration_files(migrations_dir)).to_snapshot()
