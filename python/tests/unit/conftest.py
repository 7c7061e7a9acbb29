from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from oxyde._native.core import set_core
from oxyde.exceptions import ManagerError
from oxyde.queries import _exec

from ._db_fakes import DbFakeCore
from .fake_core import FakeCore, FakeExecutor


@pytest.fixture
def core(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCore]:
    """A FakeCore installed as the process core; queries run on a FakeExecutor over it."""
    fake = FakeCore()
    set_core(fake)

    def executor(using: str | None, client: Any) -> FakeExecutor:
        if using is not None and client is not None:
            raise ManagerError("pass either using= or client=, not both")  # as executor_for does
        return FakeExecutor(fake, using or "default")

    monkeypatch.setattr(_exec, "_executor", executor)
    yield fake
    set_core(None)


@pytest.fixture
def fake() -> Iterator[DbFakeCore]:
    """A DbFakeCore installed as the process core, under the db layer's real executors.

    Modules that need databases registered up front define their own ``fake`` on top of this shape.
    """
    core = DbFakeCore()
    set_core(core)
    yield core
    set_core(None)
