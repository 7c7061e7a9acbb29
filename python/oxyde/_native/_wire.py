"""MessagePack fallback for Python values that have no MessagePack type (raw SQL parameters), and
the typed error for a request that cannot be packed.

The query builder already converts model values per column kind (docs/ir-protocol.md "Values by
kind"); this hook only catches what reaches the packer unconverted, using the same wire forms.
What has no wire form raises :class:`UnsendableValueError`. A ``str`` with a lone surrogate has no
UTF-8 form: the packer raises ``UnicodeEncodeError`` for it. ``NativeCore`` (the one place that
packs) turns either into a :class:`~oxyde.exceptions.ValueConversionError` naming the model and
column (:func:`pack_error`); it catches them around the pack, so the happy path pays nothing.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from oxyde.exceptions import ValueConversionError

__all__ = ["INT64_MAX", "INT64_MIN", "UnsendableValueError", "pack_error", "wire_default"]

#: The integer range the engine binds (BIGINT on every backend).
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


class UnsendableValueError(ValueConversionError):
    """A value the packer met that has no wire form; ``value`` is that value."""

    def __init__(self, message: str, value: Any) -> None:
        super().__init__(message)
        self.value = value


def wire_default(value: Any) -> Any:
    """The wire form of ``value``; :class:`UnsendableValueError` for anything without one."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return list(value)
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, int):  # msgpack packs -2**63 .. 2**64-1 itself
        raise UnsendableValueError(f"integer {value} is outside the int64 range [-2**63, 2**63 - 1]", value)
    raise UnsendableValueError(f"a {type(value).__name__} value cannot be sent to the engine", value)


def pack_error(ir: Mapping[str, Any], exc: UnicodeEncodeError | UnsendableValueError) -> ValueConversionError:
    """The typed error for ``ir`` failing to pack with ``exc``, naming where the bad value sits."""
    if isinstance(exc, UnicodeEncodeError):
        value: Any = exc.object
        problem = f"text with a lone surrogate ({exc.object[exc.start:exc.end]!r}) has no UTF-8 form"
    else:
        value = exc.value
        problem = str(exc)
    model = ir.get("model")
    name = model.rsplit(".", 1)[-1] if isinstance(model, str) else None
    where = _locate(ir, value)
    details: dict[str, Any] = {"model": name} if name else {}
    if where is None:
        subject = name or ""
    else:
        details[where[0]] = where[1]
        if where[0] == "column":
            subject = f"{name}.{where[1]}" if name else f"column {where[1]!r}"
        elif where[0] == "key":
            subject = f"the {where[1]} text"
        else:
            subject = f"{where[0]} {where[1]}"
    return ValueConversionError(f"{subject}: {problem}" if subject else problem, details=details)


def _locate(ir: Mapping[str, Any], target: Any) -> tuple[str, Any] | None:
    """``("column", name)``, ``("parameter", number)`` or ``("key", "sql")`` of the first place
    ``target`` sits in ``ir``."""
    if ir.get("sql") is target:
        return "key", "sql"
    rows = ir.get("rows")
    columns = ir.get("columns")
    if isinstance(rows, list) and isinstance(columns, list):
        for row in rows:
            for i, value in enumerate(row):
                if _holds(value, target) and i < len(columns):
                    return "column", columns[i]
    params = ir.get("params")
    if isinstance(params, list):
        for i, value in enumerate(params):
            if _holds(value, target):
                return "parameter", i + 1
    values = ir.get("values")
    if isinstance(values, Mapping):
        for column, value in values.items():
            if _holds(value, target):
                return "column", column
    expressions = ir.get("expressions")
    if isinstance(expressions, Mapping):
        for column, expr in expressions.items():
            if _contains(expr, target):
                return "column", column
    stack: list[Any] = [ir.get("filter_tree")]
    while stack:  # iterative: a filter tree may be deep
        node = stack.pop()
        if isinstance(node, Mapping):
            if node.get("type") == "condition" and _holds(node.get("value"), target):
                return "column", node.get("field")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


def _contains(node: Any, target: Any) -> bool:
    """Whether ``target`` sits anywhere in ``node`` (maps and lists walked without recursion)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if item is target:
            return True
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def _holds(value: Any, target: Any) -> bool:
    """Whether ``value`` is ``target`` or a list or map holding it (one level: lookup lists, arrays)."""
    if value is target:
        return True
    if isinstance(value, (list, tuple)):
        return any(item is target for item in value)
    if isinstance(value, Mapping):
        return any(item is target for item in value.values())
    return False
