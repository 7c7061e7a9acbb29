"""Crash and contention on one SQLite file: kill -9 during bulk writes; processes x threads writing."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..integration._native import require_native
from ._scale import PYTHON_DIR, SEED, fresh_db, record, run_child, scale

require_native()

BATCH = 10_000
KILL_TRIALS = scale(3, 40)
PROCESSES = 4
THREADS = scale(2, 8)
ITERATIONS = scale(25, 250)


def check(path: str) -> tuple[str, int, list[tuple[int, int]]]:
    """``PRAGMA integrity_check``, the row count and every batch that is not exactly BATCH rows."""
    conn = sqlite3.connect(path, timeout=30)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute("SELECT COUNT(*) FROM rel_rows").fetchone()[0]
        partial = conn.execute("SELECT batch, COUNT(*) FROM rel_rows GROUP BY batch HAVING COUNT(*) != ?", (BATCH,)).fetchall()
        return integrity, rows, partial
    finally:
        conn.close()


@pytest.mark.parametrize("journal", ["WAL", "DELETE"])
def test_kill_9_during_bulk_writes(tmp_path: Path, journal: str) -> None:
    """A child commits 10,000-row ``bulk_create`` batches in ``atomic()`` and is killed with SIGKILL at
    a seeded moment; after every kill the file passes ``PRAGMA integrity_check``, holds whole batches
    only, and keeps every batch the child saw committed."""
    path = fresh_db(tmp_path)
    rng = random.Random(SEED)
    progress = tmp_path / "progress.txt"
    seen_committed = 0
    killed_mid_batch = 0
    started = time.monotonic()
    for trial in range(KILL_TRIALS):
        progress.write_text("")
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability._workloads", "bulkwriter", path, str(BATCH), journal, str(progress)],
            cwd=str(PYTHON_DIR),
            env={**os.environ, "PYTHONPATH": str(PYTHON_DIR)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while "ready" not in progress.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, f"trial {trial}: writer exited early: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}"
        time.sleep(rng.uniform(0.0, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
        lines = [ln for ln in progress.read_text().split() if ln.isdigit()]
        integrity, rows, partial = check(path)
        assert integrity == "ok", f"seed {SEED} trial {trial}: {integrity}"
        assert rows % BATCH == 0 and not partial, f"seed {SEED} trial {trial}: {rows} rows, partial batches {partial}"
        if lines:
            seen_committed = int(lines[-1])
        assert rows // BATCH >= seen_committed, f"seed {SEED} trial {trial}: {rows // BATCH} batches, the writer saw {seen_committed} committed"
        # The kill landed before the batch in flight committed: that whole batch is gone.
        killed_mid_batch += rows // BATCH == seen_committed
    integrity, rows, _ = check(path)
    record(
        f"kill -9 during bulk writes ({journal})",
        seed=SEED,
        trials=KILL_TRIALS,
        batch_rows=BATCH,
        batches_committed=rows // BATCH,
        integrity=integrity,
        partial_batches=0,
        kills_before_commit=killed_mid_batch,
        seconds=round(time.monotonic() - started, 1),
    )


def test_processes_and_threads_write_one_file(tmp_path: Path) -> None:
    """4 processes x THREADS threads, each transaction incrementing one counter row and inserting one
    row with the sync API: no errors, and exact counts."""
    path = fresh_db(tmp_path)
    started = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.reliability._workloads", "writer", path, f"p{n}", str(THREADS), str(ITERATIONS)],
            cwd=str(PYTHON_DIR),
            env={**os.environ, "PYTHONPATH": str(PYTHON_DIR)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=scale(120, 600))
        assert proc.returncode == 0, err[-2000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))
    seconds = time.monotonic() - started
    expected = PROCESSES * THREADS * ITERATIONS
    conn = sqlite3.connect(path, timeout=30)
    counter = conn.execute("SELECT n FROM rel_counters WHERE id = 1").fetchone()[0]
    rows = conn.execute("SELECT COUNT(*) FROM rel_rows").fetchone()[0]
    per_writer = dict(conn.execute("SELECT writer, COUNT(*) FROM rel_rows GROUP BY writer").fetchall())
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    errors = {k: v for r in reports for k, v in r["errors"].items()}
    record(
        "processes x threads on one file",
        processes=PROCESSES,
        threads=THREADS,
        transactions=expected,
        counter=counter,
        rows=rows,
        errors=errors,
        integrity=integrity,
        seconds=round(seconds, 1),
        transactions_per_second=round(expected / seconds),
    )
    assert errors == {}
    assert counter == expected and rows == expected
    assert per_writer == {f"p{p}/{t}": ITERATIONS for p in range(PROCESSES) for t in range(THREADS)}
    assert integrity == "ok"
