"""The same model code on SQLite, PostgreSQL and MySQL, through the shared ``backend`` fixture (``_backends.py``)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

import pytest

from ._native import require_native

require_native()

from oxyde import F, Field, Model, Q  # noqa: E402
from oxyde.db import atomic, create_tables, execute_raw  # noqa: E402
from oxyde.db import get_connection_sync  # noqa: E402
from oxyde.exceptions import NotFoundError, UniqueViolationError  # noqa: E402

from ._backends import Backend  # noqa: E402
from ._backends import backend as backend  # noqa: E402,F401  (the fixture)

class ParityTone(str, enum.Enum):
    SOFT = "soft"
    LOUD = "loud"


class ParityAuthor(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100, db_unique=True)
    age: int = 0

    class Meta:
        is_table = True
        table_name = "parity_authors"


class ParityBook(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str
    price: Decimal = Field(default=Decimal("0"), max_digits=10, decimal_places=2)
    published: dt.datetime | None = None
    tone: ParityTone = ParityTone.SOFT
    uid: uuid.UUID | None = None
    tags: list[str] = []
    author: ParityAuthor | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "parity_books"


async def setup_rows() -> ParityAuthor:
    await create_tables(models=[ParityAuthor, ParityBook])
    ada = await ParityAuthor.objects.create(name="Ada", age=36)
    await ParityAuthor.objects.create(name="Bob", age=17)
    for n in range(5):
        await ParityBook.objects.create(
            title=f"Book {n}",
            price=Decimal(f"{n}.50"),
            published=dt.datetime(2020, 1, n + 1, 12, 0, 0, 250000),
            tone=ParityTone.LOUD if n % 2 else ParityTone.SOFT,
            uid=uuid.UUID(int=n),
            tags=[f"t{n}", "all"],
            author_id=ada.id,
        )
    return ada


async def test_crud_and_lookups(backend: Backend) -> None:
    assert get_connection_sync().backend == backend.name
    ada = await setup_rows()
    assert await ParityBook.objects.filter(price__gte=Decimal("2.5")).count() == 3
    assert [b.title for b in await ParityBook.objects.filter(tone=ParityTone.LOUD).order_by("title").all()] == ["Book 1", "Book 3"]
    assert await ParityBook.objects.filter(Q(title__startswith="Book 1") | Q(uid=uuid.UUID(int=4))).count() == 2
    assert await ParityBook.objects.filter(title__icontains="BOOK 2").count() == 1
    assert await ParityBook.objects.filter(id__in=[]).count() == 0
    assert await ParityBook.objects.filter(published__gt=dt.datetime(2020, 1, 3, 12, 0, 0, 250000)).count() == 2
    book = await ParityBook.objects.get(title="Book 2")
    assert (book.price, book.tags, book.tone, book.author_id) == (Decimal("2.50"), ["t2", "all"], ParityTone.SOFT, ada.id)
    assert await ParityBook.objects.filter(id=book.id).update(price=F("price") * Decimal("1.10")) == 1
    assert (await ParityBook.objects.get(id=book.id)).price == Decimal("2.75")
    assert await ParityBook.objects.filter(title="Book 4").delete() == 1
    with pytest.raises(NotFoundError):
        await ParityBook.objects.get(title="Book 4")
    with pytest.raises(UniqueViolationError):
        await ParityAuthor.objects.create(name="Ada")
    assert await ParityBook.objects.values_list("title", flat=True).order_by("-id").limit(2).all() == ["Book 3", "Book 2"]


async def test_bulk_and_transactions(backend: Backend) -> None:
    await create_tables(models=[ParityAuthor, ParityBook])
    made = await ParityAuthor.objects.bulk_create([ParityAuthor(name=f"a{n}", age=n) for n in range(300)])
    assert len(made) == 300 and all(a.id is not None for a in made)
    with pytest.raises(RuntimeError):
        async with atomic():
            await ParityAuthor.objects.filter(age__lt=100).delete()
            raise RuntimeError("undo")
    assert await ParityAuthor.objects.count() == 300
    rows = await execute_raw("SELECT COUNT(*) AS n FROM parity_authors")
    assert rows == [{"n": 300}]
