"""Named connections: alias -> :class:`AsyncDatabase` (what ``using=`` resolves through)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oxyde.exceptions import PoolNotFoundError

if TYPE_CHECKING:
    from oxyde.db._database import AsyncDatabase

__all__ = [
    "ConnectionNotRegisteredError",
    "disconnect_all",
    "disconnect_all_sync",
    "get_connection",
    "get_connection_sync",
    "lookup",
    "register_connection",
    "registered_connections",
    "unregister_connection",
]

_CONNECTIONS: dict[str, AsyncDatabase] = {}


class ConnectionNotRegisteredError(PoolNotFoundError, KeyError):
    """No connection is registered under the alias (also a ``KeyError``, as in Oxyde)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _not_registered(alias: str) -> ConnectionNotRegisteredError:
    known = ", ".join(repr(a) for a in sorted(_CONNECTIONS)) or "none"
    return ConnectionNotRegisteredError(
        f"no database connection is registered under alias {alias!r} (registered: {known}); "
        f"call `await db.init({alias}=...)` (or `db.init_sync`) first",
        details={"alias": alias},
    )


def register_connection(database: AsyncDatabase, *, overwrite: bool = False) -> AsyncDatabase:
    """Register ``database`` under its name; an existing name is a ``ValueError`` unless ``overwrite``."""
    current = _CONNECTIONS.get(database.name)
    if current is not None and current is not database:
        if not overwrite:
            raise ValueError(f"connection {database.name!r} is already registered")
        database._displace(current)
    _CONNECTIONS[database.name] = database
    return database


def unregister_connection(name: str) -> None:
    """Forget the alias (the pool is not closed)."""
    _CONNECTIONS.pop(name, None)


def registered_connections() -> dict[str, AsyncDatabase]:
    """A copy of the registry."""
    return dict(_CONNECTIONS)


def lookup(alias: str) -> AsyncDatabase:
    """The registered database, connected or not; :class:`ConnectionNotRegisteredError` if unknown."""
    try:
        return _CONNECTIONS[alias]
    except KeyError:
        raise _not_registered(alias) from None


async def get_connection(name: str = "default", *, ensure_connected: bool = True) -> AsyncDatabase:
    """The database registered as ``name``, connected first unless ``ensure_connected=False``."""
    database = lookup(name)
    if ensure_connected and not database.connected:
        await database.connect()
    return database


def get_connection_sync(name: str = "default", *, ensure_connected: bool = True) -> AsyncDatabase:
    """Synchronous twin of :func:`get_connection`."""
    database = lookup(name)
    if ensure_connected and not database.connected:
        database.connect_sync()
    return database


async def disconnect_all() -> None:
    """Close every registered pool (rolling back open transactions) and clear the registry.

    Every pool is closed even when one fails; the first failure is raised at the end.
    """
    databases = list(_CONNECTIONS.values())
    _CONNECTIONS.clear()
    first: BaseException | None = None
    for database in databases:
        try:
            await database.disconnect()
        except Exception as exc:  # keep closing the others
            first = first or exc
    if first is not None:
        raise first


def disconnect_all_sync() -> None:
    """Synchronous twin of :func:`disconnect_all`."""
    databases = list(_CONNECTIONS.values())
    _CONNECTIONS.clear()
    first: BaseException | None = None
    for database in databases:
        try:
            database.disconnect_sync()
        except Exception as exc:
            first = first or exc
    if first is not None:
        raise first
