"""Decimals and aware datetimes on real SQLite: stored as text, compared by value and by instant.

Issue 12 (defects 4 and 5) and the decimal arithmetic item of issue 13: each scenario here returned
text-ordered results (or a float-rounded value) before the oxyde_decimal / oxyde_instant collations
and the oxyde_dec_* functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest

from ._native import other_tool, require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import F, Field, Model  # noqa: E402
from oxyde.db import create_tables  # noqa: E402
from oxyde.exceptions import DatabaseError  # noqa: E402

UTC = dt.timezone.utc
PLUS5 = dt.timezone(dt.timedelta(hours=5))


class NumPrice(Model):
    id: int | None = Field(default=None, db_pk=True)
    amount: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)
    wide: Decimal | None = None
    label: str | None = None

    class Meta:
        is_table = True
        table_name = "num_prices"


class NumEvent(Model):
    id: int | None = Field(default=None, db_pk=True)
    at: dt.datetime | None = Field(default=None, db_type="TIMESTAMPTZ")
    local: dt.datetime | None = None

    class Meta:
        is_table = True
        table_name = "num_events"


STORED = ["-5.00", "2", "9.50", "10.00", "100.00"]


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Path]:
    path = tmp_path / "numeric.db"
    await db.init(default=f"sqlite:///{path}")
    await create_tables(models=[NumPrice, NumEvent])
    yield path
    await db.close()


async def _prices() -> None:
    for text in STORED:
        await NumPrice.objects.create(amount=Decimal(text), label=text)


def _amounts(rows: list[NumPrice]) -> list[str]:
    return [str(row.amount) for row in rows]


async def test_decimal_comparisons_follow_the_value(database: Path) -> None:
    await _prices()
    assert _amounts(await NumPrice.objects.filter(amount__gt=Decimal("9")).order_by("id").all()) == [
        "9.50",
        "10.00",
        "100.00",
    ]
    assert _amounts(await NumPrice.objects.filter(amount__lt=Decimal("3")).order_by("id").all()) == ["-5.00", "2"]
    assert _amounts(await NumPrice.objects.filter(amount=Decimal("2.00")).all()) == ["2"]
    assert _amounts(await NumPrice.objects.filter(amount__in=[Decimal("1E+2"), Decimal("9.5")]).order_by("id").all()) == [
        "9.50",
        "100.00",
    ]
    assert _amounts(await NumPrice.objects.filter(amount__between=(Decimal("2.0"), Decimal("10"))).order_by("id").all()) == [
        "2",
        "9.50",
        "10.00",
    ]
    assert await NumPrice.objects.exclude(amount=Decimal("10")).count() == 4


async def test_decimal_order_by_follows_the_value(database: Path) -> None:
    await _prices()
    await NumPrice.objects.create(amount=None)
    assert _amounts(await NumPrice.objects.order_by("amount").all()) == ["None", *STORED]
    assert _amounts(await NumPrice.objects.order_by("-amount").all()) == [*reversed(STORED), "None"]
    assert [row.label for row in await NumPrice.objects.order_by("label").all()] == [
        None, "-5.00", "10.00", "100.00", "2", "9.50",
    ]  # a str column keeps text order


async def test_decimals_beyond_float_precision_compare_exactly(database: Path) -> None:
    big = Decimal("12345678901234567890123456789012345678")  # 38 digits
    await NumPrice.objects.create(wide=big)
    await NumPrice.objects.create(wide=big + 1)
    await NumPrice.objects.create(wide=Decimal("0.00000000000000000000000000000000000001"))
    assert [r.wide for r in await NumPrice.objects.filter(wide__gt=big).all()] == [big + 1]
    assert [r.wide for r in await NumPrice.objects.filter(wide=Decimal("1.2345678901234567890123456789012345678E+37")).all()] == [big]
    assert [r.wide for r in await NumPrice.objects.filter(wide__lt=Decimal("1E-37")).all()] == [
        Decimal("0.00000000000000000000000000000000000001")
    ]


async def test_aware_datetimes_compare_and_sort_by_instant(database: Path) -> None:
    later_text = dt.datetime(2024, 1, 1, 10, 0, tzinfo=PLUS5)  # 05:00 UTC
    await NumEvent.objects.create(at=later_text)
    await NumEvent.objects.create(at=dt.datetime(2024, 1, 1, 6, 0, tzinfo=UTC))
    assert [e.at for e in await NumEvent.objects.order_by("at").all()] == [
        later_text,
        dt.datetime(2024, 1, 1, 6, 0, tzinfo=UTC),
    ]
    after = await NumEvent.objects.filter(at__gt=dt.datetime(2024, 1, 1, 5, 30, tzinfo=UTC)).all()
    assert [e.at for e in after] == [dt.datetime(2024, 1, 1, 6, 0, tzinfo=UTC)]
    same = await NumEvent.objects.filter(at=dt.datetime(2024, 1, 1, 5, 0, tzinfo=UTC)).all()
    assert [e.at for e in same] == [later_text]
    near = dt.datetime(2024, 1, 1, 5, 0, 0, 1, tzinfo=UTC)
    assert await NumEvent.objects.filter(at__lt=near).count() == 1
    assert await NumEvent.objects.filter(at__gte=dt.datetime(2024, 1, 1, 19, 30, tzinfo=dt.timezone(dt.timedelta(hours=14)))).count() == 1


async def test_naive_datetimes_keep_text_order(database: Path) -> None:
    for hour in (10, 9, 23):
        await NumEvent.objects.create(local=dt.datetime(2024, 1, 1, hour))
    assert [e.local.hour for e in await NumEvent.objects.order_by("local").all() if e.local] == [9, 10, 23]


async def test_decimal_arithmetic_is_exact_and_rounded_to_the_scale(database: Path) -> None:
    await NumPrice.objects.create(amount=Decimal("100.00"))
    changed = await NumPrice.objects.filter().update(amount=(F("amount") + Decimal("1.00")) * Decimal("1.10"))
    assert changed == 1
    (row,) = await NumPrice.objects.all()
    assert row.amount == Decimal("111.10") and str(row.amount) == "111.10"
    await NumPrice.objects.filter().update(amount=F("amount") / Decimal("3"))
    assert str((await NumPrice.objects.get(id=row.id)).amount) == "37.03"
    await NumPrice.objects.filter().update(amount=-F("amount"))
    assert str((await NumPrice.objects.get(id=row.id)).amount) == "-37.03"


async def test_decimal_division_by_zero_raises_and_keeps_the_row(database: Path) -> None:
    await NumPrice.objects.create(amount=Decimal("1.00"))
    with pytest.raises(DatabaseError):
        await NumPrice.objects.filter().update(amount=F("amount") / Decimal("0"))
    assert _amounts(await NumPrice.objects.all()) == ["1.00"]


async def test_the_file_stays_plain_text_for_other_sqlite_tools(database: Path) -> None:
    await _prices()
    await NumEvent.objects.create(at=dt.datetime(2024, 1, 1, 10, 0, tzinfo=PLUS5))
    # another program (no oxyde collations registered there)
    assert [r[0] for r in other_tool(database, "SELECT amount FROM num_prices ORDER BY id")] == STORED
    assert other_tool(database, "SELECT typeof(amount) FROM num_prices LIMIT 1") == [["text"]]
    assert other_tool(database, "SELECT at FROM num_events") == [["2024-01-01 10:00:00+05:00"]]
