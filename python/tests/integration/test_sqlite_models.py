"""End to end on SQLite through the real engine: what is SQLite's own (NUL bytes in text, the stored
datetime text, arrays as JSON text), aliases and sync twins. Behaviour every backend shares is in
test_backends_models.py, which runs on SQLite too."""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import F, Field, Model  # noqa: E402
from oxyde.db import atomic, create_tables, create_tables_sync, drop_tables, execute_raw  # noqa: E402
from oxyde.exceptions import NotFoundError, UniqueViolationError  # noqa: E402


class Mood(str, enum.Enum):
    HAPPY = "happy"
    SAD = "sad"


class E2EAuthor(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100, db_unique=True)
    age: int = 0

    class Meta:
        is_table = True
        table_name = "e2e_authors"


class E2EPost(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200, db_index=True)
    views: int = 0
    published_at: dt.datetime | None = None
    author: E2EAuthor | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "e2e_posts"


class E2EEverything(Model):
    id: int | None = Field(default=None, db_pk=True)
    flag: bool = False
    ratio: float = 0.0
    label: str = Field(default="x", db_column="label_text")
    text: str | None = None
    data: bytes | None = None
    at: dt.datetime | None = None
    day: dt.date | None = None
    clock: dt.time | None = None
    span: dt.timedelta | None = None
    uid: uuid.UUID | None = None
    price: Decimal | None = Field(default=None, max_digits=12, decimal_places=4)
    meta: dict[str, int] | None = None
    tags: list[str] | None = None
    amounts: list[Decimal] | None = None
    mood: Mood = Mood.HAPPY

    class Meta:
        is_table = True
        table_name = "e2e_everything"


MODELS = [E2EAuthor, E2EPost, E2EEverything]
TRICKY = ["it's", 'say "hi"', "a;b", "100%", "a_b", "back\\slash", "nul\x00byte", "ünïcødé 漢字 🚀"]


@pytest.fixture
async def blog(tmp_path: Path) -> AsyncIterator[None]:
    await db.init(default=f"sqlite:///{tmp_path / 'blog.db'}")
    await create_tables(models=MODELS)
    yield
    await drop_tables(models=MODELS)
    await db.close()


async def test_pattern_lookups_with_a_nul_byte_match_literally(blog: None) -> None:
    for text in TRICKY:
        await E2EAuthor.objects.create(name=text)
    assert [a.name for a in await E2EAuthor.objects.filter(name__contains="\x00").all()] == ["nul\x00byte"]
    assert [a.name for a in await E2EAuthor.objects.filter(name__endswith="\x00byte").all()] == ["nul\x00byte"]
    assert await E2EAuthor.objects.filter(name__contains="a\x00b").delete() == 0
    assert await E2EAuthor.objects.filter(name__startswith="nul\x00").delete() == 1
    assert await E2EAuthor.objects.count() == len(TRICKY) - 1


async def test_every_field_type_round_trips(blog: None) -> None:
    full = E2EEverything(
        flag=True,
        ratio=2.5,
        label="lbl",
        text="tëxt",
        data=b"\x00\x01\xff",
        at=dt.datetime(2024, 2, 29, 13, 14, 15, 123456),
        day=dt.date(1999, 12, 31),
        clock=dt.time(23, 59, 58, 1),
        span=dt.timedelta(days=2, seconds=3, microseconds=4),
        uid=uuid.UUID("12345678-1234-5678-1234-567812345678"),
        price=Decimal("12345678.1234"),
        meta={"a": 1, "b": 2},
        tags=["x", "y z"],
        amounts=[Decimal("0.1"), Decimal("2.25")],
        mood=Mood.SAD,
    )
    created = await E2EEverything.objects.create(**full.model_dump(exclude={"id"}))
    empty = await E2EEverything.objects.create(instance=E2EEverything())  # create() alone is a ManagerError
    loaded = await E2EEverything.objects.get(id=created.id)
    assert loaded.model_dump(exclude={"id"}) == full.model_dump(exclude={"id"})
    assert type(loaded.flag) is bool and isinstance(loaded.mood, Mood) and isinstance(loaded.price, Decimal)
    blank = await E2EEverything.objects.get(id=empty.id)
    assert blank.text is None and blank.data is None and blank.at is None and blank.flag is False
    rows = await execute_raw("SELECT at, label_text FROM e2e_everything WHERE id = ?", [created.id])
    assert rows == [{"at": "2024-02-29 13:14:15.123456", "label_text": "lbl"}]


async def test_multiple_aliases_with_using(tmp_path: Path) -> None:
    await db.init(default=f"sqlite:///{tmp_path / 'a.db'}", other=f"sqlite:///{tmp_path / 'b.db'}")
    try:
        await create_tables(models=MODELS)
        await create_tables(using="other", models=MODELS)
        await E2EAuthor.objects.create(name="in-default")
        await E2EAuthor.objects.create(name="in-other", using="other")
        assert [a.name for a in await E2EAuthor.objects.all()] == ["in-default"]
        assert [a.name for a in await E2EAuthor.objects.all(using="other")] == ["in-other"]
        async with atomic(using="other"):
            await E2EAuthor.objects.filter(name="in-other").update(age=5, using="other")
        assert (await E2EAuthor.objects.get(name="in-other", using="other")).age == 5
    finally:
        await db.close()


def test_sync_twins_without_an_event_loop(tmp_path: Path) -> None:
    db.init_sync(default=f"sqlite:///{tmp_path / 'sync.db'}")
    try:
        create_tables_sync(models=MODELS)
        ada = E2EAuthor.objects.create_sync(name="Ada", age=36)
        with atomic():
            E2EPost.objects.create_sync(title="t", author_id=ada.id)
            E2EPost.objects.filter(title="t").update_sync(views=F("views") + 1)
        assert E2EPost.objects.get_sync(title="t").views == 1
        with pytest.raises(UniqueViolationError):
            E2EAuthor.objects.create_sync(name="Ada")
        with pytest.raises(NotFoundError):
            E2EAuthor.objects.get_sync(name="nobody")
        assert E2EAuthor.objects.count_sync() == 1
        assert E2EPost.objects.delete_sync() == 1
    finally:
        db.close_sync()


def test_sync_twins_in_a_worker_thread_of_an_async_app(tmp_path: Path) -> None:
    async def main() -> list[str]:
        await db.init(default=f"sqlite:///{tmp_path / 'mixed.db'}")
        try:
            await create_tables(models=MODELS)
            await E2EAuthor.objects.create(name="Ada")
            return [a.name for a in await asyncio.to_thread(E2EAuthor.objects.all_sync)]
        finally:
            await db.close()

    assert asyncio.run(main()) == ["Ada"]
