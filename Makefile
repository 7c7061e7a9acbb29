# The two commands of the README: `make demo` and `make test`. Both run `make setup` first.
# `make reliability` runs the reliability suite at full scale (docs/reliability.md, ~15 min).
.PHONY: setup demo test reliability native bench golden clean db-up db-down

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

# make bench [BACKEND=sqlite|postgres|mysql]: the server suites need `make db-up` (bench/README.md).
BACKEND ?= sqlite
bench: setup
	@OXYDE_SETUP_BENCH=1 scripts/setup.sh
	@$(PY) bench/run.py --backend $(BACKEND)

# PostgreSQL and MariaDB test servers on 127.0.0.1 (URLs in scripts/db.env).
db-up:
	@scripts/db-up.sh

db-down:
	@scripts/db-down.sh

golden:
	OXYDE_UPDATE_GOLDEN=1 dotnet test tests/Oxyde.Query.Tests -c Release --nologo -v q
	OXYDE_UPDATE_GOLDEN=1 dotnet test tests/Oxyde.Migrate.Tests -c Release --nologo -v q

clean:
	rm -rf build python/oxyde/_native/lib src/*/bin src/*/obj tests/*/bin tests/*/obj
