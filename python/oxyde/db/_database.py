"""``AsyncDatabase``: one named pool in the engine, opened and closed from Python."""

from __future__ import annotations

import asyncio
import threading
import weakref
from types import TracebackType
from typing import Any

from oxyde._native.core import get_core
from oxyde.db._settings import PoolSettings
from oxyde.exceptions import InvalidUrlError
from oxyde.migrations.utils import Dialect, detect_dialect

__all__ = ["AsyncDatabase"]


def _check_url_text(url: str) -> None:
    """Refuse a URL no driver can take: a NUL character, or text without a UTF-8 form."""
    if "\x00" in url:
        raise InvalidUrlError("database URL contains a NUL character", details={"position": url.index("\x00")})
    try:
        url.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidUrlError(
            "database URL contains a lone surrogate, which has no UTF-8 form", details={"position": exc.start}
        ) from None


class AsyncDatabase:
    """A connection pool registered under ``name`` (the alias ``using=`` refers to).

    ``url`` is kept exactly as given; ``settings`` may be replaced until :meth:`connect`;
    ``backend`` is ``"postgres" | "mysql" | "sqlite"`` once connected. Usable as an async or a
    sync context manager (connect on enter, disconnect on exit).
    """

    def __init__(
        self,
        url: str,
        *,
        name: str = "default",
        settings: PoolSettings | None = None,
        auto_register: bool = True,
        overwrite: bool = False,
    ) -> None:
        if not isinstance(url, str):
            raise TypeError(f"database URL must be a str, not {type(url).__name__}")
        if not isinstance(name, str) or not name:
            raise ValueError("a database name must be a non-empty str")
        self._dialect: Dialect = detect_dialect(url)
        _check_url_text(url)
        self.url = url
        self.name = name
        self.settings: PoolSettings = settings if settings is not None else PoolSettings()
        self.backend: Dialect | None = None
        self._connected = False
        self._displaced: AsyncDatabase | None = None
        self._sync_lock = threading.Lock()
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        if auto_register:
            from oxyde.db._registry import register_connection

            register_connection(self, overwrite=overwrite)

    # --- state ----------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        """``True`` once the engine holds the pool."""
        return self._connected

    @property
    def dialect(self) -> Dialect:
        """The dialect the URL speaks (known before connecting)."""
        return self._dialect

    def __repr__(self) -> str:
        state = "connected" if self._connected else "disconnected"
        return f"<AsyncDatabase {self.name!r} {self._dialect} {state}>"

    def _displace(self, previous: AsyncDatabase) -> None:
        """Called when this instance takes ``previous``'s alias (``overwrite=True``).

        Opening a pool under an alias the engine already holds replaces that pool (the old one
        closes once the new one is open), so ``previous`` only needs marking as disconnected.
        """
        if previous._connected:
            self._displaced = previous

    # --- requests -------------------------------------------------------------------------------

    def _open_request(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "settings": self.settings.to_payload()}

    def _close_request(self) -> dict[str, Any]:
        return {"name": self.name}

    def _opened(self, result: dict[str, Any]) -> None:
        backend = result.get("backend") if isinstance(result, dict) else None
        self.backend = backend if backend in ("postgres", "mysql", "sqlite") else self._dialect
        self._connected = True

    def _took_over(self) -> None:
        """After opening: the engine replaced the pool of the database this one displaced."""
        previous, self._displaced = self._displaced, None
        if previous is not None:
            previous._connected = False

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._async_locks.get(loop)
        if lock is None:
            lock = self._async_locks[loop] = asyncio.Lock()
        return lock

    # --- async ----------------------------------------------------------------------------------

    async def connect(self) -> None:
        """Open the pool in the engine (no-op when already connected)."""
        if self._connected:
            return
        async with self._lock():
            if self._connected:
                return
            self._opened(await get_core().call_async("pool_open", self._open_request()))
            self._took_over()

    async def disconnect(self) -> None:
        """Close the pool; its open transactions are rolled back. It stays registered."""
        if not self._connected:
            return
        async with self._lock():
            if not self._connected:
                return
            self._connected = False
            await get_core().call_async("pool_close", self._close_request())

    async def ensure_connected(self) -> None:
        """Connect on demand."""
        if not self._connected:
            await self.connect()

    async def execute(self, ir: dict[str, Any]) -> dict[str, Any]:
        """Run one IR document on this pool (outside any ``atomic()`` block)."""
        from oxyde.db._executor import executor_for

        return await executor_for(client=self).execute_async(ir)

    async def __aenter__(self) -> AsyncDatabase:
        await self.connect()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.disconnect()

    # --- sync -----------------------------------------------------------------------------------

    def connect_sync(self) -> None:
        """Synchronous twin of :meth:`connect`."""
        if self._connected:
            return
        with self._sync_lock:
            if self._connected:
                return
            self._opened(get_core().call("pool_open", self._open_request()))
            self._took_over()

    def disconnect_sync(self) -> None:
        """Synchronous twin of :meth:`disconnect`."""
        if not self._connected:
            return
        with self._sync_lock:
            if not self._connected:
                return
            self._connected = False
            get_core().call("pool_close", self._close_request())

    def ensure_connected_sync(self) -> None:
        if not self._connected:
            self.connect_sync()

    def execute_sync(self, ir: dict[str, Any]) -> dict[str, Any]:
        """Synchronous twin of :meth:`execute`."""
        from oxyde.db._executor import executor_for

        return executor_for(client=self).execute(ir)

    def __enter__(self) -> AsyncDatabase:
        self.connect_sync()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.disconnect_sync()
