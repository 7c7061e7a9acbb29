"""OXYDE_LOG=debug: one "oxyde" log record per query with the IR, alias, tx and elapsed µs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from oxyde import _log
from oxyde._native.core import set_core
from oxyde.db import AsyncDatabase, atomic
from oxyde.db._executor import executor_for

from ._db_fakes import DbFakeCore

IR = {"proto": 1, "type": "delete", "table": "logged_table"}


@pytest.fixture
def fake() -> Iterator[DbFakeCore]:
    core = DbFakeCore()
    set_core(core)
    AsyncDatabase("sqlite::memory:", name="logdb")
    was = _log.ENABLED
    yield core
    _log.set_enabled(was)
    set_core(None)


def test_disabled_by_default_logs_nothing(fake: DbFakeCore, caplog: pytest.LogCaptureFixture) -> None:
    _log.set_enabled(False)
    with caplog.at_level(logging.DEBUG, logger="oxyde"):
        executor_for("logdb").execute(IR)
    assert caplog.records == []


async def test_enabled_logs_ir_alias_tx_and_time(fake: DbFakeCore, caplog: pytest.LogCaptureFixture) -> None:
    _log.set_enabled(True)
    with caplog.at_level(logging.DEBUG, logger="oxyde"):
        executor_for("logdb").execute(IR)
        async with atomic(using="logdb"):
            await executor_for("logdb").execute_async(IR)
    messages = [r.getMessage() for r in caplog.records if r.name == "oxyde"]
    assert len(messages) == 2
    assert messages[0].startswith("sync alias=logdb tx=None ") and "logged_table" in messages[0]
    assert messages[1].startswith("async alias=logdb tx=1 ") and "us ir=" in messages[1]


def test_environment_variable_switches_it_on() -> None:
    python_dir = Path(__file__).resolve().parents[2]
    code = "from oxyde import _log; print(_log.ENABLED, _log.logger.level)"
    env = {**os.environ, "OXYDE_LOG": "debug", "PYTHONPATH": str(python_dir)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", str(logging.DEBUG)]
