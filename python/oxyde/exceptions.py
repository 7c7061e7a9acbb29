"""The exception hierarchy of Oxyde, plus one class per engine error code.

The API-level classes (REFERENCE-API §1.9) keep Oxyde's names and parents. Engine errors arrive as an
envelope ``{code, name, message, details}`` whose codes mirror ``src/Oxyde.Codec/Errors/ErrorCode.cs``;
:func:`error_from_envelope` turns one into the matching class. Connection-level failures also derive
from :class:`RuntimeError`, as Oxyde's do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "AcquireTimeoutError",
    "AuthenticationError",
    "BusyError",
    "CheckViolationError",
    "ConnectionFailedError",
    "ConnectionLostError",
    "CursorNotFoundError",
    "DatabaseError",
    "DatabaseNotFoundError",
    "DeadlockError",
    "FieldError",
    "FieldLookupError",
    "FieldLookupValueError",
    "ForeignKeyViolationError",
    "IRError",
    "IntegrityError",
    "InternalError",
    "InvalidUrlError",
    "LockTimeoutError",
    "ManagerError",
    "ManualMigrationError",
    "MigrationError",
    "MigrationLockError",
    "MultipleObjectsReturned",
    "NotFoundError",
    "NotNullViolationError",
    "OperationalError",
    "OxydeError",
    "PoolClosedError",
    "PoolNotFoundError",
    "QueryCancelledError",
    "QueryTimeoutError",
    "SerializationError",
    "TransactionError",
    "TransactionNotFoundError",
    "TransactionStateError",
    "TransactionTimeoutError",
    "UniqueViolationError",
    "UnsupportedFeatureError",
    "ValueConversionError",
    "error_from_envelope",
]


class OxydeError(Exception):
    """Root of every error Oxyde raises.

    Engine errors carry ``code`` (the ErrorCode number), ``name`` (its snake_case name) and
    ``details`` (a dict, e.g. ``{"table": ..., "column": ...}``); errors raised in Python leave
    ``code`` at 0.
    """

    code: int = 0
    name: str = ""
    #: Whether running the same transaction again may succeed (deadlock, serialization failure).
    retryable: bool = False

    def __init__(
        self,
        message: str = "",
        *,
        code: int | None = None,
        name: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        if name is not None:
            self.name = name
        self.details: dict[str, Any] = dict(details or {})


# --- API-level errors (Oxyde's names) -------------------------------------------------------


class FieldError(OxydeError):
    """An unknown field, or a field used where it cannot be."""


class FieldLookupError(OxydeError):
    """A lookup that does not exist or is not allowed on that field's type."""


class FieldLookupValueError(FieldLookupError):
    """A lookup given a value of the wrong shape (``__in`` with a string, ``__between`` with 3 items)."""


class ManagerError(OxydeError):
    """A manager/query terminal could not give the requested result."""


class NotFoundError(ManagerError):
    """``get()`` matched no row, or ``save()``/``refresh()`` found no row for the PK."""


class MultipleObjectsReturned(ManagerError):
    """``get()`` matched more than one row."""


class IntegrityError(ManagerError):
    """A constraint was violated."""


class UniqueViolationError(IntegrityError):
    """UNIQUE or PRIMARY KEY violated."""

    code = 50
    name = "unique_violation"


class ForeignKeyViolationError(IntegrityError):
    """FOREIGN KEY violated."""

    code = 51
    name = "foreign_key_violation"


class NotNullViolationError(IntegrityError):
    """NOT NULL violated."""

    code = 52
    name = "not_null_violation"


class CheckViolationError(IntegrityError):
    """CHECK violated."""

    code = 53
    name = "check_violation"


class TransactionTimeoutError(OxydeError, TimeoutError):
    """An ``atomic()`` block ran past its ``timeout``; a statement running at that moment was interrupted."""

    code = 42
    name = "transaction_timeout"


# --- engine errors ----------------------------------------------------------------------------


class InternalError(OxydeError, RuntimeError):
    """An engine bug: an exception nobody classified."""

    code = 1
    name = "internal"


class IRError(OxydeError):
    """The engine rejected the IR document (``ir_*`` codes)."""

    code = 10
    name = "ir_malformed"


class ValueConversionError(OxydeError, ValueError):
    """A value could not be converted to its column type."""

    code = 15
    name = "value_conversion"


class UnsupportedFeatureError(OxydeError):
    """The dialect cannot express the requested feature."""

    code = 20
    name = "unsupported_feature"


class OperationalError(OxydeError, RuntimeError):
    """Base of connection- and driver-level failures; also a :class:`RuntimeError` as in Oxyde."""


class InvalidUrlError(OperationalError):
    code = 30
    name = "invalid_url"


class PoolNotFoundError(OperationalError):
    code = 31
    name = "pool_not_found"


class ConnectionFailedError(OperationalError):
    code = 32
    name = "connection_failed"


class AuthenticationError(ConnectionFailedError):
    """The server refused the URL's user or password."""

    code = 35
    name = "authentication_failed"


class DatabaseNotFoundError(ConnectionFailedError):
    """The server has no database of the URL's name."""

    code = 36
    name = "database_not_found"


class PoolClosedError(OperationalError):
    code = 33
    name = "pool_closed"


class AcquireTimeoutError(OperationalError, TimeoutError):
    code = 34
    name = "acquire_timeout"


class TransactionError(OperationalError):
    """Base of transaction-registry errors."""


class TransactionNotFoundError(TransactionError):
    code = 40
    name = "transaction_not_found"


class TransactionStateError(TransactionError):
    code = 41
    name = "transaction_state"


class CursorNotFoundError(OperationalError):
    """A streaming cursor (``iterate()``) that is no longer open: read to its end, closed, idle past
    its pool's ``transaction_timeout``, its transaction ended, or its pool closed."""

    code = 44
    name = "cursor_not_found"


class BusyError(OperationalError):
    code = 60
    name = "busy"


class DeadlockError(OperationalError):
    """The database broke a deadlock by failing this transaction; running it again may succeed."""

    code = 61
    name = "deadlock"
    retryable = True


class QueryTimeoutError(OperationalError, TimeoutError):
    code = 62
    name = "timeout"


class ConnectionLostError(OperationalError):
    code = 63
    name = "connection_lost"


class QueryCancelledError(OperationalError):
    """The engine stopped a call because its caller was cancelled (seen only by code that inspects tickets)."""

    code = 64
    name = "cancelled"


class SerializationError(OperationalError):
    """A serializable transaction conflicted with a concurrent one; running it again may succeed."""

    code = 65
    name = "serialization_failure"
    retryable = True


class LockTimeoutError(OperationalError, TimeoutError):
    """A lock was not granted within the database's lock wait (PostgreSQL lock_timeout, MySQL innodb_lock_wait_timeout)."""

    code = 66
    name = "lock_timeout"


class DatabaseError(OperationalError):
    """Any other error the database reported (syntax in raw SQL, missing table...)."""

    code = 70
    name = "database"


class MigrationError(OxydeError, RuntimeError):
    """A migration could not be generated, loaded or applied (a bad file, a missing dependency, an
    unknown target, a failing statement). A :class:`RuntimeError` too, as Oxyde's are."""


class MigrationLockError(MigrationError):
    """Another ``migrate`` holds the migration lock of this database; nothing was applied."""


class ManualMigrationError(MigrationError):
    """A migration still holds ``ctx.require_manual(...)``: a step the generator could not write."""


_IR_NAMES: dict[int, str] = {
    10: "ir_malformed",
    11: "ir_unsupported_proto",
    12: "ir_unknown_value",
    13: "ir_too_deep",
    14: "ir_too_large",
    16: "ir_unknown_key",
}

_BY_CODE: dict[int, type[OxydeError]] = {
    1: InternalError,
    **{code: IRError for code in _IR_NAMES},
    15: ValueConversionError,
    20: UnsupportedFeatureError,
    30: InvalidUrlError,
    31: PoolNotFoundError,
    32: ConnectionFailedError,
    33: PoolClosedError,
    34: AcquireTimeoutError,
    35: AuthenticationError,
    36: DatabaseNotFoundError,
    40: TransactionNotFoundError,
    41: TransactionStateError,
    42: TransactionTimeoutError,
    44: CursorNotFoundError,
    50: UniqueViolationError,
    51: ForeignKeyViolationError,
    52: NotNullViolationError,
    53: CheckViolationError,
    60: BusyError,
    61: DeadlockError,
    62: QueryTimeoutError,
    63: ConnectionLostError,
    64: QueryCancelledError,
    65: SerializationError,
    66: LockTimeoutError,
    70: DatabaseError,
}

_BY_NAME: dict[str, type[OxydeError]] = {
    **{cls.name: cls for cls in _BY_CODE.values() if cls is not IRError},
    **{name: IRError for name in _IR_NAMES.values()},
}

_NAME_BY_CODE: dict[int, str] = {
    **{code: cls.name for code, cls in _BY_CODE.items() if cls is not IRError},
    **_IR_NAMES,
}


def error_from_envelope(env: Mapping[str, Any]) -> OxydeError:
    """Build the exception for an engine error envelope ``{code, name, message, details}``.

    ``code`` wins over ``name``; an unknown pair gives :class:`InternalError` keeping both.
    """
    raw_code = env.get("code")
    code = int(raw_code) if isinstance(raw_code, int) else None
    name = env.get("name") if isinstance(env.get("name"), str) else None
    cls: type[OxydeError] | None = _BY_CODE.get(code) if code is not None else None
    if cls is None and name is not None:
        cls = _BY_NAME.get(name)
    if cls is None:
        cls = InternalError
    if name is None and code is not None:
        name = _NAME_BY_CODE.get(code)
    if code is None:
        code = next((c for c, n in _NAME_BY_CODE.items() if n == name), cls.code)
    details = env.get("details")
    message = str(env.get("message") or name or "engine error")
    return cls(
        message,
        code=code,
        name=name or cls.name,
        details=details if isinstance(details, Mapping) else None,
    )
