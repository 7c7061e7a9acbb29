"""The history table ``oxyde_migrations(id, name, applied_at)``, as Oxyde keeps it.

Every statement is an IR document (create_table, select, insert, delete), so the engine writes the
SQL of each dialect. Calls join the caller's ``atomic()`` block on the alias, which is how a
migration and its history row commit or roll back together. On MySQL, where DDL commits at once,
``oxyde_migration_progress`` records how many statements of a running migration are done, so a
failed one resumes after the last statement that succeeded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from oxyde.db._executor import executor_for
from oxyde.migrations._files import get_migration_files

__all__ = [
    "MIGRATIONS_TABLE",
    "PROGRESS_TABLE",
    "clear_progress",
    "ensure_migrations_table",
    "ensure_progress_table",
    "get_applied_migrations",
    "get_pending_migrations",
    "get_progress",
    "record_migration",
    "remove_migration",
    "set_progress",
]

MIGRATIONS_TABLE = "oxyde_migrations"
PROGRESS_TABLE = "oxyde_migration_progress"

_TYPES: dict[str, dict[str, Any]] = {
    "id": {"kind": "int64"},
    "name": {"kind": "string", "length": 255},
    "applied_at": {"kind": "datetime"},
    "direction": {"kind": "string", "length": 16},
    "done": {"kind": "int64"},
}


def _column(name: str, *, pk: bool = False, unique: bool = False) -> dict[str, Any]:
    return {
        "name": name,
        "type": _TYPES[name],
        "nullable": False,
        "primary_key": pk,
        "auto_increment": pk and name == "id",
        "unique": unique,
        "default": None,
    }


def _create(table: str, columns: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "proto": 1,
        "type": "create_table",
        "table": table,
        "if_not_exists": True,
        "columns": columns,
        "foreign_keys": [],
        "indexes": [],
    }


def _by_name(name: str) -> dict[str, Any]:
    return {"type": "condition", "field": "name", "op": "eq", "value": name}


async def _run(ir: dict[str, Any], using: str) -> dict[str, Any]:
    return await executor_for(using).execute_async(ir)


async def ensure_migrations_table(db_alias: str = "default") -> None:
    """``CREATE TABLE IF NOT EXISTS oxyde_migrations`` (a table Oxyde made is used as it is)."""
    columns = [_column("id", pk=True), _column("name", unique=True), _column("applied_at")]
    await _run(_create(MIGRATIONS_TABLE, columns), db_alias)


async def get_applied_migrations(db_alias: str = "default") -> list[str]:
    """The applied migrations' names, in the order they were applied."""
    await ensure_migrations_table(db_alias)
    result = await _run(
        {
            "proto": 1,
            "type": "select",
            "table": MIGRATIONS_TABLE,
            "columns": ["name"],
            "column_types": {"name": _TYPES["name"]},
            "order_by": [["id", "asc"]],
        },
        db_alias,
    )
    return [str(row[0]) for row in result.get("rows") or []]


async def record_migration(name: str, db_alias: str = "default") -> None:
    """Add ``name`` to the history, applied now (UTC, naive, as Oxyde's ``NOW()`` on a UTC server)."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    await _run(
        {
            "proto": 1,
            "type": "insert",
            "table": MIGRATIONS_TABLE,
            "columns": ["name", "applied_at"],
            "rows": [[name, now]],
            "column_types": {"name": _TYPES["name"], "applied_at": _TYPES["applied_at"]},
        },
        db_alias,
    )


async def remove_migration(name: str, db_alias: str = "default") -> None:
    """Remove ``name`` from the history (after rolling it back)."""
    await _run(
        {"proto": 1, "type": "delete", "table": MIGRATIONS_TABLE, "filter_tree": _by_name(name)}, db_alias
    )


def get_pending_migrations(migrations_dir: str | Path = "migrations", applied: list[str] | None = None) -> list[Path]:
    """The migration files not in ``applied``, in dependency order."""
    done = set(applied or [])
    return [path for path in get_migration_files(migrations_dir) if path.stem not in done]


# --- MySQL progress ---------------------------------------------------------------------------------


async def ensure_progress_table(db_alias: str = "default") -> None:
    columns = [_column("name", pk=True), _column("direction"), _column("done")]
    await _run(_create(PROGRESS_TABLE, columns), db_alias)


async def get_progress(name: str, direction: str, db_alias: str = "default") -> int:
    """How many statements of ``name``'s ``direction`` ran before a failure (0: none recorded)."""
    result = await _run(
        {
            "proto": 1,
            "type": "select",
            "table": PROGRESS_TABLE,
            "columns": ["direction", "done"],
            "column_types": {"direction": _TYPES["direction"], "done": _TYPES["done"]},
            "filter_tree": _by_name(name),
        },
        db_alias,
    )
    for row_direction, done in result.get("rows") or []:
        if row_direction == direction:
            return int(done)
    return 0


async def set_progress(name: str, direction: str, done: int, db_alias: str = "default") -> None:
    await clear_progress(name, db_alias)
    await _run(
        {
            "proto": 1,
            "type": "insert",
            "table": PROGRESS_TABLE,
            "columns": ["name", "direction", "done"],
            "rows": [[name, direction, done]],
            "column_types": {k: _TYPES[k] for k in ("name", "direction", "done")},
        },
        db_alias,
    )


async def clear_progress(name: str, db_alias: str = "default") -> None:
    await _run({"proto": 1, "type": "delete", "table": PROGRESS_TABLE, "filter_tree": _by_name(name)}, db_alias)
