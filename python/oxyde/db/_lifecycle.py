"""Application-level connection helpers: ``db.init``, ``db.close``, ``db.connect``, ``db.lifespan``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from typing import Any

from oxyde.db import _registry
from oxyde.db._database import AsyncDatabase
from oxyde.db._registry import disconnect_all, disconnect_all_sync
from oxyde.db._settings import PoolSettings

__all__ = ["close", "close_sync", "connect", "connect_sync", "init", "init_sync", "lifespan"]


def _prepare(databases: dict[str, str], settings: PoolSettings | None) -> tuple[list[AsyncDatabase], dict[str, AsyncDatabase]]:
    """Build (and register) one database per alias; returns them and the entries they replaced."""
    if not databases:
        raise ValueError("db.init() needs at least one alias=url (e.g. default='sqlite://app.db')")
    for name, url in databases.items():
        if not isinstance(url, str):
            raise TypeError(f"URL for {name!r} must be a str, not {type(url).__name__}")
    before = _registry.registered_connections()
    built = [AsyncDatabase(url, name=name, settings=settings, overwrite=True) for name, url in databases.items()]
    return built, before


def _restore(built: list[AsyncDatabase], before: dict[str, AsyncDatabase]) -> None:
    for database in built:
        previous = before.get(database.name)
        if previous is None:
            _registry.unregister_connection(database.name)
        else:
            _registry._CONNECTIONS[database.name] = previous


async def init(*, settings: PoolSettings | None = None, **databases: str) -> None:
    """Connect every ``alias=url``; all or nothing: if one fails, the ones opened are closed again."""
    built, before = _prepare(databases, settings)
    opened: list[AsyncDatabase] = []
    try:
        for database in built:
            await database.connect()
            opened.append(database)
    except BaseException:
        for database in opened:
            try:
                await database.disconnect()
            except Exception:
                pass  # the original failure is the one to report
        _restore(built, before)
        raise


def init_sync(*, settings: PoolSettings | None = None, **databases: str) -> None:
    """Synchronous twin of :func:`init`."""
    built, before = _prepare(databases, settings)
    opened: list[AsyncDatabase] = []
    try:
        for database in built:
            database.connect_sync()
            opened.append(database)
    except BaseException:
        for database in opened:
            try:
                database.disconnect_sync()
            except Exception:
                pass
        _restore(built, before)
        raise


async def close() -> None:
    """Close every registered connection (and forget them)."""
    await disconnect_all()


def close_sync() -> None:
    """Synchronous twin of :func:`close`."""
    disconnect_all_sync()


@asynccontextmanager
async def connect(
    url: str, *, name: str = "default", settings: PoolSettings | None = None
) -> AsyncIterator[AsyncDatabase]:
    """A pool registered as ``name`` for the duration of an ``async with`` block."""
    database = AsyncDatabase(url, name=name, settings=settings, overwrite=True)
    try:
        await database.connect()
        yield database
    finally:
        try:
            await database.disconnect()
        finally:
            if _registry._CONNECTIONS.get(name) is database:
                _registry.unregister_connection(name)


@contextmanager
def connect_sync(url: str, *, name: str = "default", settings: PoolSettings | None = None) -> Iterator[AsyncDatabase]:
    """Synchronous twin of :func:`connect` (a ``with`` block)."""
    database = AsyncDatabase(url, name=name, settings=settings, overwrite=True)
    try:
        database.connect_sync()
        yield database
    finally:
        try:
            database.disconnect_sync()
        finally:
            if _registry._CONNECTIONS.get(name) is database:
                _registry.unregister_connection(name)


def lifespan(
    *, settings: PoolSettings | None = None, **databases: str
) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """A Starlette/FastAPI ``lifespan``: ``db.init(**databases)`` at startup, ``db.close()`` at shutdown."""

    @asynccontextmanager
    async def _lifespan(app: Any) -> AsyncIterator[None]:
        await init(settings=settings, **databases)
        try:
            yield
        finally:
            await close()

    return _lifespan
