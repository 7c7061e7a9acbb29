"""Models: ``Model``, ``Field``, ``Index``, ``Check`` and the table registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oxyde.models.base import Model, deprecated_alias
from oxyde.models.constraints import Check, Index
from oxyde.models.field import Field, OxydeFieldInfo
from oxyde.models.registry import (
    clear_registry,
    iter_tables,
    register_table,
    registered_tables,
    unregister_table,
)

__all__ = [
    "Check",
    "Field",
    "Index",
    "Model",
    "OxydeFieldInfo",
    "clear_registry",
    "iter_tables",
    "register_table",
    "registered_tables",
    "unregister_table",
]

if TYPE_CHECKING:
    OxydeModel = Model  # deprecated: reading it at run time warns (a DeprecationWarning)
else:

    def __getattr__(name: str) -> type[Model]:
        if name == "OxydeModel":
            return deprecated_alias(name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
