"""DDL IR for a model: ``create_table`` / ``drop_table`` (docs/ir-protocol.md "DDL")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from oxyde.exceptions import FieldError
from oxyde.models.constraints import Check

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["create_table_ir", "drop_table_ir", "index_name", "unique_together_name"]


def index_name(table: str, columns: list[str]) -> str:
    """Oxyde's default index name ``{table}_{cols}_idx``."""
    return f"{table}_{'_'.join(columns)}_idx"


def unique_together_name(table: str, columns: list[str]) -> str:
    """The unique index of a ``Meta.unique_together`` group: ``{table}_{cols}_uniq``."""
    return f"{table}_{'_'.join(columns)}_uniq"


def _action(value: str) -> str:
    """Oxyde's ``"SET NULL"`` spelling as the protocol's ``set_null``."""
    return value.strip().lower().replace(" ", "_")


def _column_ir(col: Any) -> dict[str, Any]:
    return {
        "name": col.column,
        "type": col.spec,
        "nullable": col.nullable,
        "primary_key": col.primary_key,
        "auto_increment": col.auto_increment,
        "unique": col.unique and not col.primary_key,
        "default": col.default_sql,
    }


def _columns(model: type[Model], names: Sequence[str], key: str) -> list[str]:
    """Field names of ``Meta.<key>`` as columns; a relation name (``author``) means its ``author_id``."""
    meta = model._db_meta
    columns = []
    for name in names:
        column = meta.columns.get(name)
        if column is None and name in meta.relations:
            column = meta.columns[meta.relations[name].column_field]
        if column is None:
            raise FieldError(f"{model.__qualname__}: Meta.{key} names unknown field {name!r}")
        columns.append(column.column)
    return columns


def _indexes(model: type[Model], table: str) -> list[dict[str, Any]]:
    meta = model._db_meta
    indexes: list[dict[str, Any]] = []
    for col in meta.columns.values():
        if col.index and not col.primary_key:
            index: dict[str, Any] = {
                "name": col.index_name or index_name(table, [col.column]),
                "columns": [col.column],
                "unique": False,  # db_unique is the column's own UNIQUE constraint
            }
            if col.index_method:
                index["method"] = col.index_method
            indexes.append(index)
    for declared in meta.indexes:
        columns = _columns(model, declared.fields, "indexes")
        index = {"name": declared.name or index_name(table, columns), "columns": columns, "unique": declared.unique}
        if declared.method:
            index["method"] = declared.method
        if declared.where:
            index["where"] = declared.where
        indexes.append(index)
    for group in meta.unique_together:
        if not group:
            raise FieldError(f"{model.__qualname__}: Meta.unique_together has an empty group")
        columns = _columns(model, group, "unique_together")
        # A unique index rather than a table constraint: migrations can then add or drop it with
        # CREATE/DROP INDEX on every dialect (SQLite has no ALTER TABLE ADD CONSTRAINT).
        indexes.append({"name": unique_together_name(table, columns), "columns": columns, "unique": True})
    return indexes


def _checks(model: type[Model], table: str) -> list[dict[str, str]]:
    checks = []
    for i, check in enumerate(model._db_meta.constraints):
        if not isinstance(check, Check):
            raise TypeError(f"{model.__qualname__}: Meta.constraints takes Check(...), got {check!r}")
        checks.append({"name": check.name or f"chk_{table}_{i}", "expression": check.expression})
    return checks


def create_table_ir(model: type[Model], *, if_not_exists: bool = True) -> dict[str, Any]:
    """The ``create_table`` IR: columns, FKs named ``fk_{table}_{column}``, CHECKs (``Meta.constraints``,
    named ``chk_{table}_{i}`` unless ``Check(name=)``), and indexes (``db_index``, ``Meta.indexes``, and
    ``Meta.unique_together`` as unique indexes)."""
    meta = model._meta_ready()
    table = meta.table_name or model.__name__.lower()
    foreign_keys = []
    for col in meta.columns.values():
        fk = col.fk
        if fk is None:
            continue
        target_table = fk.target_table
        foreign_keys.append(
            {
                "name": f"fk_{table}_{col.column}",
                "columns": [col.column],
                "ref_table": target_table,
                "ref_columns": [fk.target_column],
                "on_delete": _action(fk.on_delete),
                "on_update": _action(fk.on_update),
            }
        )
    ir: dict[str, Any] = {
        "proto": 1,
        "type": "create_table",
        "table": table,
        "if_not_exists": if_not_exists,
        "columns": [_column_ir(col) for col in meta.columns.values()],
        "foreign_keys": foreign_keys,
        "indexes": _indexes(model, table),
    }
    checks = _checks(model, table)
    if checks:
        ir["checks"] = checks
    return ir


def drop_table_ir(model: type[Model], *, if_exists: bool = True) -> dict[str, Any]:
    """The ``drop_table`` IR."""
    return {"proto": 1, "type": "drop_table", "table": model._meta_ready().table_name, "if_exists": if_exists}
