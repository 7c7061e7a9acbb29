"""Decoding result buffers that are not valid MessagePack/UTF-8 (the failure path only).

The engine validates the text it sends, so this is a defence in depth: a bad result fails its own
call with :class:`~oxyde.exceptions.ValueConversionError`, never the calls drained with it.
"""

from __future__ import annotations

from typing import Any

import msgpack

from oxyde.exceptions import ValueConversionError

__all__ = ["salvage_drain", "undecodable"]

_unpackb = msgpack.unpackb

#: What a result that is not valid MessagePack/UTF-8 becomes (the engine validates text, so this is
#: a defence in depth): an error for that call alone, never for the calls drained with it.
_UNDECODABLE = {
    "code": ValueConversionError.code,
    "name": "value_conversion",
    "message": "the engine returned text that is not valid UTF-8",
    "details": {},
}


def undecodable(exc: Exception) -> ValueConversionError:
    """The error for a result buffer that failed to decode with ``exc`` (instead of a builtin)."""
    return ValueConversionError(f"the engine returned a result that cannot be decoded: {exc}")


def _has_surrogate(value: Any) -> bool:
    """Whether a value decoded with ``surrogateescape`` held invalid UTF-8."""
    if isinstance(value, str):
        return any("\udc80" <= ch <= "\udcff" for ch in value)
    if isinstance(value, (list, tuple)):
        return any(_has_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    return False


def salvage_drain(raw: bytes) -> list[Any]:
    """A drain buffer with invalid UTF-8 somewhere: only the completions holding it fail."""
    decoded = _unpackb(raw, raw=False, unicode_errors="surrogateescape")
    if not isinstance(decoded, list):
        return decoded  # type: ignore[no-any-return]
    return [
        [item[0], 1, _UNDECODABLE] if isinstance(item, list) and len(item) == 3 and _has_surrogate(item[2]) else item
        for item in decoded
    ]
