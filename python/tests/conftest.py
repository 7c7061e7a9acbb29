"""Shared pytest setup: make ``python/`` importable and keep the connection registry clean."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_PYTHON_DIR = str(Path(__file__).resolve().parents[1])
if _PYTHON_DIR not in sys.path:
    sys.path.insert(0, _PYTHON_DIR)


@pytest.fixture(autouse=True)
def _isolated_connections() -> Iterator[None]:
    """Every test starts and ends with an empty connection registry (pools are not closed here)."""
    from oxyde.db import _registry

    saved = dict(_registry._CONNECTIONS)
    _registry._CONNECTIONS.clear()
    yield
    _registry._CONNECTIONS.clear()
    _registry._CONNECTIONS.update(saved)
