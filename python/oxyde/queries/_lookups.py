"""Lookup registry: ``field__lookup=value`` -> an IR ``condition`` node (lookup names, never SQL)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from oxyde.exceptions import FieldError, FieldLookupError, FieldLookupValueError, ValueConversionError
from oxyde.models._encode import encode_value, field_error
from oxyde.models._meta import ColumnMeta
from oxyde.queries.expressions import F

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["ALL_LOOKUPS", "allowed_lookups", "lookup_condition", "resolve_field"]

#: Lookup name (REFERENCE-API §1.5) -> IR ``op``.
LOOKUP_OPS: dict[str, str] = {
    "exact": "eq",
    "ne": "ne",  # ours: Oxyde has no ``__ne`` (use exclude()); the IR does
    "iexact": "iexact",
    "contains": "contains",
    "icontains": "icontains",
    "startswith": "startswith",
    "istartswith": "istartswith",
    "endswith": "endswith",
    "iendswith": "iendswith",
    "gt": "gt",
    "gte": "gte",
    "lt": "lt",
    "lte": "lte",
    "in": "in",
    "isnull": "isnull",
    "range": "between",
    "between": "between",
}
ALL_LOOKUPS = frozenset(LOOKUP_OPS)

_COMMON = ("exact", "ne", "in", "isnull")
_TEXT = ("iexact", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith")
_ORDERED = ("gt", "gte", "lt", "lte", "between", "range")
_BY_CATEGORY: dict[str, frozenset[str]] = {
    "string": frozenset(_COMMON + _TEXT),
    "numeric": frozenset(_COMMON + _ORDERED),
    "datetime": frozenset(_COMMON + _ORDERED),
    "time": frozenset(_COMMON + _ORDERED),
    "bool": frozenset(_COMMON),
    "generic": frozenset(_COMMON),
}
_CATEGORY_BY_KIND: dict[str, str] = {
    "string": "string",
    "text": "string",
    "enum": "string",
    "int64": "numeric",
    "float64": "numeric",
    "decimal": "numeric",
    "timedelta": "numeric",
    "datetime": "datetime",
    "datetime_tz": "datetime",
    "date": "datetime",
    "time": "time",
    "bool": "bool",
}


def allowed_lookups(column: ColumnMeta) -> frozenset[str]:
    """The lookups allowed on ``column`` (by its type category; FK columns are numeric-like)."""
    category = _CATEGORY_BY_KIND.get(column.spec["kind"], "generic")
    if column.fk is not None and category not in ("string",):
        category = "numeric"
    return _BY_CATEGORY[category]


def resolve_field(model: type[Model], name: str) -> tuple[ColumnMeta, Any]:
    """The column for field ``name`` of ``model`` (``pk``, FK relation names and ``*_id`` included).

    Returns ``(column, relation)``; ``relation`` is the FK info when ``name`` is the virtual field.
    """
    meta = model._db_meta
    if not (meta.finalized and meta.is_table):  # else ``_meta_ready()`` would return it as is
        meta = model._meta_ready()
    if name == "pk" and meta.pk_field:
        name = meta.pk_field
    column = meta.columns.get(name)
    if column is not None:
        return column, None
    relation = meta.relations.get(name)
    if relation is not None:
        return meta.columns[relation.column_field], relation
    raise FieldError(f"{model.__qualname__} has no field {name!r}")


def _relation_value(relation: Any, value: Any) -> Any:
    from oxyde.models.base import Model

    if isinstance(value, Model):
        return getattr(value, relation.target_field)
    return value


def _check_value(model: type[Model], column: ColumnMeta, lookup: str, value: Any) -> None:
    if lookup in ("gt", "gte", "lt", "lte") and value is None:
        problem = f"lookup {lookup!r} needs a non-null value"
    elif lookup == "in" and (isinstance(value, (str, bytes)) or not isinstance(value, Iterable)):
        problem = "lookup 'in' needs a non-string iterable"
    elif lookup in ("between", "range") and (not isinstance(value, (list, tuple)) or len(value) != 2):
        problem = f"lookup {lookup!r} needs a (low, high) pair"
    elif lookup in _TEXT and not isinstance(value, str):
        problem = f"lookup {lookup!r} needs a str value"
    elif lookup == "isnull" and value.__class__ is not bool:
        problem = f"lookup 'isnull' needs True or False, got {value!r}"
    else:
        return
    raise FieldLookupValueError(f"{model.__qualname__}.{column.field}__{lookup}: {problem}")


def _parse_lookup(model: type[Model], key: str) -> tuple[ColumnMeta, Any, str]:
    """``(column, relation, lookup)`` for ``key``; raises for unknown fields and disallowed lookups."""
    parts = key.split("__")
    if not parts[0]:
        raise FieldLookupError(f"{model.__qualname__}: lookup {key!r} has no field name")
    lookup = "exact"
    if len(parts) > 1 and parts[-1] in ALL_LOOKUPS:
        lookup = parts.pop()
    if len(parts) > 1:
        column, relation = resolve_field(model, parts[0])
        if relation is None:
            raise FieldLookupError(
                f"{model.__qualname__}.{parts[0]}: unknown lookup {'__'.join(parts[1:])!r}"
            )
        raise FieldError(
            f"{model.__qualname__}.{parts[0]}: traversing relations in filters "
            f"({key!r}) needs join support, which is not available yet; filter on "
            f"{relation.column_field!r} instead"
        )
    column, relation = resolve_field(model, parts[0])
    if lookup not in allowed_lookups(column):
        raise FieldLookupError(
            f"{model.__qualname__}.{column.field}: lookup {lookup!r} is not allowed on a "
            f"{column.spec['kind']} field (allowed: {', '.join(sorted(allowed_lookups(column)))})"
        )
    return column, relation, lookup


def lookup_condition(model: type[Model], key: str, value: Any) -> dict[str, Any]:
    """The IR condition node for ``key=value`` on ``model``."""
    # Valid keys only, parsed once the model was ready (so a hit needs no ``_meta_ready()``);
    # ``set_columns`` empties the cache, and a redefined model has its own ``_db_meta``.
    parsed = model._db_meta.lookups.get(key)
    if parsed is None:
        parsed = _parse_lookup(model, key)  # may finalize the model, which resets the cache
        model._db_meta.lookups[key] = parsed
    column, relation, lookup = parsed
    try:
        if lookup == "exact" and relation is None and not isinstance(value, F):  # plain ``field=value``
            return {"type": "condition", "field": column.column, "op": "eq", "value": encode_value(value, column.spec)}
        if isinstance(value, F):
            raise FieldLookupValueError(
                f"{model.__qualname__}.{column.field}__{lookup}: F() expressions are not supported in filters yet"
            )
        if relation is not None:
            value = (
                [_relation_value(relation, v) for v in value]
                if lookup == "in" and isinstance(value, Iterable) and not isinstance(value, (str, bytes))
                else _relation_value(relation, value)
            )
        _check_value(model, column, lookup, value)
        spec = column.spec
        wire: Any
        if lookup == "isnull" or lookup in _TEXT:
            wire = value
        elif lookup == "in":
            wire = [encode_value(v, spec) for v in value]
        elif lookup in ("between", "range"):
            wire = [encode_value(value[0], spec), encode_value(value[1], spec)]
        else:
            wire = encode_value(value, spec)
    except ValueConversionError as exc:  # a value with no wire form for this column
        raise field_error(model, column.field, value, exc, None if lookup == "exact" else lookup) from None
    return {"type": "condition", "field": column.column, "op": LOOKUP_OPS[lookup], "value": wire}
