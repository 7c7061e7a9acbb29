"""Scale, seed and figures of the reliability suite (docs/reliability.md).

``OXYDE_RELIABILITY=full`` (what ``make reliability`` sets) runs every part at the scale the docs
quote; otherwise ``make test`` collects the same tests at a quick scale. ``OXYDE_RELIABILITY_SEED``
replaces the default seed; every part prints the seed it used, so a failure is reproducible.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["FULL", "PYTHON_DIR", "SEED", "ChildResult", "record", "recorded", "run_child", "scale"]

T = TypeVar("T")

FULL = os.environ.get("OXYDE_RELIABILITY", "").lower() == "full"
SEED = int(os.environ.get("OXYDE_RELIABILITY_SEED", "20261130"))
PYTHON_DIR = Path(__file__).resolve().parents[2]

_FIGURES: list[tuple[str, dict[str, Any]]] = []


def scale(quick: T, full: T) -> T:
    """``full`` under ``OXYDE_RELIABILITY=full``, else ``quick``."""
    return full if FULL else quick


def record(part: str, **figures: Any) -> None:
    """Keep one part's figures for the end-of-run summary (and print them under ``-s``)."""
    _FIGURES.append((part, figures))
    print(f"\n[reliability] {part}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


def recorded() -> list[tuple[str, dict[str, Any]]]:
    return list(_FIGURES)


class ChildResult:
    """A finished child: exit status, its last JSON line (``{}`` when none), stderr, wall time."""

    def __init__(self, returncode: int | None, data: dict[str, Any], stderr: str, seconds: float, timed_out: bool):
        self.returncode = returncode
        self.data = data
        self.stderr = stderr
        self.seconds = seconds
        self.timed_out = timed_out

    def describe(self) -> str:
        state = "timed out" if self.timed_out else f"exit {self.returncode}"
        return f"child {state} after {self.seconds:.1f} s; stderr tail:\n{self.stderr[-3000:]}"


def run_child(module: str, *args: str, timeout: float, cwd: Path | None = None, env: dict[str, str] | None = None) -> ChildResult:
    """Run ``python -m tests.reliability.<module> args`` from ``python/``; kill it at ``timeout``.

    The child prints one JSON object as its last stdout line.
    """
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", f"tests.reliability.{module}", *args],
        cwd=str(cwd or PYTHON_DIR),
        env={**os.environ, "PYTHONPATH": str(PYTHON_DIR), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        proc.kill()
        out, err = proc.communicate()
    data: dict[str, Any] = {}
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            data = json.loads(line)
            break
    return ChildResult(proc.returncode, data, err, time.monotonic() - started, timed_out)


def fresh_db(tmp_path: Path) -> str:
    """A new database file under ``tmp_path`` with the workloads' tables, made by a child process."""
    path = str(tmp_path / "rel.db")
    made = run_child("_workloads", "setup", path, timeout=60)
    assert made.returncode == 0, made.describe()
    return path
