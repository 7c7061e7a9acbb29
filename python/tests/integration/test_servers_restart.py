"""A server restarting under a running client: the server backends' fault test (issue 13).

Each case starts its own PostgreSQL and MariaDB with scripts/db-up.sh (a private data directory and
free ports, so the shared test servers are never touched), runs writers on a pool while the server
is stopped and started again, and checks what a user relies on: calls in flight fail with a typed
connection error (never a crash or an untyped error), the pool recovers by itself once the server
is back, and no write the client saw succeed is lost (the servers stop cleanly, so a committed row
is on disk whatever fsync setting the test servers use).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model  # noqa: E402
from oxyde.db import PoolSettings, create_tables  # noqa: E402
from oxyde.exceptions import (  # noqa: E402
    AcquireTimeoutError,
    ConnectionFailedError,
    ConnectionLostError,
)

from ._servers import require_client  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
WRITERS = 8
#: What a call may raise while its server is away: lost mid-call, refused at connect, or no
#: connection free within acquire_timeout while the pool cannot open one.
EXPECTED = (ConnectionLostError, ConnectionFailedError, AcquireTimeoutError)


class RestartRow(Model):
    id: int | None = Field(default=None, db_pk=True)
    writer: int
    seq: int

    class Meta:
        is_table = True
        table_name = "restart_rows"


@dataclass(frozen=True)
class PrivateServers:
    env: dict[str, str]
    db_dir: Path
    postgres_url: str
    mysql_url: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_script(servers: PrivateServers, script: str) -> None:
    done = subprocess.run(["bash", str(ROOT / "scripts" / script)], env=servers.env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"scripts/{script} failed ({done.returncode}):\n{done.stdout}{done.stderr}", pytrace=False)


@pytest.fixture(scope="module")
def servers() -> Iterator[PrivateServers]:
    require_client("psql")
    # Not under pytest's tmp_path (mode 0700): the servers run as their own user and need to reach it.
    db_dir = Path(tempfile.mkdtemp(prefix="oxyde-restart-"))
    db_dir.chmod(0o755)
    pg_url = f"postgresql://oxyde:oxyde@127.0.0.1:{free_port()}/oxyde_test"
    my_url = f"mysql://oxyde:oxyde@127.0.0.1:{free_port()}/oxyde_test"
    env = {**os.environ, "OXYDE_TEST_DB_DIR": str(db_dir), "OXYDE_TEST_POSTGRES_URL": pg_url, "OXYDE_TEST_MYSQL_URL": my_url}
    private = PrivateServers(env, db_dir, pg_url, my_url)
    run_script(private, "db-up.sh")
    try:
        yield private
    finally:
        run_script(private, "db-down.sh")
        shutil.rmtree(db_dir, ignore_errors=True)


def stop_server(servers: PrivateServers, backend: str) -> None:
    """A clean stop, as an operator's restart does: PostgreSQL fast shutdown, MariaDB SIGTERM."""
    if backend == "postgres":
        pid_file, sig = servers.db_dir / "pg" / "data" / "postmaster.pid", signal.SIGINT
    else:
        pid_file, sig = servers.db_dir / "maria" / "mysqld.pid", signal.SIGTERM
    pid = int(pid_file.read_text().split()[0])
    os.kill(pid, sig)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail(f"{backend} did not stop within 60 s")


@pytest.mark.parametrize("backend", ["postgres", "mysql"])
async def test_restart_under_load_loses_no_confirmed_write(servers: PrivateServers, backend: str) -> None:
    url = servers.postgres_url if backend == "postgres" else servers.mysql_url
    await db.init(default=url, settings=PoolSettings(max_connections=4, acquire_timeout=2))
    try:
        await create_tables(models=[RestartRow])
        confirmed: set[tuple[int, int]] = set()
        failures: list[BaseException] = []
        after_restart = asyncio.Event()
        ok_after_restart = 0
        stop = asyncio.Event()

        async def writer(n: int) -> None:
            nonlocal ok_after_restart
            seq = 0
            while not stop.is_set():
                seq += 1
                try:
                    await RestartRow.objects.create(writer=n, seq=seq)
                except EXPECTED as exc:
                    failures.append(exc)
                    await asyncio.sleep(0.05)
                    continue
                confirmed.add((n, seq))
                if after_restart.is_set():
                    ok_after_restart += 1

        tasks = [asyncio.create_task(writer(n)) for n in range(WRITERS)]
        deadline = time.monotonic() + 60
        while len(confirmed) < 200 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert len(confirmed) >= 200, f"only {len(confirmed)} writes before the restart"
        await asyncio.to_thread(stop_server, servers, backend)
        await asyncio.sleep(0.3)  # calls made now find the server gone
        await asyncio.to_thread(run_script, servers, "db-up.sh")
        after_restart.set()
        deadline = time.monotonic() + 60
        while ok_after_restart < 200 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.gather(*tasks)  # an error other than EXPECTED fails the test here

        assert ok_after_restart >= 200, f"the pool did not recover: {ok_after_restart} writes after the restart"
        assert failures, "no call met the restart: the test did not test it"
        kinds = sorted({type(f).__name__ for f in failures})
        print(f"{backend}: {len(confirmed)} confirmed, {len(failures)} failed calls {kinds}")
        stored = {(r.writer, r.seq) for r in await RestartRow.objects.all()}
        assert confirmed <= stored, f"{len(confirmed - stored)} confirmed writes are missing"
    finally:
        await db.close()
