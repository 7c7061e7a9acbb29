"""On SQLite through the real engine: Meta.constraints (CHECK) and Meta.unique_together are enforced."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Check, Field, Model  # noqa: E402
from oxyde.db import create_tables, drop_tables, execute_raw  # noqa: E402
from oxyde.exceptions import CheckViolationError, IntegrityError, UniqueViolationError  # noqa: E402


class CkAuthor(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str

    class Meta:
        is_table = True
        table_name = "ck_authors"


class CkArticle(Model):
    id: int | None = Field(default=None, db_pk=True)
    slug: str
    views: int = 0
    author: CkAuthor | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "ck_articles"
        constraints = [Check("views >= 0"), Check("length(slug) > 0", name="ck_articles_slug_set")]
        unique_together = [("author", "slug")]


MODELS = [CkAuthor, CkArticle]


@pytest.fixture
async def authors(tmp_path: Path) -> AsyncIterator[tuple[int, int]]:
    await db.init(default=f"sqlite:///{tmp_path / 'constraints.db'}")
    await create_tables(models=MODELS)
    ada = await CkAuthor.objects.create(name="Ada")
    bob = await CkAuthor.objects.create(name="Bob")
    assert ada.id is not None and bob.id is not None
    yield ada.id, bob.id
    await drop_tables(models=MODELS)
    await db.close()


async def test_the_table_carries_the_named_checks_and_the_unique_index(authors: tuple[int, int]) -> None:
    (table,) = await execute_raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ck_articles'")
    assert 'CONSTRAINT "chk_ck_articles_0" CHECK (views >= 0)' in table["sql"]
    assert 'CONSTRAINT "ck_articles_slug_set" CHECK (length(slug) > 0)' in table["sql"]
    indexes = await execute_raw("SELECT name, \"unique\" FROM pragma_index_list('ck_articles')")
    assert {"name": "ck_articles_author_id_slug_uniq", "unique": 1} in indexes
    columns = await execute_raw("SELECT name FROM pragma_index_info('ck_articles_author_id_slug_uniq') ORDER BY seqno")
    assert [c["name"] for c in columns] == ["author_id", "slug"]


async def test_rows_that_satisfy_the_constraints_insert(authors: tuple[int, int]) -> None:
    ada, bob = authors
    await CkArticle.objects.create(slug="intro", author_id=ada, views=0)
    await CkArticle(slug="intro", author_id=bob).save()  # same slug, other author
    await CkArticle.objects.bulk_create([CkArticle(slug="more", author_id=ada), CkArticle(slug="more", author_id=bob)])
    article = await CkArticle.objects.get(slug="intro", author_id=ada)
    article.views = 7
    await article.save()
    assert (await CkArticle.objects.get(id=article.id)).views == 7
    assert await CkArticle.objects.count() == 4


async def test_check_violations_raise_on_every_write_path(authors: tuple[int, int]) -> None:
    ada, _ = authors
    with pytest.raises(CheckViolationError) as create:
        await CkArticle.objects.create(slug="neg", author_id=ada, views=-1)
    assert isinstance(create.value, IntegrityError)
    with pytest.raises(CheckViolationError):
        await CkArticle.objects.create(slug="", author_id=ada)  # the named check
    with pytest.raises(CheckViolationError):
        await CkArticle(slug="neg", author_id=ada, views=-1).save()
    with pytest.raises(CheckViolationError):
        await CkArticle.objects.bulk_create(
            [CkArticle(slug="ok", author_id=ada), CkArticle(slug="neg", author_id=ada, views=-5)]
        )
    assert await CkArticle.objects.count() == 0

    article = await CkArticle.objects.create(slug="ok", author_id=ada)
    article.views = -1
    with pytest.raises(CheckViolationError):
        await article.save()
    assert (await CkArticle.objects.get(id=article.id)).views == 0


async def test_unique_together_violations_raise_on_every_write_path(authors: tuple[int, int]) -> None:
    ada, bob = authors
    await CkArticle.objects.create(slug="intro", author_id=ada)
    with pytest.raises(UniqueViolationError) as create:
        await CkArticle.objects.create(slug="intro", author_id=ada)
    assert isinstance(create.value, IntegrityError)
    with pytest.raises(UniqueViolationError):
        await CkArticle(slug="intro", author_id=ada).save()
    with pytest.raises(UniqueViolationError):
        await CkArticle.objects.bulk_create(
            [CkArticle(slug="new", author_id=ada), CkArticle(slug="intro", author_id=ada)]
        )
    with pytest.raises(UniqueViolationError):
        await CkArticle.objects.bulk_create(
            [CkArticle(slug="twice", author_id=bob), CkArticle(slug="twice", author_id=bob)]
        )
    assert await CkArticle.objects.count() == 1

    other = await CkArticle.objects.create(slug="other", author_id=ada)
    other.slug = "intro"
    with pytest.raises(UniqueViolationError):
        await other.save()
    assert (await CkArticle.objects.get(id=other.id)).slug == "other"
