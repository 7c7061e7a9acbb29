"""``MigrationContext``: the ``ctx`` a migration file's ``upgrade(ctx)`` / ``downgrade(ctx)`` receives.

It works in two modes. In *collect* mode (replay, ``makemigrations``, ``squash``) every call records
an operation and nothing touches a database. In *execute* mode every call is rendered to SQL by the
engine (:func:`oxyde.core.migration_to_sql`) into a list of steps; the runner then runs the steps
in order, inside the migration's transaction where the database allows it. ``ctx.execute(sql)`` and
``ctx.run_python(fn)`` add steps of their own (data migrations) and leave the schema alone.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from oxyde.exceptions import ManualMigrationError, MigrationError
from oxyde.migrations._state import ALTERABLE, SchemaState, normalize_op, op_uses_legacy_fields

__all__ = ["MigrationContext", "Step"]

Mode = Literal["collect", "execute"]

#: What ``ctx.run_python`` takes: ``fn(conn)``, sync or async (see :class:`RunPythonConnection`).
#: Operations SQLite may carry out by rebuilding the table (the engine gets the table's state).
_REBUILDABLE = frozenset(
    {"alter_column", "add_column", "drop_column", "add_foreign_key", "drop_foreign_key", "add_check", "drop_check"}
)

PythonStep = Callable[[Any], "None | Awaitable[None]"]


@dataclass(frozen=True)
class Step:
    """One thing execute mode runs: a SQL statement, or a Python function (``sql`` is ``None``).

    ``engine`` marks a statement the engine rendered: it is one statement, and one that returns rows
    is a check that failed (SQLite's ``PRAGMA foreign_key_check`` after a table rebuild).
    """

    sql: str | None = None
    fn: PythonStep | None = None
    engine: bool = False

    def describe(self) -> str:
        return self.sql if self.sql is not None else f"-- python: {getattr(self.fn, '__qualname__', self.fn)!r}"


class MigrationContext:
    """The ``ctx`` of a migration file (Oxyde's operations, plus ``run_python``)."""

    def __init__(
        self,
        mode: Mode = "execute",
        db_alias: str | None = None,
        dialect: str | None = None,
        db_conn: Any = None,
        schema_state: SchemaState | None = None,
    ) -> None:
        if mode not in ("collect", "execute"):
            raise ValueError(f"mode must be 'collect' or 'execute', not {mode!r}")
        self._mode: Mode = mode
        self._db_alias = db_alias
        self._dialect = dialect or "sqlite"
        self._db_conn = db_conn
        #: The schema before this migration; execute mode keeps it in step with the operations (and
        #: reads old definitions from it), collect mode only records them (see ``_replay.collect``).
        self.state = schema_state if schema_state is not None else SchemaState()
        self._operations: list[dict[str, Any]] = []
        self.steps: list[Step] = []
        self._raw_sql_seen = False
        self._python_seen = False
        #: Whether a field came in the legacy ``python_type`` form (replay warns).
        self.legacy_fields = False

    @property
    def dialect(self) -> str:
        """``"sqlite"``, ``"postgres"`` or ``"mysql"``: a data migration may branch on it."""
        return self._dialect

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def has_raw_sql(self) -> bool:
        """Whether ``upgrade`` called ``execute``/``run_python`` (``squash`` cannot carry those over)."""
        return self._raw_sql_seen or self._python_seen

    def get_collected_operations(self) -> list[dict[str, Any]]:
        """The operations recorded so far (collect mode)."""
        return self._operations

    # --- the one funnel ---------------------------------------------------------------------------

    def _op(self, op: dict[str, Any]) -> None:
        if op_uses_legacy_fields(op):
            self.legacy_fields = True
        op = normalize_op(op)
        if self._mode == "collect":
            self._operations.append(op)
            return
        engine_op = self._engine_form(op)
        from oxyde.core import migration_to_sql

        for sql in migration_to_sql(json.dumps([engine_op]), self._dialect):
            self.steps.append(Step(sql=sql, engine=True))
        self._operations.append(op)
        self._follow(op)

    def _follow(self, op: dict[str, Any]) -> None:
        """Execute mode: keep the state in step (later operations read old definitions from it). A
        context made without the replayed schema knows no tables; it follows what it can."""
        try:
            self.state.apply(op)
        except MigrationError:
            pass

    def _engine_form(self, op: dict[str, Any]) -> dict[str, Any]:
        """What the engine renders: ``alter_column`` as whole old and new field definitions, drops
        with what they drop, and on SQLite the table's whole definition before the change
        (``table_fields`` ...) for the changes SQLite makes by rebuilding the table."""
        kind = op["type"]
        if kind == "alter_column" and "new_field" not in op:
            old = self.state.field(op["table"], op["column"])
            if old is None:
                raise MigrationError(
                    f"alter_column: column {op['table']}.{op['column']} does not exist in the replayed schema"
                )
            new = {**old, **op["changes"]}
            op = {"type": "alter_column", "table": op["table"], "old_field": old, "new_field": new}
        if kind in _REBUILDABLE and self._dialect == "sqlite" and op["table"] in self.state.tables:
            table = self.state.tables[op["table"]]
            op = {
                **op,
                "table_fields": table["fields"],
                "table_indexes": table.get("indexes", []),
                "table_foreign_keys": table.get("foreign_keys", []),
                "table_checks": table.get("checks", []),
            }
        if kind == "drop_table" and "table" not in op and op["name"] in self.state.tables:
            op = {**op, "table": self.state.tables[op["name"]]}
        if kind == "drop_column" and "field_def" not in op:
            field = self.state.field(op["table"], op["field"])
            if field is not None:
                op = {**op, "field_def": field}
        if kind == "rename_column" and "field_def" not in op:
            field = self.state.field(op["table"], op["old_name"])
            if field is not None:
                op = {**op, "field_def": field}
        return op

    # --- tables -----------------------------------------------------------------------------------

    def create_table(
        self,
        name: str,
        fields: list[dict[str, Any]],
        indexes: list[dict[str, Any]] | None = None,
        foreign_keys: list[dict[str, Any]] | None = None,
        checks: list[dict[str, Any]] | None = None,
        comment: str | None = None,
    ) -> None:
        table = {
            "name": name,
            "fields": fields,
            "indexes": indexes or [],
            "foreign_keys": foreign_keys or [],
            "checks": checks or [],
            "comment": comment,
        }
        self._op({"type": "create_table", "table": table})

    def drop_table(self, name: str) -> None:
        self._op({"type": "drop_table", "name": name})

    def rename_table(self, old_name: str, new_name: str) -> None:
        self._op({"type": "rename_table", "old_name": old_name, "new_name": new_name})

    # --- columns ----------------------------------------------------------------------------------

    def add_column(self, table: str, field: dict[str, Any]) -> None:
        self._op({"type": "add_column", "table": table, "field": field})

    def drop_column(self, table: str, field_name: str) -> None:
        self._op({"type": "drop_column", "table": table, "field": field_name})

    def rename_column(self, table: str, old_name: str, new_name: str) -> None:
        self._op({"type": "rename_column", "table": table, "old_name": old_name, "new_name": new_name})

    def alter_column(self, table: str, field_name: str, **changes: Any) -> None:
        """Change ``column_type``, ``db_type``, ``nullable``, ``default``, ``unique``, ``max_length``,
        ``max_digits`` or ``decimal_places`` of a column."""
        unknown = sorted(set(changes) - set(ALTERABLE) - {"type", "python_type"})
        if unknown:
            raise MigrationError(f"alter_column {table}.{field_name}: unknown changes {', '.join(unknown)}")
        self._op({"type": "alter_column", "table": table, "column": field_name, "changes": changes})

    # --- indexes, keys, checks --------------------------------------------------------------------

    def create_index(self, table: str, index: dict[str, Any]) -> None:
        self._op({"type": "create_index", "table": table, "index": index})

    def drop_index(self, table: str, index_name: str) -> None:
        self._op({"type": "drop_index", "table": table, "name": index_name})

    def add_foreign_key(
        self,
        table: str,
        name: str,
        columns: list[str],
        ref_table: str,
        ref_columns: list[str],
        on_delete: str = "NO ACTION",
        on_update: str = "NO ACTION",
    ) -> None:
        fk = {
            "name": name,
            "columns": list(columns),
            "ref_table": ref_table,
            "ref_columns": list(ref_columns),
            "on_delete": on_delete,
            "on_update": on_update,
        }
        self._op({"type": "add_foreign_key", "table": table, "fk": fk})

    def drop_foreign_key(self, table: str, name: str) -> None:
        self._op({"type": "drop_foreign_key", "table": table, "name": name})

    def add_check(self, table: str, name: str, expression: str) -> None:
        self._op({"type": "add_check", "table": table, "check": {"name": name, "expression": expression}})

    def drop_check(self, table: str, name: str) -> None:
        self._op({"type": "drop_check", "table": table, "name": name})

    # --- enum types -------------------------------------------------------------------------------

    def create_enum_type(self, name: str, values: list[str]) -> None:
        self._op({"type": "create_enum_type", "name": name, "values": list(values)})

    def drop_enum_type(self, name: str) -> None:
        self._op({"type": "drop_enum_type", "name": name})

    def add_enum_value(self, name: str, value: str, fields: list[dict[str, Any]] | None = None) -> None:
        self._op({"type": "add_enum_value", "name": name, "value": value, "fields": fields or []})

    def alter_enum_type(self, name: str, old_values: list[str], new_values: list[str]) -> None:
        """Records the new values for replay; it runs no SQL (write that with ``ctx.execute``)."""
        op = {"type": "alter_enum_type", "name": name, "old_values": list(old_values), "new_values": list(new_values)}
        self._operations.append(op)
        if self._mode == "execute":
            self._follow(op)

    # --- hand-written steps -----------------------------------------------------------------------

    def require_manual(self, message: str) -> None:
        """A step the generator could not write: applying the file fails until it is replaced."""
        if self._mode == "execute":
            raise ManualMigrationError(message)

    def execute(self, sql: str) -> None:
        """Run ``sql`` (data migrations, anything the operations do not cover)."""
        if not isinstance(sql, str):
            raise TypeError(f"ctx.execute takes SQL text, not {type(sql).__name__}")
        self._raw_sql_seen = True
        if self._mode == "execute":
            self.steps.append(Step(sql=sql))

    def run_python(self, fn: PythonStep) -> None:
        """Run ``fn(conn)`` at this point of the migration, in its transaction.

        ``conn.execute(sql, params)`` (awaitable) and ``conn.execute_sync(sql, params)`` run SQL
        with the database's own placeholders and return rows as dicts; ``conn.dialect`` names the
        database. ``fn`` may be a plain or an ``async`` function.
        """
        if not callable(fn):
            raise TypeError(f"ctx.run_python takes a function, not {type(fn).__name__}")
        self._python_seen = True
        if self._mode == "execute":
            self.steps.append(Step(fn=fn))
