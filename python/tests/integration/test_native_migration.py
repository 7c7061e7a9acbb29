"""The migration exports through the real library (docs/native-abi.md, "Migrations").

``oxyde_migration_diff`` and ``oxyde_migration_sql`` as the ``migration_diff`` / ``migration_sql``
verbs of the native core: Oxyde's snapshot and op JSON in, ops and DDL out, errors as exceptions.
"""

from __future__ import annotations

import json

import pytest

from oxyde._native.core import NativeCore
from oxyde.exceptions import IRError, UnsupportedFeatureError

from ._native import require_native

require_native()


def _field(name: str, kind: str, **extra: object) -> dict[str, object]:
    return {
        "name": name,
        "column_type": {"kind": kind},
        "db_type": None,
        "nullable": False,
        "primary_key": False,
        "unique": False,
        "default": None,
        "auto_increment": False,
        **extra,
    }


def _snapshot(*tables: dict[str, object]) -> str:
    return json.dumps({"version": 1, "tables": {t["name"]: t for t in tables}})


def _table(name: str, *fields: dict[str, object], **extra: object) -> dict[str, object]:
    return {
        "name": name,
        "fields": list(fields),
        "indexes": [],
        "foreign_keys": [],
        "checks": [],
        "comment": None,
        **extra,
    }


@pytest.fixture(scope="module")
def core() -> NativeCore:
    return NativeCore()


def test_diff_then_sql_on_every_dialect(core: NativeCore) -> None:
    authors = _table("authors", _field("id", "big_integer", primary_key=True))
    posts = _table(
        "posts",
        _field("id", "big_integer", primary_key=True),
        _field("author_id", "big_integer"),
        foreign_keys=[
            {
                "name": "fk_posts_author_id",
                "columns": ["author_id"],
                "ref_table": "authors",
                "ref_columns": ["id"],
                "on_delete": "CASCADE",
                "on_update": "NO ACTION",
            }
        ],
    )
    request = {"old": _snapshot(), "new": _snapshot(posts, authors)}
    ops_json = core.call("migration_diff", request)["ops"]
    ops = json.loads(ops_json)
    assert [(op["type"], op["table"]["name"]) for op in ops] == [
        ("create_table", "authors"),
        ("create_table", "posts"),
    ]
    expected = {
        "sqlite": 'CREATE TABLE "authors" ("id" INTEGER PRIMARY KEY AUTOINCREMENT)',
        "postgres": 'CREATE TABLE "authors" ("id" BIGSERIAL PRIMARY KEY)',
        "postgresql": 'CREATE TABLE "authors" ("id" BIGSERIAL PRIMARY KEY)',
        "mysql": "CREATE TABLE `authors` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY)",
        "mariadb": "CREATE TABLE `authors` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY)",
    }
    for dialect, first in expected.items():
        statements = core.call("migration_sql", {"ops": ops_json, "dialect": dialect})["statements"]
        assert statements[0] == first
        assert len(statements) == 2


def test_drop_carries_the_old_definition(core: NativeCore) -> None:
    key = _field("id", "big_integer", primary_key=True)
    old = _snapshot(_table("t", key, _field("gone", "text")))
    new = _snapshot(_table("t", key))
    (op,) = json.loads(core.call("migration_diff", {"old": old, "new": new})["ops"])
    assert op["type"] == "drop_column"
    assert op["field_def"]["column_type"] == {"kind": "text"}


def test_unknown_op_type_is_an_ir_error_naming_it(core: NativeCore) -> None:
    with pytest.raises(IRError) as info:
        core.call("migration_sql", {"ops": '[{"type": "drop_everything"}]', "dialect": "sqlite"})
    assert info.value.code == 12
    assert info.value.details["value"] == "drop_everything"
    assert info.value.details["path"] == "ops[0].type"


def test_unsupported_feature_is_its_own_error(core: NativeCore) -> None:
    index = {"name": "i", "fields": ["a"], "unique": False, "method": None, "where": "a > 1"}
    op = {"type": "create_index", "table": "t", "index": index}
    with pytest.raises(UnsupportedFeatureError):
        core.call("migration_sql", {"ops": json.dumps([op]), "dialect": "mysql"})


def test_missing_request_key_is_an_ir_error(core: NativeCore) -> None:
    with pytest.raises(IRError) as info:
        core.call("migration_diff", {"old": _snapshot()})
    assert info.value.code == 10
    assert info.value.details["key"] == "new"
