# Shared by scripts/db-up.sh and scripts/db-down.sh (sourced, not run): reads scripts/db.env,
# parses the two test URLs into the names below and defines the small helpers both scripts use.
# An environment variable of the same name as a db.env line wins over the line.

say() { printf '[db] %s\n' "$*"; }
die() { printf '[db] error: %s\n' "$*" >&2; exit 1; }

while IFS='=' read -r key value; do
  case "$key" in ''|'#'*) continue ;; esac
  [ -n "${!key:-}" ] || export "$key=$value"
done < scripts/db.env

# scheme://user:password@127.0.0.1:port/database, names made of letters, digits and `_` only
# (they go into SQL and shell commands unquoted), host 127.0.0.1 only (nothing else is bound).
parse_url() { # var-prefix url scheme-regex
  local prefix=$1 url=$2 schemes=$3
  local re="^(${schemes})://([A-Za-z0-9_]+):([A-Za-z0-9_]+)@([^:/]+):([0-9]+)/([A-Za-z0-9_]+)$"
  [[ $url =~ $re ]] || die "$prefix URL '$url' is not scheme://user:password@127.0.0.1:port/database (letters, digits, _)"
  [ "${BASH_REMATCH[4]}" = 127.0.0.1 ] || die "$prefix URL '$url': the test servers listen on 127.0.0.1 only"
  printf -v "${prefix}_USER" '%s' "${BASH_REMATCH[2]}"
  printf -v "${prefix}_PASSWORD" '%s' "${BASH_REMATCH[3]}"
  printf -v "${prefix}_PORT" '%s' "${BASH_REMATCH[5]}"
  printf -v "${prefix}_DB" '%s' "${BASH_REMATCH[6]}"
}
parse_url PG "$OXYDE_TEST_POSTGRES_URL" 'postgresql|postgres'
parse_url MY "$OXYDE_TEST_MYSQL_URL" 'mysql|mariadb'

DB_DIR=$OXYDE_TEST_DB_DIR
[[ $DB_DIR == /?*/?* ]] || die "OXYDE_TEST_DB_DIR '$DB_DIR' must be an absolute path below a top-level folder"
PG_HOME=$DB_DIR/pg      # data/, run/ (Unix socket, mode 0700), server.log, .ready
MY_HOME=$DB_DIR/maria   # data/, mysqld.sock, mysqld.pid, server.log, .ready

# PostgreSQL refuses to run as root, so as root both servers run as an unprivileged system
# user of their own; any other user runs them as itself.
if [ "$(id -u)" = 0 ]; then
  RUN_USER=oxyde-db
  as_server() { runuser -u "$RUN_USER" -- "$@"; }
else
  RUN_USER=$(id -un)
  as_server() { "$@"; }
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)

# True when the process in pid file $1 is alive and its command line mentions $2 (our data dir).
pid_is_ours() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(head -n1 "$1" 2>/dev/null | tr -dc 0-9)
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$2"
}

# The test credentials work (proves the server is up, is ours and is set up), quietly.
pg_answers() {
  [ -n "$PG_BIN" ] || return 1
  [ "$(PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=3 "$PG_BIN/psql" -XAtq -h 127.0.0.1 -p "$PG_PORT" \
        -U "$PG_USER" -d "$PG_DB" -c 'select 1' 2>/dev/null)" = 1 ]
}
my_answers() {
  command -v mariadb >/dev/null || return 1
  [ "$(MYSQL_PWD=$MY_PASSWORD mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$MY_PORT" \
        --connect-timeout=3 -u "$MY_USER" -N -B -e 'select 1' "$MY_DB" 2>/dev/null)" = 1 ]
}
