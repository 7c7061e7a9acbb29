"""Aggregate and function expressions (Oxyde's names). They describe an expression; the query
builders that consume them (``annotate``, ``group_by``, aggregate terminals) are not wired yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

__all__ = ["Aggregate", "Avg", "Coalesce", "Concat", "Count", "Max", "Min", "RawSQL", "Sum"]


@dataclass(frozen=True)
class Aggregate:
    """``function(field)``; ``field="*"`` counts rows."""

    field: str = "*"
    distinct: bool = False
    function: str = dc_field(default="", init=False)


@dataclass(frozen=True)
class Count(Aggregate):
    function: str = dc_field(default="count", init=False)


@dataclass(frozen=True)
class Sum(Aggregate):
    function: str = dc_field(default="sum", init=False)


@dataclass(frozen=True)
class Avg(Aggregate):
    function: str = dc_field(default="avg", init=False)


@dataclass(frozen=True)
class Max(Aggregate):
    function: str = dc_field(default="max", init=False)


@dataclass(frozen=True)
class Min(Aggregate):
    function: str = dc_field(default="min", init=False)


class Concat:
    """String concatenation of fields/values."""

    def __init__(self, *parts: Any) -> None:
        self.parts = parts


class Coalesce:
    """The first non-NULL of the given fields/values."""

    def __init__(self, *parts: Any) -> None:
        self.parts = parts


class RawSQL:
    """A raw SQL fragment with parameters (for expressions the IR cannot name)."""

    def __init__(self, sql: str, params: list[Any] | None = None) -> None:
        self.sql = sql
        self.params = list(params or [])
