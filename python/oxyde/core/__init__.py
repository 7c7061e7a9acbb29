"""The engine's migration functions under Oxyde's names (``oxyde.core``, REFERENCE-API §1.11).

Both are synchronous, JSON text in and out, and go through the :class:`~oxyde._native.core.Core`
seam (verbs ``migration_diff`` and ``migration_sql``, docs/native-abi.md), so unit tests can serve
them from a fake core.
"""

from __future__ import annotations

from oxyde._native.core import get_core
from oxyde.exceptions import MigrationError

__all__ = ["migration_compute_diff", "migration_to_sql"]


def _text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be JSON text (str), not {type(value).__name__}")
    return value


def migration_compute_diff(old_json: str, new_json: str) -> str:
    """The operations that turn the snapshot ``old_json`` into ``new_json``, as a JSON array."""
    result = get_core().call(
        "migration_diff", {"old": _text("old_json", old_json), "new": _text("new_json", new_json)}
    )
    ops = result.get("ops")
    if not isinstance(ops, str):
        raise MigrationError(f"migration_diff returned no operations: {result!r}")
    return ops


def migration_to_sql(ops_json: str, dialect: str) -> list[str]:
    """The DDL statements of the operations ``ops_json`` (a JSON array) for ``dialect``."""
    result = get_core().call(
        "migration_sql", {"ops": _text("ops_json", ops_json), "dialect": _text("dialect", dialect)}
    )
    statements = result.get("statements")
    if not isinstance(statements, list) or not all(isinstance(s, str) for s in statements):
        raise MigrationError(f"migration_sql returned no statement list: {result!r}")
    return list(statements)
