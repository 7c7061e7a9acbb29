"""Oxyde's module path for writing migration files (our code lives in ``_writer``)."""

from oxyde.migrations._writer import generate_migration_file

__all__ = ["generate_migration_file"]
