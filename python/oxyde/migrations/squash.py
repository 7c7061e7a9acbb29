"""Oxyde's module path for squashing (our code lives in ``_squash``)."""

from oxyde.migrations._squash import SquashResult, squash_migrations

__all__ = ["SquashResult", "squash_migrations"]
