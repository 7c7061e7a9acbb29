"""Migration files from operations: ``NNNN_<name>.py`` with ``upgrade`` and its reverse ``downgrade``.

The file is meant to be read and edited: one ``ctx.<operation>(...)`` call per operation, values as
Python literals, a structure broken over lines only when it does not fit on one.
"""

from __future__ import annotations

import datetime as dt
import keyword
from collections.abc import Callable
from pathlib import Path
from typing import Any

from oxyde.exceptions import MigrationError
from oxyde.migrations._files import _numbered, next_number
from oxyde.migrations._state import ALTERABLE, normalize_op

__all__ = ["generate_migration_file", "infer_name", "render_migration"]

_WIDTH = 100


def _literal(obj: Any, indent: int) -> str:
    """``obj`` as Python source, on one line when it fits in :data:`_WIDTH` columns."""
    flat = _flat(obj)
    if indent + len(flat) <= _WIDTH or not isinstance(obj, (dict, list)) or not obj:
        return flat
    inner = " " * (indent + 4)
    if isinstance(obj, dict):
        items = [f"{inner}{_str(key)}: {_literal(value, indent + 4)}" for key, value in obj.items()]
        return "{\n" + ",\n".join(items) + ",\n" + " " * indent + "}"
    items = [f"{inner}{_literal(value, indent + 4)}" for value in obj]
    return "[\n" + ",\n".join(items) + ",\n" + " " * indent + "]"


def _str(text: Any) -> str:
    """A string in double quotes when that needs no escape (the common case), else ``repr``."""
    if isinstance(text, str) and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return repr(text)


def _flat(obj: Any) -> str:
    if isinstance(obj, dict):
        return "{" + ", ".join(f"{_str(key)}: {_flat(value)}" for key, value in obj.items()) + "}"
    if isinstance(obj, (list, tuple)):
        return "[" + ", ".join(_flat(value) for value in obj) + "]"
    if isinstance(obj, str):
        return _str(obj)
    return repr(obj)


def _call(method: str, *args: Any, **kwargs: Any) -> str:
    """``    ctx.method(args..., key=value...)``, one argument per line when long."""
    parts = [_flat(a) for a in args] + [f"{k}={_flat(v)}" for k, v in kwargs.items()]
    line = f"    ctx.{method}({', '.join(parts)})"
    if len(line) <= _WIDTH:
        return line
    lines = [f"    ctx.{method}("]
    lines += [f"        {_literal(a, 8)}," for a in args]
    lines += [f"        {k}={_literal(v, 8)}," for k, v in kwargs.items()]
    lines.append("    )")
    return "\n".join(lines)


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {key: new.get(key) for key in ALTERABLE if old.get(key) != new.get(key)}


def _manual(message: str) -> str:
    return f"    ctx.require_manual({message!r})"


def _upgrade_line(op: dict[str, Any]) -> str:
    kind = op.get("type")
    if kind == "create_table":
        table = op["table"]
        kwargs = {k: table[k] for k in ("indexes", "foreign_keys", "checks") if table.get(k)}
        if table.get("comment"):
            kwargs["comment"] = table["comment"]
        return _call("create_table", table["name"], fields=table["fields"], **kwargs)
    if kind == "drop_table":
        return _call("drop_table", op["name"])
    if kind == "rename_table":
        return _call("rename_table", op["old_name"], op["new_name"])
    if kind == "add_column":
        return _call("add_column", op["table"], op["field"])
    if kind == "drop_column":
        return _call("drop_column", op["table"], op["field"])
    if kind == "rename_column":
        return _call("rename_column", op["table"], op["old_name"], op["new_name"])
    if kind == "alter_column":
        if "new_field" in op:
            column, changes = op["old_field"]["name"], _changes(op["old_field"], op["new_field"])
        else:
            column, changes = op["column"], dict(op.get("changes") or {})
        return _call("alter_column", op["table"], column, **changes)
    if kind == "create_index":
        return _call("create_index", op["table"], op["index"])
    if kind == "drop_index":
        return _call("drop_index", op["table"], op["name"])
    if kind == "add_foreign_key":
        fk = op["fk"]
        return _call(
            "add_foreign_key",
            op["table"],
            fk["name"],
            fk["columns"],
            fk["ref_table"],
            fk["ref_columns"],
            on_delete=fk.get("on_delete") or "NO ACTION",
            on_update=fk.get("on_update") or "NO ACTION",
        )
    if kind == "drop_foreign_key":
        return _call("drop_foreign_key", op["table"], op["name"])
    if kind == "add_check":
        return _call("add_check", op["table"], op["check"]["name"], op["check"]["expression"])
    if kind == "drop_check":
        return _call("drop_check", op["table"], op["name"])
    if kind == "create_enum_type":
        return _call("create_enum_type", op["name"], op["values"])
    if kind == "drop_enum_type":
        return _call("drop_enum_type", op["name"])
    if kind == "add_enum_value":
        kwargs = {"fields": op["fields"]} if op.get("fields") else {}
        return _call("add_enum_value", op["name"], op["value"], **kwargs)
    if kind == "alter_enum_type":
        return "\n".join(
            [
                _call("alter_enum_type", op["name"], old_values=op["old_values"], new_values=op["new_values"]),
                _manual(
                    f"enum type {op['name']}: {op['old_values']!r} -> {op['new_values']!r} needs SQL "
                    "written by hand; replace this line with ctx.execute(...) and keep alter_enum_type"
                ),
            ]
        )
    raise MigrationError(f"cannot write migration operation {kind!r}")


def _downgrade_line(op: dict[str, Any]) -> str:
    """The call undoing ``op``; a ``require_manual`` when ``op`` does not say what it removed."""
    kind = op.get("type")
    if kind == "create_table":
        return _call("drop_table", op["table"]["name"])
    if kind == "drop_table":
        if op.get("table"):
            return _upgrade_line({"type": "create_table", "table": op["table"]})
        return _manual(f"cannot recreate table {op['name']}: the migration does not hold its definition")
    if kind == "rename_table":
        return _call("rename_table", op["new_name"], op["old_name"])
    if kind == "add_column":
        return _call("drop_column", op["table"], op["field"]["name"])
    if kind == "drop_column":
        if op.get("field_def"):
            return _call("add_column", op["table"], op["field_def"])
        return _manual(f"cannot recreate column {op['table']}.{op['field']}: its definition is unknown")
    if kind == "rename_column":
        return _call("rename_column", op["table"], op["new_name"], op["old_name"])
    if kind == "alter_column":
        if "new_field" in op:
            return _call("alter_column", op["table"], op["new_field"]["name"], **_changes(op["new_field"], op["old_field"]))
        return _manual(f"cannot reverse alter_column {op['table']}.{op['column']}: the old definition is unknown")
    if kind == "create_index":
        return _call("drop_index", op["table"], op["index"]["name"])
    if kind == "drop_index":
        if op.get("index_def"):
            return _call("create_index", op["table"], op["index_def"])
        return _manual(f"cannot recreate index {op['name']}: its definition is unknown")
    if kind == "add_foreign_key":
        return _call("drop_foreign_key", op["table"], op["fk"]["name"])
    if kind == "drop_foreign_key":
        fk = op.get("fk_def")
        if fk:
            return _upgrade_line({"type": "add_foreign_key", "table": op["table"], "fk": fk})
        return _manual(f"cannot recreate foreign key {op['name']}: its definition is unknown")
    if kind == "add_check":
        return _call("drop_check", op["table"], op["check"]["name"])
    if kind == "drop_check":
        check = op.get("check_def")
        if check:
            return _call("add_check", op["table"], check["name"], check["expression"])
        return _manual(f"cannot recreate check {op['name']}: its definition is unknown")
    if kind == "create_enum_type":
        return _call("drop_enum_type", op["name"])
    if kind == "drop_enum_type":
        if op.get("values"):
            return _call("create_enum_type", op["name"], op["values"])
        return _manual(f"cannot recreate enum type {op['name']}: its values are unknown")
    if kind == "add_enum_value":
        return _manual(f"cannot remove value {op['value']!r} from enum type {op['name']}")
    if kind == "alter_enum_type":
        return _upgrade_line({**op, "old_values": op["new_values"], "new_values": op["old_values"]})
    raise MigrationError(f"cannot reverse migration operation {kind!r}")


def infer_name(operations: list[dict[str, Any]]) -> str:
    """A file name from the first operation, as Oxyde names them (``create_post_table``,
    ``add_views_to_post``, ...); ``auto`` for several operations of another kind."""
    if not operations:
        return "empty"
    op = operations[0]
    kind = op.get("type")
    names: dict[str, Callable[[], str]] = {
        "create_table": lambda: f"create_{op['table']['name']}_table",
        "drop_table": lambda: f"drop_{op['name']}_table",
        "rename_table": lambda: f"rename_{op['old_name']}_to_{op['new_name']}",
        "add_column": lambda: f"add_{op['field']['name']}_to_{op['table']}",
        "drop_column": lambda: f"drop_{op['field']}_from_{op['table']}",
        "rename_column": lambda: f"rename_column_{op['old_name']}_to_{op['new_name']}",
        "create_enum_type": lambda: f"create_{op['name']}_enum",
        "drop_enum_type": lambda: f"drop_{op['name']}_enum",
        "add_enum_value": lambda: f"add_{op['value']}_to_{op['name']}_enum",
        "alter_enum_type": lambda: f"alter_{op['name']}_enum",
    }
    if kind in names:
        return _identifier(names[kind]())
    return "auto" if len(operations) > 1 else "migration"


def _identifier(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in name.strip()).strip("_").lower()
    return cleaned or "migration"


def render_migration(
    operations: list[dict[str, Any]],
    depends_on: str | None,
    *,
    header: str = "Auto-generated migration.",
    created: dt.datetime | None = None,
) -> str:
    """The source of a migration file."""
    operations = [normalize_op(op) for op in operations]
    upgrade = "\n".join(_upgrade_line(op) for op in operations) or "    pass"
    downgrade = "\n".join(_downgrade_line(op) for op in reversed(operations)) or "    pass"
    stamp = (created or dt.datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    return (
        f'"""{header}\n\nCreated: {stamp}\n"""\n\n'
        f"depends_on = {_flat(depends_on)}\n\n\n"
        f'def upgrade(ctx):\n    """Apply migration."""\n{upgrade}\n\n\n'
        f'def downgrade(ctx):\n    """Revert migration."""\n{downgrade}\n'
    )


def generate_migration_file(
    operations: list[dict[str, Any]],
    migrations_dir: str | Path = "migrations",
    name: str | None = None,
    *,
    header: str = "Auto-generated migration.",
    created: dt.datetime | None = None,
) -> Path:
    """Write ``NNNN_<name>.py`` (one above the highest ``NNNN`` there, four digits) into
    ``migrations_dir``, with ``depends_on`` naming the previous file; return its path.

    ``name`` defaults to one inferred from the operations (:func:`infer_name`); ``created`` (default:
    now) is the time written in the header.
    """
    directory = Path(migrations_dir)
    directory.mkdir(parents=True, exist_ok=True)
    stem = _identifier(name) if name else infer_name(operations)
    if keyword.iskeyword(stem):
        stem += "_"
    number = next_number(directory)
    previous = _previous(directory)
    path = directory / f"{number:04d}_{stem}.py"
    if path.exists():
        raise MigrationError(f"{path} already exists")
    path.write_text(render_migration(operations, previous, header=header, created=created), encoding="utf-8")
    return path


def _previous(directory: Path) -> str | None:
    """The stem of the highest-numbered migration file, or ``None``."""
    files = _numbered(directory)
    if not files:
        return None
    return max(files, key=lambda p: (int(p.name.split("_", 1)[0]), p.name)).stem
