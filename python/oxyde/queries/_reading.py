"""Oxyde's reading terminals of ``Query``: streaming (``iterate``), result modes (``all(mode=)``),
``fetch_*``, ``Model.objects.raw()`` and ``explain()``; :mod:`oxyde.queries._stream` holds the
cursor iterators these terminals return.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgpack

from oxyde.db._executor import executor_for
from oxyde.db._raw import raw_ir
from oxyde.models._codec import decode_rows
from oxyde.queries._builder import QueryBuilder
from oxyde.queries._exec import run_async, run_sync
from oxyde.queries._explain import ExplainPlan
from oxyde.queries._raw_models import raw_models
from oxyde.queries._steps import drive_async, drive_sync
from oxyde.queries._stream import AsyncRowIterator, RowIterator, check_chunk_size, iterator_for

if TYPE_CHECKING:
    from typing_extensions import Self

    from oxyde.models.base import Model

__all__ = ["ReadingTerminals"]

M = TypeVar("M", bound="Model")
R = TypeVar("R")


class ReadingTerminals(QueryBuilder[M], Generic[M, R]):
    """The reading terminals; :class:`~oxyde.queries.query.Query` inherits them."""

    if TYPE_CHECKING:  # defined by Query

        def _shape_rows(self, result: dict[str, Any]) -> list[Any]: ...

    def iterate(
        self, chunk_size: int = 1000, *, using: str | None = None, client: Any = None
    ) -> AsyncRowIterator:
        """``async for row in query.iterate(chunk_size)``: the rows of :meth:`all`, streamed.

        The engine keeps the select open and hands back ``chunk_size`` rows at a time, so memory
        stays flat however many rows match. The cursor holds a connection of its own (or reads on
        the enclosing ``atomic()``'s) until its rows run out or the iterator is closed, collected,
        or its task cancelled. On MySQL no other statement of the same transaction may run while
        it is open (``TransactionStateError``); SQLite and PostgreSQL (a server-side cursor) allow it.
        """
        size = check_chunk_size(self.model, chunk_size)
        return iterator_for(self._select_ir(), self._shape_rows, size, self._alias(using), client, sync=False)

    def iterate_sync(self, chunk_size: int = 1000, *, using: str | None = None, client: Any = None) -> RowIterator:
        """``for row in query.iterate_sync(chunk_size)``: :meth:`iterate` on the caller's thread."""
        size = check_chunk_size(self.model, chunk_size)
        return iterator_for(self._select_ir(), self._shape_rows, size, self._alias(using), client, sync=True)

    def _in_mode(self, mode: str) -> Self:
        """This query shaped as ``all(mode=...)`` asks (Oxyde's manager modes): ``"models"`` as is,
        ``"dict"`` as ``values()``, ``"list"`` as ``values_list()``, ``"msgpack"`` the engine's
        result map packed (``{"columns": [...], "rows": [[...], ...]}``, values as the wire has them)."""
        if mode == "models" or mode == "msgpack":
            return self
        if mode == "dict":
            return self._clone(_mode="dict")  # the fields of values*(), if any, stay
        if mode == "list":
            return self if self._mode in ("list", "flat") else self._clone(_mode="list")
        raise ValueError(f"all(mode=...) takes 'models', 'dict', 'list' or 'msgpack', not {mode!r}")

    async def _all_in_mode(self, mode: str, using: str | None, client: Any) -> Any:
        result = await run_async(self._select_ir(), self._alias(using), client)
        return msgpack.packb(result, use_bin_type=True) if mode == "msgpack" else self._shape_rows(result)

    def _all_in_mode_sync(self, mode: str, using: str | None, client: Any) -> Any:
        result = run_sync(self._select_ir(), self._alias(using), client)
        return msgpack.packb(result, use_bin_type=True) if mode == "msgpack" else self._shape_rows(result)

    def _fetched_dicts(self, result: dict[str, Any]) -> list[Any]:
        """``fetch_all``'s shape: dicts by field name, or tuples/scalars after ``values_list()``."""
        if self._mode in ("list", "flat"):
            return self._shape_rows(result)
        return decode_rows(self.model, result.get("columns") or (), result.get("rows") or ())

    def _decoded_dicts(self, result: dict[str, Any]) -> list[dict[str, Any]]:
        return decode_rows(self.model, result.get("columns") or (), result.get("rows") or ())

    def _hydrated(self, result: dict[str, Any]) -> list[M]:
        """Models from any columns: all of them build as ``all()`` builds them; after
        ``values(...)`` the missing fields take their defaults (see :func:`raw_models`)."""
        return raw_models(self.model, result)

    # Oxyde's low-level terminals take the client positionally: ``await q.fetch_all(db)``.

    async def fetch_all(self, client: Any = None, *, using: str | None = None) -> list[Any]:
        """Rows as dicts keyed by field name (tuples or scalars after ``values_list()``)."""
        return self._fetched_dicts(await run_async(self._select_ir(), self._alias(using), client))

    def fetch_all_sync(self, client: Any = None, *, using: str | None = None) -> list[Any]:
        return self._fetched_dicts(run_sync(self._select_ir(), self._alias(using), client))

    async def fetch_one(self, client: Any = None, *, using: str | None = None) -> Any:
        """The first row of :meth:`fetch_all` (LIMIT 1), or ``None``."""
        rows = self._fetched_dicts(await run_async(self._select_ir(limit=1), self._alias(using), client))
        return rows[0] if rows else None

    def fetch_one_sync(self, client: Any = None, *, using: str | None = None) -> Any:
        rows = self._fetched_dicts(run_sync(self._select_ir(limit=1), self._alias(using), client))
        return rows[0] if rows else None

    async def fetch_rows(self, client: Any = None, *, using: str | None = None) -> list[dict[str, Any]]:
        """Rows as dicts keyed by field name, whatever ``values*()`` said."""
        return self._decoded_dicts(await run_async(self._select_ir(), self._alias(using), client))

    def fetch_rows_sync(self, client: Any = None, *, using: str | None = None) -> list[dict[str, Any]]:
        return self._decoded_dicts(run_sync(self._select_ir(), self._alias(using), client))

    async def fetch_models(self, client: Any = None, *, using: str | None = None) -> list[M]:
        """Rows as model instances, whatever ``values*()`` said."""
        return self._hydrated(await run_async(self._select_ir(), self._alias(using), client))

    def fetch_models_sync(self, client: Any = None, *, using: str | None = None) -> list[M]:
        return self._hydrated(run_sync(self._select_ir(), self._alias(using), client))

    async def fetch_msgpack(self, client: Any = None, *, using: str | None = None) -> bytes:
        """The result packed as MessagePack (``all(mode="msgpack")``)."""
        return msgpack.packb(await run_async(self._select_ir(), self._alias(using), client), use_bin_type=True)  # type: ignore[no-any-return]

    def fetch_msgpack_sync(self, client: Any = None, *, using: str | None = None) -> bytes:
        return msgpack.packb(run_sync(self._select_ir(), self._alias(using), client), use_bin_type=True)  # type: ignore[no-any-return]

    async def raw(
        self, sql: str, params: Sequence[Any] | None = None, *, using: str | None = None, client: Any = None
    ) -> list[M]:
        """``Model.objects.raw(sql, params)``: user SQL whose rows become models (see :func:`raw_models`).

        Only the model (and ``using``) of this query count: its filters and ordering do not apply.
        Placeholders are the dialect's own (``?``; ``$1`` on PostgreSQL), as in ``execute_raw``.
        """
        return raw_models(self.model, await run_async(raw_ir(sql, params), self._alias(using), client))

    def raw_sync(
        self, sql: str, params: Sequence[Any] | None = None, *, using: str | None = None, client: Any = None
    ) -> list[M]:
        return raw_models(self.model, run_sync(raw_ir(sql, params), self._alias(using), client))

    async def explain(
        self, *, analyze: bool = False, format: str = "text", using: str | None = None, client: Any = None
    ) -> Any:
        """The database's plan for this query (see :mod:`oxyde.queries._explain` for each backend's shape)."""
        plan = ExplainPlan(self, analyze, format, executor_for(self._alias(using), client))
        return plan.shape(await drive_async(plan.steps(), self._alias(using), client))

    def explain_sync(
        self, *, analyze: bool = False, format: str = "text", using: str | None = None, client: Any = None
    ) -> Any:
        plan = ExplainPlan(self, analyze, format, executor_for(self._alias(using), client))
        return plan.shape(drive_sync(plan.steps(), self._alias(using), client))

