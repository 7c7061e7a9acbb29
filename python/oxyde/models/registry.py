"""The table registry: every ``Meta.is_table`` model under ``"{module}.{qualname}"``.

FK targets may be defined after the model naming them; such models wait in a pending list that
:func:`finalize_pending` retries each time a class is defined (and before any query runs).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = [
    "clear_registry",
    "finalize_pending",
    "iter_tables",
    "model_key",
    "register_table",
    "registered_tables",
    "tables_in_dependency_order",
    "unregister_table",
]

_TABLES: dict[str, type[Model]] = {}
_PENDING: list[type[Model]] = []


def model_key(model: type) -> str:
    """``"{module}.{qualname}"``, the registry key of ``model``."""
    return f"{model.__module__}.{model.__qualname__}"


def register_table(model: type[Model], *, overwrite: bool = False) -> None:
    """Register ``model``. A different class under the same key needs ``overwrite=True``."""
    key = model_key(model)
    current = _TABLES.get(key)
    if current is not None and current is not model and not overwrite:
        raise ValueError(f"a model is already registered as {key!r}")
    _TABLES[key] = model
    if current is not None and current is not model and current in _PENDING:
        _PENDING.remove(current)
    if model not in _PENDING:
        _PENDING.append(model)


def unregister_table(model: type[Model]) -> None:
    """Remove ``model`` (no error when it is not registered)."""
    key = model_key(model)
    if _TABLES.get(key) is model:
        del _TABLES[key]
    if model in _PENDING:
        _PENDING.remove(model)


def registered_tables() -> dict[str, type[Model]]:
    """A copy of the registry, ``{key: model}``."""
    return dict(_TABLES)


def iter_tables() -> Iterator[type[Model]]:
    """The registered models, in registration order."""
    return iter(list(_TABLES.values()))


def clear_registry() -> None:
    """Forget every model (tests); only models registered again take part afterwards."""
    _TABLES.clear()
    _PENDING.clear()


def finalize_pending() -> None:
    """Resolve the FKs of every pending model whose targets now exist."""
    progress = True
    while progress and _PENDING:
        progress = False
        for model in list(_PENDING):
            try:
                done = model._try_finalize()
            except Exception:
                unregister_table(model)  # an invalid model must not poison later definitions
                raise
            if done:
                _PENDING.remove(model)
                progress = True


def tables_in_dependency_order(models: Iterable[type[Model]] | None = None) -> list[type[Model]]:
    """``models`` (default: all registered) ordered so that every FK target comes before its users.

    Self-references are ignored; a cycle keeps the remaining models in registration order.
    """
    finalize_pending()
    chosen = list(models) if models is not None else list(_TABLES.values())
    remaining = {model_key(m): m for m in chosen}
    by_table = {m._db_meta.table_name: m for m in chosen}
    deps: dict[str, list[type[Model]]] = {}
    for m in chosen:
        targets = list(m._db_meta.fk_targets())
        for col in m._db_meta.columns.values():  # db_fk="table.column" on primitive fields
            if col.fk is not None and col.fk.target is None and col.fk.ref_table in by_table:
                targets.append(by_table[col.fk.ref_table])
        deps[model_key(m)] = targets
    ordered: list[type[Model]] = []
    while remaining:
        ready = [
            m
            for key, m in remaining.items()
            if not any(model_key(t) in remaining and t is not m for t in deps[key])
        ]
        if not ready:
            ready = list(remaining.values())
        for m in ready:
            ordered.append(m)
            del remaining[model_key(m)]
    return ordered
