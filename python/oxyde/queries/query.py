"""``Query`` (alias ``QuerySet``): builders from :class:`QueryBuilder` plus the terminals.

Every awaitable terminal ``x()`` has a twin ``x_sync()`` running the same steps on the caller's
thread (see :mod:`oxyde.queries._steps`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from oxyde.exceptions import MultipleObjectsReturned, NotFoundError
from oxyde.models._codec import decode_rows, decode_tuples, hydrate_rows
from oxyde.models.registry import model_key
from oxyde.queries._builder import QueryBuilder
from oxyde.queries._steps import Steps, drive_async, drive_sync
from oxyde.queries._write import update_ir

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["Query", "QuerySet"]

M = TypeVar("M", bound="Model")


class Query(QueryBuilder[M]):
    """An immutable query over one model; nothing runs until a terminal is awaited or called."""

    # --- step bodies ---------------------------------------------------------------------------

    def _shape_rows(self, result: dict[str, Any]) -> list[Any]:
        columns, rows = result.get("columns") or [], result.get("rows") or []
        if self._mode == "models":
            return hydrate_rows(self.model, columns, rows)
        if self._mode == "dict":
            return decode_rows(self.model, columns, rows)
        typed = decode_tuples(self.model, columns, rows)
        return [row[0] for row in typed] if self._mode == "flat" else typed

    def _all_steps(self) -> Steps[list[Any]]:
        return self._shape_rows((yield self._select_ir()))

    def _first_steps(self) -> Steps[Any]:
        rows = self._shape_rows((yield self._select_ir(limit=1)))
        return rows[0] if rows else None

    def _reversed(self) -> Query[M]:
        if self._order:
            order = tuple((c, "asc" if d == "desc" else "desc") for c, d in self._order)
            return self._clone(_order=order)
        return self.order_by("-" + (self.model._meta_ready().pk_field or "pk"))

    def _get_steps(self, strict: bool) -> Steps[Any]:
        limit = 2 if self._limit is None else min(self._limit, 2)
        rows = self._shape_rows((yield self._select_ir(limit=limit)))
        if len(rows) > 1:
            raise MultipleObjectsReturned(f"{self.model.__qualname__}.get() matched more than one row")
        if not rows:
            if strict:
                raise NotFoundError(f"{self.model.__qualname__} matching the query does not exist")
            return None
        return rows[0]

    def _count_steps(self) -> Steps[int]:
        result = yield self._select_ir(count=True)
        return int(result["rows"][0][0])

    def _exists_steps(self) -> Steps[bool]:
        result = yield self._select_ir(exists=True)
        return bool(result["rows"][0][0])

    def _update_steps(self, values: dict[str, Any], returning: bool) -> Steps[Any]:
        result = yield update_ir(self.model, values, self._filter_tree(), returning)
        if returning:
            return hydrate_rows(self.model, result.get("columns") or [], result.get("rows") or [])
        return int(result.get("affected", 0))

    def _delete_ir(self) -> dict[str, Any]:
        meta = self.model._meta_ready()
        return {
            "proto": 1,
            "type": "delete",
            "table": meta.table_name,
            "model": model_key(self.model),
            "filter_tree": self._filter_tree(),
            "column_types": dict(meta.column_types),
        }

    def _delete_steps(self) -> Steps[int]:
        result = yield self._delete_ir()
        return int(result.get("affected", 0))

    def _get_or_create_steps(self, defaults: dict[str, Any] | None, lookups: dict[str, Any]) -> Steps[Any]:
        from oxyde.exceptions import IntegrityError
        from oxyde.queries._instance import create_steps

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
        from oxyde.queries._instance import create_steps, save_steps

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

    async def all(self, *, using: str | None = None, client: Any = None) -> list[Any]:
        """Every matching row: models, or dicts/tuples/scalars after ``values*()``."""
        return await drive_async(self._all_steps(), self._alias(using), client)

    def all_sync(self, *, using: str | None = None, client: Any = None) -> list[Any]:
        return drive_sync(self._all_steps(), self._alias(using), client)

    async def first(self, *, using: str | None = None, client: Any = None) -> Any:
        """The first row in the current ordering, or ``None``."""
        return await drive_async(self._first_steps(), self._alias(using), client)

    def first_sync(self, *, using: str | None = None, client: Any = None) -> Any:
        return drive_sync(self._first_steps(), self._alias(using), client)

    async def last(self, *, using: str | None = None, client: Any = None) -> Any:
        """The last row (reversed ordering, or by descending PK), or ``None``."""
        return await drive_async(self._reversed()._first_steps(), self._alias(using), client)

    def last_sync(self, *, using: str | None = None, client: Any = None) -> Any:
        return drive_sync(self._reversed()._first_steps(), self._alias(using), client)

    async def get(self, *args: Any, using: str | None = None, client: Any = None, **kwargs: Any) -> Any:
        """Exactly one row; :class:`NotFoundError` / :class:`MultipleObjectsReturned` otherwise."""
        query = self.filter(*args, **kwargs)
        return await drive_async(query._get_steps(True), self._alias(using), client)

    def get_sync(self, *args: Any, using: str | None = None, client: Any = None, **kwargs: Any) -> Any:
        query = self.filter(*args, **kwargs)
        return drive_sync(query._get_steps(True), self._alias(using), client)

    async def get_or_none(self, *args: Any, using: str | None = None, client: Any = None, **kwargs: Any) -> Any:
        """Like :meth:`get` but ``None`` when nothing matches."""
        query = self.filter(*args, **kwargs)
        return await drive_async(query._get_steps(False), self._alias(using), client)

    def get_or_none_sync(self, *args: Any, using: str | None = None, client: Any = None, **kwargs: Any) -> Any:
        query = self.filter(*args, **kwargs)
        return drive_sync(query._get_steps(False), self._alias(using), client)

    async def count(self, *, using: str | None = None, client: Any = None) -> int:
        return await drive_async(self._count_steps(), self._alias(using), client)

    def count_sync(self, *, using: str | None = None, client: Any = None) -> int:
        return drive_sync(self._count_steps(), self._alias(using), client)

    async def exists(self, *, using: str | None = None, client: Any = None) -> bool:
        return await drive_async(self._exists_steps(), self._alias(using), client)

    def exists_sync(self, *, using: str | None = None, client: Any = None) -> bool:
        return drive_sync(self._exists_steps(), self._alias(using), client)

    async def update(
        self, *, using: str | None = None, client: Any = None, returning: bool = False, **values: Any
    ) -> Any:
        """UPDATE matching rows; returns the affected count (models with ``returning=True``)."""
        return await drive_async(self._update_steps(values, returning), self._alias(using), client)

    def update_sync(
        self, *, using: str | None = None, client: Any = None, returning: bool = False, **values: Any
    ) -> Any:
        return drive_sync(self._update_steps(values, returning), self._alias(using), client)

    async def delete(self, *, using: str | None = None, client: Any = None) -> int:
        """DELETE matching rows; returns the affected count."""
        return await drive_async(self._delete_steps(), self._alias(using), client)

    def delete_sync(self, *, using: str | None = None, client: Any = None) -> int:
        return drive_sync(self._delete_steps(), self._alias(using), client)

    async def create(self, *, using: str | None = None, client: Any = None, **data: Any) -> M:
        """INSERT one row (see :meth:`QueryManager.create`)."""
        from oxyde.queries._instance import create_steps

        return await drive_async(create_steps(self.model, data), self._alias(using), client)

    def create_sync(self, *, using: str | None = None, client: Any = None, **data: Any) -> M:
        from oxyde.queries._instance import create_steps

        return drive_sync(create_steps(self.model, data), self._alias(using), client)

    async def bulk_create(
        self, objs: Any, *, batch_size: int | None = None, using: str | None = None, client: Any = None
    ) -> list[M]:
        """INSERT many rows (one statement per batch); returns the instances with their PKs."""
        from oxyde.queries._instance import bulk_create_steps

        steps = bulk_create_steps(self.model, objs, batch_size)
        return await drive_async(steps, self._alias(using), client)

    def bulk_create_sync(
        self, objs: Any, *, batch_size: int | None = None, using: str | None = None, client: Any = None
    ) -> list[M]:
        from oxyde.queries._instance import bulk_create_steps

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
        from oxyde.queries.expressions import F

        return await drive_async(self._update_steps({field: F(field) + by}, False), self._alias(using), client)

    def increment_sync(self, field: str, by: Any = 1, *, using: str | None = None, client: Any = None) -> int:
        from oxyde.queries.expressions import F

        return drive_sync(self._update_steps({field: F(field) + by}, False), self._alias(using), client)


QuerySet = Query
