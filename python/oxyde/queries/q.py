"""Oxyde's module path for ``Q`` (defined in :mod:`oxyde.queries.expressions`)."""

from __future__ import annotations

from oxyde.queries.expressions import Q

__all__ = ["Q"]
