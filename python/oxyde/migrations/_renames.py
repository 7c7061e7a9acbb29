"""Rename detection: a dropped and an added column (or table) of the same type may be one renamed.

The differ only sees names, so it writes a rename as a drop and an add, which loses the data. The
CLI lists the pairs that could be renames (:func:`rename_candidates`), asks (or takes ``--rename
old:new``), and :func:`apply_renames` turns the accepted ones into ``rename_column`` /
``rename_table`` operations: the old snapshot is renamed first and diffed again, so whatever else
changed with the rename (nullability, a default, an index) still comes out of the differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from oxyde.exceptions import MigrationError
from oxyde.migrations._state import SchemaState

__all__ = ["RenameCandidate", "apply_renames", "rename_candidates"]


@dataclass(frozen=True)
class RenameCandidate:
    """``old`` dropped and ``new`` added with the same type: possibly one renamed."""

    kind: Literal["column", "table"]
    table: str  # the table of a column; the old name of a table
    old: str
    new: str

    def describe(self) -> str:
        if self.kind == "column":
            return f"column {self.table}.{self.old} -> {self.table}.{self.new}"
        return f"table {self.old} -> {self.new}"

    def matches(self, spec: str) -> bool:
        """Whether ``--rename`` text (``old:new`` or ``table.old:new``) names this pair."""
        old, sep, new = spec.partition(":")
        if not sep:
            return False
        old, new = old.strip(), new.strip()
        if self.kind == "column" and "." in old:
            table, _, old = old.partition(".")
            new = new.rpartition(".")[2]
            return table == self.table and old == self.old and new == self.new
        return old == self.old and new == self.new


def _type_key(field: dict[str, Any]) -> str:
    return json.dumps([field.get("column_type"), field.get("db_type")], sort_keys=True)


def _shape(table: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((f["name"], _type_key(f)) for f in table["fields"])


def rename_candidates(old: dict[str, Any], new: dict[str, Any]) -> list[RenameCandidate]:
    """Pairs of a dropped and an added column of one table with the same type, and of a dropped and
    an added table with the same columns."""
    old_tables, new_tables = old.get("tables", {}), new.get("tables", {})
    found: list[RenameCandidate] = []
    for name in sorted(set(old_tables) & set(new_tables)):
        before = {f["name"]: f for f in old_tables[name]["fields"]}
        after = {f["name"]: f for f in new_tables[name]["fields"]}
        dropped = [c for c in before if c not in after]
        added = [c for c in after if c not in before]
        for gone in dropped:
            for came in added:
                if _type_key(before[gone]) == _type_key(after[came]):
                    found.append(RenameCandidate("column", name, gone, came))
    dropped_tables = sorted(set(old_tables) - set(new_tables))
    added_tables = sorted(set(new_tables) - set(old_tables))
    for gone in dropped_tables:
        for came in added_tables:
            if _shape(old_tables[gone]) == _shape(new_tables[came]):
                found.append(RenameCandidate("table", gone, gone, came))
    return found


def apply_renames(
    old: dict[str, Any], new: dict[str, Any], accepted: list[RenameCandidate]
) -> list[dict[str, Any]]:
    """The operations from ``old`` to ``new`` with the ``accepted`` renames as renames."""
    from oxyde.core import migration_compute_diff

    state = SchemaState(old)
    renames: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for cand in accepted:
        for key in ((cand.kind, cand.table, cand.old), (cand.kind, cand.table, "->" + cand.new)):
            if key in seen:
                raise MigrationError(f"{cand.describe()}: a name is renamed twice")
            seen.add(key)
        if cand.kind == "column":
            op = {"type": "rename_column", "table": cand.table, "old_name": cand.old, "new_name": cand.new}
        else:
            op = {"type": "rename_table", "old_name": cand.old, "new_name": cand.new}
        state.apply(op)
        renames.append(op)
    rest: list[dict[str, Any]] = json.loads(migration_compute_diff(json.dumps(state.to_snapshot()), json.dumps(new)))
    return renames + rest
