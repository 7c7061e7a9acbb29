"""Oxyde's module path for replaying migration files (our code lives in ``_state`` and ``_replay``)."""

from oxyde.migrations._replay import replay_migrations
from oxyde.migrations._state import SchemaState

__all__ = ["SchemaState", "replay_migrations"]
