"""``atomic()``: a transaction block usable with ``async with``, ``with`` or as a decorator.

The outermost block on an alias begins a transaction (at ``isolation``, when given); nested blocks
on the same alias (same task, same thread) create savepoints ``sp_1``, ``sp_2``... An exception
leaving a block rolls back that block's level only and propagates; ``set_rollback(True)`` does the
same without an exception.

A transaction belongs to the task (or, outside asyncio, the thread) that opened it: queries of
another task or thread do not see it and run outside it, and an ``atomic()`` there begins a
transaction of its own. One ``Atomic`` object may be entered by several tasks at once (a
module-level ``block = atomic()``): each task's blocks are kept apart.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from oxyde.db._registry import get_connection, get_connection_sync
from oxyde.db._settings import Duration, normalize_duration
from oxyde.db._transaction import (
    ISOLATION_LEVELS,
    AsyncTransaction,
    _owner,
    _pop,
    _push,
    _TxState,
    active_state,
    check_isolation,
)
from oxyde.exceptions import OxydeError, TransactionNotFoundError, TransactionStateError

if TYPE_CHECKING:
    from oxyde.db._database import AsyncDatabase

__all__ = ["ISOLATION_LEVELS", "Atomic", "atomic"]

F = TypeVar("F", bound=Callable[..., Any])


def _check_nested_isolation(state: _TxState, isolation: str | None) -> None:
    """A nested block is a savepoint of its outer transaction, which cannot change isolation."""
    if isolation is not None and isolation != state.isolation:
        outer = state.isolation or "the database's default level"
        raise TransactionStateError(
            f"atomic(isolation={isolation!r}) is nested in a transaction begun at {outer}; a savepoint "
            "cannot change the isolation level, so give isolation= to the outermost block",
            details={"isolation": isolation, "outer_isolation": state.isolation},
        )


def _rollback_lost(exc: BaseException) -> None:
    """The engine no longer knew the transaction a failed block rolls back: keep ``exc``, not that error.

    The engine rolled it back already: it stayed idle past its pool's ``transaction_timeout``, or
    its pool closed.
    """
    exc.add_note("oxyde: the transaction was already rolled back by the engine (idle timeout or pool closed)")


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
        self,
        using: str = "default",
        timeout: float | None = None,
        database: AsyncDatabase | None = None,
        isolation: str | None = None,
    ) -> None:
        self.using = using if database is None else database.name
        self.timeout = timeout
        self.isolation = check_isolation(isolation)
        self._database = database
        #: The entered blocks of each owner (thread id, asyncio task), innermost last. Only single
        #: dict/list operations touch it, which are atomic under the GIL, so threads entering one
        #: object at once need no lock.
        self._levels: dict[tuple[int, object | None], list[_Level]] = {}

    def __repr__(self) -> str:
        return f"<atomic using={self.using!r} depth={len(self._levels.get(_owner(), ()))}>"

    # --- what the block sees ----------------------------------------------------------------------

    def _current(self) -> _Level:
        """The innermost block the caller entered; from a task or thread that entered none (a child
        task handed ``tx``), the innermost block of the one owner that has this object open."""
        levels = self._levels.get(_owner())
        if levels:
            return levels[-1]
        others = [levels for levels in list(self._levels.values()) if levels]
        if len(others) == 1:
            return others[0][-1]
        if others:
            raise TransactionStateError("this atomic() is open in several tasks or threads; use it from one of them")
        raise TransactionStateError("atomic() block not entered")

    @property
    def transaction(self) -> AsyncTransaction:
        """The engine transaction of the innermost entered block."""
        return self._current().state.tx

    @property
    def id(self) -> int:
        return self.transaction.id

    @property
    def savepoint(self) -> str | None:
        """The savepoint of the innermost entered block (``None`` for the outermost or outside)."""
        levels = self._levels.get(_owner())
        return levels[-1].savepoint if levels else None

    def set_rollback(self, rollback: bool = True) -> None:
        """Roll this block back when it exits, even without an exception."""
        self._current().rollback = bool(rollback)

    async def execute(self, ir: dict[str, Any]) -> dict[str, Any]:
        return await self.transaction.execute(ir)

    def execute_sync(self, ir: dict[str, Any]) -> dict[str, Any]:
        return self.transaction.execute_sync(ir)

    # --- entering and leaving ---------------------------------------------------------------------

    def _push_level(self, level: _Level, owner: tuple[int, object | None]) -> None:
        self._levels.setdefault(owner, []).append(level)

    def _pop_level(self) -> _Level:
        owner = _owner()
        levels = self._levels.get(owner)
        if not levels:
            raise TransactionStateError("atomic() exited without being entered in this task or thread")
        level = levels.pop()
        if not levels:
            del self._levels[owner]
        return level

    # --- async ------------------------------------------------------------------------------------

    async def __aenter__(self) -> Atomic:
        state = active_state(self.using)
        if state is None:
            database = self._database or await get_connection(self.using)
            tx = AsyncTransaction(database, timeout=self.timeout, isolation=self.isolation)
            await tx.begin()
            owner = _owner()
            state = _TxState(tx, owner[0], owner[1], self.isolation)
            _push(self.using, state)
            self._push_level(_Level(state, None), owner)
        else:
            _check_nested_isolation(state, self.isolation)
            name = f"sp_{state.depth}"
            await state.tx.savepoint(name)
            state.depth += 1
            self._push_level(_Level(state, name), (state.thread, state.task))
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
                try:
                    await tx.rollback()
                except TransactionNotFoundError:
                    if exc is None:
                        raise
                    _rollback_lost(exc)
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
            tx = AsyncTransaction(database, timeout=self.timeout, isolation=self.isolation)
            tx.begin_sync()
            owner = _owner()
            state = _TxState(tx, owner[0], owner[1], self.isolation)
            _push(self.using, state)
            self._push_level(_Level(state, None), owner)
        else:
            _check_nested_isolation(state, self.isolation)
            name = f"sp_{state.depth}"
            state.tx.savepoint_sync(name)
            state.depth += 1
            self._push_level(_Level(state, name), (state.thread, state.task))
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
                try:
                    tx.rollback_sync()
                except TransactionNotFoundError:
                    if exc is None:
                        raise
                    _rollback_lost(exc)
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

    # --- decorator --------------------------------------------------------------------------------

    def __call__(self, func: F) -> F:
        """Run ``func`` (sync or async) inside a fresh ``atomic()`` block with these arguments."""
        using, timeout, database, isolation = self.using, self.timeout, self._database, self.isolation
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                async with Atomic(using, timeout, database, isolation):
                    return await func(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run_sync(*args: Any, **kwargs: Any) -> Any:
            with Atomic(using, timeout, database, isolation):
                return func(*args, **kwargs)

        return run_sync  # type: ignore[return-value]


@overload
def atomic(using: F) -> F: ...
@overload
def atomic(
    using: str = "default", timeout: Duration | None = None, isolation: str | None = None
) -> Atomic: ...


def atomic(using: Any = "default", timeout: Duration | None = None, isolation: str | None = None) -> Any:
    """A transaction block on ``using``: ``async with atomic():``, ``with atomic():``, ``@atomic()``.

    ``@atomic`` without parentheses decorates directly. ``timeout`` (seconds or a ``timedelta``)
    bounds the whole transaction and raises :class:`~oxyde.exceptions.TransactionTimeoutError`.
    ``isolation`` is one of :data:`ISOLATION_LEVELS` (``None``: the database's default); it applies
    to the outermost block, and a nested block may repeat it but not change it
    (:class:`~oxyde.exceptions.TransactionStateError`). An unknown level is a
    :class:`~oxyde.exceptions.ValueConversionError` (a ``ValueError``) before anything runs.
    """
    if callable(using):
        return Atomic()(using)
    if not isinstance(using, str):
        raise TypeError(f"atomic(using=...) takes an alias str, not {type(using).__name__}")
    return Atomic(using, normalize_duration(timeout, name="timeout"), isolation=isolation)
