"""Fuzzer: seeded mutated and generated requests through every native export, in child processes.

The parent runs two children at a time (one per core) over disjoint index ranges and watches each
one's watch file: a child killed by a signal is a crash, a call counter that stops moving for
``HANG_SECONDS`` is a hang. Either way the parent saves the input (``<tmp>/input-<index>.bin``),
names seed and index, and restarts the range after it. Reproduce one range with
``python -m tests.reliability._fuzz run DIR SEED START COUNT`` (after ``... corpus DIR``).
"""

from __future__ import annotations

import json
import mmap
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ..integration._native import require_native
from ._fuzz import WATCH_HEADER, WATCH_SIZE
from ._scale import PYTHON_DIR, SEED, record, run_child, scale

require_native()

REQUESTS = scale(10_000, 1_000_000)
WORKERS = 2
#: A call (or a batch end's wait for its tickets) taking longer than this is a hang. Fuzzed pool
#: settings can legitimately wait 30 s (the default acquire timeout), so the bound is above that.
HANG_SECONDS = 60.0
#: Restarts after crashes or hangs before a range gives up.
MAX_RESTARTS = 20
#: What must never happen; every one of these is a defect with a reproducer in ``examples``.
DEFECTS = ("internal", "untyped", "bad_status", "undecodable", "no_buffer", "drain_failed")


class Range:
    """One worker's index range, run as a sequence of children (a new one after each crash or hang)."""

    def __init__(self, workdir: Path, start: int, end: int) -> None:
        self.workdir = workdir
        self.next = start
        self.end = end
        self.proc: subprocess.Popen[bytes] | None = None
        self.segment = start
        self.last_calls = -1
        self.last_progress = 0.0
        self.restarts = 0
        self.events: list[dict[str, Any]] = []
        self.segments: list[int] = []

    def launch(self) -> None:
        self.segment = self.next
        self.segments.append(self.segment)
        watch = self.workdir / f"watch-{self.segment}.shm"
        watch.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability._fuzz", "run", str(self.workdir), str(SEED), str(self.segment), str(self.end - self.segment)],
            cwd=str(PYTHON_DIR),
            env={**os.environ, "PYTHONPATH": str(PYTHON_DIR)},
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / f"stderr-{self.segment}.txt", "wb"),
        )
        self.last_calls = -1
        self.last_progress = time.monotonic()

    def watch(self) -> tuple[int, int, bytes] | None:
        path = self.workdir / f"watch-{self.segment}.shm"
        try:
            with open(path, "rb") as fh, mmap.mmap(fh.fileno(), WATCH_SIZE, access=mmap.ACCESS_READ) as mm:
                index, calls, length = WATCH_HEADER.unpack_from(mm, 0)
                data = mm[WATCH_HEADER.size : WATCH_HEADER.size + min(length, WATCH_SIZE - WATCH_HEADER.size)]
                return index, calls, data
        except (FileNotFoundError, ValueError):
            return None

    def poll(self) -> bool:
        """Advance this range; ``False`` once it is finished."""
        if self.proc is None:
            if self.next >= self.end or self.restarts > MAX_RESTARTS:
                return False
            self.launch()
            return True
        code = self.proc.poll()
        state = self.watch()
        if code is None:
            if state is not None and state[1] != self.last_calls:
                self.last_calls = state[1]
                self.last_progress = time.monotonic()
            elif time.monotonic() - self.last_progress > HANG_SECONDS:
                self.proc.send_signal(signal.SIGKILL)
                self.proc.wait()
                self.fail("hang", state)
            return True
        self.proc = None
        if code == 0:
            self.next = self.end
            return True
        self.fail("crash" if code < 0 else f"child exit {code}", state, code)
        return True

    def fail(self, kind: str, state: tuple[int, int, bytes] | None, code: int | None = None) -> None:
        index = state[0] if state and state[0] >= self.segment else self.segment
        event: dict[str, Any] = {"kind": kind, "seed": SEED, "index": index, "exit": code}
        if state:
            saved = self.workdir / f"input-{index}.bin"
            saved.write_bytes(state[2])
            event["input"] = str(saved)
        stderr = (self.workdir / f"stderr-{self.segment}.txt").read_text(errors="replace")
        event["stderr"] = stderr[-600:]
        self.events.append(event)
        self.restarts += 1
        self.next = index + 1


def merge(workdir: Path) -> dict[str, Any]:
    total: dict[str, Any] = {"requests": 0, "outcomes": {}, "codes": {}, "modes": {}, "categories": {}, "examples": [], "max_call_seconds": 0.0}
    for report in sorted(workdir.glob("report-*.json")):
        data = json.loads(report.read_text())
        total["requests"] += data["requests"]
        for table in ("outcomes", "codes", "modes", "categories"):
            for key, value in data[table].items():
                total[table][key] = total[table].get(key, 0) + value
        total["examples"] += data["examples"]
        if data["max_call_seconds"] > total["max_call_seconds"]:
            total["max_call_seconds"] = data["max_call_seconds"]
            total["max_call_index"] = data["max_call_index"]
    return total


def test_fuzz_every_export(tmp_path: Path) -> None:
    corpus = run_child("_fuzz", "corpus", str(tmp_path), timeout=120)
    assert corpus.returncode == 0, corpus.describe()
    started = time.monotonic()
    per = REQUESTS // WORKERS
    ranges = [Range(tmp_path, n * per, REQUESTS if n == WORKERS - 1 else (n + 1) * per) for n in range(WORKERS)]
    try:
        while any([r.poll() for r in ranges]):
            time.sleep(0.2)
    finally:
        for r in ranges:
            if r.proc is not None and r.proc.poll() is None:
                r.proc.kill()
                r.proc.wait()
    seconds = time.monotonic() - started
    total = merge(tmp_path)
    events = [e for r in ranges for e in r.events]
    outcomes = total["outcomes"]
    codes = dict(sorted(total["codes"].items(), key=lambda kv: -kv[1]))
    record(
        "fuzzer",
        seed=SEED,
        requests=total["requests"],
        corpus_requests=corpus.data.get("requests"),
        seconds=round(seconds, 1),
        per_second=round(total["requests"] / seconds),
        crashes=sum(1 for e in events if e["kind"] == "crash"),
        hangs=sum(1 for e in events if e["kind"] == "hang"),
        internal=outcomes.get("internal", 0),
        ok=outcomes.get("ok", 0),
        typed_rejections=outcomes.get("typed", 0),
        bad_arguments=outcomes.get("bad_arguments", 0) + outcomes.get("rejected_no_out", 0) + outcomes.get("rejected_verb", 0),
        codes=codes,
        categories=total["categories"],
        modes=total["modes"],
        max_call_seconds=total["max_call_seconds"],
        max_call_index=total.get("max_call_index"),
        database_restored=outcomes.get("database_restored", 0),
        defects={kind: outcomes[kind] for kind in DEFECTS if outcomes.get(kind)},
    )
    found = {kind: outcomes.get(kind, 0) for kind in DEFECTS if outcomes.get(kind, 0)}
    examples = [e for e in total["examples"] if e["kind"] in DEFECTS]
    assert not events and not found, (
        f"seed {SEED}: crashes/hangs (inputs saved): {events[:5]}; "
        f"defects {found}, first reproducers (index, verb, entry): {examples[:10]}"
    )
    assert total["requests"] >= REQUESTS


def test_forged_runtime_handles(tmp_path: Path) -> None:
    """A zero, freed or forged runtime handle is status 2 on every export (docs/native-abi.md)."""
    count = scale(20, 2_000)
    result = run_child("_fuzz", "handles", str(tmp_path), str(SEED), str(count), timeout=scale(60, 300))
    where = ""
    watch = tmp_path / "watch-handles.shm"
    if result.returncode != 0 and watch.is_file():
        with open(watch, "rb") as fh, mmap.mmap(fh.fileno(), WATCH_SIZE, access=mmap.ACCESS_READ) as mm:
            index, _, length = WATCH_HEADER.unpack_from(mm, 0)
            where = f" at handle #{index}: {mm[WATCH_HEADER.size : WATCH_HEADER.size + length].decode()}"
    record(
        "forged handles",
        seed=SEED,
        handles=result.data.get("handles", count),
        calls=result.data.get("calls"),
        wrong_status=result.data.get("wrong_count"),
        exit=result.returncode,
        seconds=round(result.seconds, 1),
    )
    assert result.returncode == 0, f"seed {SEED}: the process died (signal {-(result.returncode or 0)}){where}"
    assert result.data["wrong_count"] == 0, result.data["wrong"]
