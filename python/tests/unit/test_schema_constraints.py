"""``Meta.constraints`` (Check) and ``Meta.unique_together`` in the ``create_table`` IR."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oxyde import Check, Field, FieldError, Index, Model
from oxyde.db import AsyncDatabase, create_tables
from oxyde.models import registry
from oxyde.models._schema import create_table_ir

from ._db_fakes import DbFakeCore
from .models import Author, Post


@pytest.fixture
def defined() -> Iterator[list[type[Model]]]:
    """Models a test defines go here and leave the registry afterwards."""
    models: list[type[Model]] = []
    yield models
    for model in models:
        registry.unregister_table(model)


def _model(
    defined: list[type[Model]], *, constraints: object = None, indexes: object = None, unique_together: object = None
) -> type[Model]:
    """An ``articles`` table with these ``Meta`` keys."""

    class Article(Model):
        id: int | None = Field(default=None, db_pk=True)
        slug: str = Field(max_length=100)
        views: int = 0
        author: Author | None = Field(default=None, db_on_delete="CASCADE")

        class Meta:
            is_table = True
            table_name = "articles"

        Meta.constraints = constraints  # type: ignore[attr-defined]
        Meta.indexes = indexes  # type: ignore[attr-defined]
        Meta.unique_together = unique_together  # type: ignore[attr-defined]

    defined.append(Article)
    return Article


def test_checks_are_named_by_position_unless_named(defined: list[type[Model]]) -> None:
    model = _model(
        defined, constraints=[Check("views >= 0"), Check("length(slug) > 0", name="slug_set"), Check("views < 10")]
    )
    assert create_table_ir(model)["checks"] == [
        {"name": "chk_articles_0", "expression": "views >= 0"},
        {"name": "slug_set", "expression": "length(slug) > 0"},
        {"name": "chk_articles_2", "expression": "views < 10"},
    ]


def test_no_constraints_sends_no_checks_key() -> None:
    assert "checks" not in create_table_ir(Author)
    assert "checks" not in create_table_ir(Post)


def test_a_constraint_that_is_not_a_check_is_rejected(defined: list[type[Model]]) -> None:
    model = _model(defined, constraints=[Index(("slug",))])
    with pytest.raises(TypeError, match="Article"):
        create_table_ir(model)


def test_unique_together_becomes_unique_indexes_on_columns(defined: list[type[Model]]) -> None:
    model = _model(
        defined,
        indexes=[Index(("views",))],
        unique_together=[("author", "slug"), ("slug", "views")],
    )
    assert create_table_ir(model)["indexes"] == [
        {"name": "articles_views_idx", "columns": ["views"], "unique": False},
        {"name": "articles_author_id_slug_uniq", "columns": ["author_id", "slug"], "unique": True},
        {"name": "articles_slug_views_uniq", "columns": ["slug", "views"], "unique": True},
    ]


def test_unique_together_accepts_the_column_field_and_a_flat_group(defined: list[type[Model]]) -> None:
    model = _model(defined, unique_together=("author_id", "slug"))
    assert model._db_meta.unique_together == [("author_id", "slug")]
    assert create_table_ir(model)["indexes"] == [
        {"name": "articles_author_id_slug_uniq", "columns": ["author_id", "slug"], "unique": True},
    ]


def test_unique_together_unknown_field_names_model_and_field(defined: list[type[Model]]) -> None:
    model = _model(defined, unique_together=[("slug", "nope")])
    with pytest.raises(FieldError, match=r"Article.*unique_together.*'nope'"):
        create_table_ir(model)


def test_unique_together_empty_group_is_rejected(defined: list[type[Model]]) -> None:
    model = _model(defined, unique_together=[()])
    with pytest.raises(FieldError, match="Article"):
        create_table_ir(model)


async def test_create_tables_sends_checks_and_unique_indexes(fake: DbFakeCore, defined: list[type[Model]]) -> None:
    model = _model(defined, constraints=[Check("views >= 0")], unique_together=[("author", "slug")])
    database = AsyncDatabase("sqlite::memory:", name="constraints", auto_register=False)
    await database.connect()
    try:
        await create_tables(database, models=[model])
    finally:
        await database.disconnect()
    (ir,) = [req["ir"] for verb, req in fake.calls if verb == "execute"]
    assert ir["type"] == "create_table" and ir["table"] == "articles"
    assert ir["checks"] == [{"name": "chk_articles_0", "expression": "views >= 0"}]
    assert ir["indexes"] == [{"name": "articles_author_id_slug_uniq", "columns": ["author_id", "slug"], "unique": True}]
