from __future__ import annotations

import importlib
import importlib.resources

import pytest

import oxyde

REFERENCE_TOP_LEVEL = {
    "Model", "Field", "Index", "Check", "Query", "QueryManager", "Q", "F", "Count", "Sum", "Avg", "Max",
    "Min", "Concat", "Coalesce", "RawSQL", "execute_raw", "db", "AsyncDatabase", "PoolSettings", "atomic",
    "TransactionTimeoutError", "register_connection", "get_connection", "disconnect_all", "create_tables",
    "drop_tables", "OxydeError", "FieldError", "FieldLookupError", "FieldLookupValueError",
    "ManagerError", "NotFoundError", "MultipleObjectsReturned", "IntegrityError", "UniqueViolationError",
    "ForeignKeyViolationError", "NotNullViolationError", "CheckViolationError",
}  # fmt: skip


@pytest.mark.parametrize("module", ["oxyde", "oxyde.queries", "oxyde.models", "oxyde.exceptions"])
def test_all_is_sorted_unique_and_importable(module: str) -> None:
    mod = importlib.import_module(module)
    names = mod.__all__
    assert names == sorted(names) and len(set(names)) == len(names)
    for name in names:
        assert getattr(mod, name) is not None, name


def test_top_level_covers_the_reference_api() -> None:
    assert REFERENCE_TOP_LEVEL <= set(oxyde.__all__)


def test_submodule_paths_oxyde_users_import() -> None:
    from oxyde.models.registry import (  # noqa: F401
        clear_registry,
        finalize_pending,
        iter_tables,
        register_table,
        registered_tables,
        unregister_table,
    )
    from oxyde.queries import Aggregate, QuerySet, execute_raw  # noqa: F401
    from oxyde.queries.raw import execute_raw as raw_execute

    assert raw_execute is execute_raw
    assert oxyde.QuerySet is oxyde.Query
    assert importlib.resources.files("oxyde").joinpath("py.typed").is_file()


def test_every_top_level_coroutine_function_has_an_exported_sync_twin() -> None:
    import inspect

    coroutines = [n for n in oxyde.__all__ if inspect.iscoroutinefunction(getattr(oxyde, n))]
    assert coroutines, "expected async functions such as create_tables at the top level"
    missing = [n for n in coroutines if f"{n}_sync" not in oxyde.__all__]
    assert missing == []
