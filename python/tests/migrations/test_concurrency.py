"""Two ``migrate`` runs in two real processes: only one applies; the other finds the lock taken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oxyde.db import execute_raw
from oxyde.migrations import get_applied_migrations

from ..integration._backends import Backend, backend  # noqa: F401  (the fixture)
from ._helpers import write

_PYTHON_DIR = str(Path(__file__).resolve().parents[2])

_CHILD = """
import asyncio, json, sys
import oxyde.db as db
from oxyde.db import PoolSettings
from oxyde.migrations import apply_migrations

async def main(url, directory):
    await db.init(default=url, settings=PoolSettings(sqlite_busy_timeout=300))
    try:
        applied = await apply_migrations(directory)
        print(json.dumps({"applied": applied}))
    except Exception as exc:
        print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))
    finally:
        await db.close()

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""

#: Upper bound for a child process to get going or finish; a hang fails the test instead of blocking.
_LIMIT_S = 120


def _spawn(url: str, directory: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": _PYTHON_DIR}
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, url, str(directory)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + _LIMIT_S
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"first run ended early: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("first run never started its migration")
        time.sleep(0.05)


def _result(proc: subprocess.Popen[str]) -> dict[str, object]:
    out, err = proc.communicate(timeout=_LIMIT_S)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


async def test_two_processes_never_both_apply(backend: Backend, tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    started, go = tmp_path / "started", tmp_path / "go"
    write(
        migrations,
        "0001_slow",
        "ctx.execute('CREATE TABLE t_once (id INTEGER)')\nctx.run_python(hold)",
        "ctx.execute('DROP TABLE t_once')",
        prelude=f"""
        import pathlib, time

        def hold(conn):
            pathlib.Path({str(started)!r}).write_text("x")
            deadline = time.monotonic() + {_LIMIT_S}
            while not pathlib.Path({str(go)!r}).exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        """,
    )
    first = _spawn(backend.url, migrations)
    try:
        _wait_for(started, first)  # the first run holds the lock, mid-migration
        second = _result(_spawn(backend.url, migrations))
    finally:
        go.write_text("x")
    assert second["error"] == "MigrationLockError", second
    assert _result(first) == {"applied": ["0001_slow"]}
    assert await get_applied_migrations() == ["0001_slow"]
    assert await execute_raw("SELECT COUNT(*) AS n FROM t_once") is not None
