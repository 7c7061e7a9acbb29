"""Streaming a query's rows through an engine cursor: ``iterate()`` and ``iterate_sync()``.

The engine keeps the select open (``cursor_open``) and hands back ``chunk_size`` rows per
``cursor_fetch`` (docs/ir-protocol.md, "Cursors"); only one chunk is in Python at a time. Outside a
transaction the cursor holds a pooled connection of its own; inside ``atomic()`` it reads on the
transaction's connection. A cursor is closed when its rows run out, when the iterator is closed
(``aclose()``/``close()``, ``async with``/``with``), when the loop body raises or the task is
cancelled, and when the iterator is garbage-collected (an early ``break`` drops the last
reference). The engine also closes cursors of a closing pool and cursors idle for longer than their
pool's ``transaction_timeout``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from types import TracebackType
from typing import Any, Literal, overload

from oxyde._native.core import Core, get_core
from oxyde.db._executor import Executor, executor_for
from oxyde.exceptions import ValueConversionError

__all__ = ["AsyncRowIterator", "RowIterator", "check_chunk_size"]

#: What a fetch may ask for (the engine's ``CursorRequest.MaxRows``).
MAX_CHUNK_SIZE = 1_000_000

Shape = Callable[[dict[str, Any]], list[Any]]


def check_chunk_size(model: type[Any], chunk_size: Any) -> int:
    """``chunk_size`` as the rows of one fetch: an int in ``1 .. 1,000,000``."""
    if chunk_size.__class__ is int and 1 <= chunk_size <= MAX_CHUNK_SIZE:
        return chunk_size  # type: ignore[no-any-return]
    raise ValueConversionError(
        f"{model.__qualname__}: iterate() chunk_size must be an int from 1 to {MAX_CHUNK_SIZE}, got {chunk_size!r}",
        details={"model": model.__qualname__, "chunk_size": repr(chunk_size)},
    )


def _open_request(executor: Executor, ir: dict[str, Any]) -> dict[str, Any]:
    """The ``cursor_open`` envelope: the ``execute`` one, in the caller's transaction when there is one."""
    tx = executor.transaction
    if tx is None:
        return {"pool": executor.alias, "ir": ir}
    tx.remaining()  # raises once the transaction is past its own timeout
    return {"pool": executor.alias, "tx": tx.id, "ir": ir}


class _Cursor:
    """What the iterators share: the engine cursor id, its columns and the rows not yet handed out."""

    __slots__ = ("_core", "_id", "_columns", "_rows", "_index", "_done", "_shape", "_chunk")

    def __init__(self, shape: Shape, chunk_size: int) -> None:
        self._core: Core | None = None
        self._id: int | None = None
        self._columns: list[str] = []
        self._rows: list[Any] = []
        self._index = 0
        self._done = False
        self._shape = shape
        self._chunk = chunk_size

    def _opened(self, core: Core, result: dict[str, Any]) -> None:
        self._core = core
        self._id = int(result["cursor"])
        self._columns = list(result.get("columns") or ())

    def _fetched(self, result: dict[str, Any]) -> None:
        if result.get("done"):
            self._id = None  # the engine closed it with its last rows
            self._done = True
        rows = result.get("rows") or []
        self._rows = self._shape({"columns": self._columns, "rows": rows}) if rows else []
        self._index = 0

    def _fetch_request(self) -> dict[str, Any]:
        return {"cursor": self._id, "rows": self._chunk}

    def _take(self) -> tuple[bool, Any]:
        """``(True, row)`` for the next buffered row, else ``(False, None)``."""
        index = self._index
        if index < len(self._rows):
            self._index = index + 1
            return True, self._rows[index]
        self._rows = []
        return False, None

    def _detach(self) -> int | None:
        """The open cursor's id, forgotten here (the caller closes it), or ``None``."""
        cursor, self._id = self._id, None
        self._done = True
        self._rows = []
        return cursor

    #: Whether a finalizer closes through ``Core.post`` (submitted, result dropped by the event
    #: loop's next drain) rather than a blocking ``Core.call``.
    _posts_close = False

    def __del__(self) -> None:
        # Garbage-collected part way (an early ``break``). The async iterator submits the close, so
        # it never blocks the thread that drops the last reference (an event loop); the sync one
        # closes on the spot, as no loop may ever drain a submitted close's completion.
        cursor = self._id
        core = self._core
        if cursor is None or core is None:
            return
        self._id = None
        try:
            post = getattr(core, "post", None) if self._posts_close else None
            if post is not None:
                post("cursor_close", {"cursor": cursor})
            else:
                core.call("cursor_close", {"cursor": cursor})
        except Exception:  # noqa: BLE001 - a finalizer must not raise; the engine's sweep closes it
            pass


class AsyncRowIterator(_Cursor):
    """``async for row in query.iterate(chunk_size)``: rows shaped as ``all()`` shapes them."""

    __slots__ = ("_ir", "_executor")

    _posts_close = True

    def __init__(self, ir: dict[str, Any], executor: Executor, shape: Shape, chunk_size: int) -> None:
        super().__init__(shape, chunk_size)
        self._ir: dict[str, Any] | None = ir
        self._executor = executor

    def __aiter__(self) -> AsyncIterator[Any]:
        return self

    async def __anext__(self) -> Any:
        found, row = self._take()
        if found:
            return row
        if self._done:
            raise StopAsyncIteration
        try:
            core = get_core()
            if self._ir is not None:
                ir, self._ir = self._ir, None
                database = self._executor.database
                if not database.connected:
                    await database.connect()
                self._opened(core, await core.call_async("cursor_open", _open_request(self._executor, ir)))
            while not self._done:
                self._fetched(await core.call_async("cursor_fetch", self._fetch_request()))
                found, row = self._take()
                if found:
                    return row
        except BaseException:  # an error, or the task was cancelled while the engine read
            self._close_soon()
            raise
        raise StopAsyncIteration

    def _close_soon(self) -> None:
        cursor = self._detach()
        core = self._core
        if cursor is None or core is None:
            return
        post = getattr(core, "post", None)
        if post is not None:
            post("cursor_close", {"cursor": cursor})
        else:
            core.call("cursor_close", {"cursor": cursor})

    async def aclose(self) -> None:
        """Close the engine cursor now (its connection goes back to the pool); idempotent."""
        self._ir = None
        cursor = self._detach()
        if cursor is not None and self._core is not None:
            await self._core.call_async("cursor_close", {"cursor": cursor})

    async def __aenter__(self) -> AsyncRowIterator:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


class RowIterator(_Cursor):
    """``for row in query.iterate_sync(chunk_size)``: the same on the caller's thread."""

    __slots__ = ("_ir", "_executor")

    def __init__(self, ir: dict[str, Any], executor: Executor, shape: Shape, chunk_size: int) -> None:
        super().__init__(shape, chunk_size)
        self._ir: dict[str, Any] | None = ir
        self._executor = executor

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        found, row = self._take()
        if found:
            return row
        if self._done:
            raise StopIteration
        try:
            core = get_core()
            if self._ir is not None:
                ir, self._ir = self._ir, None
                database = self._executor.database
                if not database.connected:
                    database.connect_sync()
                self._opened(core, core.call("cursor_open", _open_request(self._executor, ir)))
            while not self._done:
                self._fetched(core.call("cursor_fetch", self._fetch_request()))
                found, row = self._take()
                if found:
                    return row
        except BaseException:
            self.close()
            raise
        raise StopIteration

    def close(self) -> None:
        """Close the engine cursor now; idempotent."""
        self._ir = None
        cursor = self._detach()
        if cursor is not None and self._core is not None:
            self._core.call("cursor_close", {"cursor": cursor})

    def __enter__(self) -> RowIterator:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


@overload
def iterator_for(
    ir: dict[str, Any], shape: Shape, chunk_size: int, using: str | None, client: Any, sync: Literal[True]
) -> RowIterator: ...
@overload
def iterator_for(
    ir: dict[str, Any], shape: Shape, chunk_size: int, using: str | None, client: Any, sync: Literal[False]
) -> AsyncRowIterator: ...


def iterator_for(
    ir: dict[str, Any], shape: Shape, chunk_size: int, using: str | None, client: Any, sync: bool
) -> AsyncRowIterator | RowIterator:
    """The iterator over ``ir``'s rows on the executor of ``using``/``client`` (resolved now)."""
    executor = executor_for(using, client)
    if sync:
        return RowIterator(ir, executor, shape, chunk_size)
    return AsyncRowIterator(ir, executor, shape, chunk_size)
