"""Every column kind written through the Python API to PostgreSQL and read back equal, one value per case (issue 13)."""

from __future__ import annotations

import datetime as dt
import enum
import math
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import F, Field, Model  # noqa: E402
from oxyde.db import execute_raw  # noqa: E402
from oxyde.exceptions import ValueConversionError  # noqa: E402

from ._postgres import open_postgres  # noqa: E402


class PgShade(str, enum.Enum):
    LIGHT = "light"
    DARK = "dark"
    QUOTED = "it's"


class PgKinds(Model):
    id: int | None = Field(default=None, db_pk=True)
    big: int | None = None
    ratio: float | None = None
    flag: bool | None = None
    name: str | None = None
    short: str | None = Field(default=None, max_length=10)
    data: bytes | None = None
    at: dt.datetime | None = None
    aware: dt.datetime | None = Field(default=None, db_type="TIMESTAMPTZ")
    day: dt.date | None = None
    clock: dt.time | None = None
    span: dt.timedelta | None = None
    uid: uuid.UUID | None = None
    price: Decimal | None = None
    money: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)
    meta: dict[str, Any] | None = None
    shade: PgShade | None = None
    tags: list[str] | None = None
    scores: list[int] | None = None
    amounts: list[Decimal] | None = None
    shades: list[PgShade] | None = None

    class Meta:
        is_table = True
        table_name = "pg_kinds"


@pytest.fixture
async def pg() -> AsyncIterator[None]:
    await open_postgres([PgKinds])
    try:
        yield
    finally:
        await db.close()


CASES: list[tuple[str, Any]] = [
    ("big", -(2**63)),
    ("big", 2**63 - 1),
    ("big", 0),
    ("ratio", math.inf),
    ("ratio", -math.inf),
    ("ratio", 5e-324),
    ("ratio", 1.7976931348623157e308),
    ("flag", True),
    ("flag", False),
    ("name", ""),
    ("name", "🦀 漢字 é 𝄞"),
    ("name", "quote ' double \" back \\ percent % underscore _"),
    ("short", "ten chars!"),
    ("data", b""),
    ("data", bytes(range(256))),
    ("at", dt.datetime(2024, 2, 29, 23, 59, 59, 999999)),
    ("at", dt.datetime(1901, 1, 1, 0, 0, 0, 1)),
    ("at", dt.datetime(2024, 1, 1)),
    ("aware", dt.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))),
    ("aware", dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)),
    ("day", dt.date(1900, 3, 1)),
    ("day", dt.date(1, 1, 1)),
    ("day", dt.date(9999, 12, 31)),
    ("clock", dt.time(0, 0)),
    ("clock", dt.time(23, 59, 59, 999999)),
    ("span", dt.timedelta(days=-3, microseconds=7)),
    ("uid", uuid.UUID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")),
    ("price", Decimal("-123456789012345678901234567890.123456789012345678901234567890")),
    ("price", Decimal("0.000000000000000000000000000000000001")),
    ("price", Decimal("1E+40")),
    ("money", Decimal("9999999999.99")),
    ("money", Decimal("-0.01")),
    ("meta", {"nested": {"list": [1, 2.5, None, True, "ü"], "empty": {}}, "n": -1}),
    ("shade", PgShade.QUOTED),
    ("tags", ["a", "", "with space", 'q"uote', "comma,brace{}", "NULL", "🦀"]),
    ("tags", []),
    ("scores", [-(2**63), 0, 2**63 - 1]),
    ("amounts", [Decimal("1.10"), Decimal("123456789012345678901234567890.5")]),
    ("shades", [PgShade.DARK, PgShade.LIGHT]),
]


@pytest.mark.parametrize(("field", "value"), CASES, ids=[f"{f}-{i}" for i, (f, _) in enumerate(CASES)])
async def test_value_round_trips(pg: None, field: str, value: Any) -> None:
    created = await PgKinds.objects.create(**{field: value})
    loaded = await PgKinds.objects.get(id=created.id)
    assert getattr(loaded, field) == value
    assert type(getattr(loaded, field)) is type(value)
    # The filter finds it by the same value (bytes, JSON and arrays aside: no equality lookup there).
    if field not in ("data", "meta", "tags", "scores", "amounts", "shades"):
        assert await PgKinds.objects.filter(**{field: value}).count() == 1


async def test_sixteen_mib_of_bytes(pg: None) -> None:
    blob = bytes(range(256)) * (16 * 1024 * 4)
    created = await PgKinds.objects.create(data=blob)
    assert (await PgKinds.objects.get(id=created.id)).data == blob


async def test_nulls_round_trip(pg: None) -> None:
    created = await PgKinds.objects.create(instance=PgKinds())  # create() alone is a ManagerError
    loaded = await PgKinds.objects.get(id=created.id)
    assert all(getattr(loaded, name) is None for name in PgKinds.model_fields if name != "id")


async def test_aware_datetimes_come_back_in_utc(pg: None) -> None:
    sent = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    created = await PgKinds.objects.create(aware=sent)
    loaded = (await PgKinds.objects.get(id=created.id)).aware
    assert loaded == sent and loaded is not None and loaded.utcoffset() == dt.timedelta(0)


async def test_enum_is_a_native_type(pg: None) -> None:
    await PgKinds.objects.create(shade=PgShade.DARK)
    rows = await execute_raw("SELECT pg_typeof(shade)::text AS t FROM pg_kinds")
    assert rows == [{"t": "pg_shade_enum"}]
    labels = await execute_raw(
        "SELECT enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY enumsortorder",
        ["pg_shade_enum"],
    )
    assert [row["enumlabel"] for row in labels] == ["light", "dark", "it's"]


async def test_decimal_arithmetic_stays_exact(pg: None) -> None:
    created = await PgKinds.objects.create(money=Decimal("100.00"))
    await PgKinds.objects.filter(id=created.id).update(money=(F("money") + Decimal("1.00")) * Decimal("1.10"))
    assert (await PgKinds.objects.get(id=created.id)).money == Decimal("111.10")


async def test_nul_in_text_is_a_value_error(pg: None) -> None:
    with pytest.raises(ValueConversionError) as info:
        await PgKinds.objects.create(name="a\x00b")
    assert info.value.details.get("sqlstate") == "22021"


async def test_nan_is_refused_before_it_is_sent(pg: None) -> None:
    with pytest.raises(ValueConversionError):
        await PgKinds.objects.create(ratio=math.nan)


async def test_too_long_varchar_is_a_value_error(pg: None) -> None:
    # Pydantic refuses it in a model; written by raw SQL, the server does (22001).
    with pytest.raises(ValueConversionError) as info:
        await execute_raw("INSERT INTO pg_kinds (short) VALUES ($1)", ["eleven chars"])
    assert info.value.details.get("sqlstate") == "22001"


async def test_raw_sql_keeps_server_column_names_and_converts_scalars(pg: None) -> None:
    rows = await execute_raw('SELECT 1 AS "One", 2.5::float8 AS f, true AS b, NULL AS n, 1.50::numeric AS d, $1::text AS p', ["x"])
    assert rows == [{"One": 1, "f": 2.5, "b": True, "n": None, "d": "1.50", "p": "x"}]
