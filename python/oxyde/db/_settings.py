"""``PoolSettings``: pool sizing, timeouts, SQLite PRAGMAs and server-backend options."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Union

__all__ = ["Duration", "PoolSettings", "normalize_duration"]

#: Seconds as a number, or a ``timedelta``.
Duration = Union[float, int, timedelta]

_DURATIONS = frozenset(
    {"acquire_timeout", "idle_timeout", "max_lifetime", "transaction_timeout",
     "transaction_cleanup_interval"}
)
_INTS = frozenset(
    {"max_connections", "min_connections", "sqlite_cache_size", "sqlite_busy_timeout",
     "pg_statement_cache_capacity", "batch_size"}
)
_BOOLS = frozenset({"test_before_acquire", "sqlite_foreign_keys"})


def normalize_duration(value: Duration | None, *, name: str = "duration") -> float | None:
    """Seconds as a float; ``None`` stays ``None``. Negative values and non-numbers are refused."""
    if value is None:
        return None
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        raise TypeError(f"{name} must be seconds (int/float) or a timedelta, not {type(value).__name__}")
    if seconds < 0 or seconds != seconds:
        raise ValueError(f"{name} must be a non-negative duration, got {value!r}")
    return seconds


@dataclass
class PoolSettings:
    """Connection-pool configuration (Oxyde's fields; ``None`` means the engine's default).

    Durations take seconds or a ``timedelta``; ``sqlite_busy_timeout`` is in milliseconds.
    """

    max_connections: int | None = None
    min_connections: int | None = None
    acquire_timeout: Duration | None = None
    idle_timeout: Duration | None = None
    max_lifetime: Duration | None = None
    test_before_acquire: bool | None = None

    transaction_timeout: Duration | None = 300
    transaction_cleanup_interval: Duration | None = 60

    sqlite_journal_mode: str | None = "WAL"
    sqlite_synchronous: str | None = "NORMAL"
    sqlite_cache_size: int | None = 10000
    sqlite_busy_timeout: int | None = 5000
    sqlite_foreign_keys: bool | None = None

    ssl_mode: str | None = None
    ssl_root_cert: str | None = None
    ssl_client_cert: str | None = None
    ssl_client_key: str | None = None

    pg_application_name: str | None = None
    pg_statement_cache_capacity: int | None = None

    mysql_charset: str | None = None
    mysql_collation: str | None = None

    batch_size: int | None = 1000

    def to_payload(self) -> dict[str, Any]:
        """The ``settings`` map of ``pool_open`` (docs/ir-protocol.md): set fields only, durations in seconds."""
        payload: dict[str, Any] = {}
        for field in dataclasses.fields(self):
            name = field.name
            value = getattr(self, name)
            if value is None:
                continue
            if name in _DURATIONS:
                payload[name] = normalize_duration(value, name=name)
            elif name in _INTS:
                if isinstance(value, bool) or not isinstance(value, int):
                    raise TypeError(f"{name} must be an int, not {type(value).__name__}")
                if value < 0:
                    raise ValueError(f"{name} must not be negative, got {value}")
                payload[name] = value
            elif name in _BOOLS:
                payload[name] = bool(value)
            else:
                payload[name] = str(value)
        mx, mn = payload.get("max_connections"), payload.get("min_connections")
        if mx is not None and mn is not None and mn > mx:
            raise ValueError(f"min_connections ({mn}) exceeds max_connections ({mx})")
        if mx == 0:
            raise ValueError("max_connections must be at least 1")
        return payload
