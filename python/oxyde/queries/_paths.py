"""Relation paths: ``author__country__code`` resolved hop by hop into joins and a final column.

A forward FK (``author: Author | None``) is a hop that a query follows with a JOIN; a reverse FK
(``posts: list[Post] = Field(db_reverse_fk="author")``) and a many-to-many field (``tags:
list[Tag] = Field(db_m2m=True, db_through="PostTag")``) are followed with a subquery instead, so a
filter across them never duplicates the query's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args, get_origin

from oxyde.exceptions import FieldError
from oxyde.models._meta import ColumnMeta, ForeignKeyInfo, db_option

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["ManyRelation", "fk_column", "join_entry", "many_relation", "split_path"]


@dataclass(frozen=True)
class ManyRelation:
    """A reverse FK or M2M field of ``source``: rows of ``target`` that point back at it.

    ``through`` is the junction model of an M2M field; ``source_fk`` is the FK (on ``through``, or on
    ``target`` for a reverse FK) that points at ``source``, and ``target_fk`` the junction's FK to
    ``target``.
    """

    name: str
    source: type[Model]
    target: type[Model]
    source_fk: ForeignKeyInfo
    through: type[Model] | None = None
    target_fk: ForeignKeyInfo | None = None


def _list_item(annotation: Any) -> Any:
    from oxyde.models._types import unwrap_optional

    inner, _ = unwrap_optional(annotation)
    args = get_args(inner)
    return args[0] if get_origin(inner) in (list, tuple, set) and args else None


def _resolve_model(model: type[Model], ref: Any) -> type[Model]:
    from oxyde.models import registry
    from oxyde.models.base import Model

    if isinstance(ref, type) and issubclass(ref, Model):
        return ref
    if isinstance(ref, str):
        for candidate in registry.iter_tables():
            if candidate.__name__ == ref or candidate.__qualname__ == ref or registry.model_key(candidate) == ref:
                return candidate
    raise FieldError(f"{model.__qualname__}: cannot resolve the model {ref!r}")


def _fk_to(model: type[Model], target: type[Model], name: str | None = None) -> ForeignKeyInfo:
    """The FK of ``model`` that points at ``target`` (the one named ``name`` when given)."""
    relations = model._meta_ready().relations
    if name is not None:
        # ``db_reverse_fk`` names the relation field (``author``) or its column field (``author_id``).
        fk = relations.get(name) or next((r for r in relations.values() if r.column_field == name), None)
        if fk is None or fk.target is not target:
            raise FieldError(f"{model.__qualname__}.{name} is not a foreign key to {target.__qualname__}")
        return fk
    matches = [fk for fk in relations.values() if fk.target is target]
    if len(matches) != 1:
        raise FieldError(
            f"{model.__qualname__} needs exactly one foreign key to {target.__qualname__}, found {len(matches)}"
        )
    return matches[0]


def many_relation(model: type[Model], name: str) -> ManyRelation | None:
    """The reverse FK or M2M field ``name`` of ``model``, or ``None`` when it is not one."""
    cache = model._db_meta.extra.setdefault("__many_relations__", {})
    if name in cache:
        return cache[name]  # type: ignore[no-any-return]
    info = model.model_fields.get(name)
    relation: ManyRelation | None = None
    if info is not None:
        reverse = db_option(info, "db_reverse_fk")
        m2m = db_option(info, "db_m2m")
        if reverse or m2m:
            item = _list_item(info.annotation)
            if item is None:
                raise FieldError(f"{model.__qualname__}.{name}: a relation field is annotated list[Model]")
            target = _resolve_model(model, item)
            if reverse:
                relation = ManyRelation(name, model, target, _fk_to(target, model, str(reverse)))
            else:
                through_ref = db_option(info, "db_through")
                if not through_ref:
                    raise FieldError(f"{model.__qualname__}.{name}: db_m2m=True needs db_through='JunctionModel'")
                through = _resolve_model(model, through_ref)
                relation = ManyRelation(name, model, target, _fk_to(through, model), through, _fk_to(through, target))
    cache[name] = relation
    return relation


def split_path(model: type[Model], parts: list[str]) -> tuple[list[ForeignKeyInfo], type[Model], int]:
    """Follow forward FKs along ``parts`` from ``model``: ``(hops, model reached, parts consumed)``.

    Stops at the first part that is not a forward relation of the model reached (a column, a
    reverse/M2M field, a lookup); a relation that ends the path is not consumed (``author`` alone
    names the FK column ``author_id``).
    """
    hops: list[ForeignKeyInfo] = []
    current = model
    used = 0
    while used < len(parts) - 1:
        fk = current._meta_ready().relations.get(parts[used])
        if fk is None or fk.target is None:
            break
        hops.append(fk)
        current = fk.target
        used += 1
    return hops, current, used


def join_entry(
    parent: type[Model], parent_alias: str | None, alias: str, fk: ForeignKeyInfo, inner: bool
) -> dict[str, Any]:
    """The IR join that follows ``fk`` of ``parent`` (joined as ``parent_alias``; ``None``: the query's table)."""
    assert fk.target is not None
    target_meta = fk.target._meta_ready()
    return {
        "alias": alias,
        "table": target_meta.table_name,
        "parent": parent_alias,
        "on": [[fk_column(parent, fk).column, fk.target_column]],
        "inner": inner,
        "column_types": target_meta.column_types,
    }


def fk_column(model: type[Model], fk: ForeignKeyInfo) -> ColumnMeta:
    """The column of ``model`` that stores ``fk``."""
    return model._meta_ready().columns[fk.column_field]
