"""Values another tool stored that a field cannot hold (issue 12, defects 3 and 7).

Text that is not UTF-8, a REAL with a fraction in an int column, text in a numeric one: only the
query that reads such a row fails, with :class:`ValueConversionError` naming the field; concurrent
queries and inserts on the async path are unaffected, and nothing that committed is reported failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from ._native import other_tool, require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Model  # noqa: E402
from oxyde.db import create_tables, create_tables_sync, execute_raw, execute_raw_sync  # noqa: E402
from oxyde.exceptions import ValueConversionError  # noqa: E402


class StoredRow(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = ""
    count: int = 0
    ratio: float = 0.0
    flag: bool = False

    class Meta:
        is_table = True
        table_name = "stored_rows"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "stored.db"


@pytest.fixture
def sync_db(path: Path) -> Iterator[None]:
    db.init_sync(default=f"sqlite:///{path}")
    create_tables_sync(models=[StoredRow])
    StoredRow.objects.create_sync(name="good", count=1, ratio=0.5, flag=True)
    yield
    db.close_sync()


@pytest.fixture
async def async_db(path: Path) -> AsyncIterator[None]:
    await db.init(default=f"sqlite:///{path}")
    await create_tables(models=[StoredRow])
    await StoredRow.objects.create(name="good", count=1, ratio=0.5, flag=True)
    yield
    await db.close()


BAD_VALUES = [
    ("name", "CAST(X'FF41' AS TEXT)"),
    ("count", "1.7"),
    ("count", "'abc'"),
    ("count", "1e30"),
    ("ratio", "'abc'"),
    ("flag", "2"),
]


@pytest.mark.parametrize(("field", "stored"), BAD_VALUES)
def test_sync_read_of_a_value_the_field_cannot_hold(sync_db: None, path: Path, field: str, stored: str) -> None:
    other_tool(path, f"INSERT INTO stored_rows (id, {field}) VALUES (99, {stored})")
    with pytest.raises(ValueConversionError) as caught:
        StoredRow.objects.all_sync()
    assert caught.value.details["column"] == field
    assert caught.value.details["table"] == "stored_rows"
    assert field in str(caught.value)
    # Only the row's readers fail; the connection serves the next query.
    assert [r.name for r in StoredRow.objects.filter(id__lt=99).all_sync()] == ["good"]


def test_sync_raw_read_of_text_that_is_not_utf8(sync_db: None, path: Path) -> None:
    other_tool(path, "UPDATE stored_rows SET name = CAST(X'FF41' AS TEXT)")
    with pytest.raises(ValueConversionError) as caught:
        execute_raw_sync("SELECT name FROM stored_rows")
    assert caught.value.details["column"] == "name"


def test_integral_reals_and_integers_in_float_fields_read(sync_db: None, path: Path) -> None:
    other_tool(path, "UPDATE stored_rows SET count = 2.0, ratio = 3")
    row = StoredRow.objects.get_sync(name="good")
    assert (row.count, row.ratio) == (2, 3.0)


def test_raw_parameter_above_int64_is_refused(sync_db: None) -> None:
    with pytest.raises(ValueConversionError):
        execute_raw_sync("INSERT INTO stored_rows (name, count) VALUES ('big', ?)", [2**63])
    assert StoredRow.objects.count_sync() == 1
    execute_raw_sync("INSERT INTO stored_rows (name, count) VALUES ('max', ?)", [2**63 - 1])
    assert StoredRow.objects.get_sync(name="max").count == 2**63 - 1


async def test_async_bad_row_fails_only_its_reader(async_db: None, path: Path) -> None:
    other_tool(path, "INSERT INTO stored_rows (id, name) VALUES (99, CAST(X'FF41' AS TEXT))")

    async def good_read() -> int:
        return await StoredRow.objects.filter(id__lt=99).count()

    async def bad_read() -> None:
        await StoredRow.objects.all()

    async def insert(n: int) -> None:
        await StoredRow.objects.create(name=f"new{n}", count=n)

    results = await asyncio.gather(
        *[good_read() for _ in range(100)],
        *[bad_read() for _ in range(20)],
        *[insert(n) for n in range(40)],
        return_exceptions=True,
    )
    good, bad, inserts = results[:100], results[100:120], results[120:]
    assert all(isinstance(n, int) for n in good), [r for r in good if not isinstance(r, int)][:3]
    assert all(isinstance(e, ValueConversionError) and e.details["column"] == "name" for e in bad), bad[:3]
    assert inserts == [None] * 40
    assert await StoredRow.objects.filter(name__startswith="new").count() == 40
    rows = await execute_raw("SELECT COUNT(*) AS n FROM stored_rows")
    assert rows == [{"n": 42}]
