"""get_or_create / update_or_create are race-safe: two real processes seeding the same rows on one
SQLite file or one server never create duplicates, and never fail, also with each call inside its own
``atomic()`` block (where PostgreSQL aborts the transaction on the losing INSERT unless it ran in a
savepoint, and MySQL's REPEATABLE READ snapshot hides the winner's row from a plain re-read)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ._native import require_native

require_native()

from oxyde import Field, Model  # noqa: E402
from oxyde.db import create_tables  # noqa: E402

from ._backends import Backend, backend  # noqa: E402,F401

KEYS = 40

CHILD = r"""
import asyncio, json, os, sys, time
from pathlib import Path

import oxyde.db as db
from oxyde import Field, Model
from oxyde.db import atomic


class RcSeed(Model):
    id: int | None = Field(default=None, db_pk=True)
    key: str = Field(max_length=40, db_unique=True)
    owner: int = 0

    class Meta:
        is_table = True
        table_name = "rc_seeds"

    async def pre_save(self, *, is_create, update_fields=None):
        await asyncio.sleep(0.003)  # widens the window between the get and the INSERT: most keys race


async def main(url, ready, start, mode, in_atomic, keys):
    await db.init(default=url)
    Path(ready).touch()
    while not Path(start).exists():
        time.sleep(0.001)
    created = 0
    for i in range(keys):
        method = getattr(RcSeed.objects, mode)
        if in_atomic:
            async with atomic():
                _, new = await method(key=f"k{i}", defaults={"owner": os.getpid()})
        else:
            _, new = await method(key=f"k{i}", defaults={"owner": os.getpid()})
        created += new
    await db.close()
    print(json.dumps({"created": created}))


url, ready, start, mode, in_atomic, keys = sys.argv[1:]
asyncio.run(main(url, ready, start, mode, in_atomic == "1", int(keys)))
"""


class RcSeed(Model):
    id: int | None = Field(default=None, db_pk=True)
    key: str = Field(max_length=40, db_unique=True)
    owner: int = 0

    class Meta:
        is_table = True
        table_name = "rc_seeds"


@pytest.mark.parametrize("in_atomic", [False, True], ids=["autocommit", "atomic"])
@pytest.mark.parametrize("mode", ["get_or_create", "update_or_create"])
async def test_two_processes_seeding_the_same_rows_create_each_once(
    backend: Backend, mode: str, in_atomic: bool, tmp_path: Path
) -> None:
    await create_tables(models=[RcSeed])
    start = tmp_path / "start"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    children = []
    for n in range(2):
        ready = tmp_path / f"ready{n}"
        args = [sys.executable, "-c", CHILD, backend.url, str(ready), str(start), mode, "1" if in_atomic else "0", str(KEYS)]
        children.append((ready, subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)))
    deadline = time.monotonic() + 120
    while not all(ready.exists() for ready, _ in children) and time.monotonic() < deadline:
        if any(child.poll() is not None for _, child in children):
            break
        time.sleep(0.01)
    start.touch()
    created = 0
    for _, child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, f"child failed: {err[-3000:]}"
        created += json.loads(out.strip().splitlines()[-1])["created"]
    rows = await RcSeed.objects.all()
    assert sorted(r.key for r in rows) == sorted(f"k{i}" for i in range(KEYS))
    assert created == KEYS  # each key reported created by exactly one process
