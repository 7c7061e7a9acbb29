"""Lookup registry: ``field__lookup=value`` -> an IR ``condition`` node (lookup names, never SQL)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oxyde.exceptions import FieldError, FieldLookupError, FieldLookupValueError, ValueConversionError
from oxyde.models._encode import encode_value, field_error
from oxyde.models._meta import ColumnMeta
from oxyde.queries._paths import ManyRelation, fk_column, many_relation, split_path
from oxyde.queries.expressions import Expression, F

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
    "regex": "regex",
    "iregex": "iregex",
    "year": "eq",
    "month": "eq",
    "day": "eq",
    "date": "eq",
}
ALL_LOOKUPS = frozenset(LOOKUP_OPS)

_COMMON = ("exact", "ne", "in", "isnull")
_TEXT = ("iexact", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "regex", "iregex")
_ORDERED = ("gt", "gte", "lt", "lte", "between", "range")
_DATES = ("year", "month", "day", "date")
_BY_CATEGORY: dict[str, frozenset[str]] = {
    "string": frozenset(_COMMON + _TEXT),
    "numeric": frozenset(_COMMON + _ORDERED),
    "datetime": frozenset(_COMMON + _ORDERED + _DATES),
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


#: Date parts usable before a lookup (``created__year__gte=2020``) or as one (``created__year=2020``).
TRANSFORMS = frozenset({"year", "month", "day", "hour", "minute", "second", "date"})
_DATE_KINDS = frozenset({"datetime", "datetime_tz", "date"})


@dataclass(frozen=True)
class ParsedLookup:
    """``field[__fk...]__[transform__]lookup`` resolved once per model and key.

    ``alias`` is the join path of the column's table (``None``: the model's own), ``many`` a reverse
    FK or M2M hop that the rest of the key (``remainder``) applies to through a subquery.
    """

    column: ColumnMeta | None
    relation: Any
    lookup: str
    alias: str | None = None
    transform: str | None = None
    many: ManyRelation | None = None
    remainder: str = ""

    @property
    def simple(self) -> bool:
        """A lookup on the model's own column with a plain value form (the common case, kept fast)."""
        return (
            self.alias is None and self.many is None and self.transform is None and self.relation is None
            and self.lookup not in TRANSFORMS
        )  # fmt: skip


def _parse_lookup(model: type[Model], key: str) -> ParsedLookup:
    """The :class:`ParsedLookup` of ``key``; raises for unknown fields and disallowed lookups."""
    parts = key.split("__")
    if not parts[0]:
        raise FieldLookupError(f"{model.__qualname__}: lookup {key!r} has no field name")
    # The lookup and a date part come off the end first, so ``tag__in`` is the FK column, not a field of Tag.
    tail: list[str] = []
    if len(parts) > 1 and parts[-1] in ALL_LOOKUPS:
        tail.insert(0, parts.pop())
        if len(parts) > 1 and parts[-1] in TRANSFORMS:
            tail.insert(0, parts.pop())
    hops, target, used = split_path(model, parts)
    alias = "__".join(parts[:used]) or None
    rest = parts[used:]
    many = many_relation(target, rest[0])
    if many is not None:
        return ParsedLookup(None, None, "exact", alias, many=many, remainder="__".join(rest[1:] + tail) or "pk")
    rest += tail
    lookup = "exact"
    if len(rest) > 1 and rest[-1] in ALL_LOOKUPS:
        lookup = rest.pop()
    transform = None
    if len(rest) > 1 and rest[-1] in TRANSFORMS:
        transform = rest.pop()
    if len(rest) > 1:
        column, relation = resolve_field(target, rest[0])
        raise FieldLookupError(f"{target.__qualname__}.{rest[0]}: unknown lookup {'__'.join(rest[1:])!r}")
    column, relation = resolve_field(target, rest[0])
    kind = column.spec["kind"]
    if (transform is not None or lookup in TRANSFORMS) and kind not in _DATE_KINDS:
        raise FieldLookupError(
            f"{target.__qualname__}.{column.field}: {transform or lookup!r} needs a date or datetime field, not {kind}"
        )
    allowed = _NUMERIC_AFTER_TRANSFORM if transform is not None and transform != "date" else allowed_lookups(column)
    if lookup not in allowed and lookup not in TRANSFORMS:
        raise FieldLookupError(
            f"{target.__qualname__}.{column.field}: lookup {lookup!r} is not allowed on a "
            f"{kind} field (allowed: {', '.join(sorted(allowed))})"
        )
    return ParsedLookup(column, relation, lookup, alias, transform)


_NUMERIC_AFTER_TRANSFORM = frozenset(_COMMON + _ORDERED)


def _parsed(model: type[Model], key: str) -> tuple[ParsedLookup, Any, str]:
    """``(parsed, column, lookup)`` for ``key``, ``column`` being ``None`` unless the lookup is
    :attr:`ParsedLookup.simple`; cached per model and key (unpacking a tuple is the fast path).

    Valid keys only, parsed once the model was ready (so a hit needs no ``_meta_ready()``);
    ``set_columns`` empties the cache, and a redefined model has its own ``_db_meta``."""
    parsed = _parse_lookup(model, key)  # may finalize the model, which resets the cache
    entry = model._db_meta.lookups[key] = (parsed, parsed.column if parsed.simple else None, parsed.lookup)
    return entry


def lookup_condition(model: type[Model], key: str, value: Any, joins: list[str] | None = None) -> dict[str, Any]:
    """The IR condition node for ``key=value`` on ``model``; join paths it needs go to ``joins``."""
    parsed, column, lookup = model._db_meta.lookups.get(key) or _parsed(model, key)
    if column is not None and (value.__class__ in _PLAIN or not _is_special(value)):
        try:
            if lookup == "exact":  # plain ``field=value``
                return {"type": "condition", "field": column.column, "op": "eq", "value": encode_value(value, column.spec)}
            _check_value(model, column, lookup, value)
            return {"type": "condition", "field": column.column, "op": LOOKUP_OPS[lookup], "value": _wire(lookup, value, column.spec)}
        except ValueConversionError as exc:  # a value with no wire form for this column
            raise field_error(model, column.field, value, exc, None if lookup == "exact" else lookup) from None
    return _condition(model, key, parsed, value, joins)


def _condition(model: type[Model], key: str, parsed: ParsedLookup, value: Any, joins: list[str] | None) -> dict[str, Any]:
    """Conditions across relations, on date parts, or against expressions and subqueries."""
    column = parsed.column
    if parsed.alias is not None:
        if joins is None:
            raise FieldError(f"{model.__qualname__}: {key!r} traverses a relation, which this context cannot join")
        joins.append(parsed.alias)
    if parsed.many is not None:
        return _many_condition(model, parsed, value)
    assert column is not None
    lookup = parsed.lookup
    node: dict[str, Any] = {"type": "condition", "field": column.column}
    if parsed.alias is not None:
        node["table"] = parsed.alias
    if parsed.transform is not None or lookup in TRANSFORMS:
        return _transform_condition(model, parsed, node, value)
    if isinstance(value, F) or _is_query(value) or isinstance(value, Expression):
        return _expression_condition(model, parsed, node, value)
    try:
        if parsed.relation is not None:
            value = (
                [_relation_value(parsed.relation, v) for v in value]
                if lookup == "in" and isinstance(value, Iterable) and not isinstance(value, (str, bytes))
                else _relation_value(parsed.relation, value)
            )
        _check_value(model, column, lookup, value)
        node["op"] = LOOKUP_OPS[lookup]
        node["value"] = _wire(lookup, value, column.spec)
    except ValueConversionError as exc:  # a value with no wire form for this column
        raise field_error(model, column.field, value, exc, None if lookup == "exact" else lookup) from None
    return node


_PLAIN = frozenset({int, str, float, bool, type(None)})


#: Values that are not values: expressions, and queries (``QueryBuilder`` adds itself on import,
#: as importing it here would be circular).
_SPECIAL: tuple[type, ...] = (F, Expression)


def register_query_type(query_type: type) -> None:
    global _SPECIAL
    _SPECIAL = (F, Expression, query_type)


def _is_special(value: Any) -> bool:
    return isinstance(value, _SPECIAL)


def _is_query(value: Any) -> bool:
    return isinstance(value, _SPECIAL[2:])


def _wire(lookup: str, value: Any, spec: dict[str, Any]) -> Any:
    if lookup == "isnull" or lookup in _TEXT or lookup in ("regex", "iregex"):
        return value
    if lookup == "in":
        return [encode_value(v, spec) for v in value]
    if lookup in ("between", "range"):
        return [encode_value(value[0], spec), encode_value(value[1], spec)]
    return encode_value(value, spec)


def _expression_condition(model: type[Model], parsed: ParsedLookup, node: dict[str, Any], value: Any) -> dict[str, Any]:
    """``field__gt=F("other") * 2``, ``field__in=Model.objects.filter(...).values("id")``."""
    from oxyde.queries._compile import compile_expression

    lookup = parsed.lookup
    if _is_query(value):
        if lookup != "in":
            raise FieldLookupValueError(f"{model.__qualname__}: a query is a value for '__in' only, not {lookup!r}")
        node["op"] = "in"
        node["rhs"] = {"type": "subquery", "query": value._subquery_ir()}
        return node
    if lookup not in ("exact", "ne", "gt", "gte", "lt", "lte"):
        raise FieldLookupValueError(
            f"{model.__qualname__}: an expression compares with exact/ne/gt/gte/lt/lte, not {lookup!r}"
        )
    assert parsed.column is not None
    node["op"] = LOOKUP_OPS[lookup]
    node["rhs"] = compile_expression(model, value, parsed.column.spec).ir
    return node


def _transform_condition(model: type[Model], parsed: ParsedLookup, node: dict[str, Any], value: Any) -> dict[str, Any]:
    """Date parts: ``__year=2024`` (a range, as Oxyde writes it), ``__month=(2024, 5)``, ``__day=(y, m, d)``,
    ``__date=d``, and ``__year__gte=2020``, ``__month=5`` (the part itself, compared)."""
    column = parsed.column
    assert column is not None
    lookup = parsed.lookup
    part = parsed.transform
    if part is None:  # the transform is the lookup: a range where the value names a period
        period = _period(model, column, lookup, value)
        if period is not None:
            start, end = period
            low = dict(node, op="gte", value=encode_value(start, column.spec))
            high = dict(node, op="lt", value=encode_value(end, column.spec))
            return {"type": "and", "children": [low, high]}
        part, lookup = lookup, "exact"
    field_ref = {"type": "column", "name": node["field"]}
    if "table" in node:
        field_ref["table"] = node["table"]
    subject = {"type": "func", "name": part, "args": [field_ref]}
    condition: dict[str, Any] = {"type": "condition", "lhs": subject, "op": LOOKUP_OPS[lookup]}
    if part == "date":
        spec = {"kind": "date"}
        wire = _wire(lookup, value, spec)
    else:
        _check_int_part(model, column, part, lookup, value)
        wire = value if lookup not in ("in", "between", "range") else list(value)
    condition["value"] = wire
    return condition


def _check_int_part(model: type[Model], column: ColumnMeta, part: str, lookup: str, value: Any) -> None:
    items = list(value) if lookup in ("in", "between", "range") and isinstance(value, (list, tuple, set)) else [value]
    if not all(v.__class__ is int for v in items) or (lookup in ("between", "range") and len(items) != 2):
        raise FieldLookupValueError(f"{model.__qualname__}.{column.field}__{part}: needs whole numbers, got {value!r}")


def _period(model: type[Model], column: ColumnMeta, part: str, value: Any) -> tuple[Any, Any] | None:
    """``[start, end)`` of the year, month or day ``value`` names, or ``None`` for a bare part number."""
    import datetime as dt

    if part == "year" and value.__class__ is int:
        bounds = (dt.date(value, 1, 1), dt.date(value + 1, 1, 1)) if value < 9999 else None
    elif part == "month" and isinstance(value, tuple) and len(value) == 2:
        year, month = value
        bounds = (dt.date(year, month, 1), dt.date(year + month // 12, month % 12 + 1, 1))
    elif part == "day" and isinstance(value, tuple) and len(value) == 3:
        start = dt.date(*value)
        bounds = (start, start + dt.timedelta(days=1))
    else:
        return None
    if bounds is None:
        raise FieldLookupValueError(f"{model.__qualname__}.{column.field}__{part}: {value!r} is out of range")
    if column.spec["kind"] == "date":
        return bounds
    return tuple(dt.datetime(b.year, b.month, b.day) for b in bounds)  # type: ignore[return-value]


def _many_condition(model: type[Model], parsed: ParsedLookup, value: Any) -> dict[str, Any]:
    """A filter across a reverse FK or M2M field: ``pk IN (SELECT fk FROM related WHERE ...)``.

    A subquery, not a join: the query's rows are never repeated per related row.
    """
    many = parsed.many
    assert many is not None
    source_meta = many.source._meta_ready()
    fk_col = fk_column(many.through or many.target, many.source_fk).column
    if many.through is None:
        inner = many.target.objects.filter(**{parsed.remainder: value})
    else:
        assert many.target_fk is not None
        targets = many.target.objects.filter(**{parsed.remainder: value})
        inner = many.through.objects.filter(**{f"{many.target_fk.field}__in": targets})
    node: dict[str, Any] = {
        "type": "condition",
        "field": source_meta.columns[many.source_fk.target_field].column,
        "op": "in",
        "rhs": {"type": "subquery", "query": inner._subquery_ir(fk_col)},
    }
    if parsed.alias is not None:
        node["table"] = parsed.alias
    return node
