"""The in-memory schema that replaying migration files builds (``SchemaState``).

Each operation of a file's ``upgrade(ctx)`` (collect mode) changes the state as it would change the
database; ``to_snapshot`` gives the result in the snapshot format of :mod:`._extract`, which the
differ compares with the models' snapshot.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable
from typing import Any

from oxyde.exceptions import MigrationError

__all__ = ["SchemaState", "normalize_field", "normalize_op", "op_uses_legacy_fields"]

#: Legacy field format (``"python_type": "int"``, Oxyde before column specs) -> the spec kind.
_LEGACY_KINDS: dict[str, str] = {
    "int": "big_integer",
    "str": "string",
    "float": "double",
    "bool": "boolean",
    "bytes": "blob",
    "datetime": "date_time",
    "date": "date",
    "time": "time",
    "timedelta": "timedelta",
    "uuid": "uuid",
    "decimal": "decimal",
    "json": "json",
}

#: The keys ``alter_column`` may change.
ALTERABLE = (
    "column_type",
    "db_type",
    "nullable",
    "default",
    "unique",
    "max_length",
    "max_digits",
    "decimal_places",
    "auto_increment",
)


def _legacy_spec(name: str, field: dict[str, Any]) -> dict[str, Any]:
    if name.endswith("[]"):
        return {"kind": "array", "item": _legacy_spec(name[:-2], field)}
    kind = _LEGACY_KINDS.get(name, "unknown")
    spec: dict[str, Any] = {"kind": kind}
    if kind == "string" and field.get("max_length") is not None:
        spec["length"] = field["max_length"]
    if kind == "decimal":
        if field.get("max_digits") is not None:
            spec["precision"] = field["max_digits"]
        if field.get("decimal_places") is not None:
            spec["scale"] = field["decimal_places"]
    return spec


def normalize_field(field: dict[str, Any]) -> dict[str, Any]:
    """A field dict with ``column_type`` (the legacy ``python_type`` form converted) and every key
    the differ reads. An integer primary key without ``db_type`` is ``auto_increment`` (Oxyde wrote
    the flag for MySQL only; the database creates such a key auto-incrementing on every dialect)."""
    out = dict(field)
    if "name" not in out:
        raise MigrationError(f"a migration field has no 'name': {field!r}")
    if "column_type" not in out:
        legacy = out.pop("python_type", None) or out.pop("type", None)
        if not legacy and not out.get("db_type"):
            raise MigrationError(
                f"migration field {out['name']!r} has neither 'column_type' nor a legacy "
                "'python_type': regenerate the migration with `oxyde makemigrations`"
            )
        out["column_type"] = _legacy_spec(str(legacy or ""), out) if legacy else {"kind": "unknown"}
    out.setdefault("db_type", None)
    out.setdefault("nullable", False)
    out.setdefault("primary_key", False)
    out.setdefault("unique", False)
    out.setdefault("default", None)
    out.setdefault("auto_increment", False)
    for key in ("max_length", "max_digits", "decimal_places"):  # optional: absent rather than None
        if key in out and out[key] is None:
            del out[key]
    if out["primary_key"] and out["column_type"].get("kind") == "big_integer" and not out["db_type"]:
        out["auto_increment"] = True
    return out


def _index(index: dict[str, Any]) -> dict[str, Any]:
    out = {"name": index["name"], "fields": list(index["fields"]), "unique": bool(index.get("unique", False))}
    out["method"] = index.get("method")
    out["where"] = (index.get("where") or "").strip() or None
    return out


def _fields_of(op: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    table = op.get("table")
    if isinstance(table, dict):
        found += table.get("fields", [])
    for key in ("field", "field_def", "old_field", "new_field"):
        if isinstance(op.get(key), dict):
            found.append(op[key])
    found += op.get("table_fields") or []
    return found


def op_uses_legacy_fields(op: dict[str, Any]) -> bool:
    """Whether ``op`` holds a field dict in the legacy ``python_type`` form."""
    return any("column_type" not in field for field in _fields_of(op))


def normalize_op(op: dict[str, Any]) -> dict[str, Any]:
    """``op`` with every field dict normalized (:func:`normalize_field`)."""
    op = dict(op)
    table = op.get("table")
    if isinstance(table, dict):
        op["table"] = {**table, "fields": [normalize_field(f) for f in table.get("fields", [])]}
    for key in ("field", "field_def", "old_field", "new_field"):
        if isinstance(op.get(key), dict):
            op[key] = normalize_field(op[key])
    if isinstance(op.get("table_fields"), list):
        op["table_fields"] = [normalize_field(f) for f in op["table_fields"]]
    return op


def _map_enum(spec: dict[str, Any], name: str, change: Callable[[list[str]], list[str]]) -> dict[str, Any]:
    if spec.get("kind") == "enum" and spec.get("name") == name:
        return {**spec, "values": change(list(spec.get("values", [])))}
    if spec.get("kind") == "array" and isinstance(spec.get("item"), dict):
        return {**spec, "item": _map_enum(spec["item"], name, change)}
    return spec


class SchemaState:
    """Tables by name, each in the snapshot's table format."""

    def __init__(self, snapshot: dict[str, Any] | None = None) -> None:
        self.tables: dict[str, dict[str, Any]] = copy.deepcopy(dict((snapshot or {}).get("tables", {})))

    def _table(self, op: dict[str, Any], name: str) -> dict[str, Any]:
        table = self.tables.get(name)
        if table is None:
            raise MigrationError(f"{op['type']}: table {name!r} does not exist in the replayed schema")
        return table

    def _field(self, op: dict[str, Any], table: dict[str, Any], name: str) -> dict[str, Any]:
        for field in table["fields"]:
            if field["name"] == name:
                return field  # type: ignore[no-any-return]
        raise MigrationError(f"{op['type']}: column {table['name']}.{name} does not exist in the replayed schema")

    def field(self, table: str, column: str) -> dict[str, Any] | None:
        """The replayed definition of ``table.column`` (``None`` when unknown)."""
        for field in self.tables.get(table, {}).get("fields", []):
            if field["name"] == column:
                return dict(field)
        return None

    def apply(self, op: dict[str, Any]) -> None:
        """Change the state as ``op`` changes the database."""
        op = normalize_op(op)
        kind = op.get("type")
        handler = getattr(self, f"_apply_{kind}", None)
        if handler is None:
            raise MigrationError(f"unknown migration operation {kind!r}")
        handler(op)

    #: Oxyde's name.
    apply_operation = apply

    def _apply_create_table(self, op: dict[str, Any]) -> None:
        table = op["table"]
        self.tables[table["name"]] = {
            "name": table["name"],
            "fields": [dict(f) for f in table["fields"]],
            "indexes": [_index(i) for i in table.get("indexes") or []],
            "foreign_keys": [dict(fk) for fk in table.get("foreign_keys") or []],
            "checks": [dict(c) for c in table.get("checks") or []],
            "comment": table.get("comment"),
        }

    def _apply_drop_table(self, op: dict[str, Any]) -> None:
        self._table(op, op["name"])
        del self.tables[op["name"]]

    def _apply_rename_table(self, op: dict[str, Any]) -> None:
        table = self._table(op, op["old_name"])
        del self.tables[op["old_name"]]
        table["name"] = op["new_name"]
        self.tables[op["new_name"]] = table
        for other in self.tables.values():
            for fk in other.get("foreign_keys", []):
                if fk["ref_table"] == op["old_name"]:
                    fk["ref_table"] = op["new_name"]

    def _apply_add_column(self, op: dict[str, Any]) -> None:
        self._table(op, op["table"])["fields"].append(dict(op["field"]))

    def _apply_drop_column(self, op: dict[str, Any]) -> None:
        table = self._table(op, op["table"])
        self._field(op, table, op["field"])
        table["fields"] = [f for f in table["fields"] if f["name"] != op["field"]]

    def _apply_rename_column(self, op: dict[str, Any]) -> None:
        table = self._table(op, op["table"])
        old, new = op["old_name"], op["new_name"]
        self._field(op, table, old)["name"] = new
        for index in table.get("indexes", []):
            index["fields"] = [new if f == old else f for f in index["fields"]]
        for fk in table.get("foreign_keys", []):
            fk["columns"] = [new if c == old else c for c in fk["columns"]]
        for other in self.tables.values():
            for fk in other.get("foreign_keys", []):
                if fk["ref_table"] == table["name"]:
                    fk["ref_columns"] = [new if c == old else c for c in fk["ref_columns"]]

    def _apply_alter_column(self, op: dict[str, Any]) -> None:
        table = self._table(op, op["table"])
        if "new_field" in op:  # the engine's form: whole old and new definitions
            column = op["old_field"]["name"]
            field = self._field(op, table, column)
            field.clear()
            field.update(op["new_field"])
            return
        field = self._field(op, table, op["column"])
        for key, value in (op.get("changes") or {}).items():
            if key in ("type", "python_type"):  # legacy files
                field.pop("column_type", None)
                field["python_type"] = value
                field.update(normalize_field(field))
                field.pop("python_type", None)
            else:
                field[key] = value

    def _apply_create_index(self, op: dict[str, Any]) -> None:
        self._table(op, op["table"])["indexes"].append(_index(op["index"]))

    def _apply_drop_index(self, op: dict[str, Any]) -> None:
        table = self._table(op, op["table"])
        table["indexes"] = [i for i in table["indexes"] if i["name"] != op["name"]]

    def _apply_add_foreign_key(self, op: dict[str, Any]) -> None:
        self._table(op, op["table"]).setdefault("foreign_keys", []).append(dict(op["fk"]))

    def _apply_drop_foreign_key(self, op: dict[str, Any]) -> None:
        table = self._table(op, op["table"])
        table["foreign_keys"] = [fk for fk in table.get("foreign_keys", []) if fk["name"] != op["name"]]

    def _apply_add_check(self, op: dict[str, Any]) -> None:
        self._table(op, op["table"]).setdefault("checks", []).append(dict(op["check"]))

    def _apply_drop_check(self, op: dict[str, Any]) -> None:
        table = self._table(op, op["table"])
        table["checks"] = [c for c in table.get("checks", []) if c["name"] != op["name"]]

    def _apply_create_enum_type(self, op: dict[str, Any]) -> None:
        """Enum types live in the columns' specs; the type itself leaves no trace in the state."""

    def _apply_drop_enum_type(self, op: dict[str, Any]) -> None:
        """See :meth:`_apply_create_enum_type`."""

    def _apply_add_enum_value(self, op: dict[str, Any]) -> None:
        value = op["value"]
        self._map_enums(op["name"], lambda values: values if value in values else [*values, value])

    def _apply_alter_enum_type(self, op: dict[str, Any]) -> None:
        new_values = list(op["new_values"])
        self._map_enums(op["name"], lambda _: new_values)

    def _map_enums(self, name: str, change: Callable[[list[str]], list[str]]) -> None:
        for table in self.tables.values():
            for field in table["fields"]:
                field["column_type"] = _map_enum(field["column_type"], name, change)

    def to_snapshot(self) -> dict[str, Any]:
        """The state as a snapshot (a deep copy: later operations do not change it)."""
        return {"version": 1, "tables": copy.deepcopy(self.tables)}


def warn_legacy(filename: str) -> None:
    """The FutureWarning Oxyde gives for a file in the legacy field format."""
    warnings.warn(
        f"migration file {filename!r} uses the legacy field format (python_type); "
        "run `oxyde squash` to rewrite it",
        FutureWarning,
        stacklevel=3,
    )
