"""Bad input on the real engine (issue 12, defects 7 and 8): a typed error naming what was wrong,
nothing written, and the pool (and an open transaction) still usable afterwards."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model, Q  # noqa: E402
from oxyde.db import PoolSettings, atomic, create_tables, drop_tables, execute_raw, execute_raw_sync  # noqa: E402
from oxyde.exceptions import InvalidUrlError, IRError, ValueConversionError  # noqa: E402


class BadInputRow(Model):
    id: int | None = Field(default=None, db_pk=True)
    n: int = 0
    x: float = 0.0
    maybe: float | None = None
    s: str = ""

    class Meta:
        is_table = True
        table_name = "bad_input_rows"


@pytest.fixture
async def table(tmp_path: Path) -> AsyncIterator[None]:
    await db.init(default=f"sqlite:///{tmp_path / 'bad.db'}")
    await create_tables(models=[BadInputRow])
    yield
    await drop_tables(models=[BadInputRow])
    await db.close()


async def stored() -> list[dict[str, object]]:
    return await execute_raw("SELECT n, x, maybe, s FROM bad_input_rows ORDER BY id")


async def test_nan_is_refused_not_stored_as_null(table: None) -> None:
    with pytest.raises(ValueConversionError) as info:  # was NotNullViolationError
        await BadInputRow.objects.create(x=math.nan)
    assert info.value.details["field"] == "x"
    with pytest.raises(ValueConversionError) as info:  # was a silent NULL
        await BadInputRow.objects.create(maybe=math.nan)
    assert info.value.details["field"] == "maybe"
    row = await BadInputRow.objects.create(x=1.0)
    with pytest.raises(ValueConversionError):
        await BadInputRow.objects.filter(id=row.id).update(maybe=math.nan)
    assert await stored() == [{"n": 0, "x": 1.0, "maybe": None, "s": ""}]


async def test_infinities_round_trip(table: None) -> None:
    await BadInputRow.objects.create(x=math.inf, maybe=-math.inf)
    got = await BadInputRow.objects.get(x=math.inf)
    assert got.x == math.inf and got.maybe == -math.inf


@pytest.mark.parametrize("value", [2**63, 2**64, 10**30, -(2**63) - 1])
async def test_ints_outside_int64_are_refused_naming_the_field(table: None, value: int) -> None:
    with pytest.raises(ValueConversionError) as info:
        await BadInputRow.objects.create(n=value)
    assert info.value.details == {"model": "BadInputRow", "field": "n", "value": repr(value)}
    with pytest.raises(ValueConversionError):
        await BadInputRow.objects.filter(n__gte=value).all()
    with pytest.raises(ValueConversionError):
        await BadInputRow.objects.limit(value).all()
    with pytest.raises(ValueConversionError) as info:
        await execute_raw("SELECT ? AS v", [value])
    assert info.value.details == {"parameter": 1}
    assert await stored() == []


async def test_int64_bounds_round_trip(table: None) -> None:
    for value in (2**63 - 1, -(2**63)):
        await BadInputRow.objects.create(n=value)
        assert (await BadInputRow.objects.get(n=value)).n == value
    assert await execute_raw("SELECT ? AS v", [2**63 - 1]) == [{"v": 2**63 - 1}]


async def test_lone_surrogates_are_value_errors_and_leave_the_transaction_usable(table: None) -> None:
    row = await BadInputRow.objects.create(s="ok")
    async with atomic():
        row.s = "a\ud800b"
        with pytest.raises(ValueConversionError) as info:
            await row.save()
        assert info.value.details == {"model": "BadInputRow", "column": "s"}
        with pytest.raises(ValueConversionError):
            await BadInputRow.objects.filter(s__startswith="\udfff").all()
        with pytest.raises(ValueConversionError) as info:
            await execute_raw("SELECT ? AS v", ["\ud800"])
        assert info.value.details == {"parameter": 1}
        await BadInputRow.objects.create(s="after")  # the transaction still works
    with pytest.raises(ValueConversionError):
        execute_raw_sync("SELECT ? AS v", ["x\udc80"])
    with pytest.raises(ValueConversionError) as info:
        await execute_raw("SELECT '\ud800' AS v")
    assert info.value.details == {"key": "sql"}
    assert [r["s"] for r in await stored()] == ["ok", "after"]


async def test_deep_q_is_an_ir_error_on_both_sides_of_the_limit(table: None) -> None:
    deep = Q(n=1)
    for _ in range(999):
        deep = ~deep
    with pytest.raises(IRError) as info:  # was RecursionError
        await BadInputRow.objects.filter(deep).all()
    assert info.value.code == 13
    at_limit = Q(n=0)
    for _ in range(63):
        at_limit = ~at_limit
    assert await BadInputRow.objects.filter(at_limit).count() == 0  # 64 nodes: the engine's limit
    with pytest.raises(IRError) as info:  # 65 with the exclude's not: the engine refuses it
        await BadInputRow.objects.exclude(at_limit).count()
    assert info.value.code == 13


@pytest.mark.parametrize("path", ["a\x00b.db", "a%00b.db"])
async def test_nul_in_a_sqlite_path_is_an_invalid_url(tmp_path: Path, path: str) -> None:
    with pytest.raises(InvalidUrlError):  # was InternalError
        await db.init(default=f"sqlite:///{tmp_path}/{path}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["", "foo", "http://x"])
async def test_unknown_schemes_are_invalid_urls(url: str) -> None:
    with pytest.raises(InvalidUrlError):  # was ValueError
        await db.init(default=url)


async def test_huge_pool_settings_are_value_errors(tmp_path: Path) -> None:
    for settings in (PoolSettings(max_connections=2**64), PoolSettings(acquire_timeout=10**400)):
        with pytest.raises(ValueConversionError):  # were TypeError / OverflowError
            await db.init(default=f"sqlite:///{tmp_path}/s.db", settings=settings)
