"""Queries: ``Query``/``QuerySet``, ``QueryManager``, ``Q``, ``F`` and the function classes."""

from __future__ import annotations

from typing import Any

from oxyde.queries.expressions import F, Q
from oxyde.queries.functions import (
    Aggregate, Avg, Case, Coalesce, Concat, Count, Exists, Func, Length, Lower, Max, Min, Now, RawSQL, Sum, Upper,
    Value, When,
)  # fmt: skip
from oxyde.queries.manager import QueryManager
from oxyde.queries.query import Query, QuerySet

__all__ = [
    "Aggregate",
    "Avg",
    "Case",
    "Coalesce",
    "Concat",
    "Count",
    "Exists",
    "F",
    "Func",
    "Length",
    "Lower",
    "Max",
    "Min",
    "Now",
    "Q",
    "Query",
    "QueryManager",
    "QuerySet",
    "RawSQL",
    "Sum",
    "Upper",
    "Value",
    "When",
    "execute_raw",
]


def __getattr__(name: str) -> Any:
    if name == "execute_raw":  # lives in oxyde.db (the runtime side); imported on first use
        from oxyde.db import execute_raw

        return execute_raw
    raise AttributeError(f"module 'oxyde.queries' has no attribute {name!r}")
