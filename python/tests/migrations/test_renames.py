"""Rename candidates: a dropped and an added column (table) of the same type."""

from __future__ import annotations

from typing import Any

from oxyde.migrations import RenameCandidate, rename_candidates


def _f(name: str, kind: str = "string", **spec: Any) -> dict[str, Any]:
    return {"name": name, "column_type": {"kind": kind, **spec}, "db_type": None, "nullable": False,
            "primary_key": False, "unique": False, "default": None, "auto_increment": False}


def _snap(**tables: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": 1, "tables": {n: {"name": n, "fields": f, "indexes": [], "foreign_keys": [], "checks": [], "comment": None}
                                     for n, f in tables.items()}}


def test_same_type_pairs_are_candidates_other_types_are_not() -> None:
    old = _snap(post=[_f("id", "big_integer"), _f("body"), _f("views", "big_integer")])
    new = _snap(post=[_f("id", "big_integer"), _f("content"), _f("score", "double")])
    assert rename_candidates(old, new) == [RenameCandidate("column", "post", "body", "content")]


def test_length_is_part_of_the_type() -> None:
    old = _snap(post=[_f("title", length=100)])
    new = _snap(post=[_f("headline", length=200)])
    assert rename_candidates(old, new) == []


def test_table_with_the_same_columns_is_a_candidate() -> None:
    old = _snap(tag=[_f("id", "big_integer"), _f("label")])
    new = _snap(label=[_f("id", "big_integer"), _f("label")], other=[_f("x")])
    assert rename_candidates(old, new) == [RenameCandidate("table", "tag", "tag", "label")]


def test_rename_option_matching() -> None:
    cand = RenameCandidate("column", "post", "body", "content")
    assert cand.matches("body:content") and cand.matches("post.body:content") and cand.matches("post.body:post.content")
    assert not cand.matches("other.body:content") and not cand.matches("body") and not cand.matches("body:text")
