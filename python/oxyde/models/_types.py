"""Python annotation -> IR column spec (docs/ir-protocol.md "Column spec")."""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
import uuid
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

from pydantic.fields import FieldInfo

__all__ = ["column_spec", "enum_type_name", "unwrap_optional"]

_SIMPLE: dict[type, str] = {
    bool: "bool",
    int: "int64",
    float: "float64",
    bytes: "bytes",
    dt.datetime: "datetime",
    dt.date: "date",
    dt.time: "time",
    dt.timedelta: "timedelta",
    uuid.UUID: "uuid",
}

#: ``db_type`` names that change the kind (upper-cased, without length/precision).
_DB_TYPE_KINDS: dict[str, str] = {
    "TIMESTAMPTZ": "datetime_tz",
    "TIMESTAMP WITH TIME ZONE": "datetime_tz",
    "JSON": "json",
    "JSONB": "json",
    "TEXT": "text",
}

#: Which inferred kinds a ``db_type`` kind may replace.
_DB_TYPE_OVERRIDABLE: dict[str, tuple[str, ...]] = {
    "datetime_tz": ("datetime",),
    "json": ("json", "text"),
    "text": ("string", "enum"),
}


def unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; ``Annotated`` wrappers are removed; other types -> ``(T, False)``."""
    annotation = _strip_annotated(annotation)
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) != len(get_args(annotation))
        inner = args[0] if len(args) == 1 else annotation
        return _strip_annotated(inner), optional
    return annotation, False


def _strip_annotated(annotation: Any) -> Any:
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def enum_type_name(enum_cls: type) -> str:
    """``OrderStatus`` -> ``order_status_enum`` (Oxyde's native enum type name)."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", enum_cls.__name__)
    return snake.lower() + "_enum"


def _max_length(info: FieldInfo | None) -> int | None:
    if info is None:
        return None
    for item in info.metadata:
        length = getattr(item, "max_length", None)
        if isinstance(length, int):
            return length
    return None


def _decimal_bounds(info: FieldInfo | None) -> tuple[int | None, int | None]:
    precision = scale = None
    for item in info.metadata if info is not None else ():
        precision = getattr(item, "max_digits", precision)
        scale = getattr(item, "decimal_places", scale)
    return precision, scale


def column_spec(annotation: Any, info: FieldInfo | None = None, db_type: str | None = None) -> dict[str, Any]:
    """The column spec for a field's annotation (Optional removed), e.g. ``{"kind": "string", "length": 100}``."""
    inner, _ = unwrap_optional(annotation)
    spec = _spec_for(inner, info)
    if db_type:
        base = re.sub(r"\(.*\)", "", db_type).strip().upper()
        kind = _DB_TYPE_KINDS.get(base)
        if kind is not None and spec["kind"] in _DB_TYPE_OVERRIDABLE[kind]:
            spec = {"kind": kind}
        elif spec["kind"] == "enum":
            spec = {"kind": "string"}  # any db_type disables native enums (REFERENCE-API §1.3)
        spec = {**spec, "db_type": db_type}
    return spec


def _spec_for(tp: Any, info: FieldInfo | None) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin is list or origin is tuple or origin is set or tp in (list, tuple, set):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        item = _spec_for(unwrap_optional(args[0])[0], None) if args else {"kind": "json"}
        return {"kind": "array", "item": item}
    if origin is dict or tp is dict:
        return {"kind": "json"}
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return _enum_spec(tp)
        if issubclass(tp, str):
            length = _max_length(info)
            return {"kind": "string", "length": length} if length is not None else {"kind": "string"}
        if issubclass(tp, Decimal):
            precision, scale = _decimal_bounds(info)
            spec: dict[str, Any] = {"kind": "decimal"}
            if precision is not None:
                spec["precision"] = precision
            if scale is not None:
                spec["scale"] = scale
            return spec
        for py_type, kind in _SIMPLE.items():
            if issubclass(tp, py_type):  # bool before int, datetime before date
                return {"kind": kind}
        if _is_pydantic_model(tp):
            return {"kind": "json"}
    return {"kind": "text"}


def _enum_spec(enum_cls: type[enum.Enum]) -> dict[str, Any]:
    values = [member.value for member in enum_cls]
    if issubclass(enum_cls, int) or not all(isinstance(v, str) for v in values):
        raise TypeError(
            f"{enum_cls.__name__}: only str-valued Enum fields are supported (got {values!r})"
        )
    return {"kind": "enum", "name": enum_type_name(enum_cls), "values": values}


def _is_pydantic_model(tp: type) -> bool:
    from pydantic import BaseModel

    return issubclass(tp, BaseModel)
