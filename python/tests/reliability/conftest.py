"""The reliability suite: quick scale under ``make test``, full scale under ``make reliability``."""

from __future__ import annotations

from typing import Any

from ._scale import FULL, SEED, recorded


def pytest_report_header(config: Any) -> str:
    return f"oxyde reliability: scale={'full' if FULL else 'quick'} seed={SEED}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    figures = recorded()
    if not figures:
        return
    terminalreporter.section(f"reliability figures (scale={'full' if FULL else 'quick'}, seed={SEED})")
    for part, values in figures:
        terminalreporter.write_line(f"{part}: " + ", ".join(f"{k}={v}" for k, v in values.items()))
