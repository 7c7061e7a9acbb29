"""Async transactions: cancellation at seeded points, and 1,000 concurrent read+update transactions.

Each run is a child process (``_workloads.py``) on a fresh SQLite file with default settings, so a
stalled engine is bounded by the child's own deadline and cannot hang the test session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..integration._native import require_native
from ._scale import SEED, fresh_db, record, run_child, scale

require_native()

CANCEL_TRANSACTIONS = scale(500, 10_000)
CANCEL_BOUND = scale(20.0, 300.0)
CONCURRENT_TASKS = scale(1_000, 1_000)
CONCURRENT_BOUND = scale(15.0, 120.0)


def test_cancelled_transactions_never_leak(tmp_path: Path) -> None:
    """Seeded cancels (before start, after 0..39 loop turns, after 0..4 ms) of ``atomic()`` read+update
    transactions, 1 to 8 at a time: no transaction stays open (another connection takes the write
    lock at once), nothing but CancelledError reaches the tasks, and the counter counts exactly the
    committed ones (a cancel during the commit may have committed or not)."""
    path = fresh_db(tmp_path)
    result = run_child("_workloads", "cancel", path, str(SEED), str(CANCEL_TRANSACTIONS), str(CANCEL_BOUND), timeout=CANCEL_BOUND + 90)
    data = result.data
    record("cancellation", seed=SEED, **{k: v for k, v in data.items() if k != "error_examples"})
    assert result.returncode == 0 and data, result.describe()
    assert "stalled_after_s" not in data, f"seed {SEED}: stalled: {data}"
    assert data["leaks"] == [], f"seed {SEED}: a cancelled transaction kept the write lock: {data['leaks']}"
    assert data["lock_free_at_end"]
    assert data["errors"] == {}, f"seed {SEED}: {data['errors']}: {data['error_examples']}"
    assert data["transactions"] == CANCEL_TRANSACTIONS, f"seed {SEED}: only {data['transactions']} ran within {CANCEL_BOUND} s"
    low, high = data["committed_sure"], data["committed_sure"] + data["ambiguous"]
    assert low <= data["counter"] <= high, f"seed {SEED}: counter {data['counter']} outside [{low}, {high}]"


@pytest.mark.parametrize("max_connections", [0, 1], ids=["default-pool", "max_connections=1"])
def test_thousand_concurrent_transactions(tmp_path: Path, max_connections: int) -> None:
    """1,000 tasks at once, each ``async with atomic():`` reading the counter row and writing it back
    plus one: all commit, the counter is 1,000, no BusyError/AcquireTimeoutError, within the bound."""
    path = fresh_db(tmp_path)
    result = run_child(
        "_workloads", "concurrent", path, str(CONCURRENT_TASKS), str(max_connections), str(CONCURRENT_BOUND),
        timeout=CONCURRENT_BOUND + 60,
    )
    data = result.data
    record(f"concurrent transactions ({'default pool' if not max_connections else 'max_connections=1'})", **data)
    assert result.returncode == 0 and data, result.describe()
    assert "stalled_after_s" not in data, f"stalled: {data}"
    assert data["errors"] == {}
    assert data["unfinished"] == 0, f"{data['unfinished']} of {CONCURRENT_TASKS} unfinished after {CONCURRENT_BOUND} s"
    assert data["committed"] == CONCURRENT_TASKS
    assert data["counter"] == CONCURRENT_TASKS
