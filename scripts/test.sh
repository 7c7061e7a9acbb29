#!/usr/bin/env bash
# Runs every test: the xunit suites, mypy (the package and the typed usage corpus, mypy.ini; one
# test), then pytest. Ends with one line `N passed, N failed` summing all three; exits non-zero
# when anything failed or a runner broke.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/test-results
rm -rf "$out"; mkdir -p "$out"

dotnet test Oxyde.sln -c Release --nologo -v q --logger "trx" --results-directory "$out/xunit"
dotnet_rc=$?

.venv/bin/python -W ignore::DeprecationWarning -m mypy --junit-xml "$out/mypy.xml"
mypy_rc=$?

.venv/bin/python -m pytest python/tests -q -rs --junitxml="$out/pytest.xml" "$@"
py_rc=$?

.venv/bin/python scripts/count_results.py "$out" "$dotnet_rc" "$mypy_rc" "$py_rc"
