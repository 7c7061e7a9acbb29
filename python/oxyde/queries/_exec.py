"""Running IR through the runtime's executor, and rendering it without a database."""

from __future__ import annotations

from typing import Any

from oxyde.db._executor import executor_for

__all__ = ["render_sql", "run_async", "run_sync"]

_executor = executor_for  # the seam unit tests replace with a fake executor


def run_sync(ir: dict[str, Any], using: str | None = None, client: Any = None) -> dict[str, Any]:
    """Execute ``ir`` on the caller's thread (joins this alias's active ``atomic()``)."""
    return _executor(using, client).execute(ir)


async def run_async(ir: dict[str, Any], using: str | None = None, client: Any = None) -> dict[str, Any]:
    """Execute ``ir`` from the running event loop (joins the current task's ``atomic()``)."""
    return await _executor(using, client).execute_async(ir)


_DIALECTS = frozenset({"sqlite", "postgres", "postgresql", "mysql", "mariadb"})


def render_sql(ir: dict[str, Any], dialect: str) -> tuple[str, list[Any]]:
    """``(sql, params)`` of the first statement the engine renders for ``ir`` in ``dialect``."""
    if dialect not in _DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; expected one of {sorted(_DIALECTS)}")
    from oxyde._native.core import get_core

    result = get_core().call("render_sql", {"dialect": dialect, "ir": ir})
    first = result["statements"][0]
    return first["sql"], list(first.get("params") or [])
