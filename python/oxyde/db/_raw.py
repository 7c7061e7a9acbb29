"""``execute_raw``: SQL text with the dialect's own placeholders, rows back as dicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oxyde.db._executor import executor_for

__all__ = ["execute_raw", "execute_raw_sync", "raw_ir", "rows_as_dicts"]


def raw_ir(sql: str, params: Sequence[Any] | None = None) -> dict[str, Any]:
    """The ``raw`` IR document for ``sql`` (``?`` on SQLite/MySQL, ``$1`` on PostgreSQL)."""
    if not isinstance(sql, str):
        raise TypeError(f"sql must be a str, not {type(sql).__name__}")
    if params is None:
        values: list[Any] = []
    elif isinstance(params, (str, bytes, bytearray)) or not isinstance(params, Sequence):
        raise TypeError("params must be a list or tuple of values")
    else:
        values = list(params)
    return {"proto": 1, "type": "raw", "sql": sql, "params": values}


def rows_as_dicts(result: dict[str, Any]) -> list[dict[str, Any]]:
    """``{"columns", "rows"}`` -> one dict per row, keyed by the column names the server reports."""
    columns = result.get("columns")
    rows = result.get("rows")
    if not columns or not rows:
        return []
    return [dict(zip(columns, row)) for row in rows]


async def execute_raw(
    sql: str, params: Sequence[Any] | None = None, *, using: str | None = None, client: Any = None
) -> list[dict[str, Any]]:
    """Run ``sql`` with bound ``params`` and return the rows; joins the enclosing ``atomic()``."""
    executor = executor_for(using, client)
    return rows_as_dicts(await executor.execute_async(raw_ir(sql, params)))


def execute_raw_sync(
    sql: str, params: Sequence[Any] | None = None, *, using: str | None = None, client: Any = None
) -> list[dict[str, Any]]:
    """Synchronous twin of :func:`execute_raw`."""
    executor = executor_for(using, client)
    return rows_as_dicts(executor.execute(raw_ir(sql, params)))
