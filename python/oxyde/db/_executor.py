"""``executor_for()``: where a query runs (alias, pool, open transaction) and the call that runs it.

The query layer asks for an executor per terminal and hands it IR documents; the executor adds the
pool and the transaction id of the enclosing ``atomic()`` and calls the core.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from oxyde import _log
from oxyde._native.core import get_core
from oxyde.db._atomic import Atomic
from oxyde.db._database import AsyncDatabase
from oxyde.db._registry import lookup
from oxyde.db._transaction import AsyncTransaction, active_state
from oxyde.exceptions import ManagerError

__all__ = ["Executor", "executor_for"]


class Executor:
    """Runs IR documents on one alias, inside the caller's ``atomic()`` block when there is one."""

    __slots__ = ("alias", "dialect", "database", "_tx", "_join")

    def __init__(self, database: AsyncDatabase, tx: AsyncTransaction | None = None, join: bool = True) -> None:
        self.database = database
        self.alias: str = database.name
        self.dialect: str = database.dialect
        self._tx = tx
        self._join = join

    def __repr__(self) -> str:
        return f"<Executor {self.alias!r} {self.dialect} tx={self.transaction!r}>"

    @property
    def transaction(self) -> AsyncTransaction | None:
        """The transaction the next statement would join (fixed, or the enclosing ``atomic()``)."""
        if self._tx is not None:
            return self._tx
        if self._join:
            state = active_state(self.alias)
            if state is not None:
                return state.tx
        return None

    def execute(self, ir: dict[str, Any]) -> dict[str, Any]:
        """Run ``ir`` on the caller's thread and return the engine's result map."""
        tx = self._tx
        if tx is None and self._join:  # ``self.transaction``, inlined on this hot path
            state = active_state(self.alias)
            if state is not None:
                tx = state.tx
        if tx is None:
            tx_id = None
            if not self.database._connected:
                self.database.connect_sync()
            request: dict[str, Any] = {"pool": self.alias, "ir": ir}  # "tx" is optional (docs/ir-protocol.md)
        else:
            tx.remaining()
            tx_id = tx.id
            request = {"pool": self.alias, "tx": tx_id, "ir": ir}
        if not _log.ENABLED:
            return get_core().call("execute", request)
        start = time.perf_counter_ns()
        try:
            return get_core().call("execute", request)
        finally:
            _log_query(self.alias, tx_id, ir, start, "sync")

    async def execute_async(self, ir: dict[str, Any]) -> dict[str, Any]:
        """Run ``ir`` from the event loop: inline when the engine can finish it at once, else on a worker."""
        tx = self.transaction
        remaining = None
        if tx is None:
            tx_id = None
            if not self.database._connected:
                await self.database.connect()
            request: dict[str, Any] = {"pool": self.alias, "ir": ir}
        else:
            remaining = tx.remaining()
            tx_id = tx.id
            request = {"pool": self.alias, "tx": tx_id, "ir": ir}
        start = time.perf_counter_ns() if _log.ENABLED else 0
        try:
            if remaining is None:
                return await get_core().call_async("execute", request)
            try:
                return await asyncio.wait_for(get_core().call_async("execute", request), remaining)
            except asyncio.TimeoutError:
                raise tx._mark_timed_out() from None  # type: ignore[union-attr]
        finally:
            if start:
                _log_query(self.alias, tx_id, ir, start, "async")


def _log_query(alias: str, tx_id: int | None, ir: dict[str, Any], start: int, mode: str) -> None:
    elapsed_us = (time.perf_counter_ns() - start) / 1000
    _log.logger.debug("%s alias=%s tx=%s %.0fus ir=%r", mode, alias, tx_id, elapsed_us, ir)


#: The executor of each alias's registered database (it keeps no per-call state). An entry is
#: used only while the registry still maps its alias to the same database object, so a database
#: re-registered under the alias gets a new executor; nothing else needs to clear this.
_SHARED: dict[str, Executor] = {}


def executor_for(using: str | None = None, client: Any = None) -> Executor:
    """The executor for ``using`` (default ``"default"``) or an explicit ``client``.

    ``client`` is an :class:`AsyncDatabase` (runs on its pool, outside any ``atomic()``), an
    :class:`AsyncTransaction` or the object ``atomic()`` yields (runs in that transaction).
    An unknown alias raises :class:`~oxyde.db._registry.ConnectionNotRegisteredError`; both
    ``using`` and ``client`` (a query's ``.using()`` counts) raise :class:`ManagerError`, as in Oxyde.
    """
    if client is None:
        alias = "default" if using is None else using
        database = lookup(alias)
        executor = _SHARED.get(alias)
        if executor is None or executor.database is not database:
            executor = _SHARED[alias] = Executor(database)
        return executor
    if using is not None:
        raise ManagerError(f"pass either using= or client=, not both (using={using!r}, client={client!r})")
    if isinstance(client, Atomic):
        client = client.transaction
    if isinstance(client, AsyncDatabase):
        executor = Executor(client, join=False)
    elif isinstance(client, AsyncTransaction):
        executor = Executor(client.database, client, join=False)
    else:
        raise TypeError(f"client= takes an AsyncDatabase or a transaction, not {type(client).__name__}")
    return executor
