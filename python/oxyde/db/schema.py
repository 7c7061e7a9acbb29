"""Create or drop the tables of the registered models (no migration files involved)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from oxyde.db._database import AsyncDatabase
from oxyde.db._executor import Executor, executor_for

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["create_tables", "create_tables_sync", "drop_tables", "drop_tables_sync"]


def _executor(database: AsyncDatabase | None, using: str | None) -> Executor:
    if database is not None and using is not None and database.name != using:
        raise ValueError("pass either a database or using=, not both")
    return executor_for(client=database) if database is not None else executor_for(using)


def _documents(create: bool, models: Iterable[type[Model]] | None) -> list[dict[str, Any]]:
    """DDL documents for ``models`` (default: every registered table model), in dependency order
    (reversed to drop)."""
    from oxyde.models._schema import create_table_ir, drop_table_ir
    from oxyde.models.registry import tables_in_dependency_order

    ordered = list(tables_in_dependency_order(models))
    build = create_table_ir if create else drop_table_ir
    docs: list[dict[str, Any]] = []
    for model in ordered if create else reversed(ordered):
        produced = build(model)
        docs.extend(produced if isinstance(produced, list) else [produced])
    return docs


async def create_tables(
    database: AsyncDatabase | None = None,
    *,
    using: str | None = None,
    models: Iterable[type[Model]] | None = None,
) -> None:
    """``CREATE TABLE IF NOT EXISTS`` (and indexes) for every registered model, or for ``models``."""
    executor = _executor(database, using)
    for doc in _documents(True, models):
        await executor.execute_async(doc)


async def drop_tables(
    database: AsyncDatabase | None = None,
    *,
    using: str | None = None,
    models: Iterable[type[Model]] | None = None,
) -> None:
    """``DROP TABLE IF EXISTS`` for every registered model, dependants first."""
    executor = _executor(database, using)
    for doc in _documents(False, models):
        await executor.execute_async(doc)


def create_tables_sync(
    database: AsyncDatabase | None = None,
    *,
    using: str | None = None,
    models: Iterable[type[Model]] | None = None,
) -> None:
    """Synchronous twin of :func:`create_tables`."""
    executor = _executor(database, using)
    for doc in _documents(True, models):
        executor.execute(doc)


def drop_tables_sync(
    database: AsyncDatabase | None = None,
    *,
    using: str | None = None,
    models: Iterable[type[Model]] | None = None,
) -> None:
    """Synchronous twin of :func:`drop_tables`."""
    executor = _executor(database, using)
    for doc in _documents(False, models):
        executor.execute(doc)
