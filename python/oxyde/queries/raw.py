"""``execute_raw`` at Oxyde's path ``oxyde.queries.raw`` (implemented in :mod:`oxyde.db`)."""

from __future__ import annotations

from typing import Any

__all__ = ["execute_raw"]


def __getattr__(name: str) -> Any:
    if name == "execute_raw":
        from oxyde.db import execute_raw

        return execute_raw
    raise AttributeError(name)
