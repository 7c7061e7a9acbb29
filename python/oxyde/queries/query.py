"""``Query`` (alias ``QuerySet``): builders from :class:`QueryBuilder` plus the terminals (the
reading terminals come from :class:`~oxyde.queries._reading.ReadingTerminals`, the set-based writes
and row locks from :class:`~oxyde.queries._bulk.WriteTerminals`).

Every awaitable terminal ``x()`` has a twin ``x_sync()`` doing the same on the caller's thread.
A one-statement terminal builds its IR and shapes the result with the same two methods in both
twins; terminals running several statements are ``_steps`` generators (see
:mod:`oxyde.queries._steps`), which reuse those methods.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

from oxyde.exceptions import FieldError, IntegrityError, MultipleObjectsReturned, NotFoundError
from oxyde.models._codec import decode_rows, decode_tuples, hydrate_rows
from oxyde.queries import _select
from oxyde.queries._builder import QueryBuilder
from oxyde.queries._bulk import WriteTerminals
from oxyde.queries._compile import JoinNeeds
from oxyde.queries._exec import run_async, run_sync
from oxyde.queries._instance import bulk_create_steps, create_async, create_steps, create_sync, save_steps
from oxyde.queries._ir import new_ir
from oxyde.queries._prefetch import prefetch_steps
from oxyde.queries._reading import ReadingTerminals
from oxyde.queries._steps import Savepoint, Steps, drive_async, drive_sync
from oxyde.queries._write import update_ir
from oxyde.queries.expressions import F, Q
from oxyde.queries.functions import Aggregate, Avg, Max, Min, Sum

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["Query", "QuerySet"]

M = TypeVar("M", bound="Model")
R = TypeVar("R")  # what a row becomes: M, or dict/tuple/scalar after values()/values_list()


class Query(ReadingTerminals[M, R], WriteTerminals[M, R]):
    """An immutable query over one model; nothing runs until a terminal is awaited or called.

    ``Query[User, User]`` yields ``User`` rows; ``values()`` makes it ``Query[User, dict[str, Any]]``.
    """

    if TYPE_CHECKING:  # ``Query(User)`` is a ``Query[User, User]`` (the builder's ``__init__`` runs)

        def __init__(self: Query[M, M], model: type[M]) -> None: ...

    # --- one statement each: the IR sent, and what the result becomes ----------------------------
    # The sync and async terminals call these directly; the ``_steps`` generators compose them for
    # terminals that run several statements (get_or_create, ...).

    def _shape_rows(self, result: dict[str, Any]) -> list[Any]:
        rows = result.get("rows")
        if not rows:
            return []
        if self._extended:
            return _select.shape(self, rows)
        columns = result.get("columns") or ()
        if self._mode == "models":
            return hydrate_rows(self.model, columns, rows)
        if self._mode == "dict":
            return decode_rows(self.model, columns, rows)
        typed = decode_tuples(self.model, columns, rows)
        return [row[0] for row in typed] if self._mode == "flat" else typed

    def _first_row(self, result: dict[str, Any]) -> R | None:
        rows: list[R] = self._shape_rows(result)
        return rows[0] if rows else None

    def _reversed(self) -> Query[M, R]:
        if self._order:
            order = tuple((c, "asc" if d == "desc" else "desc") for c, d in self._order)
            return self._clone(_order=order)
        return self.order_by("-" + (self.model._meta_ready().pk_field or "pk"))

    def _get_ir(self, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``select`` of ``get(*args, **kwargs)``: this query's, filtered further, two rows at most."""
        limit = 2 if self._limit is None else min(self._limit, 2)
        if not args and not kwargs:
            return self._select_ir(limit=limit)
        joins: list[str] = []
        condition = self._conditions(args, kwargs or {}, joins)
        if joins:
            return self._with_condition(condition, joins)._select_ir(limit=limit)
        return self._select_ir(limit=limit, condition=condition)

    @overload
    def _single_row(self, result: dict[str, Any], strict: Literal[True]) -> R: ...
    @overload
    def _single_row(self, result: dict[str, Any], strict: bool) -> R | None: ...

    def _single_row(self, result: dict[str, Any], strict: bool) -> R | None:
        return self._single(self._shape_rows(result), strict)

    def _single(self, rows: list[R], strict: bool) -> R | None:
        if len(rows) == 1:
            return rows[0]
        if rows:
            raise MultipleObjectsReturned(f"{self.model.__qualname__}.get() matched more than one row")
        if strict:
            raise NotFoundError(f"{self.model.__qualname__} matching the query does not exist")
        return None

    def _get_steps(self, strict: bool, args: tuple[Any, ...] = (), kwargs: dict[str, Any] | None = None) -> Steps[Any]:
        return self._single((yield from self._rows_steps(self._get_ir(args, kwargs))), strict)

    def _rows_steps(self, ir: dict[str, Any]) -> Steps[list[Any]]:
        """The rows of ``ir``, then their ``prefetch()`` relations, one query per level."""
        rows = self._shape_rows((yield ir))
        if self._prefetch and self._mode == "models" and rows:
            yield from prefetch_steps(self.model, rows, self._prefetch)
        return rows

    def _first_steps(self, query: Query[M, R]) -> Steps[R | None]:
        rows: list[R] = yield from query._rows_steps(query._select_ir(limit=1))
        return rows[0] if rows else None

    def _update_ir(self, values: dict[str, Any], returning: bool) -> dict[str, Any]:
        return update_ir(self.model, values, self._filter_tree(), returning)

    def _updated(self, result: dict[str, Any], returning: bool) -> int | list[M]:
        if returning:
            return hydrate_rows(self.model, result.get("columns") or [], result.get("rows") or [])
        return int(result.get("affected", 0))

    def _delete_ir(self) -> dict[str, Any]:
        ir = new_ir(self.model, "delete")
        ir["filter_tree"] = self._filter_tree()
        return ir

    def _get_or_create_steps(self, defaults: dict[str, Any] | None, lookups: dict[str, Any]) -> Steps[tuple[M, bool]]:
        query = self.filter(**lookups)
        found = yield from query._get_steps(False)
        if found is not None:
            return found, False
        data = {k: v for k, v in lookups.items() if "__" not in k}
        data.update(defaults or {})
        try:
            created = yield Savepoint(create_steps(self.model, data))
        except IntegrityError as exc:
            return (yield from query._race_winner_steps(exc, "share")), False
        return created, True

    def _race_winner_steps(self, lost: IntegrityError, mode: str) -> Steps[Any]:
        """The row another writer created between our get and our INSERT (which failed with ``lost``).

        The INSERT ran in a savepoint (:class:`Savepoint`), so an enclosing transaction is still
        usable; the read is a locking one, which sees the latest committed row even inside a
        REPEATABLE READ snapshot taken before it (MySQL). Where the snapshot cannot see it at all
        (PostgreSQL REPEATABLE READ/SERIALIZABLE), ``lost`` is raised again."""
        query = self.for_share() if mode == "share" else self.for_update()
        winner = yield from query._get_steps(False)
        if winner is None:
            raise lost
        return winner

    def _update_or_create_steps(
        self, defaults: dict[str, Any] | None, lookups: dict[str, Any]
    ) -> Steps[tuple[M, bool]]:
        query = self.filter(**lookups)
        found = yield from query._get_steps(False)
        if found is None:
            data = {k: v for k, v in lookups.items() if "__" not in k}
            data.update(defaults or {})
            try:
                return (yield Savepoint(create_steps(self.model, data))), True
            except IntegrityError as exc:  # another writer created it first: update theirs
                found = yield from query._race_winner_steps(exc, "update")
        if not defaults:
            return found, False
        for name, value in defaults.items():
            setattr(found, name, value)
        return (yield from save_steps(found, list(defaults))), False

    def _aggregate_query(self, named: dict[str, Any]) -> Query[M, dict[str, Any]]:
        """One row of ``named`` aggregates over the query's rows (no grouping, no ordering)."""
        if self._limit is not None or self._offset is not None:
            raise FieldError(f"{self.model.__qualname__}: aggregate over a sliced query is not supported")
        if not named:
            raise FieldError(f"{self.model.__qualname__}.aggregate() needs at least one aggregate")
        needs = JoinNeeds()
        compiled = {name: self._expression(expr, needs) for name, expr in named.items()}
        changes = {**self._joined(needs), "_extended": True}
        query = self._clone(
            _annotations=compiled, _fields=tuple(compiled), _mode="dict", _group_by=(), _order=(), _loads=(), **changes
        )
        return cast("Query[M, dict[str, Any]]", query)

    @staticmethod
    def _aggregated(result: dict[str, Any], query: Query[M, dict[str, Any]]) -> dict[str, Any]:
        rows: list[dict[str, Any]] = query._shape_rows(result)
        return rows[0] if rows else dict.fromkeys(query._annotations)

    # --- terminals -------------------------------------------------------------------------------

    @overload
    async def all(self, *, using: str | None = ..., client: Any = ..., mode: None = ...) -> list[R]: ...
    @overload
    async def all(self, *, using: str | None = ..., client: Any = ..., mode: str) -> Any: ...

    async def all(self, *, using: str | None = None, client: Any = None, mode: str | None = None) -> Any:
        """Every matching row: models, or dicts/tuples/scalars after ``values*()``; ``mode``
        (``"models" | "dict" | "list" | "msgpack"``) picks the shape instead, see :meth:`_in_mode`."""
        if mode is not None:
            return await self._in_mode(mode)._all_in_mode(mode, using, client)
        if self._prefetch:
            return await drive_async(self._rows_steps(self._select_ir()), self._alias(using), client)
        return self._shape_rows(await run_async(self._select_ir(), self._alias(using), client))

    @overload
    def all_sync(self, *, using: str | None = ..., client: Any = ..., mode: None = ...) -> list[R]: ...
    @overload
    def all_sync(self, *, using: str | None = ..., client: Any = ..., mode: str) -> Any: ...

    def all_sync(self, *, using: str | None = None, client: Any = None, mode: str | None = None) -> Any:
        if mode is not None:
            return self._in_mode(mode)._all_in_mode_sync(mode, using, client)
        if self._prefetch:
            return drive_sync(self._rows_steps(self._select_ir()), self._alias(using), client)
        return self._shape_rows(run_sync(self._select_ir(), self._alias(using), client))

    async def first(self, *, using: str | None = None, client: Any = None) -> R | None:
        """The first row in the current ordering, or ``None``."""
        if self._prefetch:
            return await drive_async(self._first_steps(self), self._alias(using), client)
        return self._first_row(await run_async(self._select_ir(limit=1), self._alias(using), client))

    def first_sync(self, *, using: str | None = None, client: Any = None) -> R | None:
        if self._prefetch:
            return drive_sync(self._first_steps(self), self._alias(using), client)
        return self._first_row(run_sync(self._select_ir(limit=1), self._alias(using), client))

    async def last(self, *, using: str | None = None, client: Any = None) -> R | None:
        """The last row (reversed ordering, or by descending PK), or ``None``."""
        query = self._reversed()
        if self._prefetch:
            return await drive_async(self._first_steps(query), self._alias(using), client)
        return query._first_row(await run_async(query._select_ir(limit=1), self._alias(using), client))

    def last_sync(self, *, using: str | None = None, client: Any = None) -> R | None:
        query = self._reversed()
        if self._prefetch:
            return drive_sync(self._first_steps(query), self._alias(using), client)
        return query._first_row(run_sync(query._select_ir(limit=1), self._alias(using), client))

    async def get(self, *args: Q, using: str | None = None, client: Any = None, **kwargs: Any) -> R:
        """Exactly one row; :class:`NotFoundError` / :class:`MultipleObjectsReturned` otherwise."""
        if self._prefetch:
            return await drive_async(self._get_steps(True, args, kwargs), self._alias(using), client)
        return self._single_row(await run_async(self._get_ir(args, kwargs), self._alias(using), client), True)

    def get_sync(self, *args: Q, using: str | None = None, client: Any = None, **kwargs: Any) -> R:
        if self._prefetch:
            return drive_sync(self._get_steps(True, args, kwargs), self._alias(using), client)  # type: ignore[no-any-return]
        return self._single_row(run_sync(self._get_ir(args, kwargs), self._alias(using), client), True)

    async def get_or_none(
        self, *args: Q, using: str | None = None, client: Any = None, **kwargs: Any
    ) -> R | None:
        """Like :meth:`get` but ``None`` when nothing matches."""
        if self._prefetch:
            return await drive_async(self._get_steps(False, args, kwargs), self._alias(using), client)
        return self._single_row(await run_async(self._get_ir(args, kwargs), self._alias(using), client), False)

    def get_or_none_sync(self, *args: Q, using: str | None = None, client: Any = None, **kwargs: Any) -> R | None:
        if self._prefetch:
            return drive_sync(self._get_steps(False, args, kwargs), self._alias(using), client)  # type: ignore[no-any-return]
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

    async def aggregate(self, *args: Any, using: str | None = None, client: Any = None, **named: Any) -> dict[str, Any]:
        """``{"total": ..., "n": ...}`` for ``aggregate(total=Sum("views"), n=Count("*"))`` over the
        matching rows (positional aggregates are named ``<field>__<function>``, as Django does)."""
        query = self._aggregate_query(_named(args, named))
        return self._aggregated(await run_async(query._select_ir(), self._alias(using), client), query)

    def aggregate_sync(self, *args: Any, using: str | None = None, client: Any = None, **named: Any) -> dict[str, Any]:
        query = self._aggregate_query(_named(args, named))
        return self._aggregated(run_sync(query._select_ir(), self._alias(using), client), query)

    async def sum(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        """SUM of ``field`` (``None`` over no rows); an int for int fields, Decimal for Decimal ones."""
        return (await self.aggregate(sum=Sum(field), using=using, client=client))["sum"]

    def sum_sync(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return self.aggregate_sync(sum=Sum(field), using=using, client=client)["sum"]

    async def avg(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        """AVG of ``field``: a float (a Decimal for Decimal fields), ``None`` over no rows."""
        return (await self.aggregate(avg=Avg(field), using=using, client=client))["avg"]

    def avg_sync(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return self.aggregate_sync(avg=Avg(field), using=using, client=client)["avg"]

    async def max(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        """MAX of ``field`` as the field's type, ``None`` over no rows."""
        return (await self.aggregate(max=Max(field), using=using, client=client))["max"]

    def max_sync(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return self.aggregate_sync(max=Max(field), using=using, client=client)["max"]

    async def min(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        """MIN of ``field`` as the field's type, ``None`` over no rows."""
        return (await self.aggregate(min=Min(field), using=using, client=client))["min"]

    def min_sync(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return self.aggregate_sync(min=Min(field), using=using, client=client)["min"]

    @overload
    async def update(
        self, *, using: str | None = ..., client: Any = ..., returning: Literal[False] = ..., **values: Any
    ) -> int: ...
    @overload
    async def update(
        self, *, using: str | None = ..., client: Any = ..., returning: Literal[True], **values: Any
    ) -> list[M]: ...
    @overload
    async def update(
        self, *, using: str | None = ..., client: Any = ..., returning: bool, **values: Any
    ) -> int | list[M]: ...

    async def update(
        self, *, using: str | None = None, client: Any = None, returning: bool = False, **values: Any
    ) -> int | list[M]:
        """UPDATE matching rows; returns the affected count (models with ``returning=True``)."""
        result = await run_async(self._update_ir(values, returning), self._alias(using), client)
        return self._updated(result, returning)

    @overload
    def update_sync(
        self, *, using: str | None = ..., client: Any = ..., returning: Literal[False] = ..., **values: Any
    ) -> int: ...
    @overload
    def update_sync(
        self, *, using: str | None = ..., client: Any = ..., returning: Literal[True], **values: Any
    ) -> list[M]: ...
    @overload
    def update_sync(
        self, *, using: str | None = ..., client: Any = ..., returning: bool, **values: Any
    ) -> int | list[M]: ...

    def update_sync(
        self, *, using: str | None = None, client: Any = None, returning: bool = False, **values: Any
    ) -> int | list[M]:
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
        self,
        objects: Iterable[M | dict[str, Any]],
        *,
        batch_size: int | None = None,
        using: str | None = None,
        client: Any = None,
    ) -> list[M]:
        """INSERT many rows (one statement per batch); returns the instances with their PKs."""
        steps = bulk_create_steps(self.model, objects, batch_size)
        return await drive_async(steps, self._alias(using), client)

    def bulk_create_sync(
        self,
        objects: Iterable[M | dict[str, Any]],
        *,
        batch_size: int | None = None,
        using: str | None = None,
        client: Any = None,
    ) -> list[M]:
        return drive_sync(bulk_create_steps(self.model, objects, batch_size), self._alias(using), client)

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


def _named(args: tuple[Any, ...], named: dict[str, Any]) -> dict[str, Any]:
    """Positional aggregates named as Django names them: ``Sum("views")`` -> ``views__sum``."""
    result = dict(named)
    for agg in args:
        if not isinstance(agg, Aggregate) or not isinstance(agg.field, str):
            raise TypeError(f"aggregate() positional arguments must be aggregates of a field name, got {agg!r}")
        result[f"{agg.field}__{agg.function}"] = agg
    return result


QuerySet = Query
