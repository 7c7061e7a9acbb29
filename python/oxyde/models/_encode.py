"""Values to the wire, per column kind: one value (:func:`encode_value`) or a model's INSERT row
(:func:`row_encoder`, generated once per model and column plan). What cannot be stored as its
field's type raises :class:`~oxyde.exceptions.ValueConversionError` naming model and field.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import uuid
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from oxyde._native._wire import INT64_MAX, INT64_MIN
from oxyde.exceptions import ValueConversionError
from oxyde.models._codec import compile_function

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["RowEncoder", "encode_value", "field_error", "row_encoder"]


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.timedelta):
        return _micros(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def _micros(value: dt.timedelta) -> int:
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


#: Column kinds that re-encode even a plain ``int``/``str``/``bool`` value (JSON text, decimal as text).
_REENCODED_KINDS = frozenset({"json", "array", "decimal"})


def encode_value(value: Any, spec: dict[str, Any] | None = None) -> Any:
    """``value`` as it travels for a column of ``spec`` (docs/ir-protocol.md "Values by kind").

    A value that cannot travel as that kind raises :class:`ValueConversionError` (an int outside
    int64, NaN, a type without a wire form); callers that know the model and field re-raise it
    with them (:func:`field_error`).
    """
    if value is None:
        return None
    kind = spec["kind"] if spec else None
    cls = value.__class__
    if cls is int:  # the common cases first: already in wire form (an int within int64)
        if kind not in _REENCODED_KINDS and -9223372036854775808 <= value <= 9223372036854775807:
            return value
    elif cls is str or cls is bool:
        if kind not in _REENCODED_KINDS:
            return value
    elif cls is float and kind == "float64" and value == value:
        return value
    if kind in ("json", "array"):
        if isinstance(value, str) and kind == "json":
            return json.dumps(value)
        return _json_text(value)
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, (bool, int, float, str, bytes)):
        if isinstance(value, float):
            if value != value:
                raise ValueConversionError("NaN cannot be stored (SQL has no NaN; use None for no value)")
            if kind == "timedelta":
                if math.isinf(value):
                    raise ValueConversionError("an infinite number of microseconds is not a duration")
                value = int(value)
        if kind == "decimal" and not isinstance(value, (str, bool)):
            return str(value)
        if isinstance(value, int) and not isinstance(value, bool):
            value = int(value)  # an int subclass (IntEnum value) travels as a plain int
            return value if INT64_MIN <= value <= INT64_MAX else _wide_int(value, kind)
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        micros = _micros(value)
        return micros if INT64_MIN <= micros <= INT64_MAX else _wide_int(micros, kind)
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    if isinstance(value, (dict, list, tuple, set, frozenset, BaseModel)):
        return _json_text(value)
    raise ValueConversionError(
        f"a {type(value).__name__!r} value has no wire form"
        + (f" for a {kind} column" if kind else "")
        + ' (docs/ir-protocol.md "Values by kind")'
    )


def _wide_int(value: int, kind: str | None) -> Any:
    """An int outside int64: a float column takes it as a float, any other column refuses it."""
    if kind == "float64":
        try:
            return float(value)
        except OverflowError:
            raise ValueConversionError("the integer is too large for a float column") from None
    raise ValueConversionError("the integer is outside the int64 range [-2**63, 2**63 - 1]")


def _json_text(value: Any) -> str:
    try:
        return json.dumps(value, default=_json_default, separators=(",", ":"))
    except (TypeError, ValueError) as exc:  # no JSON form, circular reference
        raise ValueConversionError(f"cannot encode as JSON: {exc}") from None


def field_error(
    model: type[Model], field: str, value: Any, exc: ValueConversionError, lookup: str | None = None
) -> ValueConversionError:
    """``exc`` (from :func:`encode_value`) again, naming ``model.field`` (and the lookup) and the value."""
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    where = f"{field}__{lookup}" if lookup else field
    details = {"model": model.__qualname__, "field": field, "value": shown}
    if lookup:
        details["lookup"] = lookup
    return ValueConversionError(f"{model.__qualname__}.{where}: {exc} (value {shown})", details=details)


#: Classes that ``encode_value`` returns as they are for every kind outside :data:`_REENCODED_KINDS`
#: (ints are range-checked, so they are not here).
_WIRE_READY = frozenset({str, bool, type(None)})

_ENCODER_TEMPLATE = """\
def encode(values):
    try:
        return [{items}]
    except ValueConversionError:
        raise_for_field(values)
        raise
"""

RowEncoder = Callable[[dict[str, Any]], list[Any]]


def row_encoder(model: type[Model], fields: Sequence[tuple[str, dict[str, Any]]]) -> RowEncoder:
    """A function from an instance's ``__dict__`` to the wire values of ``fields`` (``(name, spec)``
    pairs), generated like the row readers below: it calls :func:`encode_value` only for a value not
    already in wire form (``values.get('age')`` is used as is when it is an int64-range ``int``, say).

    A value that cannot be sent raises :class:`ValueConversionError` naming the model and field
    (found by encoding field by field, only once something failed)."""

    def raise_for_field(values: dict[str, Any]) -> None:
        for name, spec in fields:
            value = values.get(name)
            try:
                encode_value(value, spec)
            except ValueConversionError as exc:
                raise field_error(model, name, value, exc) from None

    namespace: dict[str, Any] = {
        "encode_value": encode_value,
        "wire_ready": _WIRE_READY,
        "ValueConversionError": ValueConversionError,
        "raise_for_field": raise_for_field,
    }
    items = []
    for i, (name, spec) in enumerate(fields):
        namespace[f"s{i}"] = spec
        value = f"(v := values.get({name!r}))"
        if spec["kind"] in _REENCODED_KINDS:
            items.append(f"encode_value(values.get({name!r}), s{i})")
        elif spec["kind"] == "int64":  # ints are checked inline against the int64 range
            items.append(
                f"(v if {value} is None or (v.__class__ is int and {INT64_MIN} <= v <= {INT64_MAX})"
                f" else encode_value(v, s{i}))"
            )
        elif spec["kind"] == "float64":  # and floats against NaN
            items.append(f"(v if {value} is None or (v.__class__ is float and v == v) else encode_value(v, s{i}))")
        else:
            items.append(f"(v if {value}.__class__ in wire_ready else encode_value(v, s{i}))")
    return compile_function(_ENCODER_TEMPLATE.format(items=", ".join(items)), namespace, model, "encode")
