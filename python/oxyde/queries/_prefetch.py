"""``prefetch("posts", "posts__tags")``: related rows loaded by one extra query per level.

Reverse FKs and M2M fields (and forward FKs, when a path goes through one) are read with ``IN``
over the keys of the objects already loaded, in chunks that stay under every database's bind
limit, and set on each object as a list (a forward FK: the instance or ``None``). The queries are
yielded as IR, so the async terminal and its ``_sync`` twin run the same steps
(:mod:`oxyde.queries._steps`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from oxyde.exceptions import FieldError
from oxyde.queries._paths import fk_column, many_relation

if TYPE_CHECKING:
    from oxyde.models.base import Model
    from oxyde.queries._steps import Steps

__all__ = ["check_prefetch_path", "prefetch_steps"]

#: Keys per ``IN``: far under SQLite's 32,766 and the servers' 65,535 bind parameters.
CHUNK = 10_000


def check_prefetch_path(model: type[Model], path: str) -> None:
    current = model
    for name in path.split("__"):
        many = many_relation(current, name)
        if many is not None:
            current = many.target
            continue
        fk = current._meta_ready().relations.get(name)
        if fk is None or fk.target is None:
            raise FieldError(f"{current.__qualname__}.{name}: prefetch() follows relation fields, and {name!r} is not one")
        current = fk.target


def prefetch_steps(model: type[Model], objects: Sequence[Any], paths: Sequence[str]) -> Steps[None]:
    """Loads every path onto ``objects`` (instances of ``model``); shared prefixes load once."""
    loaded: dict[str, tuple[type[Model], list[Any]]] = {"": (model, [o for o in objects if o is not None])}
    for path in sorted(set(_with_prefixes(paths)), key=lambda p: p.count("__")):
        parent_path, _, name = path.rpartition("__")
        parent_model, parents = loaded[parent_path]
        target, children = yield from _load_level(parent_model, parents, name)
        loaded[path] = (target, children)


def _with_prefixes(paths: Sequence[str]) -> list[str]:
    out = []
    for path in paths:
        parts = path.split("__")
        out += ["__".join(parts[: i + 1]) for i in range(len(parts))]
    return out


def _load_level(model: type[Model], parents: list[Any], name: str) -> Steps[tuple[type[Model], list[Any]]]:
    """Sets ``name`` on every parent; returns the related model and the distinct objects loaded."""
    many = many_relation(model, name)
    if many is None:
        return (yield from _load_forward(model, parents, name))
    source_key = many.source._meta_ready().columns[many.source_fk.target_field].field
    keys = _distinct(getattr(p, source_key) for p in parents)
    target_meta = many.target._meta_ready()
    by_parent: dict[Any, list[Any]] = defaultdict(list)
    children: list[Any] = []
    if many.through is None:
        fk_field = fk_column(many.target, many.source_fk).field
        for chunk in _chunks(keys):
            rows = yield from _rows(many.target.objects.filter(**{f"{fk_field}__in": chunk}).order_by("pk"))
            for row in rows:
                by_parent[getattr(row, fk_field)].append(row)
                children.append(row)
    else:
        assert many.target_fk is not None
        source_field = fk_column(many.through, many.source_fk).field
        target_field = fk_column(many.through, many.target_fk).field
        links: list[tuple[Any, Any]] = []
        for chunk in _chunks(keys):
            query = many.through.objects.filter(**{f"{source_field}__in": chunk}).order_by("pk")
            links += yield from _rows(query.values_list(source_field, target_field))
        target_pk = target_meta.pk_field or "id"
        targets: dict[Any, Any] = {}
        for chunk in _chunks(_distinct(t for _, t in links)):
            for row in (yield from _rows(many.target.objects.filter(**{f"{target_pk}__in": chunk}))):
                targets[getattr(row, target_pk)] = row
        for source, target in links:
            if target in targets:
                by_parent[source].append(targets[target])
        children = list(targets.values())
    for parent in parents:
        parent.__dict__[name] = by_parent.get(getattr(parent, source_key), [])
    return many.target, children


def _load_forward(model: type[Model], parents: list[Any], name: str) -> Steps[tuple[type[Model], list[Any]]]:
    fk = model._meta_ready().relations.get(name)
    if fk is None or fk.target is None:
        raise FieldError(f"{model.__qualname__}.{name}: prefetch() follows relation fields, and {name!r} is not one")
    target = fk.target
    target_field = target._meta_ready().field_by_column.get(fk.target_column, fk.target_field)
    found: dict[Any, Any] = {}
    for chunk in _chunks(_distinct(getattr(p, fk.column_field) for p in parents)):
        for row in (yield from _rows(target.objects.filter(**{f"{target_field}__in": chunk}))):
            found[getattr(row, target_field)] = row
    for parent in parents:
        parent.__dict__[name] = found.get(getattr(parent, fk.column_field))
    return target, list(found.values())


def _rows(query: Any) -> Steps[list[Any]]:
    return query._shape_rows((yield query._select_ir()))  # type: ignore[no-any-return]


def _distinct(values: Any) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v is not None))


def _chunks(keys: list[Any]) -> list[list[Any]]:
    return [keys[i : i + CHUNK] for i in range(0, len(keys), CHUNK)]
