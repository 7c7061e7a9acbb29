"""One body per multi-statement terminal, two drivers: such a terminal is a generator that yields
IR documents (or hook coroutines, or a :class:`Savepoint` of nested steps) and returns its result; :func:`drive_sync` runs it on the
caller's thread and :func:`drive_async` from the event loop. So every awaitable terminal has an
exact sync twin. (One-statement terminals skip the generator: they call ``run_sync``/``run_async``
between the same IR-building and result-shaping methods.)
"""

from __future__ import annotations

import itertools
from collections.abc import Coroutine, Generator
from typing import Any, TypeVar

from oxyde.exceptions import ManagerError
from oxyde.queries import _exec
from oxyde.queries._exec import run_async, run_sync

__all__ = ["Savepoint", "Steps", "drive_async", "drive_sync"]

T = TypeVar("T")
Steps = Generator[Any, Any, T]

_savepoint_ids = itertools.count(1)


class Savepoint:
    """A request for nested steps that may fail: inside an open transaction they run in a savepoint,
    rolled back to when they raise, so the transaction stays usable (PostgreSQL refuses every
    statement after an error until then). Outside a transaction they run as they are."""

    __slots__ = ("steps",)

    def __init__(self, steps: Steps[Any]) -> None:
        self.steps = steps


def _savepoint_name() -> str:
    return f"oxyde_steps_{next(_savepoint_ids)}"


def _in_savepoint_sync(request: Savepoint, using: str | None, client: Any) -> Any:
    tx = _exec._executor(using, client).transaction
    if tx is None:
        return drive_sync(request.steps, using, client)
    name = _savepoint_name()
    tx.savepoint_sync(name)
    try:
        result = drive_sync(request.steps, using, client)
    except BaseException:
        tx.rollback_to_sync(name)
        tx.release_sync(name)
        raise
    tx.release_sync(name)
    return result


async def _in_savepoint_async(request: Savepoint, using: str | None, client: Any) -> Any:
    tx = _exec._executor(using, client).transaction
    if tx is None:
        return await drive_async(request.steps, using, client)
    name = _savepoint_name()
    await tx.savepoint(name)
    try:
        result = await drive_async(request.steps, using, client)
    except BaseException:
        await tx.rollback_to(name)
        await tx.release(name)
        raise
    await tx.release(name)
    return result


def _run_coroutine_sync(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a hook coroutine that never suspends (hooks that do real I/O need the async API)."""
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    coro.close()
    raise ManagerError("a model hook awaited I/O; use the async terminal (await ...) instead of *_sync")


def drive_sync(steps: Steps[T], using: str | None = None, client: Any = None) -> T:
    """Run ``steps`` on the caller's thread; errors are thrown back into the steps."""
    try:
        request = next(steps)
        while True:
            try:
                if isinstance(request, dict):
                    reply = run_sync(request, using, client)
                elif isinstance(request, Savepoint):
                    reply = _in_savepoint_sync(request, using, client)
                else:
                    reply = _run_coroutine_sync(request)
            except Exception as exc:
                request = steps.throw(exc)
                continue
            request = steps.send(reply)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]


async def drive_async(steps: Steps[T], using: str | None = None, client: Any = None) -> T:
    """Run ``steps`` from the event loop; errors are thrown back into the steps."""
    try:
        request = next(steps)
        while True:
            try:
                if isinstance(request, dict):
                    reply = await run_async(request, using, client)
                elif isinstance(request, Savepoint):
                    reply = await _in_savepoint_async(request, using, client)
                else:
                    reply = await request
            except Exception as exc:
                request = steps.throw(exc)
                continue
            request = steps.send(reply)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
