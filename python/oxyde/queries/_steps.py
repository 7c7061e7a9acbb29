"""One body per multi-statement terminal, two drivers: such a terminal is a generator that yields
IR documents (or hook coroutines) and returns its result; :func:`drive_sync` runs it on the
caller's thread and :func:`drive_async` from the event loop. So every awaitable terminal has an
exact sync twin. (One-statement terminals skip the generator: they call ``run_sync``/``run_async``
between the same IR-building and result-shaping methods.)
"""

from __future__ import annotations

from collections.abc import Coroutine, Generator
from typing import Any, TypeVar

from oxyde.exceptions import ManagerError
from oxyde.queries._exec import run_async, run_sync

__all__ = ["Steps", "drive_async", "drive_sync"]

T = TypeVar("T")
Steps = Generator[Any, Any, T]


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
                else:
                    reply = await request
            except Exception as exc:
                request = steps.throw(exc)
                continue
            request = steps.send(reply)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
