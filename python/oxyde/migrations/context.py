"""Oxyde's module path for ``MigrationContext`` (our code lives in ``_context``)."""

from oxyde.migrations._context import MigrationContext

__all__ = ["MigrationContext"]
