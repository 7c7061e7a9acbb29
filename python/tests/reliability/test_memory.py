"""Memory: RSS over many queries (sync and async) and over init/close cycles of in-memory databases.

RSS is read from /proc/self/statm in the child. Each run first warms up until RSS stops growing (the
engine's managed heap grows to a plateau before its first collections), then measures; a leak shows
as growth proportional to the work, so the bound is a constant plus a small per-operation allowance.
"""

from __future__ import annotations

from pathlib import Path

from ..integration._native import require_native
from ._scale import record, run_child, scale

require_native()

QUERIES = scale(40_000, 1_000_000)
CYCLES = scale(5_000, 100_000)


def test_rss_flat_over_queries(tmp_path: Path) -> None:
    path = str(tmp_path / "rel.db")
    made = run_child("_workloads", "setup", path, timeout=60)
    assert made.returncode == 0, made.describe()
    result = run_child("_workloads", "queries", path, str(QUERIES), "300000", timeout=scale(180, 900))
    data = result.data
    record("memory over queries", **{k: v for k, v in data.items() if k != "samples_mb"})
    assert result.returncode == 0 and data, result.describe()
    bound = 8 + 16 * QUERIES / 2**20  # MB: 8 MB, plus 16 bytes a query
    assert data["growth_mb"] < bound, f"RSS grew {data['growth_mb']} MB over {QUERIES} queries (bound {bound:.1f}): {data['samples_mb']}"


def test_rss_flat_over_memory_database_cycles() -> None:
    result = run_child("_workloads", "cycles", str(CYCLES), "30000", timeout=scale(120, 900))
    data = result.data
    record("memory over sqlite::memory: init/close cycles", **data)
    assert result.returncode == 0 and data, result.describe()
    bound = 4 + 256 * CYCLES / 2**20  # MB: 4 MB, plus 256 bytes a cycle
    assert data["growth_mb"] < bound, f"RSS grew {data['growth_mb']} MB over {CYCLES} cycles (bound {bound:.1f})"
    assert data["fds_end"] == data["fds_after_warmup"]
