"""Streaming keeps memory flat: 1,000,000 rows on SQLite iterated as models grow the process's
resident set by a small, fixed amount, while ``all()`` of the same rows grows it by hundreds of MB.

Measured with the resident pages of ``/proc/self/statm`` (the engine's buffers count too: they live
in this process). The bounds are generous on purpose; what they rule out is growth with the row
count.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model  # noqa: E402
from oxyde.db import create_tables_sync, execute_script_sync  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")

ROWS = 1_000_000
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


class StBig(Model):
    id: int | None = Field(default=None, db_pk=True)
    n: int = 0
    label: str = Field(default="", max_length=40)

    class Meta:
        is_table = True
        table_name = "st_big"


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def test_a_million_rows_stream_in_flat_memory(tmp_path: Path) -> None:
    db.init_sync(default=f"sqlite:///{tmp_path / 'big.db'}")
    try:
        create_tables_sync(models=[StBig])
        execute_script_sync(
            "INSERT INTO st_big (n, label) "
            f"WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM c WHERE x < {ROWS - 1}) "
            "SELECT x, 'row label number ' || x FROM c"
        )
        query = StBig.objects.order_by("id")
        list(query.limit(10_000).iterate_sync(chunk_size=1000))  # warm the readers and buffers
        gc.collect()

        before = _rss()
        peak = before
        count = total = 0
        for item in query.iterate_sync(chunk_size=1000):
            count += 1
            total += item.n
            if count % 20_000 == 0:
                peak = max(peak, _rss())
        stream_growth = max(peak, _rss()) - before
        assert count == ROWS
        assert total == ROWS * (ROWS - 1) // 2

        gc.collect()
        before = _rss()
        everything = query.all_sync()
        full_growth = _rss() - before
        assert len(everything) == ROWS
        del everything

        print(f"\nRSS growth: iterate_sync {stream_growth / MB:.1f} MB, all_sync {full_growth / MB:.1f} MB")
        assert stream_growth < 64 * MB
        assert stream_growth * 5 < full_growth
    finally:
        db.close_sync()
