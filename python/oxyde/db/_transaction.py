"""Engine transactions (:class:`AsyncTransaction`) and the per-task record of the open ones.

State lives in a ContextVar mapping alias -> the open transaction, and each entry records the
thread and asyncio task that opened it: a child task or another thread does not join its parent's
transaction (it opens its own).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping
from contextvars import ContextVar
from types import TracebackType
from typing import TYPE_CHECKING, Any

from oxyde._native.core import get_core
from oxyde.exceptions import TransactionStateError, TransactionTimeoutError, ValueConversionError

if TYPE_CHECKING:
    from oxyde.db._database import AsyncDatabase

__all__ = ["ISOLATION_LEVELS", "AsyncTransaction", "active_state", "check_isolation", "get_active_transaction"]

#: The levels a transaction may begin at (docs/dialects.md says what each database runs).
ISOLATION_LEVELS = ("read_uncommitted", "read_committed", "repeatable_read", "serializable")


def check_isolation(value: object) -> str | None:
    """``isolation`` checked: ``None`` (the database's default) or one of :data:`ISOLATION_LEVELS`."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"isolation takes a str, not {type(value).__name__}")
    if value not in ISOLATION_LEVELS:
        raise ValueConversionError(
            f"unknown isolation level {value!r}; expected one of {', '.join(ISOLATION_LEVELS)}",
            details={"setting": "isolation", "value": value},
        )
    return value

_get_running_loop = asyncio._get_running_loop
_current_task = asyncio.current_task
_get_ident = threading.get_ident


class AsyncTransaction:
    """One engine transaction on ``database``'s pool: begin, savepoints, commit or rollback.

    It begins at ``isolation`` (one of :data:`ISOLATION_LEVELS`; ``None``: the database's default).
    Its ``timeout`` (seconds) is a deadline, counted from the begin: a statement run after it, or
    still running at it (sync or async: the engine interrupts it), raises
    :class:`TransactionTimeoutError` and poisons the transaction (it can only roll back).
    """

    def __init__(
        self, database: AsyncDatabase, timeout: float | None = None, isolation: str | None = None
    ) -> None:
        self._database = database
        self._tx_id: int | None = None
        self._timeout = timeout
        self._isolation = check_isolation(isolation)
        self._deadline: float | None = None
        self._timed_out = False

    @property
    def id(self) -> int:
        if self._tx_id is None:
            raise TransactionStateError("transaction not started")
        return self._tx_id

    @property
    def database(self) -> AsyncDatabase:
        return self._database

    @property
    def alias(self) -> str:
        return self._database.name

    @property
    def active(self) -> bool:
        return self._tx_id is not None

    def __repr__(self) -> str:
        return f"<AsyncTransaction {self.alias!r} tx={self._tx_id}>"

    # --- deadline -------------------------------------------------------------------------------

    def remaining(self) -> float | None:
        """Seconds left before the deadline (``None`` without a timeout); raises once expired."""
        if self._timed_out:
            raise TransactionTimeoutError(f"transaction {self._tx_id} timed out; it can only roll back")
        if self._deadline is None:
            return None
        left = self._deadline - time.monotonic()
        if left <= 0:
            self._timed_out = True
            raise TransactionTimeoutError(f"transaction {self._tx_id} exceeded its {self._timeout}s timeout")
        return left

    def _mark_timed_out(self) -> TransactionTimeoutError:
        self._timed_out = True
        return TransactionTimeoutError(f"transaction {self._tx_id} exceeded its {self._timeout}s timeout")

    def _begin_request(self) -> dict[str, Any]:
        """``tx_begin``'s request: the level to begin at, and the deadline at which the engine
        interrupts a statement still running."""
        request: dict[str, Any] = {"pool": self.alias}
        timeout = self._timeout
        if timeout is not None and 0 < timeout <= 86_400:  # the engine's range; Python checks the rest
            request["timeout"] = timeout
        if self._isolation is not None:
            request["isolation"] = self._isolation
        return request

    def _started(self, result: Mapping[str, Any]) -> None:
        self._tx_id = int(result["tx"])
        self._timed_out = False
        self._deadline = None if self._timeout is None else time.monotonic() + self._timeout

    def _finish(self) -> tuple[int, bool]:
        tx_id = self.id
        expired = self._timed_out or (self._deadline is not None and time.monotonic() > self._deadline)
        self._tx_id = None
        self._deadline = None
        return tx_id, expired

    # --- async ----------------------------------------------------------------------------------

    async def begin(self) -> None:
        if self._tx_id is not None:
            raise TransactionStateError(f"transaction {self._tx_id} already begun")
        await self._database.ensure_connected()
        self._started(await get_core().call_async("tx_begin", self._begin_request()))

    async def commit(self) -> None:
        """Commit; past the deadline it rolls back and raises :class:`TransactionTimeoutError`."""
        tx_id, expired = self._finish()
        if expired:
            await get_core().call_async("tx_rollback", {"tx": tx_id})
            raise TransactionTimeoutError(f"transaction {tx_id} exceeded its {self._timeout}s timeout; rolled back")
        await get_core().call_async("tx_commit", {"tx": tx_id})

    async def rollback(self) -> None:
        tx_id, _ = self._finish()
        await get_core().call_async("tx_rollback", {"tx": tx_id})

    async def savepoint(self, name: str) -> None:
        await get_core().call_async("tx_savepoint", {"tx": self.id, "savepoint": name})

    async def release(self, name: str) -> None:
        await get_core().call_async("tx_release", {"tx": self.id, "savepoint": name})

    async def rollback_to(self, name: str) -> None:
        await get_core().call_async("tx_rollback_to", {"tx": self.id, "savepoint": name})

    async def execute(self, ir: dict[str, Any]) -> dict[str, Any]:
        """Run one IR document inside this transaction."""
        from oxyde.db._executor import executor_for

        return await executor_for(client=self).execute_async(ir)

    async def __aenter__(self) -> AsyncTransaction:
        await self.begin()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._tx_id is None:
            return
        if exc_type is not None or self._timed_out:
            await self.rollback()
        else:
            await self.commit()

    # --- sync -----------------------------------------------------------------------------------

    def begin_sync(self) -> None:
        if self._tx_id is not None:
            raise TransactionStateError(f"transaction {self._tx_id} already begun")
        self._database.ensure_connected_sync()
        self._started(get_core().call("tx_begin", self._begin_request()))

    def commit_sync(self) -> None:
        tx_id, expired = self._finish()
        if expired:
            get_core().call("tx_rollback", {"tx": tx_id})
            raise TransactionTimeoutError(f"transaction {tx_id} exceeded its {self._timeout}s timeout; rolled back")
        get_core().call("tx_commit", {"tx": tx_id})

    def rollback_sync(self) -> None:
        tx_id, _ = self._finish()
        get_core().call("tx_rollback", {"tx": tx_id})

    def savepoint_sync(self, name: str) -> None:
        get_core().call("tx_savepoint", {"tx": self.id, "savepoint": name})

    def release_sync(self, name: str) -> None:
        get_core().call("tx_release", {"tx": self.id, "savepoint": name})

    def rollback_to_sync(self, name: str) -> None:
        get_core().call("tx_rollback_to", {"tx": self.id, "savepoint": name})

    def execute_sync(self, ir: dict[str, Any]) -> dict[str, Any]:
        from oxyde.db._executor import executor_for

        return executor_for(client=self).execute(ir)

    def __enter__(self) -> AsyncTransaction:
        self.begin_sync()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._tx_id is None:
            return
        if exc_type is not None or self._timed_out:
            self.rollback_sync()
        else:
            self.commit_sync()


# --- context state ------------------------------------------------------------------------------


class _TxState:
    """The open transaction of one alias, its nesting depth, its isolation level and who owns it."""

    __slots__ = ("tx", "depth", "thread", "task", "isolation")

    def __init__(self, tx: AsyncTransaction, thread: int, task: object | None, isolation: str | None = None) -> None:
        self.tx = tx
        self.depth = 1
        self.thread = thread
        self.task = task
        self.isolation = isolation


_ACTIVE: ContextVar[Mapping[str, _TxState] | None] = ContextVar("oxyde_active_transactions", default=None)


def _owner() -> tuple[int, object | None]:
    loop = _get_running_loop()
    return _get_ident(), (_current_task(loop) if loop is not None else None)


def active_state(alias: str) -> _TxState | None:
    """The transaction state this thread/task opened for ``alias``, if any (hot path)."""
    states = _ACTIVE.get()
    if not states:
        return None
    state = states.get(alias)
    if state is None or state.thread != _get_ident():
        return None
    loop = _get_running_loop()
    task = _current_task(loop) if loop is not None else None
    return state if state.task is task else None


def get_active_transaction(using: str = "default") -> AsyncTransaction | None:
    """The transaction of the enclosing ``atomic()`` for ``using`` in this task/thread, or ``None``."""
    state = active_state(using)
    return state.tx if state is not None else None


def _push(alias: str, state: _TxState) -> None:
    states = dict(_ACTIVE.get() or {})
    states[alias] = state
    _ACTIVE.set(states)


def _pop(alias: str, state: _TxState) -> None:
    states = _ACTIVE.get()
    if states and states.get(alias) is state:
        rest = dict(states)
        del rest[alias]
        _ACTIVE.set(rest or None)

