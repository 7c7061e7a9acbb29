"""``QueryManager`` (``Model.objects``): makes a fresh ``Query`` and forwards every method to it.

Each forwarder is an explicit, typed method, so a type checker sees ``User.objects.filter(...)``
as ``Query[User, User]`` and ``await User.objects.all()`` as ``list[User]`` with no plugin
(``Model.objects`` is typed per class through :class:`ManagerAccess`). A new public ``Query``
method needs its forwarder here; ``tests/unit/test_oxyde_compat.py`` checks that none is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar, overload

from oxyde.queries.query import Query

if TYPE_CHECKING:
    from oxyde.models.base import Model
    from oxyde.queries._builder import QueryBuilder
    from oxyde.queries._stream import AsyncRowIterator, RowIterator
    from oxyde.queries.expressions import Q
    from oxyde.queries.functions import Exists

__all__ = ["ManagerAccess", "QueryManager"]

M = TypeVar("M", bound="Model")


class ManagerAccess(Protocol):
    """The static type of ``Model.objects``: read on ``User`` (or a ``User``) it is a
    ``QueryManager[User]``. At run time each model class holds its own ``QueryManager``."""

    def __get__(self, obj: object, owner: type[M]) -> QueryManager[M]: ...


class QueryManager(Generic[M]):
    """``Model.objects``: ``User.objects.filter(...)`` is ``User.objects.query().filter(...)``."""

    def __init__(self, model: type[M]) -> None:
        self.model = model

    @property
    def model_class(self) -> type[M]:
        """The model this manager queries (Oxyde's name for :attr:`model`)."""
        return self.model

    def query(self) -> Query[M, M]:
        """A new query over every row of the model."""
        return Query(self.model)

    def __getitem__(self, key: int | slice) -> Query[M, M]:
        return self.query()[key]

    def __call__(self) -> Query[M, M]:
        return self.query()

    def __repr__(self) -> str:
        return f"<QueryManager {self.model.__qualname__}>"

    # --- builders: a new query with one step applied --------------------------------------------

    def filter(self, *args: Q | Exists, **kwargs: Any) -> Query[M, M]:
        return self.query().filter(*args, **kwargs)

    def exclude(self, *args: Q | Exists, **kwargs: Any) -> Query[M, M]:
        return self.query().exclude(*args, **kwargs)

    def order_by(self, *fields: str) -> Query[M, M]:
        return self.query().order_by(*fields)

    def limit(self, value: int | None) -> Query[M, M]:
        return self.query().limit(value)

    def offset(self, value: int | None) -> Query[M, M]:
        return self.query().offset(value)

    def distinct(self, distinct: bool = True) -> Query[M, M]:
        return self.query().distinct(distinct)

    def using(self, alias: str) -> Query[M, M]:
        return self.query().using(alias)

    def values(self, *fields: str) -> Query[M, dict[str, Any]]:
        return self.query().values(*fields)

    @overload
    def values_list(self, *fields: str, flat: Literal[False] = ...) -> Query[M, tuple[Any, ...]]: ...
    @overload
    def values_list(self, *fields: str, flat: bool) -> Query[M, Any]: ...

    def values_list(self, *fields: str, flat: bool = False) -> Query[M, Any]:
        return self.query().values_list(*fields, flat=flat)

    def join(self, *paths: str) -> Query[M, M]:
        return self.query().join(*paths)

    def prefetch(self, *paths: str) -> Query[M, M]:
        return self.query().prefetch(*paths)

    def annotate(self, **expressions: Any) -> Query[M, M]:
        return self.query().annotate(**expressions)

    def group_by(self, *fields: str) -> Query[M, M]:
        return self.query().group_by(*fields)

    def having(self, *args: Q, **kwargs: Any) -> Query[M, M]:
        return self.query().having(*args, **kwargs)

    def union(self, other: QueryBuilder[Any]) -> Query[M, M]:
        return self.query().union(other)

    def union_all(self, other: QueryBuilder[Any]) -> Query[M, M]:
        return self.query().union_all(other)

    def select(self, *fields: str) -> Query[M, M]:
        return self.query().select(*fields)

    def only(self, *fields: str) -> Query[M, M]:
        return self.query().select(*fields)

    async def aggregate(self, *args: Any, using: str | None = None, client: Any = None, **named: Any) -> dict[str, Any]:
        return await self.query().aggregate(*args, using=using, client=client, **named)

    def aggregate_sync(self, *args: Any, using: str | None = None, client: Any = None, **named: Any) -> dict[str, Any]:
        return self.query().aggregate_sync(*args, using=using, client=client, **named)

    async def sum(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return await self.query().sum(field, using=using, client=client)

    def sum_sync(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return self.query().sum_sync(field, using=using, client=client)

    async def avg(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return await self.query().avg(field, using=using, client=client)

    def avg_sync(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return self.query().avg_sync(field, using=using, client=client)

    async def max(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return await self.query().max(field, using=using, client=client)

    def max_sync(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return self.query().max_sync(field, using=using, client=client)

    async def min(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return await self.query().min(field, using=using, client=client)

    def min_sync(self, field: str, *, using: str | None = None, client: Any = None) -> Any:
        return self.query().min_sync(field, using=using, client=client)

    def for_update(self, *, nowait: bool = False, skip_locked: bool = False) -> Query[M, M]:
        return self.query().for_update(nowait=nowait, skip_locked=skip_locked)

    def for_share(self, *, nowait: bool = False, skip_locked: bool = False) -> Query[M, M]:
        return self.query().for_share(nowait=nowait, skip_locked=skip_locked)

    async def upsert(
        self,
        objs: Any,
        *,
        conflict: Sequence[str],
        update: Sequence[str] | None = None,
        batch_size: int | None = None,
        using: str | None = None,
        client: Any = None,
    ) -> list[M]:
        return await self.query().upsert(
            objs, conflict=conflict, update=update, batch_size=batch_size, using=using, client=client
        )

    def upsert_sync(
        self,
        objs: Any,
        *,
        conflict: Sequence[str],
        update: Sequence[str] | None = None,
        batch_size: int | None = None,
        using: str | None = None,
        client: Any = None,
    ) -> list[M]:
        return self.query().upsert_sync(objs, conflict=conflict, update=update, batch_size=batch_size, using=using, client=client)

    async def bulk_update(
        self, objs: Any, fields: Sequence[str], *, batch_size: int | None = None, using: str | None = None, client: Any = None
    ) -> int:
        return await self.query().bulk_update(objs, fields, batch_size=batch_size, using=using, client=client)

    def bulk_update_sync(
        self, objs: Any, fields: Sequence[str], *, batch_size: int | None = None, using: str | None = None, client: Any = None
    ) -> int:
        return self.query().bulk_update_sync(objs, fields, batch_size=batch_size, using=using, client=client)

    def iterate(self, chunk_size: int = 1000, *, using: str | None = None, client: Any = None) -> AsyncRowIterator:
        return self.query().iterate(chunk_size, using=using, client=client)

    def iterate_sync(self, chunk_size: int = 1000, *, using: str | None = None, client: Any = None) -> RowIterator:
        return self.query().iterate_sync(chunk_size, using=using, client=client)

    async def fetch_all(self, client: Any = None, *, using: str | None = None) -> list[Any]:
        return await self.query().fetch_all(client, using=using)

    def fetch_all_sync(self, client: Any = None, *, using: str | None = None) -> list[Any]:
        return self.query().fetch_all_sync(client, using=using)

    async def fetch_one(self, client: Any = None, *, using: str | None = None) -> Any:
        return await self.query().fetch_one(client, using=using)

    def fetch_one_sync(self, client: Any = None, *, using: str | None = None) -> Any:
        return self.query().fetch_one_sync(client, using=using)

    async def fetch_rows(self, client: Any = None, *, using: str | None = None) -> list[dict[str, Any]]:
        return await self.query().fetch_rows(client, using=using)

    def fetch_rows_sync(self, client: Any = None, *, using: str | None = None) -> list[dict[str, Any]]:
        return self.query().fetch_rows_sync(client, using=using)

    async def fetch_models(self, client: Any = None, *, using: str | None = None) -> list[M]:
        return await self.query().fetch_models(client, using=using)

    def fetch_models_sync(self, client: Any = None, *, using: str | None = None) -> list[M]:
        return self.query().fetch_models_sync(client, using=using)

    async def fetch_msgpack(self, client: Any = None, *, using: str | None = None) -> bytes:
        return await self.query().fetch_msgpack(client, using=using)

    def fetch_msgpack_sync(self, client: Any = None, *, using: str | None = None) -> bytes:
        return self.query().fetch_msgpack_sync(client, using=using)

    async def raw(
        self, sql: str, params: Sequence[Any] | None = None, *, using: str | None = None, client: Any = None
    ) -> list[M]:
        return await self.query().raw(sql, params, using=using, client=client)

    def raw_sync(
        self, sql: str, params: Sequence[Any] | None = None, *, using: str | None = None, client: Any = None
    ) -> list[M]:
        return self.query().raw_sync(sql, params, using=using, client=client)

    async def explain(
        self, *, analyze: bool = False, format: str = "text", using: str | None = None, client: Any = None
    ) -> Any:
        return await self.query().explain(analyze=analyze, format=format, using=using, client=client)

    def explain_sync(
        self, *, analyze: bool = False, format: str = "text", using: str | None = None, client: Any = None
    ) -> Any:
        return self.query().explain_sync(analyze=analyze, format=format, using=using, client=client)

    def to_ir(self) -> dict[str, Any]:
        return self.query().to_ir()

    def sql(self, dialect: str = "postgres", with_types: bool = False) -> tuple[str, list[Any]]:
        return self.query().sql(dialect, with_types)

    # --- reading terminals -----------------------------------------------------------------------

    @overload
    async def all(self, *, using: str | None = ..., client: Any = ..., mode: None = ...) -> list[M]: ...
    @overload
    async def all(self, *, using: str | None = ..., client: Any = ..., mode: str) -> Any: ...

    async def all(self, *, using: str | None = None, client: Any = None, mode: str | None = None) -> Any:
        return await self.query().all(using=using, client=client, mode=mode)

    @overload
    def all_sync(self, *, using: str | None = ..., client: Any = ..., mode: None = ...) -> list[M]: ...
    @overload
    def all_sync(self, *, using: str | None = ..., client: Any = ..., mode: str) -> Any: ...

    def all_sync(self, *, using: str | None = None, client: Any = None, mode: str | None = None) -> Any:
        return self.query().all_sync(using=using, client=client, mode=mode)

    async def first(self, *, using: str | None = None, client: Any = None) -> M | None:
        return await self.query().first(using=using, client=client)

    def first_sync(self, *, using: str | None = None, client: Any = None) -> M | None:
        return self.query().first_sync(using=using, client=client)

    async def last(self, *, using: str | None = None, client: Any = None) -> M | None:
        return await self.query().last(using=using, client=client)

    def last_sync(self, *, using: str | None = None, client: Any = None) -> M | None:
        return self.query().last_sync(using=using, client=client)

    async def get(self, *args: Q, using: str | None = None, client: Any = None, **kwargs: Any) -> M:
        return await self.query().get(*args, using=using, client=client, **kwargs)

    def get_sync(self, *args: Q, using: str | None = None, client: Any = None, **kwargs: Any) -> M:
        return self.query().get_sync(*args, using=using, client=client, **kwargs)

    async def get_or_none(self, *args: Q, using: str | None = None, client: Any = None, **kwargs: Any) -> M | None:
        return await self.query().get_or_none(*args, using=using, client=client, **kwargs)

    def get_or_none_sync(self, *args: Q, using: str | None = None, client: Any = None, **kwargs: Any) -> M | None:
        return self.query().get_or_none_sync(*args, using=using, client=client, **kwargs)

    async def count(self, *, using: str | None = None, client: Any = None) -> int:
        return await self.query().count(using=using, client=client)

    def count_sync(self, *, using: str | None = None, client: Any = None) -> int:
        return self.query().count_sync(using=using, client=client)

    async def exists(self, *, using: str | None = None, client: Any = None) -> bool:
        return await self.query().exists(using=using, client=client)

    def exists_sync(self, *, using: str | None = None, client: Any = None) -> bool:
        return self.query().exists_sync(using=using, client=client)

    # --- writing terminals -----------------------------------------------------------------------

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
        return await self.query().update(using=using, client=client, returning=returning, **values)

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
        return self.query().update_sync(using=using, client=client, returning=returning, **values)

    async def delete(self, *, using: str | None = None, client: Any = None) -> int:
        return await self.query().delete(using=using, client=client)

    def delete_sync(self, *, using: str | None = None, client: Any = None) -> int:
        return self.query().delete_sync(using=using, client=client)

    async def create(self, *, using: str | None = None, client: Any = None, **data: Any) -> M:
        """INSERT one row from field values (or ``instance=obj``); returns it with its PK."""
        return await self.query().create(using=using, client=client, **data)

    def create_sync(self, *, using: str | None = None, client: Any = None, **data: Any) -> M:
        return self.query().create_sync(using=using, client=client, **data)

    async def bulk_create(
        self,
        objects: Iterable[M | dict[str, Any]],
        *,
        batch_size: int | None = None,
        using: str | None = None,
        client: Any = None,
    ) -> list[M]:
        return await self.query().bulk_create(objects, batch_size=batch_size, using=using, client=client)

    def bulk_create_sync(
        self,
        objects: Iterable[M | dict[str, Any]],
        *,
        batch_size: int | None = None,
        using: str | None = None,
        client: Any = None,
    ) -> list[M]:
        return self.query().bulk_create_sync(objects, batch_size=batch_size, using=using, client=client)

    async def get_or_create(
        self, *, defaults: dict[str, Any] | None = None, using: str | None = None, client: Any = None, **lookups: Any
    ) -> tuple[M, bool]:
        return await self.query().get_or_create(defaults=defaults, using=using, client=client, **lookups)

    def get_or_create_sync(
        self, *, defaults: dict[str, Any] | None = None, using: str | None = None, client: Any = None, **lookups: Any
    ) -> tuple[M, bool]:
        return self.query().get_or_create_sync(defaults=defaults, using=using, client=client, **lookups)

    async def update_or_create(
        self, *, defaults: dict[str, Any] | None = None, using: str | None = None, client: Any = None, **lookups: Any
    ) -> tuple[M, bool]:
        return await self.query().update_or_create(defaults=defaults, using=using, client=client, **lookups)

    def update_or_create_sync(
        self, *, defaults: dict[str, Any] | None = None, using: str | None = None, client: Any = None, **lookups: Any
    ) -> tuple[M, bool]:
        return self.query().update_or_create_sync(defaults=defaults, using=using, client=client, **lookups)

    async def increment(self, field: str, by: Any = 1, *, using: str | None = None, client: Any = None) -> int:
        return await self.query().increment(field, by, using=using, client=client)

    def increment_sync(self, field: str, by: Any = 1, *, using: str | None = None, client: Any = None) -> int:
        return self.query().increment_sync(field, by, using=using, client=client)
