"""Set-based writes and row locks on every backend: upsert, bulk_update, update(returning=True),
increment, for_update()/for_share() (issue 14, "Writes")."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal

import pytest

from ._native import require_native

require_native()

from oxyde import Field, Index, Model  # noqa: E402
from oxyde.db import atomic, create_tables  # noqa: E402
from oxyde.exceptions import (  # noqa: E402
    DatabaseError,
    FieldError,
    LockTimeoutError,
    ManagerError,
    UniqueViolationError,
)

from ._backends import Backend, backend  # noqa: E402,F401


class WrItem(Model):
    id: int | None = Field(default=None, db_pk=True)
    sku: str = Field(max_length=40, db_unique=True)
    name: str = Field(default="", max_length=100)
    qty: int = 0
    price: Decimal | None = Field(default=None, max_digits=10, decimal_places=2)
    seen: dt.datetime | None = None
    active: bool = True

    class Meta:
        is_table = True
        table_name = "wr_items"


class WrSlot(Model):
    id: int | None = Field(default=None, db_pk=True)
    day: str = Field(max_length=10)
    room: int
    owner: str = Field(default="", max_length=40)

    class Meta:
        is_table = True
        table_name = "wr_slots"
        indexes = [Index(fields=["day", "room"], unique=True)]


@pytest.fixture
async def schema(backend: Backend) -> Backend:
    await create_tables(models=[WrItem, WrSlot])
    return backend


# --- upsert ----------------------------------------------------------------------------------------


async def test_upsert_inserts_new_rows_and_updates_colliding_ones_keeping_their_keys(schema: Backend) -> None:
    first = await WrItem.objects.upsert([WrItem(sku="a", name="A", qty=1), WrItem(sku="b", name="B", qty=2)], conflict=["sku"])
    assert all(item.id is not None for item in first)
    again = await WrItem.objects.upsert(
        [{"sku": "c", "name": "C", "qty": 3}, {"sku": "a", "name": "A2", "qty": 10}], conflict=["sku"]
    )
    assert [(i.sku, i.name, i.qty) for i in again] == [("c", "C", 3), ("a", "A2", 10)]
    assert again[1].id == first[0].id and again[0].id not in (first[0].id, first[1].id)
    stored = {i.sku: (i.id, i.name, i.qty) for i in await WrItem.objects.all()}
    assert stored == {"a": (first[0].id, "A2", 10), "b": (first[1].id, "B", 2), "c": (again[0].id, "C", 3)}


async def test_upsert_updates_only_the_named_fields(schema: Backend) -> None:
    await WrItem.objects.create(sku="a", name="old", qty=1)
    [item] = WrItem.objects.upsert_sync([WrItem(sku="a", name="new", qty=5)], conflict=["sku"], update=["qty"])
    assert (item.name, item.qty) == ("old", 5)  # the instance holds the stored row
    assert (await WrItem.objects.get(sku="a")).name == "old"


async def test_upsert_with_no_update_fields_leaves_stored_rows_and_hands_them_back(schema: Backend) -> None:
    kept = await WrItem.objects.create(sku="a", name="kept", qty=7)
    items = await WrItem.objects.upsert(
        [WrItem(sku="a", name="ignored", qty=0), WrItem(sku="n", name="new")], conflict=["sku"], update=[]
    )
    assert [(i.id, i.name, i.qty) for i in items][0] == (kept.id, "kept", 7)
    assert items[1].id is not None and items[1].name == "new"
    assert await WrItem.objects.count() == 2


async def test_upsert_on_a_unique_index_of_two_fields_in_batches(schema: Backend) -> None:
    await WrSlot.objects.bulk_create([WrSlot(day="mon", room=1, owner="x"), WrSlot(day="mon", room=2, owner="y")])
    slots = [WrSlot(day="mon", room=r, owner=f"o{r}") for r in range(1, 6)]
    result = await WrSlot.objects.upsert(slots, conflict=["day", "room"], update=["owner"], batch_size=2)
    assert result is not None and [s.owner for s in result] == [f"o{r}" for r in range(1, 6)]
    assert sorted((s.room, s.owner) for s in await WrSlot.objects.all()) == [(r, f"o{r}") for r in range(1, 6)]
    assert len({s.id for s in result}) == 5


async def test_upsert_refuses_a_conflict_target_that_is_not_a_unique_key(schema: Backend) -> None:
    with pytest.raises(FieldError):
        await WrItem.objects.upsert([WrItem(sku="a")], conflict=["name"])
    with pytest.raises(FieldError):
        await WrSlot.objects.upsert([WrSlot(day="d", room=1)], conflict=["day"])
    with pytest.raises(FieldError):
        await WrItem.objects.upsert([WrItem(sku="a")], conflict=["nope"])
    assert await WrItem.objects.count() == 0


async def test_upsert_by_the_primary_key(schema: Backend) -> None:
    a = await WrItem.objects.create(sku="a", name="A")
    [b] = await WrItem.objects.upsert([WrItem(id=a.id, sku="a", name="renamed")], conflict=["id"])
    assert (b.id, b.name) == (a.id, "renamed")
    other_key = WrItem(id=a.id + 100, sku="a", name="via sku")  # collides on sku, another unique key
    if schema.name == "mysql":
        # MySQL cannot name the conflict target: a collision on sku updates that row (docs/dialects.md, "Upserts").
        [c] = await WrItem.objects.upsert([other_key], conflict=["id"])
        assert (c.id, c.name) == (a.id, "via sku")
    else:
        with pytest.raises(UniqueViolationError):
            await WrItem.objects.upsert([other_key], conflict=["id"])
    assert await WrItem.objects.count() == 1


async def test_upsert_naming_one_conflict_value_twice_in_a_batch(schema: Backend) -> None:
    twice = [WrItem(sku="a", qty=1), WrItem(sku="a", qty=2)]
    if schema.name == "postgres":
        with pytest.raises(DatabaseError):  # SQLSTATE 21000: ON CONFLICT cannot affect a row twice
            await WrItem.objects.upsert(twice, conflict=["sku"])
        assert await WrItem.objects.count() == 0
        return
    items = await WrItem.objects.upsert(twice, conflict=["sku"])
    assert items[0].id == items[1].id and [(i.sku, i.qty) for i in await WrItem.objects.all()] == [("a", 2)]


# --- bulk_update -----------------------------------------------------------------------------------


async def test_bulk_update_writes_each_objects_fields_in_one_statement_per_batch(schema: Backend) -> None:
    items = await WrItem.objects.bulk_create([WrItem(sku=f"s{n}", qty=n) for n in range(7)])
    when = dt.datetime(2024, 5, 6, 7, 8, 9)
    for n, item in enumerate(items):
        item.qty = n * 10
        item.price = Decimal(n) + Decimal("0.25")
        item.seen = when + dt.timedelta(days=n) if n % 2 else None
        item.active = n % 3 != 0
        item.name = "untouched"
    assert await WrItem.objects.bulk_update(items, ["qty", "price", "seen", "active"], batch_size=3) == 7
    stored = await WrItem.objects.order_by("id").all()
    assert [(s.qty, s.price, s.seen, s.active, s.name) for s in stored] == [
        (n * 10, Decimal(n) + Decimal("0.25"), when + dt.timedelta(days=n) if n % 2 else None, n % 3 != 0, "")
        for n in range(7)
    ]
    stored[0].qty = -1
    assert WrItem.objects.bulk_update_sync(stored[:1], ["qty"]) == 1
    assert (await WrItem.objects.get(id=stored[0].id)).qty == -1
    assert await WrItem.objects.bulk_update([], ["qty"]) == 0


async def test_bulk_update_refuses_what_it_cannot_do(schema: Backend) -> None:
    item = await WrItem.objects.create(sku="a")
    with pytest.raises(ManagerError):
        await WrItem.objects.bulk_update([item], [])
    with pytest.raises(FieldError):
        await WrItem.objects.bulk_update([item], ["id"])
    with pytest.raises(FieldError):
        await WrItem.objects.bulk_update([item], ["nope"])
    with pytest.raises(ManagerError):
        await WrItem.objects.bulk_update([WrItem(sku="unsaved")], ["qty"])


# --- update(returning=True) and increment ----------------------------------------------------------


async def test_update_returning_and_increment(schema: Backend) -> None:
    await WrItem.objects.bulk_create([WrItem(sku=f"s{n}", qty=n) for n in range(4)])
    rows = await WrItem.objects.filter(qty__gte=2).update(name="big", returning=True)
    assert sorted((r.sku, r.name) for r in rows) == [("s2", "big"), ("s3", "big")]
    assert WrItem.objects.filter(qty__gte=10).update_sync(name="none", returning=True) == []
    assert await WrItem.objects.filter(qty__lt=2).increment("qty", by=5) == 2
    assert WrItem.objects.filter(sku="s3").increment_sync("qty") == 1
    assert sorted(i.qty for i in await WrItem.objects.all()) == [2, 4, 5, 6]


# --- row locks -------------------------------------------------------------------------------------


def test_lock_builders_set_the_select_lock() -> None:
    query = WrItem.objects.filter(qty=1).for_update(skip_locked=True)
    assert query.to_ir()["lock"] == {"mode": "update", "nowait": False, "skip_locked": True}
    assert WrItem.objects.for_share(nowait=True).to_ir()["lock"] == {"mode": "share", "nowait": True, "skip_locked": False}
    assert "lock" not in WrItem.objects.filter(qty=1).to_ir()
    assert WrItem.objects.for_update().sql("postgres")[0].endswith(" FOR UPDATE")
    assert WrItem.objects.for_share().sql("mysql")[0].endswith(" FOR SHARE")
    assert "FOR" not in WrItem.objects.for_update().sql("sqlite")[0]
    with pytest.raises(ManagerError):
        WrItem.objects.for_update(nowait=True, skip_locked=True)


async def _holding(lock: str, ready: asyncio.Event, done: asyncio.Event) -> list[str]:
    async with atomic():
        query = WrItem.objects.filter(sku="a")
        rows = await (query.for_update() if lock == "update" else query.for_share()).all()
        ready.set()
        await done.wait()
        return [r.sku for r in rows]


async def test_a_second_transaction_fails_with_nowait_and_skips_with_skip_locked(schema: Backend) -> None:
    await WrItem.objects.bulk_create([WrItem(sku="a"), WrItem(sku="b")])
    ready, done = asyncio.Event(), asyncio.Event()
    holder = asyncio.create_task(_holding("update", ready, done))
    await ready.wait()
    try:
        if schema.name == "sqlite":
            # No row locks: the holder's BEGIN IMMEDIATE already owns the write lock (docs/dialects.md).
            assert "FOR" not in WrItem.objects.for_update(nowait=True).sql("sqlite")[0]
            return
        # A failed statement ends a PostgreSQL transaction: each block is rolled back on purpose.
        async with atomic() as tx:
            with pytest.raises(LockTimeoutError):
                await WrItem.objects.filter(sku="a").for_update(nowait=True).all()
            tx.set_rollback(True)
        async with atomic() as tx:
            with pytest.raises(LockTimeoutError):
                await WrItem.objects.filter(sku="a").for_share(nowait=True).all()
            tx.set_rollback(True)
        async with atomic():
            free = await WrItem.objects.order_by("sku").for_update(skip_locked=True).all()
            assert [r.sku for r in free] == ["b"]
    finally:
        done.set()
        assert await holder == ["a"]


async def test_shared_locks_share_and_exclude_an_update_lock(schema: Backend) -> None:
    await WrItem.objects.create(sku="a")
    if schema.name == "sqlite":
        # No row locks (docs/dialects.md): the clause is left out and a transaction's BEGIN IMMEDIATE
        # already holds the write lock, so a shared read inside atomic() simply reads.
        assert "FOR" not in WrItem.objects.for_share(nowait=True).sql(dialect="sqlite")[0]
        async with atomic():
            assert [r.sku for r in await WrItem.objects.for_share(nowait=True).all()] == ["a"]
        return
    ready, done = asyncio.Event(), asyncio.Event()
    holder = asyncio.create_task(_holding("share", ready, done))
    await ready.wait()
    try:
        async with atomic():
            assert [r.sku for r in await WrItem.objects.for_share(nowait=True).all()] == ["a"]
        async with atomic() as tx:
            with pytest.raises(LockTimeoutError):
                await WrItem.objects.for_update(nowait=True).all()
            tx.set_rollback(True)
    finally:
        done.set()
        await holder
