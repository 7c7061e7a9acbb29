"""The schema snapshot of the registered models, in Oxyde's snapshot format.

A snapshot is ``{"version": 1, "tables": {name: table}}``; a table has ``name``, ``fields``,
``indexes``, ``foreign_keys``, ``checks`` and ``comment``. It is built from the same model metadata
as ``create_table`` (:mod:`oxyde.models._schema`), so ``db_index``, ``db_unique``, ``Meta.indexes``,
``Meta.constraints`` and ``Meta.unique_together`` all reach it, under the names the DDL uses.
Column types are Oxyde's ``ColumnTypeSpec`` kinds (``big_integer``, ``string``, ...), so migration
files written by Oxyde and by us replay into the same state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oxyde.migrations.utils import Dialect

if TYPE_CHECKING:
    from oxyde.models._meta import ColumnMeta
    from oxyde.models.base import Model

__all__ = ["extract_current_schema", "oxyde_column_type", "table_snapshot"]

#: Our column-spec kinds (docs/ir-protocol.md) -> Oxyde's ``ColumnTypeSpec`` kinds.
_KINDS: dict[str, str] = {
    "int64": "big_integer",
    "float64": "double",
    "bool": "boolean",
    "string": "string",
    "text": "text",
    "bytes": "blob",
    "datetime": "date_time",
    "datetime_tz": "date_time_utc",
    "date": "date",
    "time": "time",
    "timedelta": "timedelta",
    "uuid": "uuid",
    "decimal": "decimal",
    "json": "json",
    "enum": "enum",
    "array": "array",
}


def oxyde_column_type(spec: dict[str, Any]) -> dict[str, Any]:
    """Our column spec as Oxyde's ``column_type`` (the verbatim ``db_type`` travels beside it)."""
    kind = spec["kind"]
    db_type = str(spec.get("db_type") or "").strip().upper()
    if kind == "json" and db_type.startswith("JSONB"):
        return {"kind": "json_binary"}
    out: dict[str, Any] = {"kind": _KINDS.get(kind, "unknown")}
    if kind == "string" and spec.get("length") is not None:
        out["length"] = spec["length"]
    elif kind == "decimal":
        for key in ("precision", "scale"):
            if spec.get(key) is not None:
                out[key] = spec[key]
    elif kind == "enum":
        out["name"] = spec["name"]
        out["values"] = list(spec["values"])
    elif kind == "array":
        out["item"] = oxyde_column_type(spec["item"])
    return out


def _action(value: str) -> str:
    """``cascade``/``set_null``/``SET NULL`` as Oxyde's upper-case ``SET NULL``."""
    return value.strip().replace("_", " ").upper()


def _field(col: ColumnMeta) -> dict[str, Any]:
    spec = col.spec
    field: dict[str, Any] = {
        "name": col.column,
        "column_type": oxyde_column_type(spec),
        "db_type": spec.get("db_type"),
        "nullable": col.nullable,
        "primary_key": col.primary_key,
        "unique": col.unique and not col.primary_key,
        "default": col.default_sql,
        # True on every dialect (Oxyde sets it for MySQL only): a file then fits any database.
        "auto_increment": col.auto_increment,
    }
    if spec["kind"] == "string" and spec.get("length") is not None:
        field["max_length"] = spec["length"]
    if spec["kind"] == "decimal":
        if spec.get("precision") is not None:
            field["max_digits"] = spec["precision"]
        if spec.get("scale") is not None:
            field["decimal_places"] = spec["scale"]
    return field


def _index(ir: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": ir["name"],
        "fields": list(ir["columns"]),
        "unique": bool(ir.get("unique")),
        "method": ir.get("method"),
        "where": (ir.get("where") or "").strip() or None,
    }


def table_snapshot(model: type[Model]) -> dict[str, Any]:
    """One model's table in the snapshot format."""
    from oxyde.models._schema import create_table_ir

    meta = model._meta_ready()
    ir = create_table_ir(model)
    return {
        "name": ir["table"],
        "fields": [_field(col) for col in meta.columns.values()],
        "indexes": [_index(index) for index in ir["indexes"]],
        "foreign_keys": [
            {
                "name": fk["name"],
                "columns": list(fk["columns"]),
                "ref_table": fk["ref_table"],
                "ref_columns": list(fk["ref_columns"]),
                "on_delete": _action(fk["on_delete"]),
                "on_update": _action(fk["on_update"]),
            }
            for fk in ir["foreign_keys"]
        ],
        "checks": [dict(check) for check in ir.get("checks", [])],
        "comment": meta.comment,
    }


def extract_current_schema(dialect: Dialect | str = "sqlite") -> dict[str, Any]:
    """The snapshot of every registered table model (REFERENCE-API §1.11).

    ``dialect`` is accepted for Oxyde's signature; the snapshot is the same for every dialect
    (defaults are portable SQL literals, and an ``int`` primary key is ``auto_increment`` everywhere).
    """
    from oxyde.models.registry import tables_in_dependency_order

    tables: dict[str, Any] = {}
    for model in tables_in_dependency_order():
        table = table_snapshot(model)
        tables[table["name"]] = table
    return {"version": 1, "tables": tables}
