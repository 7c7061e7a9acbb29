"""Oxyde's column-type helpers (``oxyde.core.column_types``): a Python type or a legacy type name as
Oxyde's ``ColumnTypeSpec`` dict, the ``column_type`` of migration field dicts."""

from __future__ import annotations

from typing import Any

__all__ = ["compute_column_type", "spec_from_legacy_name"]


def spec_from_legacy_name(
    name: str,
    *,
    max_length: int | None = None,
    max_digits: int | None = None,
    decimal_places: int | None = None,
) -> dict[str, Any]:
    """The spec of a legacy ``python_type`` name (``"int"``, ``"str"``, ``"int[]"``); ``unknown`` else."""
    from oxyde.migrations._state import _legacy_spec

    return _legacy_spec(name, {"max_length": max_length, "max_digits": max_digits, "decimal_places": decimal_places})


def compute_column_type(
    python_type: Any,
    db_type: str | None = None,
    *,
    max_length: int | None = None,
    max_digits: int | None = None,
    decimal_places: int | None = None,
) -> dict[str, Any]:
    """The spec of a field annotated ``python_type`` (with ``db_type`` and the size constraints)."""
    from oxyde.migrations._extract import oxyde_column_type
    from oxyde.models._types import column_spec

    spec = dict(column_spec(python_type, None, db_type))
    if spec["kind"] == "string" and max_length is not None:
        spec["length"] = max_length
    if spec["kind"] == "decimal":
        if max_digits is not None:
            spec["precision"] = max_digits
        if decimal_places is not None:
            spec["scale"] = decimal_places
    return oxyde_column_type(spec)
