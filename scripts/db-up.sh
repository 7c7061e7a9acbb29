#!/usr/bin/env bash
# Starts the PostgreSQL and MariaDB test servers (`make db-up`): the project's own processes on
# 127.0.0.1, data under OXYDE_TEST_DB_DIR, ports, users and databases from the URLs in
# scripts/db.env. Idempotent: a server that already answers with the test credentials is left
# alone; a half-made or stale one (dead pid, old socket, interrupted setup) is cleaned and
# started again. Installs the Debian packages it needs. `scripts/db-down.sh` stops and removes.
#   scripts/db-up.sh           start whatever is not answering, wait until both answer
#   scripts/db-up.sh --check   start nothing; exit 0 when both answer, 1 otherwise
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/db-lib.sh

if [ "${1:-}" = --check ]; then
  rc=0
  pg_answers || { say "postgresql: not answering at $OXYDE_TEST_POSTGRES_URL"; rc=1; }
  my_answers || { say "mariadb: not answering at $OXYDE_TEST_MYSQL_URL"; rc=1; }
  exit $rc
fi
[ $# = 0 ] || die "unknown argument '$1' (only --check)"

show_log() { [ -f "$1" ] && tail -n 30 "$1" | sed 's/^/    /' >&2 || true; }

# 1. Packages. mariadb-server-core has mariadbd and mariadb-install-db without the
#    mariadb-server package's system service on port 3306, which the tests do not use.
install_packages() {
  local need=(postgresql mariadb-server-core mariadb-client openssl) missing=() p
  for p in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return
  say "installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
}

prepare_dirs() {
  if [ "$(id -u)" = 0 ] && ! id -u "$RUN_USER" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$RUN_USER"
  fi
  mkdir -p "$DB_DIR"
  chmod 0755 "$DB_DIR"
}

# TLS: one self-signed certificate for 127.0.0.1 that both servers offer, so ssl_mode=require is
# tested for real; plain connections keep working. Made once, readable by the server user only.
TLS_DIR=$DB_DIR/tls
tls_cert() {
  [ -s "$TLS_DIR/server.crt" ] && [ -s "$TLS_DIR/server.key" ] && return
  mkdir -p "$TLS_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.crt" >/dev/null 2>&1 \
    || die "openssl could not make the test certificate"
  chmod 0600 "$TLS_DIR/server.key"
  chown -R "$RUN_USER:" "$TLS_DIR"
}

# 2. PostgreSQL: initdb + pg_ctl as the server user; superuser `postgres` reachable only through
#    the Unix socket in $PG_HOME/run (mode 0700, trust); TCP on 127.0.0.1 needs a password.
pg_start() {
  rm -f "$PG_HOME/data/postmaster.pid" "$PG_HOME"/run/.s.PGSQL.*
  as_server "$PG_BIN/pg_ctl" -D "$PG_HOME/data" -l "$PG_HOME/server.log" -w -t 60 \
    -o "-c ssl=on -c ssl_cert_file=$TLS_DIR/server.crt -c ssl_key_file=$TLS_DIR/server.key" start >/dev/null \
    || { show_log "$PG_HOME/server.log"; die "postgresql did not start (log: $PG_HOME/server.log)"; }
}

pg_init() {
  rm -rf "$PG_HOME"
  mkdir -p "$PG_HOME/run"
  chmod 0700 "$PG_HOME/run"
  chown -R "$RUN_USER:" "$PG_HOME"
  as_server "$PG_BIN/initdb" -D "$PG_HOME/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_HOME/initdb.log" 2>&1 \
    || { show_log "$PG_HOME/initdb.log"; die "initdb failed"; }
  # Test data only: durability off for speed.
  cat >>"$PG_HOME/data/postgresql.conf" <<EOF

# scripts/db-up.sh
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_HOME/run'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  pg_start
  as_server "$PG_BIN/psql" -XAtq -v ON_ERROR_STOP=1 -h "$PG_HOME/run" -p "$PG_PORT" -U postgres -d postgres \
    -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" \
    -c "CREATE DATABASE $PG_DB OWNER $PG_USER" >/dev/null
  touch "$PG_HOME/.ready"
}

pg_up() {
  if pg_answers; then say "postgresql: already running ($OXYDE_TEST_POSTGRES_URL)"; return; fi
  local pidfile=$PG_HOME/data/postmaster.pid
  if pid_is_ours "$pidfile" "$PG_HOME/data"; then
    say "postgresql: running but not answering; stopping it"
    kill -CONT "$(head -n1 "$pidfile")" 2>/dev/null || true   # in case it was stopped (SIGSTOP)
    as_server "$PG_BIN/pg_ctl" -D "$PG_HOME/data" -m immediate -w -t 30 stop >/dev/null 2>&1 \
      || kill -KILL "$(head -n1 "$pidfile")" 2>/dev/null || true
  fi
  if [ -f "$PG_HOME/.ready" ]; then
    say "postgresql: starting $("$PG_BIN/postgres" --version)"
    pg_start
  else
    say "postgresql: creating $PG_HOME and starting $("$PG_BIN/postgres" --version)"
    pg_init
  fi
  pg_answers || { show_log "$PG_HOME/server.log"; die "postgresql started but $OXYDE_TEST_POSTGRES_URL does not answer"; }
  say "postgresql: ready ($OXYDE_TEST_POSTGRES_URL)"
}

# 3. MariaDB: mariadb-install-db + mariadbd --no-defaults in utf8mb4 (with --no-defaults alone
#    the server charset is latin1). root@localhost is unix_socket-authenticated (the OS user that
#    ran this script) through $MY_HOME/mysqld.sock; TCP on 127.0.0.1 needs a password.
my_admin() { mariadb --no-defaults --socket="$MY_HOME/mysqld.sock" -u "$(id -un)" "$@"; }

my_start() {
  rm -f "$MY_HOME/mysqld.pid" "$MY_HOME/mysqld.sock" "$MY_HOME/mysqld.sock.lock"
  local user_opt=(); [ "$(id -u)" = 0 ] && user_opt=(--user="$RUN_USER")
  setsid mariadbd --no-defaults --datadir="$MY_HOME/data" "${user_opt[@]}" \
    --bind-address=127.0.0.1 --port="$MY_PORT" --socket="$MY_HOME/mysqld.sock" \
    --pid-file="$MY_HOME/mysqld.pid" --log-error="$MY_HOME/server.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --skip-name-resolve --innodb-flush-log-at-trx-commit=2 \
    --ssl-cert="$TLS_DIR/server.crt" --ssl-key="$TLS_DIR/server.key" \
    </dev/null >>"$MY_HOME/server.log" 2>&1 &
  local pid=$! i
  for i in $(seq 600); do
    my_admin -N -B -e 'select 1' >/dev/null 2>&1 && return
    kill -0 "$pid" 2>/dev/null \
      || { show_log "$MY_HOME/server.log"; die "mariadbd exited (log: $MY_HOME/server.log)"; }
    sleep 0.1
  done
  show_log "$MY_HOME/server.log"; die "mariadbd did not answer within 60 s"
}

my_init() {
  rm -rf "$MY_HOME"
  mkdir -p "$MY_HOME"
  chown "$RUN_USER:" "$MY_HOME"
  local user_opt=(); [ "$(id -u)" = 0 ] && user_opt=(--user="$RUN_USER")
  mariadb-install-db --no-defaults --datadir="$MY_HOME/data" "${user_opt[@]}" \
    --auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
    --skip-test-db >"$MY_HOME/install-db.log" 2>&1 \
    || { show_log "$MY_HOME/install-db.log"; die "mariadb-install-db failed"; }
  my_start
  # The user may create databases named like the test one (oxyde_test, oxyde_test_*).
  local pattern="${MY_DB//_/\\_}%"
  my_admin <<EOF
CREATE DATABASE \`$MY_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER '$MY_USER'@'127.0.0.1' IDENTIFIED BY '$MY_PASSWORD';
CREATE USER '$MY_USER'@'localhost' IDENTIFIED BY '$MY_PASSWORD';
GRANT ALL PRIVILEGES ON \`$pattern\`.* TO '$MY_USER'@'127.0.0.1', '$MY_USER'@'localhost';
EOF
  touch "$MY_HOME/.ready"
}

my_up() {
  if my_answers; then say "mariadb: already running ($OXYDE_TEST_MYSQL_URL)"; return; fi
  local pidfile=$MY_HOME/mysqld.pid pid i
  if pid_is_ours "$pidfile" "$MY_HOME/data"; then
    say "mariadb: running but not answering; stopping it"
    pid=$(head -n1 "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    kill -CONT "$pid" 2>/dev/null || true   # in case it was stopped (SIGSTOP)
    for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if [ -f "$MY_HOME/.ready" ]; then
    say "mariadb: starting $(mariadbd --version | sed 's/^.*Ver //')"
    my_start
  else
    say "mariadb: creating $MY_HOME and starting $(mariadbd --version | sed 's/^.*Ver //')"
    my_init
  fi
  my_answers || { show_log "$MY_HOME/server.log"; die "mariadb started but $OXYDE_TEST_MYSQL_URL does not answer"; }
  say "mariadb: ready ($OXYDE_TEST_MYSQL_URL)"
}

if pg_answers && my_answers; then
  say "postgresql and mariadb already running"
  exit 0
fi
install_packages
prepare_dirs
tls_cert
pg_up
my_up
