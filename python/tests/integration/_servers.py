"""Shared by integration modules that need a database server: its test URL and a reachability probe.

The URLs come from ``scripts/db.env`` (an environment variable of the same name wins), the file
``scripts/db-up.sh`` (``make db-up``) starts the servers from. A test calls
``require_postgres()`` / ``require_mysql()``: when the server does not answer, the test is skipped
with the URL and the error, unless ``CI=true`` or ``OXYDE_REQUIRE_SERVERS=1``, where it fails
instead (CI must run every server test). The probe speaks the first bytes of each wire protocol
over TCP, so no Python database driver is needed.
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NoReturn
from pathlib import Path
from urllib.parse import urlsplit

import pytest

DB_ENV = Path(__file__).resolve().parents[3] / "scripts" / "db.env"
PROBE_TIMEOUT_S = 3.0
_PG_SSL_REQUEST = struct.pack("!ii", 8, 80877103)
_MYSQL_PROTOCOL_V10 = 10
_MYSQL_ERR_PACKET = 0xFF

# Given a connected socket: None when the server speaks its protocol, else why not.
_Probe = Callable[[socket.socket], "str | None"]


@dataclass(frozen=True)
class TestServer:
    """One test server, parsed from its URL."""

    __test__ = False  # not a pytest test class

    url: str
    user: str
    password: str
    host: str
    port: int
    database: str


def settings() -> dict[str, str]:
    """The lines of ``scripts/db.env``, each overridden by an environment variable of its name."""
    values: dict[str, str] = {}
    for line in DB_ENV.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        values[key] = os.environ.get(key) or value
    return values


def servers_required() -> bool:
    """CI (``CI=true``) and ``OXYDE_REQUIRE_SERVERS=1`` turn a missing server into a failure."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("OXYDE_REQUIRE_SERVERS") == "1"


def require_postgres() -> TestServer:
    """The PostgreSQL test server; skips (or fails, see ``servers_required``) when it does not answer."""
    return _require("OXYDE_TEST_POSTGRES_URL", _probe_postgres)


def require_mysql() -> TestServer:
    """The MariaDB/MySQL test server; skips (or fails) when it does not answer."""
    return _require("OXYDE_TEST_MYSQL_URL", _probe_mysql)


def require_client(name: str) -> str:
    """The path of a server's command-line client (``psql``, ``mariadb``); skips (or fails) without it."""
    path = shutil.which(name)
    if path is None:
        _unavailable(f"the {name} client is not installed (make db-up installs it)")
    return path


def _require(variable: str, probe: _Probe) -> TestServer:
    server = _parse(variable, settings()[variable])
    error = _probe_once(probe, server.host, server.port)
    if error is not None:
        _unavailable(f"{variable}={server.url} does not answer ({error}); start it with `make db-up`")
    return server


def _unavailable(reason: str) -> NoReturn:
    if servers_required():
        pytest.fail(f"{reason} [CI=true or OXYDE_REQUIRE_SERVERS=1: servers are required]", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def _parse(variable: str, url: str) -> TestServer:
    parts = urlsplit(url)
    user, password, host, port = parts.username, parts.password, parts.hostname, parts.port
    database = parts.path.strip("/")
    if not (user and password and host and port and database):
        pytest.fail(f"{variable}={url} is not scheme://user:password@host:port/database", pytrace=False)
    return TestServer(url, user, password, host, port, database)


@cache
def _probe_once(probe: _Probe, host: str, port: int) -> str | None:
    try:
        with socket.create_connection((host, port), timeout=PROBE_TIMEOUT_S) as sock:
            return probe(sock)
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"


def _probe_postgres(sock: socket.socket) -> str | None:
    """Sends an SSLRequest; a PostgreSQL server answers one byte, ``S`` or ``N``."""
    sock.sendall(_PG_SSL_REQUEST)
    answer = sock.recv(1)
    return None if answer in (b"S", b"N") else f"not a PostgreSQL server (answered {answer!r})"


def _probe_mysql(sock: socket.socket) -> str | None:
    """Reads the greeting a MySQL/MariaDB server sends first: protocol version 10, or an error packet."""
    head = _recv_exactly(sock, 5)  # 3-byte length, sequence id, first payload byte
    if len(head) < 5:
        return f"connection closed after {len(head)} bytes of greeting"
    if head[4] == _MYSQL_PROTOCOL_V10:
        return None
    if head[4] == _MYSQL_ERR_PACKET:
        body = _recv_exactly(sock, int.from_bytes(head[:3], "little") - 1)
        return f"server refused: {body[2:].decode('utf-8', 'replace')}"
    return f"not a MySQL/MariaDB server (greeting starts {head!r})"


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


