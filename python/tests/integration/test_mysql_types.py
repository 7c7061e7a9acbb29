"""On MariaDB through the real engine: every column kind written through models and read back equal.

One value per case. The storage formats are Oxyde's (REFERENCE-API §1.12): BIGINT AUTO_INCREMENT,
TINYINT(1), CHAR(36), DATETIME(6)/TIME(6), ENUM(...), JSON. The test server's ``max_allowed_packet``
is 16 MiB (16,777,216 bytes, the MariaDB default): a blob just under it round-trips, one of exactly
16 MiB does not fit in a packet with its statement and fails as a connection error, after which the
pool goes on with a new connection.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Any

import pytest

from ._native import require_native

require_native()

from oxyde import Field, Model  # noqa: E402
from oxyde.db import create_tables, execute_raw  # noqa: E402
from oxyde.exceptions import OperationalError, ValueConversionError  # noqa: E402

from ._mysql import mysql  # noqa: E402,F401
from ._servers import TestServer  # noqa: E402

MIB = 1024 * 1024


class Color(str, enum.Enum):
    RED = "red"
    GREEN = "green"


class Kinds(Model):
    id: int | None = Field(default=None, db_pk=True)
    i: int | None = None
    f: float | None = None
    b: bool | None = None
    s: str | None = Field(default=None, max_length=100)
    t: str | None = Field(default=None, db_type="LONGTEXT")
    raw: bytes | None = None
    at: dt.datetime | None = None
    day: dt.date | None = None
    clock: dt.time | None = None
    span: dt.timedelta | None = None
    uid: uuid.UUID | None = None
    price: Decimal | None = Field(default=None, max_digits=65, decimal_places=30)
    doc: dict[str, Any] | None = None
    tags: list[int] | None = None
    color: Color | None = None

    class Meta:
        is_table = True
        table_name = "mysql_kinds"


CASES: list[tuple[str, Any]] = [
    ("i", -(2**63)),
    ("i", 2**63 - 1),
    ("f", 1 / 3),
    ("f", -1.5e308),
    ("b", True),
    ("b", False),
    ("s", ""),
    ("s", "🦀 漢字 é 𝄞"),
    ("t", "a\x00b"),
    ("t", "x" * 70_000),
    ("raw", b"\x00\xff\x01"),
    ("raw", b""),
    ("at", dt.datetime(2024, 2, 29, 23, 59, 59, 999_999)),
    ("at", dt.datetime(1901, 12, 13, 20, 45, 52, 1)),
    ("day", dt.date(1969, 7, 20)),
    ("day", dt.date(1, 1, 1)),
    ("clock", dt.time(23, 59, 59, 999_999)),
    ("clock", dt.time(0, 0)),
    ("span", dt.timedelta(days=-1, microseconds=1)),
    ("uid", uuid.UUID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")),
    ("price", Decimal("12345678901234567890123456789012345.123456789012345678901234567891")),
    ("price", Decimal("-0.000000000000000000000000000001")),
    ("price", Decimal("100.10")),
    ("doc", {"a": [1, {"b": None}], "c": "é", "d": {"e": [True, 1.5]}}),
    ("tags", [3, 1, 2]),
    ("color", Color.GREEN),
]


@pytest.mark.parametrize(("field", "value"), CASES, ids=[f"{f}-{i}" for i, (f, _) in enumerate(CASES)])
async def test_value_round_trips(mysql: TestServer, field: str, value: Any) -> None:
    await create_tables(models=[Kinds])
    created = await Kinds.objects.create(**{field: value})
    loaded = await Kinds.objects.get(id=created.id)
    assert getattr(loaded, field) == value
    assert type(getattr(loaded, field)) is type(value)
    assert getattr(created, field) == value  # the row INSERT ... RETURNING handed back
    if field not in ("doc", "tags"):  # JSON columns have no equality lookup
        assert await Kinds.objects.filter(**{field: value}).count() == 1


class Aware(Model):
    """An aware datetime (kind ``datetime_tz``, from ``db_type``); the table is made by hand because
    the ``db_type`` is used verbatim and MySQL has no TIMESTAMPTZ: its column is DATETIME(6)."""

    id: int | None = Field(default=None, db_pk=True)
    at: dt.datetime | None = Field(default=None, db_type="TIMESTAMPTZ")

    class Meta:
        is_table = True
        table_name = "mysql_aware"


@pytest.mark.parametrize("offset", [dt.timedelta(hours=-3), dt.timedelta(hours=5, minutes=30), dt.timedelta(0)])
async def test_aware_datetimes_come_back_as_the_same_instant_in_utc(mysql: TestServer, offset: dt.timedelta) -> None:
    await execute_raw("CREATE TABLE mysql_aware (id BIGINT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6))")
    sent = dt.datetime(2024, 1, 1, 10, 0, 0, 123_456, tzinfo=dt.timezone(offset))
    created = await Aware.objects.create(at=sent)
    loaded = await Aware.objects.get(id=created.id)
    assert loaded.at == sent and created.at == sent
    assert loaded.at is not None and loaded.at.utcoffset() == dt.timedelta(0)
    (raw,) = await execute_raw("SELECT CAST(at AS CHAR) AS at FROM mysql_aware WHERE id = ?", [created.id])
    assert raw["at"] == (sent - offset).replace(tzinfo=None).isoformat(" ")
    assert await Aware.objects.filter(at=sent).count() == 1


async def test_storage_formats_are_oxydes(mysql: TestServer) -> None:
    await create_tables(models=[Kinds])
    rows = await execute_raw(
        "SELECT column_name AS name, column_type AS type FROM information_schema.columns "
        "WHERE table_schema = DATABASE() AND table_name = 'mysql_kinds'"
    )
    types = {row["name"]: row["type"] for row in rows}
    assert types["id"].startswith("bigint")
    assert types["b"] == "tinyint(1)"
    assert types["uid"] == "char(36)"
    assert types["at"] == "datetime(6)" and types["clock"] == "time(6)"
    assert types["color"] == "enum('red','green')"
    assert types["price"] == "decimal(65,30)"
    (extra,) = await execute_raw(
        "SELECT extra FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'mysql_kinds' AND column_name = 'id'"
    )
    assert "auto_increment" in extra["extra"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
async def test_nan_and_infinity_are_a_clear_value_error(mysql: TestServer, value: float) -> None:
    await create_tables(models=[Kinds])
    with pytest.raises(ValueConversionError):
        await Kinds.objects.create(f=value)
    assert await Kinds.objects.count() == 0


async def test_a_blob_just_under_max_allowed_packet_round_trips_and_one_past_it_fails_cleanly(mysql: TestServer) -> None:
    await create_tables(models=[Kinds])
    (row,) = await execute_raw("SELECT @@max_allowed_packet AS allowed")
    allowed = int(row["allowed"])
    assert allowed == 16 * MIB  # what this test is written for: the server's default
    payload = bytes(range(256)) * ((allowed - 64 * 1024) // 256)
    created = await Kinds.objects.create(raw=payload)
    assert (await Kinds.objects.get(id=created.id)).raw == payload
    with pytest.raises(OperationalError):
        await Kinds.objects.create(raw=b"\x01" * allowed)
    assert await Kinds.objects.count() == 1  # the pool replaced the connection the server closed
