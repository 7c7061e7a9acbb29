"""On MariaDB through the real engine: writes that hand rows back, and schema creation.

MariaDB 10.5+ inserts with INSERT ... RETURNING; updates that ask for rows (``update(returning=True)``,
``save()``) lock the matching keys, update them and read them back, in the caller's transaction or an
implicit one (docs/dialects.md, "RETURNING by keys"). The ``backend`` cases run the same test on
SQLite too.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ._native import require_native

require_native()

from oxyde import Check, F, Field, Index, Model  # noqa: E402
from oxyde.db import atomic, create_tables, execute_raw  # noqa: E402
from oxyde.exceptions import CheckViolationError, UniqueViolationError  # noqa: E402

from ._backends import Backend, backend  # noqa: E402,F401
from ._mysql import mysql  # noqa: E402,F401
from ._servers import TestServer  # noqa: E402


class Item(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=50)
    qty: int = 0
    price: Decimal = Field(default=Decimal("0.00"), max_digits=10, decimal_places=2)
    note: str | None = Field(default=None, max_length=20, db_default="'none'")

    class Meta:
        is_table = True
        table_name = "mysql_items"


class Shelf(Model):
    id: int | None = Field(default=None, db_pk=True)
    label: str = Field(max_length=50)
    qty: int = 0

    class Meta:
        is_table = True
        table_name = "mysql_shelves"
        constraints = [Check("qty >= 0", name="qty_not_negative")]
        indexes = [Index(fields=["label"], unique=True), Index(fields=["qty", "label"])]


class Bin(Model):
    id: int | None = Field(default=None, db_pk=True)
    label: str = Field(max_length=50)
    qty: int = 0

    class Meta:
        is_table = True
        table_name = "mysql_bins"
        constraints = [Check("qty >= 0", name="qty_not_negative")]  # the same name on a second table
        indexes = [Index(fields=["label"])]


async def test_create_fills_the_generated_key_and_database_defaults(mysql: TestServer) -> None:
    await create_tables(models=[Item])
    item = await Item.objects.create(name="a", qty=2)
    assert item.id is not None
    assert item.note == "none"
    assert (await Item.objects.get(id=item.id)).note == "none"


async def test_bulk_create_returns_every_row_in_input_order(mysql: TestServer) -> None:
    await create_tables(models=[Item])
    items = await Item.objects.bulk_create([Item(name=f"n{i:03}", qty=i) for i in range(300)])
    assert [i.name for i in items] == [f"n{i:03}" for i in range(300)]
    ids = [i.id for i in items]
    assert len(set(ids)) == 300 and ids == sorted(ids)  # type: ignore[type-var]
    by_id = {i.id: i.qty for i in await Item.objects.all()}
    assert all(by_id[i.id] == i.qty for i in items)
    assert await Item.objects.bulk_create([]) == []


async def test_update_returning_gives_the_updated_rows(mysql: TestServer) -> None:
    await create_tables(models=[Item])
    await Item.objects.bulk_create([Item(name="a", qty=1), Item(name="b", qty=1), Item(name="c", qty=5)])
    updated = await Item.objects.filter(qty=1).update(returning=True, qty=F("qty") + 10, price=Decimal("9.99"))
    assert sorted((i.name, i.qty, i.price) for i in updated) == [("a", 11, Decimal("9.99")), ("b", 11, Decimal("9.99"))]
    assert await Item.objects.filter(qty=11).count() == 2
    assert await Item.objects.filter(qty=999).update(returning=True, qty=0) == []
    assert await Item.objects.filter(qty=11).update(qty=12) == 2


async def test_save_updates_through_the_emulated_returning(mysql: TestServer) -> None:
    await create_tables(models=[Item])
    item = await Item.objects.create(name="a")
    item.qty = 7
    await item.save()
    assert (await Item.objects.get(id=item.id)).qty == 7


async def test_update_returning_joins_the_callers_transaction(mysql: TestServer) -> None:
    await create_tables(models=[Item])
    await Item.objects.create(name="a", qty=1)
    with pytest.raises(RuntimeError, match="undo"):
        async with atomic():
            rows = await Item.objects.filter(name="a").update(returning=True, qty=2)
            assert rows[0].qty == 2
            raise RuntimeError("undo")
    assert (await Item.objects.get(name="a")).qty == 1


async def test_create_tables_with_indexes_and_a_check_name_used_on_two_tables(backend: Backend) -> None:
    await create_tables(models=[Shelf, Bin])
    await create_tables(models=[Shelf, Bin])  # IF NOT EXISTS, indexes included
    await Shelf.objects.create(label="a")
    with pytest.raises(UniqueViolationError):
        await Shelf.objects.create(label="a")
    with pytest.raises(CheckViolationError):
        await Shelf.objects.create(label="b", qty=-1)
    with pytest.raises(CheckViolationError):
        await Bin.objects.create(label="b", qty=-1)
    if backend.name == "mysql":
        rows = await execute_raw(
            "SELECT index_name AS name FROM information_schema.statistics "
            "WHERE table_schema = DATABASE() AND table_name = 'mysql_shelves' GROUP BY index_name"
        )
        assert {r["name"] for r in rows} == {"PRIMARY", "mysql_shelves_label_idx", "mysql_shelves_qty_label_idx"}
        checks = await execute_raw(
            "SELECT constraint_name AS name FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()"
        )
        assert {r["name"] for r in checks} == {"mysql_shelves_qty_not_negative", "mysql_bins_qty_not_negative"}


backend_cases = pytest.mark.parametrize("backend", ["sqlite", "mysql"], indirect=True)
test_create_tables_with_indexes_and_a_check_name_used_on_two_tables = backend_cases(
    test_create_tables_with_indexes_and_a_check_name_used_on_two_tables
)
