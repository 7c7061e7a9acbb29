"""Helpers shared by the migration system."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Literal

from oxyde.exceptions import InvalidUrlError

__all__ = ["Dialect", "detect_dialect", "load_migration_module"]

Dialect = Literal["sqlite", "postgres", "mysql"]

_PREFIXES: tuple[tuple[str, Dialect], ...] = (
    ("sqlite", "sqlite"),
    ("postgres", "postgres"),  # postgres://, postgresql://
    ("mysql", "mysql"),
    ("mariadb", "mysql"),
)


def detect_dialect(url: str) -> Dialect:
    """The dialect a database URL speaks: ``"sqlite"``, ``"postgres"`` or ``"mysql"``.

    ``mariadb://`` is ``"mysql"``. Any other scheme is an :class:`InvalidUrlError` (Oxyde guesses
    PostgreSQL; we refuse instead of sending a URL to the wrong driver).
    """
    lowered = url.strip().lower()
    for prefix, dialect in _PREFIXES:
        if lowered.startswith(prefix):
            return dialect
    scheme = lowered.split(":", 1)[0] if ":" in lowered else lowered
    raise InvalidUrlError(
        f"unsupported database URL scheme {scheme!r}; "
        "use postgres://, postgresql://, mysql://, mariadb:// or sqlite:",
        details={"scheme": scheme},
    )


def load_migration_module(filepath: str | Path) -> ModuleType:
    """Import a migration file as a fresh module (Oxyde's helper; see ``_files``)."""
    from oxyde.migrations._files import load_migration_module as load

    return load(filepath)
