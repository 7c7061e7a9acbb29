"""``QueryManager`` (``Model.objects``): makes a fresh ``Query`` and forwards every method to it."""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from oxyde.queries.query import Query

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["QueryManager"]

M = TypeVar("M", bound="Model")

#: Query methods a manager forwards (builders and terminals, async ones with their sync twins).
FORWARDED: tuple[str, ...] = (
    "filter", "exclude", "order_by", "limit", "offset", "distinct", "values", "values_list",
    "using", "to_ir", "sql",
    "all", "first", "last", "get", "get_or_none", "count", "exists", "update", "delete",
    "create", "bulk_create", "get_or_create", "update_or_create", "increment",
    "all_sync", "first_sync", "last_sync", "get_sync", "get_or_none_sync", "count_sync",
    "exists_sync", "update_sync", "delete_sync", "create_sync", "bulk_create_sync",
    "get_or_create_sync", "update_or_create_sync", "increment_sync",
    # reading (streaming, fetch_*, raw SQL, EXPLAIN)
    "iterate", "iterate_sync", "fetch_all", "fetch_one", "fetch_rows", "fetch_models",
    "fetch_msgpack", "raw", "explain",
    "fetch_all_sync", "fetch_one_sync", "fetch_rows_sync", "fetch_models_sync",
    "fetch_msgpack_sync", "raw_sync", "explain_sync",
)  # fmt: skip


def _forward(name: str) -> Any:
    target = getattr(Query, name)
    if inspect.iscoroutinefunction(target):

        async def forward_async(self: QueryManager[Any], *args: Any, **kwargs: Any) -> Any:
            return await getattr(self.query(), name)(*args, **kwargs)

        method: Any = forward_async
    else:

        def forward(self: QueryManager[Any], *args: Any, **kwargs: Any) -> Any:
            return getattr(self.query(), name)(*args, **kwargs)

        method = forward
    functools.update_wrapper(method, target)
    return method


class QueryManager(Generic[M]):
    """``Model.objects``: ``User.objects.filter(...)`` is ``User.objects.query().filter(...)``."""

    def __init__(self, model: type[M]) -> None:
        self.model = model

    def query(self) -> Query[M]:
        """A new query over every row of the model."""
        return Query(self.model)

    def __getitem__(self, key: int | slice) -> Query[M]:
        return self.query()[key]

    def __call__(self) -> Query[M]:
        return self.query()

    def __repr__(self) -> str:
        return f"<QueryManager {self.model.__qualname__}>"


for _name in FORWARDED:
    setattr(QueryManager, _name, _forward(_name))
del _name
