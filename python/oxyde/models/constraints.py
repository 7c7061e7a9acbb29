"""Table-level ``Meta.indexes`` and ``Meta.constraints`` entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Check", "Index"]


@dataclass(frozen=True)
class Index:
    """A (possibly unique or partial) index over ``fields``; default name ``{table}_{cols}_idx``."""

    fields: Sequence[str]
    method: Literal["btree", "hash", "gin", "gist"] | None = None
    name: str | None = None
    unique: bool = False
    where: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.fields, str):
            object.__setattr__(self, "fields", (self.fields,))
        else:
            object.__setattr__(self, "fields", tuple(self.fields))


@dataclass(frozen=True)
class Check:
    """A CHECK constraint; default name ``chk_{table}_{i}``."""

    expression: str
    name: str | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False)
