"""Skeletons of IR documents (docs/ir-protocol.md): the keys that are the same for every statement
of one type on one model, built once and cached on the model's ``_db_meta``.

A skeleton holds ``proto``/``type`` first (the engine peeks for them), the table and model names,
the model's shared ``column_types`` (and, for ``select``, its column tuple), and every other key of
the statement at its default, so a builder copies it and sets only what differs. Shared parts are
read-only; ``Query.to_ir()`` hands out copies of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oxyde.models.registry import model_key

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["new_ir"]

#: Statement keys after ``table``/``model``, at their defaults (``None`` where every builder sets them).
_DEFAULTS: dict[str, dict[str, Any]] = {
    "select": {
        # column_types before columns: the engine then takes a model's usual column list as the one
        # list it keeps per model (IrReader.ReadSelectItems), with no allocation.
        "column_types": None,
        "columns": None,  # the model's column tuple, see below
        "filter_tree": None,
        "order_by": None,  # set to a fresh list by every select
        "limit": None,
        "offset": None,
        "distinct": False,
        "count": False,
        "exists": False,
    },
    "insert": {"columns": None, "rows": None, "returning": None, "column_types": None, "pk": None},
    "update": {"values": None, "expressions": None, "filter_tree": None, "column_types": None, "pk": None},
    "delete": {"filter_tree": None, "column_types": None},
}


def new_ir(model: type[Model], statement: str) -> dict[str, Any]:
    """A fresh copy of ``model``'s skeleton for ``statement`` (``select insert update delete``)."""
    skeleton = model._db_meta.ir_skeletons.get(statement)
    if skeleton is None:
        skeleton = _skeleton(model, statement)
    return skeleton.copy()


def _skeleton(model: type[Model], statement: str) -> dict[str, Any]:
    meta = model._meta_ready()  # may finalize the model, which empties the cache
    skeleton = {"proto": 1, "type": statement, "table": meta.table_name, "model": model_key(model)}
    skeleton.update(_DEFAULTS[statement])
    skeleton["column_types"] = meta.column_types
    if statement == "select":
        skeleton["columns"] = meta.select_columns
    elif statement in ("insert", "update"):
        # Where a database has no RETURNING (MySQL), the engine reads the rows back by this column.
        skeleton["pk"] = meta.pk_column
    meta.ir_skeletons[statement] = skeleton
    return skeleton
