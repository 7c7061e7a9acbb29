# The two commands of the README: `make demo` and `make test`. Both run `make setup` first.
# `make reliability` runs the reliability suite at full scale (docs/reliability.md, ~15 min).
.PHONY: setup demo test reliability native bench golden clean

PY := .venv/bin/python

setup:
	@scripts/setup.sh

demo: setup
	@cd examples && ../$(PY) blog.py

test: setup
	@scripts/test.sh

reliability: setup
	@scripts/reliability.sh

native:
	@scripts/build-native.sh

bench: setup
	@OXYDE_SETUP_BENCH=1 scripts/setup.sh
	@$(PY) bench/run.py

golden:
	OXYDE_UPDATE_GOLDEN=1 dotnet test tests/Oxyde.Query.Tests -c Release --nologo -v q

clean:
	rm -rf build python/oxyde/_native/lib src/*/bin src/*/obj tests/*/bin tests/*/obj
