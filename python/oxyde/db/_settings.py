"""``PoolSettings``: pool sizing, timeouts, SQLite PRAGMAs and server-backend options."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Union

from oxyde.exceptions import ValueConversionError

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

#: The engine reads the int settings as 32-bit ints (counts, milliseconds, cache pages).
_INT_MAX = 2**31 - 1


def normalize_duration(value: Duration | None, *, name: str = "duration") -> float | None:
    """Seconds as a float; ``None`` stays ``None``. Non-numbers are a ``TypeError``; negative,
    NaN, infinite and too large values a :class:`ValueConversionError` (a ``ValueError``)."""
    if value is None:
        return None
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            seconds = float(value)
        except OverflowError:
            seconds = float("inf")
    else:
        raise TypeError(f"{name} must be seconds (int/float) or a timedelta, not {type(value).__name__}")
    if not 0 <= seconds < float("inf"):
        raise ValueConversionError(
            f"{name} must be a finite, non-negative duration, got {value!r}", details={"setting": name}
        )
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
                if not 0 <= value <= _INT_MAX:
                    raise ValueConversionError(
                        f"{name} must be an int from 0 to 2**31 - 1, got {value}", details={"setting": name}
                    )
                payload[name] = int(value)
            elif name in _BOOLS:
                payload[name] = bool(value)
            else:
                payload[name] = _text(name, value)
        if payload.get("transaction_cleanup_interval") == 0:
            raise ValueConversionError(
                "transaction_cleanup_interval must be more than zero seconds",
                details={"setting": "transaction_cleanup_interval"},
            )
        mx, mn = payload.get("max_connections"), payload.get("min_connections")
        if mx is not None and mn is not None and mn > mx:
            raise ValueConversionError(
                f"min_connections ({mn}) exceeds max_connections ({mx})", details={"setting": "min_connections"}
            )
        if mx == 0:
            raise ValueConversionError("max_connections must be at least 1", details={"setting": "max_connections"})
        return payload


def _text(name: str, value: Any) -> str:
    """A text setting; one with a NUL or a lone surrogate reaches no driver intact."""
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueConversionError(
            f"{name} has a lone surrogate, which has no UTF-8 form", details={"setting": name}
        ) from None
    if "\x00" in text:
        raise ValueConversionError(f"{name} contains a NUL character", details={"setting": name})
    return text
