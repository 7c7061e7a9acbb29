"""Building ``insert``/``update`` IR from instances and keyword values (writes validate)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from pydantic import TypeAdapter

from oxyde.exceptions import FieldError
from oxyde.models._codec import decode_rows, encode_value
from oxyde.models.base import Model
from oxyde.models.registry import model_key
from oxyde.queries._lookups import resolve_field
from oxyde.queries.expressions import F

__all__ = ["apply_returned", "insert_ir", "link_relations", "update_ir"]


def link_relations(instance: Model) -> None:
    """Copy the PK of related instances (``post.author = ada``) into the FK column (``author_id``)."""
    for name, rel in type(instance)._db_meta.relations.items():
        related = instance.__dict__.get(name)
        if isinstance(related, Model) and instance.__dict__.get(rel.column_field) is None:
            instance.__dict__[rel.column_field] = getattr(related, rel.target_field)


def _insert_columns(instance: Model) -> list[str]:
    meta = type(instance)._db_meta
    fields_set = instance.model_fields_set
    chosen = []
    for name, col in meta.columns.items():
        value = instance.__dict__.get(name)
        if value is None and (col.auto_increment or (col.default_sql is not None and name not in fields_set)):
            continue
        chosen.append(name)
    return chosen


def insert_ir(model: type[Model], instances: list[Model]) -> dict[str, Any]:
    """One multi-row ``insert`` returning every column."""
    meta = model._meta_ready()
    for obj in instances:
        link_relations(obj)
    if len(instances) == 1:
        names = _insert_columns(instances[0])
    else:
        seen: set[str] = set()
        for obj in instances:
            seen.update(_insert_columns(obj))
        names = [n for n in meta.columns if n in seen]
    columns = [meta.columns[n] for n in names]
    rows = [[encode_value(obj.__dict__.get(c.field), c.spec) for c in columns] for obj in instances]
    return {
        "proto": 1,
        "type": "insert",
        "table": meta.table_name,
        "model": model_key(model),
        "columns": [c.column for c in columns],
        "rows": rows,
        "returning": list(meta.select_columns),
        "column_types": meta.column_types,  # shared, read-only
    }


def apply_returned(instances: list[Model], result: dict[str, Any]) -> None:
    """Copy returned rows (PKs, DB defaults) into ``instances``, in input order."""
    rows = result.get("rows") or []
    if not instances or not rows:
        return
    model = type(instances[0])
    for obj, values in zip(instances, decode_rows(model, result["columns"], rows)):
        obj.__dict__.update(values)
        obj.__pydantic_fields_set__.update(values)


@lru_cache(maxsize=2048)
def _adapter(model: type[Model], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, info])  # type: ignore[name-defined]


def update_ir(
    model: type[Model],
    values: dict[str, Any],
    filter_tree: dict[str, Any] | None,
    returning: bool = False,
) -> dict[str, Any]:
    """An ``update`` of ``values`` (plain values are validated; ``F`` becomes an expression)."""
    meta = model._meta_ready()
    if not values:
        raise FieldError(f"{model.__qualname__}.update() needs at least one field value")
    plain: dict[str, Any] = {}
    expressions: dict[str, Any] = {}
    for name, value in values.items():
        column, relation = resolve_field(model, name)
        if relation is not None and isinstance(value, Model):
            value = getattr(value, relation.target_field)
        if isinstance(value, F):
            expressions[column.column] = value.to_ir(
                lambda n: resolve_field(model, n)[0].column,
                lambda v, spec=column.spec: encode_value(v, spec),
            )
        else:
            validated = _adapter(model, column.field).validate_python(value)
            plain[column.column] = encode_value(validated, column.spec)
    ir: dict[str, Any] = {
        "proto": 1,
        "type": "update",
        "table": meta.table_name,
        "model": model_key(model),
        "values": plain,
        "expressions": expressions,
        "filter_tree": filter_tree,
        "column_types": meta.column_types,  # shared, read-only
    }
    if returning:
        ir["returning"] = list(meta.select_columns)
    return ir
