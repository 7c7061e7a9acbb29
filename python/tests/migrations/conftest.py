"""Migration tests: each test sees only the models it registers (the global registry is saved and
restored around it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _isolated_registry() -> Iterator[None]:
    from oxyde.models import registry

    tables, pending = dict(registry._TABLES), list(registry._PENDING)
    registry.clear_registry()
    yield
    registry._TABLES.clear()
    registry._TABLES.update(tables)
    registry._PENDING[:] = pending
