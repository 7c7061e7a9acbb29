"""Oxyde's module path for the aggregate and function expressions (defined in
:mod:`oxyde.queries.functions`): ``from oxyde.queries.aggregates import Count``."""

from __future__ import annotations

from oxyde.queries.functions import Aggregate, Avg, Coalesce, Concat, Count, Max, Min, RawSQL, Sum

__all__ = ["Aggregate", "Avg", "Coalesce", "Concat", "Count", "Max", "Min", "RawSQL", "Sum"]
