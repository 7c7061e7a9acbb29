"""Oxyde's module path for the history table (our code lives in ``_tracker`` and ``_files``)."""

from oxyde.migrations._files import get_migration_files
from oxyde.migrations._tracker import (
    MIGRATIONS_TABLE,
    ensure_migrations_table,
    get_applied_migrations,
    get_pending_migrations,
    record_migration,
    remove_migration,
)

__all__ = [
    "MIGRATIONS_TABLE",
    "ensure_migrations_table",
    "get_applied_migrations",
    "get_migration_files",
    "get_pending_migrations",
    "record_migration",
    "remove_migration",
]
