"""``Query`` (alias ``QuerySet``): builders from :class:`QueryBuilder` plus the terminals.

Every awaitable terminal ``x()`` has a twin ``x_sync()`` doing the same on the caller's thread.
A one-statement terminal builds its IR and shapes the result with the same two methods in both
twins; terminals running several statements are ``_steps`` generators (see
:mod:`oxyde.queries._steps`), which reuse those methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import msgpack

from oxyde.exceptions import IntegrityError, MultipleObjectsReturned, NotFoundError
from oxyde.models._codec import decode_rows, decode_tuples, hydrate_rows
from oxyde.queries._builder import QueryBuilder
from oxyde.db._executor import executor_for
from oxyde.db._raw import raw_ir
from oxyde.queries._exec import run_async, run_sync
from oxyde.queries._explain import ExplainPlan
from oxyde.queries._instance import bulk_create_steps, create_async, create_steps, create_sync, save_steps
from oxyde.queries._ir import new_ir
from oxyde.queries._raw_models import raw_models
from oxyde.queries._steps import Steps, drive_async, drive_sync
from oxyde.queries._stream import AsyncRowIterator, RowIterator, check_chunk_size, iterator_for
from oxyde.queries._write import update_ir
from oxyde.queries.expressions import F

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["Query", "QuerySet"]

M = TypeVar("M", bound="Model")


class Query(QueryBuilder[M]):
    """An immutable query over one model; nothing runs until a terminal is awaited or called."""

    # --- one statement each: the IR sent, and what the result becomes ----------------------------
    # The sync and async terminals call these directly; the ``_steps`` generators compose them for
    # terminals that run several statements (get_or_create, ...).

    def _shape_rows(self, result: dict[str, Any]) -> list[Any]:
        rows = result.get("rows")
        if not rows:
            return []
        columns = result.get("columns") or ()
        if self._mode == "models":
            return hydrate_rows(self.model, columns, rows)
        if self._mode == "dict":
            return decode_rows(self.model, columns, rows)
        typed = decode_tuples(self.model, columns, rows)
        return [row[0] for row in typed] if self._mode == "flat" else typed

    def _first_row(self, result: dict[str, Any]) -> Any:
        rows = self._shape_rows(result)
        return rows[0] if rows else None

    def _reversed(self) -> Query[M]:
        if self._order:
            order = tuple((c, "asc" if d == "desc" else "desc") for c, d in self._order)
            return self._clone(_order=order)
        return self.order_by("-" + (self.model._meta_ready().pk_field or "pk"))

    def _get_ir(self, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``select`` of ``get(*args, **kwargs)``: this query's, filtered further, two rows at most."""
        condition = self._conditions(args, kwargs or {}) if args or kwargs else None
        return self._select_ir(limit=2 if self._limit is None else min(self._limit, 2), condition=condition)

    def _single_row(self, result: dict[str, Any], strict: bool) -> Any:
        rows = self._shape_rows(result)
        if len(rows) == 1:
            return rows[0]
        if rows:
            raise MultipleObjectsReturned(f"{self.model.__qualname__}.get() matched more than one row")
        if strict:
            raise NotFoundError(f"{self.model.__qualname__} matching the query does not exist")
        return None

    def _get_steps(self, strict: bool) -> Steps[Any]:
        return self._single_row((yield self._get_ir()), strict)

    def _update_ir(self, values: dict[str, Any], returning: bool) -> dict[str, Any]:
        return update_ir(self.model, values, self._filter_tree(), returning)

    def _updated(self, result: dict[str, Any], returning: bool) -> Any:
        if returning:
            return hydrate_rows(self.model, result.get("columns") or [], result.get("rows") or [])
        return int(result.get("affected", 0))

    def _delete_ir(self) -> dict[str, Any]:
        ir = new_ir(self.model, "delete")
        ir["filter_tree"] = self._filter_tree()
        return ir

    def _get_or_create_steps(self, defaults: dict[str, Any] | None, lookups: dict[str, Any]) -> Steps[Any]:
        query = self.filter(**lookups)
        found = yield from query._get_steps(False)
        if found is not None:
            return found, False
        data = {k: v for k, v in lookups.items() if "__" not in k}
        data.update(defaults or {})
        try:
            created = yield from create_steps(self.model, data)
        except IntegrityError:  # another writer won the race: read its row
            return (yield from query._get_steps(True)), False
        return created, True

    def _update_or_create_steps(self, defaults: dict[str, Any] | None, lookups: dict[str, Any]) -> Steps[Any]:
        query = self.filter(**lookups)
        found = yield from query._get_steps(False)
        if found is None:
            data = {k: v for k, v in lookups.items() if "__" not in k}
            data.update(defaults or {})
            return (yield from create_steps(self.model, data)), True
        if not defaults:
            return found, False
        for name, value in defaults.items():
            setattr(found, name, value)
        return (yield from save_steps(found, list(defaults))), False

    def _alias(self, using: str | None) -> str | None:
        return using if using is not None else self._using

    # --- terminals -------------------------------------------------------------------------------

    async def all(self, *, using: str | None = None, client: Any = None, mode: str | None = None) -> Any:
        """Every matching row: models, or dicts/tuples/scalars after ``values*()``; ``mode``
        (``"models" | "dict" | "list" | "msgpack"``) picks the shape instead, see :meth:`_in_mode`."""
        if mode is not None:
            return await self._in_mode(mode)._all_in_mode(mode, using, client)
        return self._shape_rows(await run_async(self._select_ir(), self._alias(using), client))

    def all_sync(self, *, using: str | None = None, client: Any = None, mode: str | None = None) -> Any:
        if mode is not None:
            return self._in_mode(mode)._all_in_mode_sync(mode, using, client)
        return self._shape_rows(run_sync(self._select_ir(), self._alias(using), client))

    async def first(self, *, using: str | None = None, client: Any = None) -> Any:
        """The first row in the current ordering, or ``None``."""
        return self._first_row(await run_async(self._select_ir(limit=1), self._alias(using), client))

    def first_sync(self, *, using: str | None = None, client: Any = None) -> Any:
        return self._first_row(run_sync(self._select_ir(limit=1), self._alias(using), client))

    async def last(self, *, using: str | None = None, client: Any = None) -> Any:
        """The last row (reversed ordering, or by descending PK), or ``None``."""
        query = self._reversed()
        return query._first_row(await run_async(query._select_ir(limit=1), self._alias(using), client))

    def last_sync(self, *, using: str | None = None, client: Any = None) -> Any:
        query = self._reversed()
        return query._first_row(run_sync(query._select_ir(limit=1), self._alias(using), client))

    async def get(self, *args: Any, using: str | None = None, client: Any = None, **kwargs: Any) -> Any:
        """Exactly one row; :class:`NotFoundError` / :class:`MultipleObjectsReturned` otherwise."""
        return self._single_row(await run_async(self._get_ir(args, kwargs), self._alias(using), client), True)

    def get_sync(self, *args: Any, using: str | None = None, client: Any = None, **kwargs: Any) -> Any:
        return self._single_row(run_sync(self._get_ir(args, kwargs), self._alias(using), client), True)

    async def get_or_none(self, *args: Any, using: str | None = None, client: Any = None, **kwargs: Any) -> Any:
        """Like :meth:`get` but ``None`` when nothing matches."""
        return self._single_row(await run_async(self._get_ir(args, kwargs), self._alias(using), client), False)

    def get_or_none_sync(self, *args: Any, using: str | None = None, client: Any = None, **kwargs: Any) -> Any:
        return self._single_row(run_sync(self._get_ir(args, kwargs), self._alias(using), client), False)

    async def count(self, *, using: str | None = None, client: Any = None) -> int:
        result = await run_async(self._select_ir(count=True), self._alias(using), client)
        return int(result["rows"][0][0])

    def count_sync(self, *, using: str | None = None, client: Any = None) -> int:
        return int(run_sync(self._select_ir(count=True), self._alias(using), client)["rows"][0][0])

    async def exists(self, *, using: str | None = None, client: Any = None) -> bool:
        result = await run_async(self._select_ir(exists=True), self._alias(using), client)
        return bool(result["rows"][0][0])

    def exists_sync(self, *, using: str | None = None, client: Any = None) -> bool:
        return bool(run_sync(self._select_ir(exists=True), self._alias(using), client)["rows"][0][0])

    async def update(
        self, *, using: str | None = None, client: Any = None, returning: bool = False, **values: Any
    ) -> Any:
        """UPDATE matching rows; returns the affected count (models with ``returning=True``)."""
        result = await run_async(self._update_ir(values, returning), self._alias(using), client)
        return self._updated(result, returning)

    def update_sync(
        self, *, using: str | None = None, client: Any = None, returning: bool = False, **values: Any
    ) -> Any:
        return self._updated(run_sync(self._update_ir(values, returning), self._alias(using), client), returning)

    async def delete(self, *, using: str | None = None, client: Any = None) -> int:
        """DELETE matching rows; returns the affected count."""
        return int((await run_async(self._delete_ir(), self._alias(using), client)).get("affected", 0))

    def delete_sync(self, *, using: str | None = None, client: Any = None) -> int:
        return int(run_sync(self._delete_ir(), self._alias(using), client).get("affected", 0))

    async def create(self, *, using: str | None = None, client: Any = None, **data: Any) -> M:
        """INSERT one row (see :meth:`QueryManager.create`)."""
        return await create_async(self.model, data, self._alias(using), client)

    def create_sync(self, *, using: str | None = None, client: Any = None, **data: Any) -> M:
        return create_sync(self.model, data, self._alias(using), client)

    async def bulk_create(
        self, objs: Any, *, batch_size: int | None = None, using: str | None = None, client: Any = None
    ) -> list[M]:
        """INSERT many rows (one statement per batch); returns the instances with their PKs."""
        steps = bulk_create_steps(self.model, objs, batch_size)
        return await drive_async(steps, self._alias(using), client)

    def bulk_create_sync(
        self, objs: Any, *, batch_size: int | None = None, using: str | None = None, client: Any = None
    ) -> list[M]:
        return drive_sync(bulk_create_steps(self.model, objs, batch_size), self._alias(using), client)

    async def get_or_create(
        self, *, defaults: dict[str, Any] | None = None, using: str | None = None, client: Any = None, **lookups: Any
    ) -> tuple[M, bool]:
        """``(row, False)`` when ``lookups`` match one row, else ``(created, True)``."""
        return await drive_async(self._get_or_create_steps(defaults, lookups), self._alias(using), client)

    def get_or_create_sync(
        self, *, defaults: dict[str, Any] | None = None, using: str | None = None, client: Any = None, **lookups: Any
    ) -> tuple[M, bool]:
        return drive_sync(self._get_or_create_steps(defaults, lookups), self._alias(using), client)

    async def update_or_create(
        self, *, defaults: dict[str, Any] | None = None, using: str | None = None, client: Any = None, **lookups: Any
    ) -> tuple[M, bool]:
        """Update the matching row with ``defaults`` (``save(update_fields=...)``) or create it."""
        return await drive_async(self._update_or_create_steps(defaults, lookups), self._alias(using), client)

    def update_or_create_sync(
        self, *, defaults: dict[str, Any] | None = None, using: str | None = None, client: Any = None, **lookups: Any
    ) -> tuple[M, bool]:
        return drive_sync(self._update_or_create_steps(defaults, lookups), self._alias(using), client)

    async def increment(self, field: str, by: Any = 1, *, using: str | None = None, client: Any = None) -> int:
        """``UPDATE ... SET field = field + by``; returns the affected count."""
        ir = self._update_ir({field: F(field) + by}, False)
        return int((await run_async(ir, self._alias(using), client)).get("affected", 0))

    def increment_sync(self, field: str, by: Any = 1, *, using: str | None = None, client: Any = None) -> int:
        ir = self._update_ir({field: F(field) + by}, False)
        return int(run_sync(ir, self._alias(using), client).get("affected", 0))


    # === reading: streaming, result modes, fetch_*, raw SQL, EXPLAIN ==============================
    # (oxyde.queries._stream holds the cursor iterators; these are the terminals over them.)

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
        return iterator_for(self._select_ir(), self._shape_rows, size, self._alias(using), client, sync=False)  # type: ignore[return-value]

    def iterate_sync(self, chunk_size: int = 1000, *, using: str | None = None, client: Any = None) -> RowIterator:
        """``for row in query.iterate_sync(chunk_size)``: :meth:`iterate` on the caller's thread."""
        size = check_chunk_size(self.model, chunk_size)
        return iterator_for(self._select_ir(), self._shape_rows, size, self._alias(using), client, sync=True)  # type: ignore[return-value]

    def _in_mode(self, mode: str) -> Query[M]:
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


QuerySet = Query
