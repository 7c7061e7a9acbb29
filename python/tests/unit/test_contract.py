"""Our builders emit exactly the shared IR samples in tests/contract (the engine decodes them too)."""

from __future__ import annotations

import datetime as dt
import enum
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgpack
import pytest

from oxyde import F, Field, Model, Q
from oxyde.models import registry
from oxyde.models._schema import create_table_ir
from oxyde.queries._write import insert_ir

CONTRACT = Path(__file__).resolve().parents[3] / "tests" / "contract"


def sample(name: str) -> dict[str, Any]:
    """The sample with its ``model`` key rewritten to this module's class (``app.User`` -> ours)."""
    data = json.loads((CONTRACT / f"{name}.json").read_text())
    assert msgpack.unpackb((CONTRACT / f"{name}.msgpack").read_bytes()) == data
    if "model" in data:
        data["model"] = f"{__name__}.{data['model'].split('.')[-1]}"
    return data


class PostStatus(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"


class User(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100)
    age: int
    status: str = Field(default="active", max_length=20)

    class Meta:
        is_table = True
        table_name = "users"


class Scored(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100)
    age: int
    score: float | None = None

    class Meta:
        is_table = True
        table_name = "users"


class Writer(Model):
    id: int | None = Field(default=None, db_pk=True)

    class Meta:
        is_table = True
        table_name = "authors"


class Post(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200, db_unique=True, db_index=True)
    price: Decimal | None = Field(default=Decimal(0), max_digits=10, decimal_places=2)
    status: PostStatus = PostStatus.DRAFT
    tags: list[str] | None = None
    author: Writer = Field(db_on_delete="CASCADE", db_on_update="NO ACTION")
    views: int = 0
    created_at: dt.datetime | None = None

    class Meta:
        is_table = True
        table_name = "posts"


@pytest.fixture(autouse=True, scope="module")
def _unregister() -> Any:
    yield
    for model in (User, Scored, Writer, Post):
        registry.unregister_table(model)


def test_select_sample() -> None:
    q = (
        User.objects.filter(age__gte=18)
        .filter(Q(status__in=["active", "pending"]) | ~Q(name__icontains="bot"))
        .filter(status__ne=None)
        .order_by("-age", "name")[20:30]
    )
    assert q.to_ir() == sample("select_filter_order_limit")


def test_insert_sample() -> None:
    rows = [Scored(name="Ada", age=36, score=9.5), Scored(name="Linus", age=54), Scored(name="Grace", age=85, score=10.0)]
    ir = insert_ir(Scored, rows)
    ir["model"] = f"{__name__}.User"  # same table, other class
    expected = sample("insert_bulk")
    assert expected.pop("column_types").items() <= ir.pop("column_types").items()
    assert ir == expected


def test_update_sample() -> None:
    expected = sample("update_f_expression")
    q = Post.objects.filter(id=42)
    from oxyde.queries._write import update_ir

    ir = update_ir(Post, {"title": "New", "views": F("views") + 1}, q._filter_tree(), returning=True)
    assert expected["column_types"].items() <= ir.pop("column_types").items()
    assert ir.pop("returning")[0] == "id"
    expected.pop("column_types"), expected.pop("returning")
    assert ir == expected


def test_delete_sample() -> None:
    expected = sample("delete_filtered")
    q = Post.objects.filter(created_at__between=("2024-01-01 00:00:00", "2024-12-31 23:59:59"))
    ir = q._delete_ir()
    assert expected["column_types"].items() <= ir.pop("column_types").items()
    expected.pop("column_types")
    assert ir == expected


def test_create_table_sample() -> None:
    expected = sample("create_table")
    ir = create_table_ir(Post)
    ir["columns"] = [c for c in ir["columns"] if c["name"] not in ("views", "created_at")]
    status = next(c for c in ir["columns"] if c["name"] == "status")
    assert status["type"]["name"] == "post_status_enum"  # Oxyde's naming; the sample names it freely
    status["type"]["name"] = "post_status"
    ir["columns"].sort(key=lambda c: [x["name"] for x in expected["columns"]].index(c["name"]))
    assert ir == expected


def test_raw_script_sample() -> None:
    from oxyde.db._raw import raw_ir, script_ir

    expected = sample("raw_script")
    assert script_ir(expected["sql"]) == expected
    assert raw_ir("SELECT id, name FROM users WHERE age > ? AND name LIKE ?", [30, "A%"]) == sample("raw_params")
