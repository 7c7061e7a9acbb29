"""Oxyde's reading terminals on every backend: ``all(mode=...)``, ``fetch_*``,
``Model.objects.raw(sql, params)`` and ``explain()``."""

from __future__ import annotations

import json

import msgpack
import pytest

from ._native import require_native

require_native()

from oxyde import Field, Model  # noqa: E402
from oxyde.db import create_tables, get_connection_sync  # noqa: E402
from oxyde.exceptions import UnsupportedFeatureError, ValueConversionError  # noqa: E402

from ._backends import Backend, backend  # noqa: E402,F401


class RdBook(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=50, db_column="book_title")
    pages: int = 100
    rating: float | None = None

    class Meta:
        is_table = True
        table_name = "rd_books"


async def _seed() -> None:
    await create_tables(models=[RdBook])
    await RdBook.objects.bulk_create(
        [RdBook(title="a", pages=10, rating=1.5), RdBook(title="b", pages=20), RdBook(title="c", pages=30)]
    )


def _placeholder(backend: Backend, n: int) -> str:
    return f"${n}" if backend.name == "postgres" else "?"


async def test_all_modes(backend: Backend) -> None:
    await _seed()
    query = RdBook.objects.order_by("id")
    models = await RdBook.objects.all(mode="models")
    assert [b.title for b in models] == ["a", "b", "c"]
    dicts = await query.all(mode="dict")
    assert dicts[0] == {"id": 1, "title": "a", "pages": 10, "rating": 1.5}
    assert await query.all(mode="list") == [(1, "a", 10, 1.5), (2, "b", 20, None), (3, "c", 30, None)]
    packed = await query.all(mode="msgpack")
    assert isinstance(packed, bytes)
    result = msgpack.unpackb(packed)
    assert result["columns"] == ["id", "book_title", "pages", "rating"]
    assert result["rows"][0][:3] == [1, "a", 10]
    assert query.values("title").all_sync(mode="list") == [("a",), ("b",), ("c",)]
    assert query.all_sync(mode="dict") == dicts
    with pytest.raises(ValueError):
        await query.all(mode="rows")


async def test_fetch_terminals(backend: Backend) -> None:
    await _seed()
    database = get_connection_sync("default")
    query = RdBook.objects.order_by("id")
    assert (await query.fetch_all(database))[1] == {"id": 2, "title": "b", "pages": 20, "rating": None}
    assert await query.values_list("title").fetch_all(database) == [("a",), ("b",), ("c",)]
    assert await query.values_list("pages", flat=True).fetch_all() == [10, 20, 30]
    assert await query.filter(pages__gt=15).fetch_one(database) == {"id": 2, "title": "b", "pages": 20, "rating": None}
    assert await query.filter(pages__gt=99).fetch_one() is None
    assert await query.values_list("title").fetch_rows() == [{"title": t} for t in "abc"]
    books = await query.values("title").fetch_models(database)
    assert [type(b) for b in books] == [RdBook] * 3
    assert (books[2].title, books[2].pages) == ("c", 100)  # unselected fields take their defaults
    assert [b.pages for b in await query.fetch_models()] == [10, 20, 30]
    assert msgpack.unpackb(await query.fetch_msgpack(database))["rows"][2][1] == "c"
    assert query.fetch_all_sync(database) == await query.fetch_all()
    assert query.fetch_one_sync() == (await query.fetch_all())[0]
    assert [b.id for b in query.fetch_models_sync()] == [1, 2, 3]
    assert query.fetch_rows_sync() == await query.fetch_rows()
    assert query.fetch_msgpack_sync() == await query.fetch_msgpack()


async def test_raw_maps_columns_to_fields(backend: Backend) -> None:
    await _seed()
    p1 = _placeholder(backend, 1)
    books = await RdBook.objects.raw(
        f"SELECT id, book_title, pages, rating, pages * 2 AS doubled FROM rd_books WHERE pages > {p1} ORDER BY id", [15]
    )
    assert [(b.id, b.title, b.pages, b.rating) for b in books] == [(2, "b", 20, None), (3, "c", 30, None)]
    assert all(isinstance(b, RdBook) for b in books)

    # Field names work as well as column names; missing optional columns take their defaults.
    partial = await RdBook.objects.raw("SELECT book_title AS title FROM rd_books ORDER BY id")
    assert [(b.id, b.title, b.pages, b.rating) for b in partial] == [(None, "a", 100, None), (None, "b", 100, None), (None, "c", 100, None)]
    assert RdBook.objects.raw_sync(f"SELECT * FROM rd_books WHERE id = {p1}", [1]) == [await RdBook.objects.get(id=1)]
    assert await RdBook.objects.raw(f"SELECT * FROM rd_books WHERE id = {p1}", [99]) == []

    with pytest.raises(ValueConversionError) as info:
        await RdBook.objects.raw("SELECT id, pages FROM rd_books")  # no title: required
    assert info.value.details["model"] == "RdBook"


async def test_explain(backend: Backend) -> None:
    await _seed()
    query = RdBook.objects.filter(pages__gt=15, title__startswith="b")
    plan = await query.explain()
    assert plan == query.explain_sync()
    if backend.name == "sqlite":
        assert isinstance(plan, list) and plan and "detail" in plan[0]
        for options in ({"analyze": True}, {"format": "json"}):
            with pytest.raises(UnsupportedFeatureError):
                await query.explain(**options)
        return
    if backend.name == "postgres":
        assert all(isinstance(line, str) for line in plan) and "rd_books" in "\n".join(plan)
        as_json = await query.explain(format="json")
        assert isinstance(as_json, list) and "Plan" in as_json[0]
        analyzed = await query.explain(analyze=True)
        assert any("actual time" in line for line in analyzed)
        analyzed_json = await query.explain(analyze=True, format="json")
        assert "Execution Time" in analyzed_json[0]
    else:
        assert isinstance(plan, list) and plan[0]["table"] == "rd_books", plan
        as_json = await query.explain(format="json")
        assert "query_block" in as_json and "rd_books" in json.dumps(as_json)
        analyzed = await query.explain(analyze=True)
        assert isinstance(analyzed, list) and analyzed
    with pytest.raises(ValueError):
        await query.explain(format="yaml")
