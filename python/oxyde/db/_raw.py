"""``execute_raw``: one SQL statement with the dialect's own placeholders, rows back as dicts.

``execute_script``: several statements (DDL, seed data) without parameters, run in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oxyde._native._wire import INT64_MAX, INT64_MIN
from oxyde.db._executor import executor_for
from oxyde.exceptions import ValueConversionError

__all__ = [
    "execute_raw",
    "execute_raw_sync",
    "execute_script",
    "execute_script_sync",
    "raw_ir",
    "rows_as_dicts",
    "script_ir",
]


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
        for i, value in enumerate(values):
            if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
                raise ValueConversionError(
                    f"execute_raw parameter {i + 1}: integer {value} is outside the int64 range "
                    "[-2**63, 2**63 - 1] that every backend binds",
                    details={"parameter": i + 1},
                )
    return {"proto": 1, "type": "raw", "sql": sql, "params": values}


def script_ir(sql: str) -> dict[str, Any]:
    """The ``raw`` IR document with ``"script": true``: ``sql`` may hold several statements."""
    if not isinstance(sql, str):
        raise TypeError(f"sql must be a str, not {type(sql).__name__}")
    return {"proto": 1, "type": "raw", "sql": sql, "script": True}


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
    """Run the one statement ``sql`` with bound ``params`` and return the rows.

    Joins the enclosing ``atomic()``. SQL holding more than one statement raises
    :class:`~oxyde.exceptions.UnsupportedFeatureError` before anything runs (trailing semicolons
    and comments are fine); run scripts with :func:`execute_script`.
    """
    executor = executor_for(using, client)
    return rows_as_dicts(await executor.execute_async(raw_ir(sql, params)))


def execute_raw_sync(
    sql: str, params: Sequence[Any] | None = None, *, using: str | None = None, client: Any = None
) -> list[dict[str, Any]]:
    """Synchronous twin of :func:`execute_raw`."""
    executor = executor_for(using, client)
    return rows_as_dicts(executor.execute(raw_ir(sql, params)))


async def execute_script(sql: str, *, using: str | None = None, client: Any = None) -> None:
    """Run every statement of ``sql`` in order, without parameters (schema scripts, seed data).

    Rows are not returned. Inside ``atomic()`` the statements join its transaction; outside it
    each commits on its own, so a failing statement leaves the ones before it done.
    """
    executor = executor_for(using, client)
    await executor.execute_async(script_ir(sql))


def execute_script_sync(sql: str, *, using: str | None = None, client: Any = None) -> None:
    """Synchronous twin of :func:`execute_script`."""
    executor = executor_for(using, client)
    executor.execute(script_ir(sql))
