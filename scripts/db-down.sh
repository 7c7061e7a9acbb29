#!/usr/bin/env bash
# Stops the test servers that scripts/db-up.sh started and removes their data (`make db-down`).
# Only processes whose pid file is under OXYDE_TEST_DB_DIR and whose command line names that
# data directory are stopped; nothing else is touched. Safe to run when nothing is running.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/db-lib.sh

stop_pid() { # name pid signal
  local i
  kill "-$3" "$2" 2>/dev/null || return 0
  for i in $(seq 300); do kill -0 "$2" 2>/dev/null || { say "$1: stopped"; return 0; }; sleep 0.1; done
  say "$1: still running after 30 s; killing it"
  kill -KILL "$2" 2>/dev/null || true
}

# PostgreSQL: SIGINT to the postmaster is pg_ctl's "fast" stop (ends open sessions).
if pid_is_ours "$PG_HOME/data/postmaster.pid" "$PG_HOME/data"; then
  stop_pid postgresql "$(head -n1 "$PG_HOME/data/postmaster.pid")" INT
fi
if pid_is_ours "$MY_HOME/mysqld.pid" "$MY_HOME/data"; then
  stop_pid mariadb "$(head -n1 "$MY_HOME/mysqld.pid")" TERM
fi
rm -rf "$PG_HOME" "$MY_HOME"
rmdir "$DB_DIR" 2>/dev/null || true
say "removed $PG_HOME and $MY_HOME"
