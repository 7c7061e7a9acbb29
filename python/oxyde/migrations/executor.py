"""Oxyde's module path for applying migrations (our code lives in ``_runner``)."""

from oxyde.migrations._runner import MIGRATION_LOCK_KEY, apply_migrations, rollback_migration, rollback_migrations

__all__ = ["MIGRATION_LOCK_KEY", "apply_migrations", "rollback_migration", "rollback_migrations"]
