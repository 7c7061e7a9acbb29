"""Oxyde: a Pydantic v2 ORM whose engine is a NativeAOT .NET library (drop-in for Oxyde's API)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oxyde.exceptions import (
    CheckViolationError,
    FieldError,
    FieldLookupError,
    FieldLookupValueError,
    ForeignKeyViolationError,
    IntegrityError,
    ManagerError,
    MultipleObjectsReturned,
    NotFoundError,
    NotNullViolationError,
    OxydeError,
    TransactionTimeoutError,
    UniqueViolationError,
)
from oxyde.models import Check, Field, Index, Model
from oxyde.models.base import deprecated_alias
from oxyde.queries import (
    Avg,
    Case,
    Coalesce,
    Concat,
    Count,
    Exists,
    F,
    Length,
    Lower,
    Max,
    Min,
    Now,
    Q,
    Query,
    QueryManager,
    QuerySet,
    RawSQL,
    Sum,
    Upper,
    Value,
    When,
)

__version__ = "0.1.0"

#: Names implemented by the runtime side (``oxyde.db``), resolved on first access.
_DB_NAMES = frozenset(
    {
        "AsyncDatabase",
        "PoolSettings",
        "atomic",
        "create_tables",
        "create_tables_sync",
        "db",
        "disconnect_all",
        "disconnect_all_sync",
        "drop_tables",
        "drop_tables_sync",
        "execute_raw",
        "execute_raw_sync",
        "execute_script",
        "execute_script_sync",
        "get_connection",
        "get_connection_sync",
        "register_connection",
    }
)

__all__ = [
    "AsyncDatabase",
    "Avg",
    "Case",
    "Check",
    "CheckViolationError",
    "Coalesce",
    "Concat",
    "Count",
    "Exists",
    "F",
    "Field",
    "FieldError",
    "FieldLookupError",
    "FieldLookupValueError",
    "ForeignKeyViolationError",
    "Index",
    "IntegrityError",
    "Length",
    "Lower",
    "ManagerError",
    "Max",
    "Min",
    "Model",
    "MultipleObjectsReturned",
    "NotFoundError",
    "NotNullViolationError",
    "Now",
    "OxydeError",
    "PoolSettings",
    "Q",
    "Query",
    "QueryManager",
    "QuerySet",
    "RawSQL",
    "Sum",
    "TransactionTimeoutError",
    "UniqueViolationError",
    "Upper",
    "Value",
    "When",
    "atomic",
    "create_tables",
    "create_tables_sync",
    "db",
    "disconnect_all",
    "disconnect_all_sync",
    "drop_tables",
    "drop_tables_sync",
    "execute_raw",
    "execute_raw_sync",
    "execute_script",
    "execute_script_sync",
    "get_connection",
    "get_connection_sync",
    "register_connection",
]


if TYPE_CHECKING:  # what __getattr__ resolves at run time, as a type checker should see it
    from oxyde import db
    from oxyde.db import (
        AsyncDatabase,
        PoolSettings,
        atomic,
        create_tables,
        create_tables_sync,
        disconnect_all,
        disconnect_all_sync,
        drop_tables,
        drop_tables_sync,
        execute_raw,
        execute_raw_sync,
        execute_script,
        execute_script_sync,
        get_connection,
        get_connection_sync,
        register_connection,
    )

    OxydeModel = Model  # deprecated: reading it at run time warns (a DeprecationWarning)
else:

    def __getattr__(name: str) -> Any:
        if name in _DB_NAMES:
            import oxyde.db as _db_module

            value = _db_module if name == "db" and not hasattr(_db_module, "db") else getattr(_db_module, name)
            globals()[name] = value
            return value
        if name == "OxydeModel":
            return deprecated_alias(name)
        raise AttributeError(f"module 'oxyde' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _DB_NAMES)
