"""Sum the xunit (.trx) and the junit xml results (pytest, mypy) into one line: `N passed, N failed`.

Exit status: 0 only when every runner exited cleanly, nothing failed and something ran.
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def trx_counts(path: Path) -> tuple[int, int, int]:
    ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
    counters = ET.parse(path).getroot().find(".//t:ResultSummary/t:Counters", ns)
    if counters is None:
        return 0, 0, 0
    passed = int(counters.get("passed", 0))
    failed = int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped = int(counters.get("notExecuted", 0))
    return passed, failed, skipped


def junit_counts(path: Path) -> tuple[int, int, int]:
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return total - failed - skipped, failed, skipped


def main() -> int:
    out = Path(sys.argv[1])
    runner_rcs = [int(x) for x in sys.argv[2:]]
    passed = failed = skipped = 0
    for trx in sorted(out.glob("xunit/*.trx")):
        p, f, s = trx_counts(trx)
        passed, failed, skipped = passed + p, failed + f, skipped + s
    for junit in sorted(out.glob("*.xml")):  # pytest.xml, mypy.xml (one test: the whole check)
        p, f, s = junit_counts(junit)
        passed, failed, skipped = passed + p, failed + f, skipped + s
    broken = [rc for rc in runner_rcs if rc != 0]
    if broken and failed == 0:
        failed = 1  # a runner died without reporting a failing test: count it, never hide it
        print(f"a test runner exited with status {broken[0]} without a failing test", file=sys.stderr)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
