"""In-memory pools opened and closed many times keep RSS flat (issue 12, defect 10).

Each run is a fresh interpreter with a small gen0 budget (``DOTNET_GCgen0size``), so the engine's
garbage collector settles in a few MB instead of growing its heap to ~80 MB first; what grows past
the warm-up is then what each cycle leaves behind. The bound is generous: before the fix the loop
grew by ~25 MB, after it by ~0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ._native import require_native

require_native()

WARM_UP = 2_000
CYCLES = 20_000
BOUND_MB = 12

SCRIPT = """
import json, sys
import oxyde.db as db

def rss_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

url, warm_up, cycles = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for _ in range(warm_up):
    db.init_sync(default=url)
    db.close_sync()
before = rss_kb()
for _ in range(cycles):
    db.init_sync(default=url)
    db.close_sync()
print(json.dumps({"before_kb": before, "after_kb": rss_kb()}))
"""


def growth_mb(url: str) -> float:
    env = {**os.environ, "DOTNET_GCgen0size": "400000"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, url, str(WARM_UP), str(CYCLES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return (figures["after_kb"] - figures["before_kb"]) / 1024


def test_memory_pools_opened_and_closed_keep_rss_flat() -> None:
    grown = growth_mb("sqlite::memory:")
    assert grown < BOUND_MB, f"RSS grew {grown:.1f} MB over {CYCLES} init/close cycles"
