from __future__ import annotations

import pytest

from oxyde import exceptions as exc


def test_api_hierarchy_matches_oxyde() -> None:
    assert issubclass(exc.OxydeError, Exception)
    for cls in (exc.FieldError, exc.FieldLookupError, exc.ManagerError):
        assert cls.__bases__ == (exc.OxydeError,)
    assert issubclass(exc.FieldLookupValueError, exc.FieldLookupError)
    for cls in (exc.NotFoundError, exc.MultipleObjectsReturned, exc.IntegrityError):
        assert cls.__bases__ == (exc.ManagerError,)
    for cls in (
        exc.UniqueViolationError,
        exc.ForeignKeyViolationError,
        exc.NotNullViolationError,
        exc.CheckViolationError,
    ):
        assert cls.__bases__ == (exc.IntegrityError,)
    assert issubclass(exc.TransactionTimeoutError, exc.OxydeError)
    assert issubclass(exc.TransactionTimeoutError, TimeoutError)


@pytest.mark.parametrize(
    ("code", "name", "cls"),
    [
        (1, "internal", exc.InternalError),
        (10, "ir_malformed", exc.IRError),
        (11, "ir_unsupported_proto", exc.IRError),
        (12, "ir_unknown_value", exc.IRError),
        (13, "ir_too_deep", exc.IRError),
        (14, "ir_too_large", exc.IRError),
        (15, "value_conversion", exc.ValueConversionError),
        (20, "unsupported_feature", exc.UnsupportedFeatureError),
        (30, "invalid_url", exc.InvalidUrlError),
        (31, "pool_not_found", exc.PoolNotFoundError),
        (32, "connection_failed", exc.ConnectionFailedError),
        (33, "pool_closed", exc.PoolClosedError),
        (34, "acquire_timeout", exc.AcquireTimeoutError),
        (40, "transaction_not_found", exc.TransactionNotFoundError),
        (41, "transaction_state", exc.TransactionStateError),
        (42, "transaction_timeout", exc.TransactionTimeoutError),
        (50, "unique_violation", exc.UniqueViolationError),
        (51, "foreign_key_violation", exc.ForeignKeyViolationError),
        (52, "not_null_violation", exc.NotNullViolationError),
        (53, "check_violation", exc.CheckViolationError),
        (60, "busy", exc.BusyError),
        (61, "deadlock", exc.DeadlockError),
        (62, "timeout", exc.QueryTimeoutError),
        (63, "connection_lost", exc.ConnectionLostError),
        (64, "cancelled", exc.QueryCancelledError),
        (70, "database", exc.DatabaseError),
    ],
)
def test_every_error_code_maps_to_its_class(code: int, name: str, cls: type[exc.OxydeError]) -> None:
    details = {"table": "t"}
    by_code = exc.error_from_envelope({"code": code, "message": "boom", "details": details})
    by_name = exc.error_from_envelope({"name": name, "message": "boom"})
    for err in (by_code, by_name):
        assert type(err) is cls
        assert (err.code, err.name) == (code, name)
        assert str(err) == "boom"
    assert by_code.details == details


def test_connection_level_errors_are_runtime_errors() -> None:
    for cls in (
        exc.InvalidUrlError,
        exc.PoolNotFoundError,
        exc.ConnectionFailedError,
        exc.AcquireTimeoutError,
        exc.ConnectionLostError,
        exc.BusyError,
        exc.DeadlockError,
        exc.QueryTimeoutError,
        exc.DatabaseError,
        exc.TransactionStateError,
    ):
        assert issubclass(cls, RuntimeError) and issubclass(cls, exc.OxydeError)


def test_unknown_envelope_is_internal() -> None:
    err = exc.error_from_envelope({"code": 999, "name": "mystery", "message": "m"})
    assert type(err) is exc.InternalError
    assert (err.code, err.name) == (999, "mystery")
