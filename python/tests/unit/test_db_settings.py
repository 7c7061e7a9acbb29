"""PoolSettings serialisation, URL dialects and the public surface of oxyde.db."""

from __future__ import annotations

from datetime import timedelta

import pytest

import oxyde.db as db
from oxyde.db import PoolSettings
from oxyde.exceptions import InvalidUrlError, ValueConversionError
from oxyde.migrations.utils import detect_dialect


def test_defaults_serialise_to_oxydes_values() -> None:
    payload = PoolSettings().to_payload()
    assert payload == {
        "transaction_timeout": 300.0,
        "transaction_cleanup_interval": 60.0,
        "sqlite_journal_mode": "WAL",
        "sqlite_synchronous": "NORMAL",
        "sqlite_cache_size": 10000,
        "sqlite_busy_timeout": 5000,
        "batch_size": 1000,
    }


def test_durations_accept_seconds_and_timedelta() -> None:
    payload = PoolSettings(
        acquire_timeout=timedelta(seconds=2, milliseconds=500),
        idle_timeout=10,
        max_lifetime=1.5,
        transaction_timeout=timedelta(minutes=1),
    ).to_payload()
    assert payload["acquire_timeout"] == 2.5
    assert payload["idle_timeout"] == 10.0 and isinstance(payload["idle_timeout"], float)
    assert payload["max_lifetime"] == 1.5
    assert payload["transaction_timeout"] == 60.0


def test_server_options_pass_through_and_none_is_left_out() -> None:
    payload = PoolSettings(
        max_connections=20,
        min_connections=2,
        test_before_acquire=True,
        ssl_mode="verify-full",
        ssl_root_cert="/ca.pem",
        pg_application_name="app",
        pg_statement_cache_capacity=100,
        mysql_charset="utf8mb4",
        mysql_collation="utf8mb4_unicode_ci",
        sqlite_journal_mode=None,
    ).to_payload()
    assert payload["max_connections"] == 20 and payload["min_connections"] == 2
    assert payload["test_before_acquire"] is True
    assert payload["ssl_mode"] == "verify-full" and payload["ssl_root_cert"] == "/ca.pem"
    assert payload["pg_application_name"] == "app" and payload["pg_statement_cache_capacity"] == 100
    assert payload["mysql_charset"] == "utf8mb4" and payload["mysql_collation"] == "utf8mb4_unicode_ci"
    assert "sqlite_journal_mode" not in payload and "ssl_client_key" not in payload


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        (PoolSettings(acquire_timeout=-1), ValueError),
        (PoolSettings(idle_timeout="5"), TypeError),  # type: ignore[arg-type]
        (PoolSettings(acquire_timeout=True), TypeError),
        (PoolSettings(max_connections=2, min_connections=5), ValueError),
        (PoolSettings(max_connections=0), ValueError),
        (PoolSettings(sqlite_cache_size=1.5), TypeError),  # type: ignore[arg-type]
        (PoolSettings(transaction_cleanup_interval=0), ValueConversionError),  # a zero period would spin
        (PoolSettings(transaction_cleanup_interval=timedelta(0)), ValueConversionError),
    ],
)
def test_bad_settings_are_refused(settings: PoolSettings, error: type[Exception]) -> None:
    with pytest.raises(error):
        settings.to_payload()


@pytest.mark.parametrize(
    ("url", "dialect"),
    [
        ("sqlite::memory:", "sqlite"),
        ("sqlite:///abs/app.db", "sqlite"),
        ("sqlite://app.db", "sqlite"),
        ("postgres://u@h/d", "postgres"),
        ("postgresql://u@h/d", "postgres"),
        ("POSTGRESQL://u@h/d", "postgres"),
        ("mysql://u@h/d", "mysql"),
        ("mariadb://u@h/d", "mysql"),
    ],
)
def test_detect_dialect(url: str, dialect: str) -> None:
    assert detect_dialect(url) == dialect


def test_detect_dialect_refuses_unknown_schemes() -> None:
    with pytest.raises(InvalidUrlError) as info:
        detect_dialect("oracle://x")
    assert info.value.code == 30 and info.value.details == {"scheme": "oracle"}


def test_db_exports_reference_names_sorted() -> None:
    expected = {
        "init", "close", "connect", "lifespan", "get_connection", "AsyncDatabase", "AsyncTransaction",
        "PoolSettings", "TransactionTimeoutError", "transaction", "atomic", "get_active_transaction",
        "create_tables", "drop_tables", "register_connection", "disconnect_all",
    }
    assert expected <= set(db.__all__)
    assert db.__all__ == sorted(db.__all__)
    for name in db.__all__:
        assert hasattr(db, name), name
    from oxyde.db import schema

    assert callable(schema.create_tables) and callable(schema.drop_tables)
    assert db.transaction.atomic is db.atomic
