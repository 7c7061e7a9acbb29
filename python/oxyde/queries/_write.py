"""Building ``insert``/``update`` IR from instances and keyword values (writes validate)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Annotated, Any

from pydantic import TypeAdapter

from oxyde.exceptions import FieldError, ValueConversionError
from oxyde.models._codec import decode_rows
from oxyde.models._encode import RowEncoder, encode_value, field_error, row_encoder
from oxyde.models._meta import ModelMeta
from oxyde.models.base import Model
from oxyde.queries._ir import new_ir
from oxyde.queries._lookups import resolve_field
from oxyde.queries.expressions import F

__all__ = ["apply_returned", "insert_ir", "link_relations", "update_ir"]


def link_relations(instance: Model) -> None:
    """Copy the PK of related instances (``post.author = ada``) into the FK column (``author_id``)."""
    for name, rel in type(instance)._db_meta.relations.items():
        related = instance.__dict__.get(name)
        if isinstance(related, Model) and instance.__dict__.get(rel.column_field) is None:
            instance.__dict__[rel.column_field] = getattr(related, rel.target_field)


def _omitted(meta: ModelMeta, instance: Model) -> tuple[str, ...]:
    """Fields an INSERT of ``instance`` leaves out: those whose value is ``None`` and that are an
    auto-increment PK, or have a DB default and were not set explicitly."""
    values = instance.__dict__
    omitted: tuple[str, ...] = ()
    for name, auto_increment in meta.insert_omittable:
        if values.get(name) is None and (auto_increment or name not in instance.model_fields_set):
            omitted += (name,)
    return omitted


def _insert_plan(model: type[Model], omitted: tuple[str, ...]) -> tuple[list[str], RowEncoder]:
    """The db columns sent when ``omitted`` are left out, and the encoder of their values."""
    meta = model._db_meta
    plan = meta.insert_plans.get(omitted)
    if plan is None:
        columns = [c for name, c in meta.columns.items() if name not in omitted]
        encoder = row_encoder(model, [(c.field, c.spec) for c in columns])
        plan = meta.insert_plans[omitted] = ([c.column for c in columns], encoder)
    return plan


def insert_ir(model: type[Model], instances: Sequence[Model]) -> dict[str, Any]:
    """One multi-row ``insert`` returning every column."""
    ir = new_ir(model, "insert")
    meta = model._db_meta
    if meta.relations:
        for obj in instances:
            link_relations(obj)
    omitted = _omitted(meta, instances[0]) if instances else ()
    for obj in instances[1:] if omitted else ():  # a column stays out only if every row omits it
        omitted = tuple(name for name in _omitted(meta, obj) if name in omitted)
    columns, encode = _insert_plan(model, omitted)
    ir["columns"] = list(columns)
    ir["rows"] = [encode(obj.__dict__) for obj in instances]
    ir["returning"] = list(meta.select_columns)
    return ir


def apply_returned(instances: Sequence[Model], result: dict[str, Any]) -> None:
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
    return TypeAdapter(Annotated[info.annotation, info])


def update_ir(
    model: type[Model],
    values: dict[str, Any],
    filter_tree: dict[str, Any] | None,
    returning: bool = False,
) -> dict[str, Any]:
    """An ``update`` of ``values`` (plain values are validated; ``F`` becomes an expression)."""
    ir = new_ir(model, "update")
    if not values:
        raise FieldError(f"{model.__qualname__}.update() needs at least one field value")
    plain: dict[str, Any] = {}
    expressions: dict[str, Any] = {}
    for name, value in values.items():
        column, relation = resolve_field(model, name)
        if relation is not None and isinstance(value, Model):
            value = getattr(value, relation.target_field)
        try:
            if isinstance(value, F):
                expressions[column.column] = value.to_ir(
                    lambda n: resolve_field(model, n)[0].column,
                    lambda v, spec=column.spec: encode_value(v, spec),
                )
            else:
                validated = _adapter(model, column.field).validate_python(value)
                plain[column.column] = encode_value(validated, column.spec)
        except ValueConversionError as exc:
            raise field_error(model, column.field, value, exc) from None
    ir["values"] = plain
    ir["expressions"] = expressions
    ir["filter_tree"] = filter_tree
    if returning:
        ir["returning"] = list(model._db_meta.select_columns)
    return ir
