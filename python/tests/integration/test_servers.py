"""The test servers of ``make db-up`` answer with the test credentials; MariaDB stores utf8mb4 (issue 13).

These talk to the servers through Debian's command-line clients, so they need no Python driver;
they skip with the reason when a server is not running (and fail under CI, see ``_servers``).
"""

from __future__ import annotations

import os
import subprocess

from ._servers import TestServer, require_client, require_mysql, require_postgres

# Four bytes, three bytes and two bytes in UTF-8: latin1 or 3-byte utf8 would mangle the first.
TEXT = "🦀 漢字 é"


def _psql(server: TestServer, sql: str) -> str:
    done = subprocess.run(
        [require_client("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", "-F", "|", "-c", sql, server.url],
        env={**os.environ, "PGCONNECT_TIMEOUT": "5"},
        capture_output=True,
        timeout=30,
        check=True,
    )
    return done.stdout.decode("utf-8").strip()


def _mariadb(server: TestServer, sql: str) -> list[list[str]]:
    done = subprocess.run(
        [
            require_client("mariadb"),
            "--no-defaults",
            "--protocol=TCP",
            f"--host={server.host}",
            f"--port={server.port}",
            f"--user={server.user}",
            "--default-character-set=utf8mb4",
            "--connect-timeout=5",
            "--batch",
            "--skip-column-names",
            f"--execute={sql}",
            server.database,
        ],
        env={**os.environ, "MYSQL_PWD": server.password},
        capture_output=True,
        timeout=30,
        check=True,
    )
    return [line.split("\t") for line in done.stdout.decode("utf-8").splitlines()]


def test_postgres_answers_as_the_test_user_in_utf8() -> None:
    server = require_postgres()
    answer = _psql(server, "SELECT 1, current_user, current_database(), current_setting('server_encoding')")
    assert answer == f"1|{server.user}|{server.database}|UTF8"


def test_mysql_answers_as_the_test_user_in_utf8mb4() -> None:
    server = require_mysql()
    rows = _mariadb(
        server,
        "SELECT 1, current_user(), database(), @@character_set_server, @@collation_server, "
        "@@character_set_database",
    )
    assert rows == [["1", f"{server.user}@{server.host}", server.database, "utf8mb4", "utf8mb4_unicode_ci", "utf8mb4"]]


def test_mysql_round_trips_four_byte_utf8() -> None:
    server = require_mysql()
    # The table takes the database's default charset: latin1 or utf8mb3 would store '?' for the crab.
    rows = _mariadb(
        server,
        "CREATE TEMPORARY TABLE utf8_probe (s VARCHAR(20));"
        f"INSERT INTO utf8_probe VALUES ('{TEXT}');"
        "SELECT s, HEX(s), CHAR_LENGTH(s) FROM utf8_probe;",
    )
    assert rows == [[TEXT, TEXT.encode("utf-8").hex().upper(), str(len(TEXT))]]
