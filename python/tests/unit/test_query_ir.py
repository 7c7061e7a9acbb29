from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from oxyde import F, FieldError, FieldLookupError, FieldLookupValueError, Q
from oxyde.queries import Query

from .models import Author, Everything, Post, Status


def cond(field: str, op: str, value: Any) -> dict[str, Any]:
    return {"type": "condition", "field": field, "op": op, "value": value}


def test_select_ir_shape() -> None:
    q = Post.objects.filter(views__gte=18, title="x").order_by("-views", "title").limit(10).offset(20)
    assert q.to_ir() == {
        "proto": 1,
        "type": "select",
        "table": "posts",
        "model": "tests.unit.models.Post",
        "columns": ["id", "title", "body", "views", "author_id"],
        "column_types": {
            "id": {"kind": "int64"},
            "title": {"kind": "string", "length": 200},
            "body": {"kind": "string"},
            "views": {"kind": "int64"},
            "author_id": {"kind": "int64"},
        },
        "filter_tree": {"type": "and", "children": [cond("views", "gte", 18), cond("title", "eq", "x")]},
        "order_by": [["views", "desc"], ["title", "asc"]],
        "limit": 10,
        "offset": 20,
        "distinct": False,
        "count": False,
        "exists": False,
    }


def test_no_filter_gives_nil_tree_and_single_condition_is_not_wrapped() -> None:
    assert Post.objects.query().to_ir()["filter_tree"] is None
    assert Post.objects.filter(views=1).to_ir()["filter_tree"] == cond("views", "eq", 1)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("title", "a", cond("title", "eq", "a")),
        ("title__exact", None, cond("title", "eq", None)),
        ("title__ne", None, cond("title", "ne", None)),
        ("views__ne", 2, cond("views", "ne", 2)),
        ("title__iexact", "A", cond("title", "iexact", "A")),
        ("title__contains", "a%", cond("title", "contains", "a%")),
        ("title__icontains", "a", cond("title", "icontains", "a")),
        ("title__startswith", "a", cond("title", "startswith", "a")),
        ("title__istartswith", "a", cond("title", "istartswith", "a")),
        ("title__endswith", "a", cond("title", "endswith", "a")),
        ("title__iendswith", "a", cond("title", "iendswith", "a")),
        ("views__gt", 1, cond("views", "gt", 1)),
        ("views__gte", 1, cond("views", "gte", 1)),
        ("views__lt", 1, cond("views", "lt", 1)),
        ("views__lte", 1, cond("views", "lte", 1)),
        ("views__in", (1, 2), cond("views", "in", [1, 2])),
        ("views__in", [], cond("views", "in", [])),
        ("views__isnull", True, cond("views", "isnull", True)),
        ("views__range", (1, 5), cond("views", "between", [1, 5])),
        ("views__between", [1, 5], cond("views", "between", [1, 5])),
        ("author_id", 3, cond("author_id", "eq", 3)),
        ("author_id__isnull", False, cond("author_id", "isnull", False)),
        ("author", 4, cond("author_id", "eq", 4)),
        ("pk", 9, cond("id", "eq", 9)),
    ],
)
def test_every_lookup_name(key: str, value: Any, expected: dict[str, Any]) -> None:
    assert Post.objects.filter(**{key: value}).to_ir()["filter_tree"] == expected


def test_model_instance_as_fk_value() -> None:
    ada = Author(id=5, name="Ada")
    assert Post.objects.filter(author=ada).to_ir()["filter_tree"] == cond("author_id", "eq", 5)
    assert Post.objects.filter(author__in=[ada, 6]).to_ir()["filter_tree"] == cond("author_id", "in", [5, 6])


def test_filter_values_are_encoded_by_kind() -> None:
    uid = uuid.UUID(int=1)
    q = Everything.objects.filter(
        at__gte=dt.datetime(2024, 1, 2, 3, 4, 5, 6),
        day=dt.date(2024, 1, 2),
        uid=uid,
        price__between=(Decimal("1.5"), Decimal("2")),
        span__lt=dt.timedelta(seconds=1),
        status=Status.PUBLISHED,
        label="x",
    )
    assert q.to_ir()["filter_tree"]["children"] == [
        cond("at", "gte", "2024-01-02T03:04:05.000006"),
        cond("day", "eq", "2024-01-02"),
        cond("uid", "eq", str(uid)),
        cond("price", "between", ["1.5", "2"]),
        cond("span", "lt", 1_000_000),
        cond("status", "eq", "published"),
        cond("label_text", "eq", "x"),
    ]


def test_q_trees() -> None:
    q = Post.objects.filter((Q(views__gt=1) | Q(title="a")) & ~Q(body="b"), views__lt=9)
    assert q.to_ir()["filter_tree"] == {
        "type": "and",
        "children": [
            {
                "type": "and",
                "children": [
                    {"type": "or", "children": [cond("views", "gt", 1), cond("title", "eq", "a")]},
                    {"type": "not", "child": cond("body", "eq", "b")},
                ],
            },
            cond("views", "lt", 9),
        ],
    }
    assert Q(views=1, title="a").to_filter(Post) == {
        "type": "and",
        "children": [cond("views", "eq", 1), cond("title", "eq", "a")],
    }
    assert Q().to_filter(Post) == {"type": "and", "children": []}


def test_exclude_negates_the_anded_conditions() -> None:
    q = Post.objects.filter(views=1).exclude(title="a", body="b")
    assert q.to_ir()["filter_tree"] == {
        "type": "and",
        "children": [
            cond("views", "eq", 1),
            {"type": "not", "child": {"type": "and", "children": [cond("title", "eq", "a"), cond("body", "eq", "b")]}},
        ],
    }


def test_f_expression_trees() -> None:
    col = {"type": "column", "name": "views"}
    val = lambda v: {"type": "value", "value": v}  # noqa: E731
    assert (F("views") + 1).to_ir() == {"type": "binary", "op": "add", "left": col, "right": val(1)}
    assert (2 - F("views")).to_ir() == {"type": "binary", "op": "sub", "left": val(2), "right": col}
    assert (F("views") * F("views")).to_ir()["op"] == "mul"
    assert (1 / F("views")).to_ir() == {"type": "binary", "op": "div", "left": val(1), "right": col}
    assert (3 * F("views"))._node[1] == "mul"
    assert (-F("views")).to_ir() == {"type": "neg", "operand": col}
    assert (-(F("a") + F("b"))).columns() == ["a", "b"]


def test_unknown_field_names_model_and_field() -> None:
    with pytest.raises(FieldError, match=r"Post.*'nope'"):
        Post.objects.filter(nope=1)
    with pytest.raises(FieldError, match="Post"):
        Post.objects.order_by("-nope")


def test_disallowed_lookup_names_model_field_and_lookup() -> None:
    with pytest.raises(FieldLookupError) as info:
        Post.objects.filter(views__icontains="1")
    assert "Post" in str(info.value) and "views" in str(info.value) and "icontains" in str(info.value)
    with pytest.raises(FieldLookupError, match="gt"):
        Everything.objects.filter(flag__gt=True)
    with pytest.raises(FieldLookupError, match="startswith"):
        Everything.objects.filter(uid__startswith="1")


def test_unknown_lookup_on_plain_field_and_traversal() -> None:
    with pytest.raises(FieldLookupError, match="bogus"):
        Post.objects.filter(title__bogus=1)
    with pytest.raises(FieldError, match="bogus"):
        Post.objects.filter(author__bogus="x")
    node = Post.objects.filter(author__name="x").to_ir()["filter_tree"]
    assert (node["table"], node["field"], node["op"]) == ("author", "name", "eq")


@pytest.mark.parametrize(
    ("key", "value"),
    [("views__in", "abc"), ("views__in", 5), ("views__between", (1, 2, 3)), ("views__gt", None), ("title__contains", 5)],
)
def test_bad_lookup_values(key: str, value: Any) -> None:
    with pytest.raises(FieldLookupValueError):
        Post.objects.filter(**{key: value})


def test_querysets_are_immutable() -> None:
    base = Post.objects.filter(views=1)
    before = base.to_ir()
    derived = [
        base.filter(title="a"),
        base.exclude(title="a"),
        base.order_by("-views"),
        base.limit(3),
        base.offset(3),
        base[2:5],
        base[1],
        base.distinct(),
        base.values("title"),
        base.values_list("title", flat=True),
        base.using("other"),
    ]
    assert base.to_ir() == before
    assert all(isinstance(q, Query) and q is not base for q in derived)
    assert base._using is None and derived[-1]._using == "other"


def test_slicing() -> None:
    assert Post.objects[2:5].to_ir()["offset"] == 2
    assert Post.objects[2:5].to_ir()["limit"] == 3
    q = Post.objects.query()[3]
    assert (q.to_ir()["offset"], q.to_ir()["limit"]) == (3, 1)
    assert Post.objects.query()[0:4][1:3].to_ir()["offset"] == 1
    with pytest.raises(ValueError):
        Post.objects.query()[-1]
    with pytest.raises(ValueError):
        Post.objects.query()[2:]


def test_values_and_distinct_ir() -> None:
    ir = Everything.objects.values("label", "id").distinct().to_ir()
    assert ir["columns"] == ["label_text", "id"] and ir["distinct"] is True
    with pytest.raises(FieldError):
        Post.objects.values_list("title", "views", flat=True)


def test_manager_forwards_to_a_new_query() -> None:
    assert isinstance(Post.objects.query(), Query)
    assert Post.objects.filter(views=1).to_ir() == Post.objects.query().filter(views=1).to_ir()
