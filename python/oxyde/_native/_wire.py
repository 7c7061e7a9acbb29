"""MessagePack fallback for Python values that have no MessagePack type (raw SQL parameters).

The query builder already converts model values per column kind (docs/ir-protocol.md "Values by
kind"); this hook only catches what reaches the packer unconverted, using the same wire forms.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Any

__all__ = ["wire_default"]


def wire_default(value: Any) -> Any:
    """The wire form of ``value``; ``TypeError`` for anything without one."""
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
    raise TypeError(f"cannot send a {type(value).__name__} to the engine")
