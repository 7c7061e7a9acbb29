# The two commands of the README: `make demo` and `make test`. Both run `make setup` first.
.PHONY: setup demo test native bench golden clean

PY := .venv/bin/python

setup:
	@scripts/setup.sh

demo: setup
	@cd examples && ../$(PY) blog.py

test: setup
	@scripts/test.sh

native:
	@scripts/build-native.sh

bench: setup
	@OXYDE_SETUP_BENCH=1 scripts/setup.sh
	@$(PY) bench/run.py

golden:
	OXYDE_UPDATE_GOLDEN=1 dotnet test tests/Oxyde.Query.Tests -c Release --nologo -v q

clean:
	rm -rf build python/oxyde/_native/lib src/*/bin src/*/obj tests/*/bin tests/*/obj
