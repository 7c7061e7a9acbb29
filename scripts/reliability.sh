#!/usr/bin/env bash
# The reliability suite at full scale (docs/reliability.md): fuzzer, cancellation, concurrency,
# kill -9, processes on one file, memory. Prints each part's figures, then `N passed, N failed`.
# `make test` runs the same tests at a quick scale. OXYDE_RELIABILITY_SEED picks another seed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/reliability-results
rm -rf "$out"; mkdir -p "$out"

OXYDE_RELIABILITY=full .venv/bin/python -m pytest python/tests/reliability -q -rs -p no:cacheprovider \
    --durations=0 --junitxml="$out/pytest.xml" "$@"
py_rc=$?

.venv/bin/python scripts/count_results.py "$out" "$py_rc"
