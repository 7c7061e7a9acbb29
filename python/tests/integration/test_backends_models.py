"""The public API on every backend: the same scenarios on SQLite, PostgreSQL and MariaDB.

Each test runs once per backend (the ``backend`` fixture of ``_backends.py``); what a database does
differently is asserted per backend, by name, where the difference is documented in
docs/dialects.md.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import uuid
from decimal import Decimal

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import F, Field, Model, Q  # noqa: E402
from oxyde.db import atomic, create_tables, execute_raw  # noqa: E402
from oxyde.exceptions import (  # noqa: E402
    ForeignKeyViolationError,
    IntegrityError,
    MultipleObjectsReturned,
    NotFoundError,
    NotNullViolationError,
    OxydeError,
    UniqueViolationError,
)

from ._backends import Backend, backend  # noqa: E402,F401


class Tone(str, enum.Enum):
    WARM = "warm"
    COLD = "cold"


class BkAuthor(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100, db_unique=True)
    age: int = 0

    class Meta:
        is_table = True
        table_name = "bk_authors"


class BkPost(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200, db_index=True)
    views: int = 0
    author: BkAuthor | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "bk_posts"


class BkEverything(Model):
    id: int | None = Field(default=None, db_pk=True)
    flag: bool = False
    ratio: float = 0.0
    label: str = Field(default="x", max_length=50, db_column="label_text")
    text: str | None = None
    data: bytes | None = None
    at: dt.datetime | None = None
    day: dt.date | None = None
    clock: dt.time | None = None
    span: dt.timedelta | None = None
    uid: uuid.UUID | None = None
    price: Decimal | None = Field(default=None, max_digits=12, decimal_places=4)
    meta: dict[str, int] | None = None
    tone: Tone = Tone.WARM

    class Meta:
        is_table = True
        table_name = "bk_everything"


class BkPrice(Model):
    id: int | None = Field(default=None, db_pk=True)
    price: Decimal = Field(max_digits=10, decimal_places=2)

    class Meta:
        is_table = True
        table_name = "bk_prices"


MODELS = [BkAuthor, BkPost, BkEverything, BkPrice]
TRICKY = ["it's", 'say "hi"', "a;b", "100%", "a_b", "back\\slash", "ünïcødé 漢字 🚀", ""]


@pytest.fixture
async def schema(backend: Backend) -> Backend:
    await create_tables(models=MODELS)
    return backend


async def test_create_filter_update_delete(schema: Backend) -> None:
    ada = await BkAuthor.objects.create(name="Ada", age=36)
    linus = await BkAuthor.objects.create(name="Linus", age=54)
    assert ada.id is not None and linus.id is not None and ada.id != linus.id
    posts = await BkPost.objects.bulk_create(
        [BkPost(title=f"p{n}", author_id=ada.id if n % 2 else linus.id, views=n) for n in range(6)]
    )
    assert [p.title for p in posts] == [f"p{n}" for n in range(6)]
    assert len({p.id for p in posts}) == 6 and all(p.id is not None for p in posts)
    assert await BkPost.objects.count() == 6
    assert await BkPost.objects.filter(views__gte=5).exists()
    assert not await BkPost.objects.filter(views__gt=5).exists()
    older = await BkAuthor.objects.filter(Q(age__gte=40) | Q(name="Ada")).order_by("-age").all()
    assert [a.name for a in older] == ["Linus", "Ada"]
    changed = await BkPost.objects.filter(author_id=linus.id).update(views=F("views") + 100)
    assert changed == 3
    views = sorted(p.views for p in await BkPost.objects.filter(author_id=linus.id).all())
    assert views == [100, 102, 104]
    page = await BkPost.objects.order_by("views").offset(1).limit(2).all()
    assert [p.views for p in page] == [3, 5]
    assert [p.title for p in await BkPost.objects.filter(views__in=[1, 3, 99]).order_by("title").all()] == ["p1", "p3"]
    assert await BkPost.objects.filter(views__lt=100).delete() == 3
    assert await BkPost.objects.count() == 3


async def test_save_and_update_returning_read_back_the_row(schema: Backend) -> None:
    ada = await BkAuthor.objects.create(name="Ada", age=1)
    ada.age = 2
    saved = await ada.save()
    assert saved is ada and (await BkAuthor.objects.get(id=ada.id)).age == 2
    rows = await BkAuthor.objects.filter(id=ada.id).update(age=F("age") + 40, returning=True)
    assert [(r.name, r.age) for r in rows] == [("Ada", 42)]


async def test_get_errors(schema: Backend) -> None:
    await BkAuthor.objects.create(name="Ada", age=1)
    await BkAuthor.objects.create(name="Bob", age=1)
    with pytest.raises(NotFoundError):
        await BkAuthor.objects.get(name="Grace")
    with pytest.raises(MultipleObjectsReturned):
        await BkAuthor.objects.get(age=1)
    assert await BkAuthor.objects.get_or_none(name="Grace") is None


async def test_integrity_errors_on_every_write_path(schema: Backend) -> None:
    await BkAuthor.objects.create(name="Ada")
    bob = await BkAuthor.objects.create(name="Bob")
    with pytest.raises(UniqueViolationError):
        await BkAuthor.objects.create(name="Ada")
    with pytest.raises(UniqueViolationError):
        await BkAuthor.objects.bulk_create([BkAuthor(name="New"), BkAuthor(name="Ada")])
    with pytest.raises(UniqueViolationError):
        await BkAuthor.objects.filter(id=bob.id).update(name="Ada")
    bob.name = "Ada"
    with pytest.raises(UniqueViolationError):
        await bob.save()
    with pytest.raises(ForeignKeyViolationError) as fk:
        await BkPost.objects.create(title="orphan", author_id=99999)
    assert isinstance(fk.value, IntegrityError)
    with pytest.raises(NotNullViolationError):
        await execute_raw("INSERT INTO bk_authors (name, age) VALUES (NULL, 1)")
    # A failed bulk insert is atomic: "New" did not land.
    assert sorted(a.name for a in await BkAuthor.objects.all()) == ["Ada", "Bob"]


async def test_tricky_values_round_trip_and_match_literally(schema: Backend) -> None:
    for n, text in enumerate(TRICKY):
        await BkAuthor.objects.create(name=text, age=n)
    got = [a.name for a in await BkAuthor.objects.order_by("age").all()]
    assert got == TRICKY
    for text in TRICKY:
        assert (await BkAuthor.objects.get(name=text)).name == text
    assert [a.name for a in await BkAuthor.objects.filter(name__contains="%").all()] == ["100%"]
    assert [a.name for a in await BkAuthor.objects.filter(name__contains="_").all()] == ["a_b"]
    assert [a.name for a in await BkAuthor.objects.filter(name__startswith="it'").all()] == ["it's"]
    assert [a.name for a in await BkAuthor.objects.filter(name__icontains='SAY "H').all()] == ['say "hi"']
    assert [a.name for a in await BkAuthor.objects.filter(name__endswith="\\slash").all()] == ["back\\slash"]


async def test_every_field_type_round_trips(schema: Backend) -> None:
    full = BkEverything(
        flag=True,
        ratio=2.5,
        label="lbl",
        text="tëxt 🚀",
        data=b"\x00\x01\xff",
        at=dt.datetime(2024, 2, 29, 13, 14, 15, 123456),
        day=dt.date(1969, 7, 20),
        clock=dt.time(23, 59, 58, 1),
        span=dt.timedelta(days=2, seconds=3, microseconds=4),
        uid=uuid.UUID("12345678-1234-5678-1234-567812345678"),
        price=Decimal("12345678.1234"),
        meta={"a": 1, "b": 2},
        tone=Tone.COLD,
    )
    created = await BkEverything.objects.create(**full.model_dump(exclude={"id"}))
    empty = await BkEverything.objects.create(instance=BkEverything())  # create() alone is a ManagerError
    loaded = await BkEverything.objects.get(id=created.id)
    assert loaded.model_dump(exclude={"id"}) == full.model_dump(exclude={"id"})
    assert type(loaded.flag) is bool and isinstance(loaded.tone, Tone) and isinstance(loaded.price, Decimal)
    blank = await BkEverything.objects.get(id=empty.id)
    assert blank.text is None and blank.data is None and blank.at is None and blank.flag is False


async def test_decimal_arithmetic_is_exact(schema: Backend) -> None:
    row = await BkPrice.objects.create(price=Decimal("100.00"))
    await BkPrice.objects.filter(id=row.id).update(price=(F("price") + Decimal("1.00")) * Decimal("1.10"))
    assert (await BkPrice.objects.get(id=row.id)).price == Decimal("111.10")


async def test_atomic_with_models(schema: Backend) -> None:
    async with atomic():
        await BkAuthor.objects.create(name="kept")
        with pytest.raises(UniqueViolationError):
            async with atomic():
                await BkAuthor.objects.create(name="inner")
                await BkAuthor.objects.create(name="kept")
    with pytest.raises(RuntimeError):
        async with atomic():
            await BkAuthor.objects.create(name="undone")
            raise RuntimeError("boom")
    assert [a.name for a in await BkAuthor.objects.all()] == ["kept"]


async def test_many_concurrent_tasks_get_their_own_rows(schema: Backend) -> None:
    authors = await BkAuthor.objects.bulk_create([BkAuthor(name=f"a{n}", age=n) for n in range(50)])
    by_id = {a.id: a.age for a in authors}

    async def read(author_id: int) -> int:
        return (await BkAuthor.objects.get(id=author_id)).age

    ids = [a.id for a in authors if a.id is not None] * 10
    ages = await asyncio.gather(*(read(i) for i in ids))
    assert ages == [by_id[i] for i in ids]


async def test_closing_the_pool_rolls_back_its_open_transaction(schema: Backend) -> None:
    with pytest.raises(OxydeError):  # leaving the block finds its pool gone
        async with atomic():
            await BkAuthor.objects.create(name="uncommitted")
            await db.close()
    await db.init(default=schema.url)
    assert await BkAuthor.objects.filter(name="uncommitted").count() == 0
