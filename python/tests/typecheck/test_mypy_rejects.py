"""The typed API rejects misuse: mypy (Debian's python3-mypy, the version `make setup` installs)
reports exactly the marked error code on each ``# expect: <code>`` line of ``negative/*.py`` and
nothing elsewhere. The package and the positive corpus (``corpus/``) are checked by
``scripts/test.sh``, which counts that mypy run as one more test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
NEGATIVE = sorted((Path(__file__).parent / "negative").glob("[!_]*.py"))
_MARK = re.compile(r"#\s*expect:\s*([a-z-]+)\s*$")
_ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$")


def _expectations() -> list[tuple[Path, int, str]]:
    cases = []
    for path in NEGATIVE:
        for number, text in enumerate(path.read_text().splitlines(), 1):
            match = _MARK.search(text)
            if match:
                cases.append((path, number, match.group(1)))
    return cases


CASES = _expectations()


@pytest.fixture(scope="module")
def reported() -> dict[tuple[Path, int], set[str]]:
    """``{(file, line): error codes}`` from one mypy run over the negative files."""
    try:
        import mypy  # noqa: F401
    except ImportError:
        pytest.fail("mypy is not installed: `make setup` installs Debian's python3-mypy")
    run = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "mypy", "--config-file", "mypy.ini", *map(str, NEGATIVE)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if run.returncode not in (0, 1):
        pytest.fail(f"mypy crashed (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    errors: dict[tuple[Path, int], set[str]] = {}
    for line in run.stdout.splitlines():
        match = _ERROR.match(line)
        if match:
            key = ((ROOT / match["path"]).resolve(), int(match["line"]))
            errors.setdefault(key, set()).add(match["code"])
    return errors


def test_the_negative_corpus_has_cases() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize(("path", "line", "code"), CASES, ids=[f"{p.stem}:{n}:{c}" for p, n, c in CASES])
def test_mypy_reports_the_marked_error(
    reported: dict[tuple[Path, int], set[str]], path: Path, line: int, code: str
) -> None:
    assert reported.get((path.resolve(), line)) == {code}


def test_mypy_reports_nothing_on_unmarked_lines(reported: dict[tuple[Path, int], set[str]]) -> None:
    marked = {(p.resolve(), n) for p, n, _ in CASES}
    assert {key: codes for key, codes in reported.items() if key not in marked} == {}
