"""``atomic()``: a transaction block usable with ``async with``, ``with`` or as a decorator.

The outermost block on an alias begins a transaction; nested blocks on the same alias (same task,
same thread) create savepoints ``sp_1``, ``sp_2``... An exception leaving a block rolls back that
block's level only and propagates; ``set_rollback(True)`` does the same without an exception.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from oxyde.db._registry import get_connection, get_connection_sync
from oxyde.db._settings import Duration, normalize_duration
from oxyde.db._transaction import AsyncTransaction, _owner, _pop, _push, _TxState, active_state
from oxyde.exceptions import OxydeError, TransactionStateError

if TYPE_CHECKING:
    from oxyde.db._database import AsyncDatabase

__all__ = ["Atomic", "atomic"]

F = TypeVar("F", bound=Callable[..., Any])


def _savepoint_lost(exc: BaseException | None) -> None:
    """A block left by ``exc`` could not roll back to its savepoint: keep ``exc``, not the rollback's error.

    SQLite rolls the whole transaction back when a write inside it is interrupted (a cancelled task,
    a timeout), which takes the savepoints with it; the outermost block then rolls back too.
    """
    if exc is not None:
        exc.add_note("oxyde: the savepoint was already gone; the transaction rolls back as a whole")


class _Level:
    """One entered block: its transaction state, savepoint (``None`` when outermost), rollback flag."""

    __slots__ = ("state", "savepoint", "rollback")

    def __init__(self, state: _TxState, savepoint: str | None) -> None:
        self.state = state
        self.savepoint = savepoint
        self.rollback = False


class Atomic:
    """What ``atomic()`` returns; ``as tx`` gives this object (``tx.set_rollback()``, ``tx.id``)."""

    def __init__(
        self, using: str = "default", timeout: float | None = None, database: AsyncDatabase | None = None
    ) -> None:
        self.using = using if database is None else database.name
        self.timeout = timeout
        self._database = database
        self._levels: list[_Level] = []

    def __repr__(self) -> str:
        return f"<atomic using={self.using!r} depth={len(self._levels)}>"

    # --- what the block sees ----------------------------------------------------------------------

    @property
    def transaction(self) -> AsyncTransaction:
        """The engine transaction of the innermost entered block."""
        if not self._levels:
            raise TransactionStateError("atomic() block not entered")
        return self._levels[-1].state.tx

    @property
    def id(self) -> int:
        return self.transaction.id

    @property
    def savepoint(self) -> str | None:
        """The savepoint of the innermost entered block (``None`` for the outermost)."""
        return self._levels[-1].savepoint if self._levels else None

    def set_rollback(self, rollback: bool = True) -> None:
        """Roll this block back when it exits, even without an exception."""
        if not self._levels:
            raise TransactionStateError("no active atomic() block to mark for rollback")
        self._levels[-1].rollback = bool(rollback)

    async def execute(self, ir: dict[str, Any]) -> dict[str, Any]:
        return await self.transaction.execute(ir)

    def execute_sync(self, ir: dict[str, Any]) -> dict[str, Any]:
        return self.transaction.execute_sync(ir)

    # --- async ------------------------------------------------------------------------------------

    async def __aenter__(self) -> Atomic:
        state = active_state(self.using)
        if state is None:
            database = self._database or await get_connection(self.using)
            tx = AsyncTransaction(database, timeout=self.timeout)
            await tx.begin()
            thread, task = _owner()
            state = _TxState(tx, thread, task)
            _push(self.using, state)
            self._levels.append(_Level(state, None))
        else:
            name = f"sp_{state.depth}"
            await state.tx.savepoint(name)
            state.depth += 1
            self._levels.append(_Level(state, name))
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        level = self._pop_level()
        tx = level.state.tx
        failed = exc_type is not None or level.rollback
        if level.savepoint is None:
            _pop(self.using, level.state)
            if failed or tx._timed_out:
                await tx.rollback()
                if not failed:
                    raise tx._mark_timed_out()
            else:
                await tx.commit()
        else:
            level.state.depth -= 1
            if not failed:
                await tx.release(level.savepoint)
            elif exc_type is None:
                await tx.rollback_to(level.savepoint)
            else:
                try:
                    await tx.rollback_to(level.savepoint)
                except OxydeError:
                    _savepoint_lost(exc)

    # --- sync -------------------------------------------------------------------------------------

    def __enter__(self) -> Atomic:
        state = active_state(self.using)
        if state is None:
            database = self._database or get_connection_sync(self.using)
            tx = AsyncTransaction(database, timeout=self.timeout)
            tx.begin_sync()
            thread, task = _owner()
            state = _TxState(tx, thread, task)
            _push(self.using, state)
            self._levels.append(_Level(state, None))
        else:
            name = f"sp_{state.depth}"
            state.tx.savepoint_sync(name)
            state.depth += 1
            self._levels.append(_Level(state, name))
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        level = self._pop_level()
        tx = level.state.tx
        failed = exc_type is not None or level.rollback
        if level.savepoint is None:
            _pop(self.using, level.state)
            if failed or tx._timed_out:
                tx.rollback_sync()
                if not failed:
                    raise tx._mark_timed_out()
            else:
                tx.commit_sync()
        else:
            level.state.depth -= 1
            if not failed:
                tx.release_sync(level.savepoint)
            elif exc_type is None:
                tx.rollback_to_sync(level.savepoint)
            else:
                try:
                    tx.rollback_to_sync(level.savepoint)
                except OxydeError:
                    _savepoint_lost(exc)

    def _pop_level(self) -> _Level:
        if not self._levels:
            raise TransactionStateError("atomic() exited without being entered")
        return self._levels.pop()

    # --- decorator --------------------------------------------------------------------------------

    def __call__(self, func: F) -> F:
        """Run ``func`` (sync or async) inside a fresh ``atomic()`` block with these arguments."""
        using, timeout, database = self.using, self.timeout, self._database
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                async with Atomic(using, timeout, database):
                    return await func(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run_sync(*args: Any, **kwargs: Any) -> Any:
            with Atomic(using, timeout, database):
                return func(*args, **kwargs)

        return run_sync  # type: ignore[return-value]


@overload
def atomic(using: F) -> F: ...
@overload
def atomic(using: str = "default", timeout: Duration | None = None) -> Atomic: ...


def atomic(using: Any = "default", timeout: Duration | None = None) -> Any:
    """A transaction block on ``using``: ``async with atomic():``, ``with atomic():``, ``@atomic()``.

    ``@atomic`` without parentheses decorates directly. ``timeout`` (seconds or a ``timedelta``)
    bounds the whole transaction and raises :class:`~oxyde.exceptions.TransactionTimeoutError`.
    """
    if callable(using):
        return Atomic()(using)
    if not isinstance(using, str):
        raise TypeError(f"atomic(using=...) takes an alias str, not {type(using).__name__}")
    return Atomic(using, normalize_duration(timeout, name="timeout"))
