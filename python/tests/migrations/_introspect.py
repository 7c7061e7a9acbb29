"""What a database holds, read back from its catalog (PRAGMA / information_schema), for comparison
with a snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from oxyde.db import execute_raw

_SKIP = {"oxyde_migrations", "oxyde_migration_progress"}


@dataclass
class Table:
    columns: dict[str, tuple[str, bool]] = field(default_factory=dict)  # name -> (type, nullable)
    indexes: set[str] = field(default_factory=set)
    foreign_keys: set[tuple[str, str, str, str]] = field(default_factory=set)  # (column, ref table, ref column, ON DELETE)


async def _rows(sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    return [{k.lower(): v for k, v in row.items()} for row in await execute_raw(sql, params)]


async def schema(dialect: str) -> dict[str, Table]:
    """Every table but the migration history's."""
    if dialect == "sqlite":
        return await _sqlite()
    if dialect == "postgres":
        return await _postgres()
    return await _mysql()


async def _sqlite() -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for row in await _rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        name = str(row["name"])
        if name in _SKIP:
            continue
        table = tables[name] = Table()
        for col in await _rows(f"SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info('{name}')"):
            table.columns[str(col["name"])] = (str(col["type"]).lower(), not col["nn"] and not col["pk"])
        for idx in await _rows(f"SELECT name, origin FROM pragma_index_list('{name}')"):
            if idx["origin"] == "c":  # made by CREATE INDEX (not a UNIQUE or PRIMARY KEY constraint)
                table.indexes.add(str(idx["name"]))
        for fk in await _rows(f"SELECT \"from\" AS col, \"table\" AS ref, \"to\" AS ref_col, on_delete FROM pragma_foreign_key_list('{name}')"):
            table.foreign_keys.add((str(fk["col"]), str(fk["ref"]), str(fk["ref_col"]), str(fk["on_delete"]).upper()))
    return tables


async def _postgres() -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for col in await _rows(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
    ):
        if col["table_name"] in _SKIP:
            continue
        table = tables.setdefault(str(col["table_name"]), Table())
        table.columns[str(col["column_name"])] = (str(col["data_type"]).lower(), col["is_nullable"] == "YES")
    for idx in await _rows(
        "SELECT t.relname AS tbl, i.relname AS idx FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
        "WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
    ):
        if idx["tbl"] in tables:
            tables[str(idx["tbl"])].indexes.add(str(idx["idx"]))
    for fk in await _rows(
        "SELECT kcu.table_name, kcu.column_name, ccu.table_name AS ref, ccu.column_name AS ref_col, rc.delete_rule "
        "FROM information_schema.referential_constraints rc "
        "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name "
        "JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.constraint_name "
        "WHERE rc.constraint_schema = 'public'"
    ):
        tables[str(fk["table_name"])].foreign_keys.add(
            (str(fk["column_name"]), str(fk["ref"]), str(fk["ref_col"]), str(fk["delete_rule"]).upper())
        )
    return tables


async def _mysql() -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for col in await _rows(
        "SELECT table_name, column_name, column_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position"
    ):
        if col["table_name"] in _SKIP:
            continue
        table = tables.setdefault(str(col["table_name"]), Table())
        table.columns[str(col["column_name"])] = (str(col["column_type"]).lower(), col["is_nullable"] == "YES")
    constraint_indexes = {
        (str(r["table_name"]), str(r["constraint_name"]))
        for r in await _rows(
            "SELECT table_name, constraint_name FROM information_schema.table_constraints "
            "WHERE table_schema = DATABASE() AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
        )
    }
    for idx in await _rows(
        "SELECT DISTINCT table_name, index_name FROM information_schema.statistics WHERE table_schema = DATABASE()"
    ):
        key = (str(idx["table_name"]), str(idx["index_name"]))
        if key[0] in tables and key not in constraint_indexes:
            tables[key[0]].indexes.add(key[1])
    for fk in await _rows(
        "SELECT k.table_name, k.column_name, k.referenced_table_name AS ref, k.referenced_column_name AS ref_col, r.delete_rule "
        "FROM information_schema.key_column_usage k JOIN information_schema.referential_constraints r "
        "ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name "
        "WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL"
    ):
        tables[str(fk["table_name"])].foreign_keys.add(
            (str(fk["column_name"]), str(fk["ref"]), str(fk["ref_col"]), str(fk["delete_rule"]).upper())
        )
    return tables
