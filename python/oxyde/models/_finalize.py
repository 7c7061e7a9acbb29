"""Finalizing a model: resolve FK annotations, add the ``{field}_{pk}`` columns, build ``_db_meta``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, ForwardRef

from pydantic.fields import FieldInfo

from oxyde.models._meta import ColumnMeta, ForeignKeyInfo, build_column, db_option, is_virtual
from oxyde.models._types import unwrap_optional
from oxyde.models.field import OxydeFieldInfo
from oxyde.models import registry

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["try_finalize"]


def _namespace(model: type[Model]) -> dict[str, Any]:
    ns: dict[str, Any] = {m.__name__: m for m in registry.iter_tables()}
    module = sys.modules.get(model.__module__)
    if module is not None:
        ns.update(vars(module))
    ns.update(getattr(model, "__oxyde_parent_ns__", {}))
    ns.setdefault(model.__name__, model)
    return ns


def _is_model(tp: Any) -> bool:
    from oxyde.models.base import Model

    return isinstance(tp, type) and issubclass(tp, Model)


def _pk_of(target: type[Model]) -> tuple[str, FieldInfo] | None:
    for name, info in target.model_fields.items():
        if db_option(info, "db_pk"):
            return name, info
    id_info = target.model_fields.get("id")
    return ("id", id_info) if id_info is not None else None


def try_finalize(model: type[Model]) -> bool:
    """Finalize ``model``; ``False`` while one of its annotations names a class not defined yet."""
    if not model.__pydantic_complete__:
        try:
            if not model.model_rebuild(raise_errors=False, _types_namespace=_namespace(model)):
                return False
        except Exception:  # an unresolvable annotation: wait for its class
            return False
    if any(isinstance(unwrap_optional(i.annotation)[0], (str, ForwardRef)) for i in model.model_fields.values()):
        return False

    relations: dict[str, ForeignKeyInfo] = {}
    added: dict[str, FieldInfo] = {}
    for name, info in list(model.model_fields.items()):
        if is_virtual(info):
            continue
        inner, optional = unwrap_optional(info.annotation)
        if not _is_model(inner):
            continue
        pk = _pk_of(inner)
        if pk is None:
            raise TypeError(f"{model.__qualname__}.{name}: {inner.__qualname__} has no primary key")
        target_field = db_option(info, "db_fk") or pk[0]
        target_info = inner.model_fields.get(target_field)
        if target_info is None:
            raise TypeError(
                f"{model.__qualname__}.{name}: db_fk {target_field!r} is not a field of {inner.__qualname__}"
            )
        column_field = db_option(info, "db_column") or f"{name}_{target_field}"
        nullable = db_option(info, "db_nullable")
        relations[name] = ForeignKeyInfo(
            field=name,
            column_field=column_field,
            target=inner,
            target_field=target_field,
            target_column=db_option(target_info, "db_column") or target_field,
            on_delete=str(db_option(info, "db_on_delete")),
            on_update=str(db_option(info, "db_on_update")),
            optional=optional if nullable is None else bool(nullable),
        )
        if info.is_required():
            info.default = None  # the relation itself is virtual: filled only by joins
        if column_field not in model.model_fields:
            target_type, _ = unwrap_optional(target_info.annotation)
            added[column_field] = OxydeFieldInfo(
                default=None,
                annotation=target_type | None,
                db_nullable=relations[name].optional,
                db_unique=db_option(info, "db_unique"),
                db_index=db_option(info, "db_index"),
                db_index_name=db_option(info, "db_index_name"),
            )
    if added or relations:
        model.__pydantic_fields__.update(added)
        model.model_rebuild(force=True, _types_namespace=_namespace(model))

    fk_by_column = {rel.column_field: rel for rel in relations.values()}
    for name, info in model.model_fields.items():
        target = db_option(info, "db_fk")
        if name not in relations and isinstance(target, str) and "." in target:
            ref_table, ref_column = target.rsplit(".", 1)  # a primitive field: db_fk="table.column"
            fk_by_column[name] = ForeignKeyInfo(
                field=name,
                column_field=name,
                target=None,
                target_field=ref_column,
                target_column=ref_column,
                on_delete=str(db_option(info, "db_on_delete")),
                on_update=str(db_option(info, "db_on_update")),
                optional=unwrap_optional(info.annotation)[1],
                ref_table=ref_table,
            )
    columns: list[ColumnMeta] = []
    has_pk = any(db_option(info, "db_pk") for info in model.model_fields.values())
    for name, info in model.model_fields.items():
        if name in relations or is_virtual(info):
            continue
        implicit_pk = not has_pk and name == "id"  # Oxyde's fallback: ``id`` is the PK
        columns.append(
            build_column(name, info, fk_by_column.get(name), primary_key=implicit_pk, model_name=model.__qualname__)
        )
    model._db_meta.relations = relations
    model._db_meta.set_columns(columns)
    return True
