"""Migrations: snapshot, diff and apply (grows with the migration feature)."""

from __future__ import annotations

from oxyde.migrations.utils import detect_dialect

__all__ = ["detect_dialect"]
