"""The parts of a select beyond one table's columns: joins, loaded relations, annotations, grouping,
HAVING and unions; and how their result rows become models, dicts or tuples.

``QueryBuilder`` keeps the state and calls :func:`extend` only when one of these is set
(``_extended``), so a plain query never pays for them. The column plan of a query is computed once
per query object (:func:`plan`) and used both to build the IR and to read its result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oxyde.exceptions import FieldError, FieldLookupError
from oxyde.models._codec import decoder_for, hydrate_rows
from oxyde.models._encode import encode_value
from oxyde.queries._compile import JoinNeeds, compile_expression
from oxyde.queries._lookups import LOOKUP_OPS, lookup_condition, resolve_field
from oxyde.queries._paths import join_entry, split_path
from oxyde.queries.expressions import Q

if TYPE_CHECKING:
    from oxyde.models.base import Model
    from oxyde.queries._builder import QueryBuilder

__all__ = ["check_forward_path", "extend", "having_condition", "having_node", "plan", "shape"]

Convert = Callable[[Any], Any] | None


@dataclass(frozen=True)
class Load:
    """A ``join()`` path: its columns ``start:end`` in each row, read as ``model``, set as ``attr`` on the
    object loaded for ``parent`` (``None``: the query's own rows)."""

    path: str
    parent: str | None
    attr: str
    model: type[Model]
    columns: tuple[str, ...]
    start: int
    end: int
    pk_index: int


@dataclass(frozen=True)
class Plan:
    joins: list[dict[str, Any]]
    columns: list[Any]
    group_by: list[Any] | None
    root_columns: tuple[str, ...]  # models: the leading columns, the model's own
    loads: tuple[Load, ...]
    extras: tuple[tuple[str, int, Convert], ...]  # models: annotations set as attributes
    outputs: tuple[tuple[str, Convert], ...]  # values modes: key and converter per column


def check_forward_path(model: type[Model], path: str) -> None:
    parts = path.split("__")
    _, _, used = split_path(model, parts + ["*"])
    if used != len(parts):
        raise FieldError(f"{model.__qualname__}: join({path!r}) needs a path of foreign keys")


def _join_list(builder: QueryBuilder[Any]) -> list[dict[str, Any]]:
    """Joins for every needed path, parents first (``author`` before ``author__country``)."""
    model = builder.model
    paths: list[str] = []
    for path in builder._needs + builder._loads:
        parts = path.split("__")
        for i in range(1, len(parts) + 1):
            prefix = "__".join(parts[:i])
            if prefix not in paths:
                paths.append(prefix)
    table = model._meta_ready().table_name
    joins = []
    for path in paths:
        parts = path.split("__")
        hops, _, _ = split_path(model, parts + ["*"])
        parent_model = hops[-2].target if len(hops) > 1 else model
        assert parent_model is not None
        if path == table:
            raise FieldError(f"{model.__qualname__}: the relation path {path!r} has the name of the query's table")
        inner = all(not hop.optional for hop in hops)
        joins.append(join_entry(parent_model, "__".join(parts[:-1]) or None, path, hops[-1], inner))
    joins.extend(builder._reverse_joins)
    return joins


def plan(builder: QueryBuilder[Any]) -> Plan:
    cached: Plan | None = builder.__dict__.get("_plan")
    if cached is None:
        cached = builder.__dict__["_plan"] = _build_plan(builder)
    return cached


def _build_plan(builder: QueryBuilder[Any]) -> Plan:
    model = builder.model
    meta = model._meta_ready()
    joins = _join_list(builder)
    annotations = builder._annotations
    grouped = builder._group_by is not None or any(c.aggregate for c in annotations.values())
    group_by: list[Any] | None = None
    if builder._group_by is not None:
        group_by = [compile_expression(model, name, None, JoinNeeds()).ir for name in builder._group_by] or None
    if builder._mode != "models":
        items, outputs = _value_columns(builder)
        if grouped and group_by is None and builder._group_by is None:
            group_by = [c if isinstance(c, str) else c["expr"] for c in items if not _is_aggregate_item(c, annotations)] or None
        return Plan(joins, items, group_by, (), (), (), outputs)
    if builder._group_by:
        raise TypeError(
            f"{model.__qualname__}: grouped rows are not {model.__qualname__} instances; "
            "read them with .values(...) (e.g. .group_by('author_id').values('author_id', 'n'))"
        )
    root = _root_columns(builder)
    columns: list[Any] = list(root)
    loads: list[Load] = []
    for path in builder._loads:
        for prefix in _prefixes(path):
            if any(load.path == prefix for load in loads):
                continue
            parts = prefix.split("__")
            hops, target, _ = split_path(model, parts + ["*"])
            target_meta = target._meta_ready()
            cols = target_meta.select_columns
            start = len(columns)
            columns += [{"expr": {"type": "column", "table": prefix, "name": c}, "as": f"{prefix}__{c}"} for c in cols]
            pk = target_meta.pk_column
            loads.append(Load(prefix, "__".join(parts[:-1]) or None, parts[-1], target, cols, start, len(columns),
                              cols.index(pk) if pk in cols else 0))  # fmt: skip
    extras = []
    for name, compiled in annotations.items():
        extras.append((name, len(columns), compiled.convert))
        columns.append({"expr": compiled.ir, "as": name, "type": compiled.spec})
    if grouped and group_by is None:
        # Per-row aggregates (Count("posts")): one group per row of the model (and its loaded rows).
        group_by = [c if isinstance(c, str) else c["expr"] for c in columns[: len(columns) - len(extras)]]
    return Plan(joins, columns, group_by, tuple(root), tuple(loads), tuple(extras), ())


def _prefixes(path: str) -> list[str]:
    parts = path.split("__")
    return ["__".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _is_aggregate_item(item: Any, annotations: Mapping[str, Any]) -> bool:
    return isinstance(item, dict) and item["as"] in annotations and annotations[item["as"]].aggregate


def _root_columns(builder: QueryBuilder[Any]) -> tuple[str, ...]:
    meta = builder.model._meta_ready()
    if builder._only is None:
        return tuple(meta.select_columns)
    wanted = {resolve_field(builder.model, name)[0].column for name in builder._only}
    if meta.pk_column:
        wanted.add(meta.pk_column)
    return tuple(c for c in meta.select_columns if c in wanted)


def _value_columns(builder: QueryBuilder[Any]) -> tuple[list[Any], tuple[tuple[str, Convert], ...]]:
    model = builder.model
    meta = model._meta_ready()
    annotations = builder._annotations
    fields = builder._fields
    if fields is None:
        fields = tuple(meta.field_by_column[c] for c in _root_columns(builder)) + tuple(annotations)
    columns: list[Any] = []
    outputs: list[tuple[str, Convert]] = []
    for name in fields:
        annotation = annotations.get(name)
        if annotation is not None:
            columns.append({"expr": annotation.ir, "as": name, "type": annotation.spec})
            outputs.append((name, annotation.convert))
        elif "__" in name:
            compiled = compile_expression(model, name, None, JoinNeeds())
            columns.append({"expr": compiled.ir, "as": name})
            outputs.append((name, compiled.convert))
        else:
            column, _ = resolve_field(model, name)
            columns.append(column.column)
            outputs.append((column.field if name != "pk" else name, decoder_for(column.annotation)))
    return columns, tuple(outputs)


def extend(builder: QueryBuilder[Any], ir: dict[str, Any]) -> None:
    """Adds joins, output columns, grouping, HAVING and unions to ``ir``."""
    p = plan(builder)
    if p.joins:
        ir["joins"] = p.joins
    ir["columns"] = p.columns
    if p.group_by:
        ir["group_by"] = p.group_by
    if builder._having:
        having = builder._having
        ir["having"] = having[0] if len(having) == 1 else {"type": "and", "children": list(having)}
    if builder._unions:
        ir["union"] = [{"all": all_rows, "query": _branch_ir(builder, other)} for other, all_rows in builder._unions]


def _branch_ir(builder: QueryBuilder[Any], other: QueryBuilder[Any]) -> dict[str, Any]:
    """A union branch, selecting what the query selects (its ``values()`` fields unless it has its own)."""
    if other._fields is None and builder._fields is not None:
        other = other.values(*builder._fields)
    if other._order or other._limit is not None or other._offset is not None or other._unions:
        raise FieldError(f"{other.model.__qualname__}: a union branch cannot be ordered, sliced or a union itself")
    ir = other._select_ir()
    del ir["proto"]
    ir["order_by"] = []
    return ir


# --- HAVING ------------------------------------------------------------------------------------

_HAVING_LOOKUPS = frozenset({"exact", "ne", "gt", "gte", "lt", "lte", "in", "between", "range", "isnull"})


def having_condition(builder: QueryBuilder[Any], key: str, value: Any) -> dict[str, Any]:
    """``n__gte=2`` on an annotation, or a lookup on a grouped field."""
    name, _, lookup = key.partition("__")
    annotation = builder._annotations.get(name)
    if annotation is None:
        return lookup_condition(builder.model, key, value, [])
    lookup = lookup or "exact"
    if lookup not in _HAVING_LOOKUPS:
        raise FieldLookupError(f"{builder.model.__qualname__}: having() on {name!r} takes {sorted(_HAVING_LOOKUPS)}, not {lookup!r}")
    spec = annotation.spec
    if lookup == "in":
        wire: Any = [encode_value(v, spec) for v in value]
    elif lookup in ("between", "range"):
        wire = [encode_value(value[0], spec), encode_value(value[1], spec)]
    elif lookup == "isnull":
        wire = bool(value)
    else:
        wire = encode_value(value, spec)
    return {"type": "condition", "lhs": annotation.ir, "op": LOOKUP_OPS[lookup], "value": wire}


def having_node(builder: QueryBuilder[Any], q: Q) -> dict[str, Any]:
    if not isinstance(q, Q):
        raise TypeError(f"having() positional arguments must be Q objects, got {type(q).__name__}")
    nodes = [having_node(builder, child) for child in q.children]
    nodes += [having_condition(builder, key, value) for key, value in q.lookups.items()]
    node = nodes[0] if len(nodes) == 1 else {"type": q.connector, "children": nodes}
    return {"type": "not", "child": node} if q.negated else node


# --- results -------------------------------------------------------------------------------------


def shape(builder: QueryBuilder[Any], rows: Sequence[Sequence[Any]]) -> list[Any]:
    """Result rows of an extended query as models (with loaded relations and annotations), dicts,
    tuples or scalars."""
    p = plan(builder)
    mode = builder._mode
    if mode != "models":
        converters = [(i, c) for i, (_, c) in enumerate(p.outputs) if c is not None]
        typed = [_convert(row, converters) for row in rows] if converters else [list(row) for row in rows]
        if mode == "dict":
            keys = [key for key, _ in p.outputs]
            return [dict(zip(keys, row)) for row in typed]
        if mode == "flat":
            return [row[0] for row in typed]
        return [tuple(row) for row in typed]
    # The reader of the model's own columns reads them by position, so the joined columns after them
    # need no slicing off.
    roots = hydrate_rows(builder.model, p.root_columns, rows)
    loaded: dict[str | None, list[Any]] = {None: roots}
    for load in p.loads:
        objects = _load_objects(load, rows)
        parents = loaded[load.parent]
        for parent, obj in zip(parents, objects):
            if parent is not None:
                parent.__dict__[load.attr] = obj
        loaded[load.path] = objects
    for name, index, convert in p.extras:
        for obj, row in zip(roots, rows):
            value = row[index]
            obj.__dict__[name] = convert(value) if convert is not None and value is not None else value
    return roots


def _convert(row: Sequence[Any], converters: list[tuple[int, Any]]) -> list[Any]:
    values = list(row)
    for i, convert in converters:
        if values[i] is not None:
            values[i] = convert(values[i])
    return values


def _load_objects(load: Load, rows: Sequence[Sequence[Any]]) -> list[Any]:
    """One instance per distinct key of ``load`` (shared by every row that has it); ``None`` where the
    LEFT JOIN found nothing."""
    key_at = load.start + load.pk_index
    first_rows: dict[Any, Sequence[Any]] = {}
    for row in rows:
        key = row[key_at]
        if key is not None and key not in first_rows:
            first_rows[key] = row[load.start : load.end]
    instances = dict(zip(first_rows, hydrate_rows(load.model, load.columns, list(first_rows.values())))) if first_rows else {}
    return [instances.get(row[key_at]) for row in rows]
