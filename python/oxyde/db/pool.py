"""Oxyde's module path for the connection pool types: ``from oxyde.db.pool import AsyncDatabase``."""

from __future__ import annotations

from oxyde.db._database import AsyncDatabase
from oxyde.db._settings import PoolSettings

__all__ = ["AsyncDatabase", "PoolSettings"]
