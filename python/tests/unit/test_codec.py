from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest

from oxyde.models._codec import decode_rows, hydrate_rows
from oxyde.models._encode import encode_value

from .models import Author, Everything, Post, Status

UID = uuid.UUID("12345678-1234-5678-1234-567812345678")


@pytest.mark.parametrize(
    ("value", "spec", "wire"),
    [
        (5, {"kind": "int64"}, 5),
        (1.5, {"kind": "float64"}, 1.5),
        (True, {"kind": "bool"}, True),
        ("x", {"kind": "string"}, "x"),
        (b"\x00\x01", {"kind": "bytes"}, b"\x00\x01"),
        (dt.datetime(2024, 5, 6, 7, 8, 9, 123456), {"kind": "datetime"}, "2024-05-06T07:08:09.123456"),
        (
            dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            {"kind": "datetime_tz"},
            "2024-05-06T07:08:09+02:00",
        ),
        (dt.date(2024, 5, 6), {"kind": "date"}, "2024-05-06"),
        (dt.time(7, 8, 9, 5), {"kind": "time"}, "07:08:09.000005"),
        (dt.timedelta(days=1, seconds=2, microseconds=3), {"kind": "timedelta"}, 86_402_000_003),
        (UID, {"kind": "uuid"}, str(UID)),
        (Decimal("12.30"), {"kind": "decimal"}, "12.30"),
        ({"a": 1}, {"kind": "json"}, '{"a":1}'),
        ([Decimal("1.5"), Decimal("2")], {"kind": "array", "item": {"kind": "decimal"}}, '["1.5","2"]'),
        (["a", "b"], {"kind": "array", "item": {"kind": "string"}}, '["a","b"]'),
        (Status.PUBLISHED, {"kind": "enum", "name": "status_enum", "values": []}, "published"),
        (None, {"kind": "int64"}, None),
        (UID, None, str(UID)),
    ],
)
def test_encode_value_per_kind(value: Any, spec: dict[str, Any] | None, wire: Any) -> None:
    assert encode_value(value, spec) == wire


def test_decode_every_kind() -> None:
    columns = list(Everything._db_meta.column_types)
    row = [
        1, 1, 2, "lbl", b"\x01", "2024-05-06 07:08:09.123456", "2024-05-06 07:08:09+02:00",
        "2024-05-06", "07:08:09.000005", 86_402_000_003, str(UID), "12.30", '{"a": 1}',
        '["x", "y"]', '["1.5", "2"]', "published",
    ]  # fmt: skip
    (values,) = decode_rows(Everything, columns, [row])
    assert values == {
        "id": 1,
        "flag": True,
        "ratio": 2.0,
        "label": "lbl",
        "data": b"\x01",
        "at": dt.datetime(2024, 5, 6, 7, 8, 9, 123456),
        "at_tz": dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        "day": dt.date(2024, 5, 6),
        "clock": dt.time(7, 8, 9, 5),
        "span": dt.timedelta(days=1, seconds=2, microseconds=3),
        "uid": UID,
        "price": Decimal("12.30"),
        "meta": {"a": 1},
        "tags": ["x", "y"],
        "amounts": [Decimal("1.5"), Decimal("2")],
        "status": Status.PUBLISHED,
    }
    assert type(values["flag"]) is bool and type(values["ratio"]) is float
    assert values["status"] is Status.PUBLISHED


def test_decode_nulls_stay_none() -> None:
    columns = ["data", "at", "uid", "price", "meta", "tags", "span"]
    (values,) = decode_rows(Everything, columns, [[None] * len(columns)])
    assert set(values.values()) == {None}


def test_hydrated_models_are_real_models() -> None:
    (author,) = hydrate_rows(Author, ["id", "name", "email"], [[7, "Ada", None]])
    assert isinstance(author, Author)
    assert author.id == 7 and author.name == "Ada" and author.email is None
    assert author == Author(id=7, name="Ada")
    assert author.model_dump() == {"id": 7, "name": "Ada", "email": None}
    assert json.loads(author.model_dump_json()) == {"id": 7, "name": "Ada", "email": None}
    assert author.model_fields_set == {"id", "name", "email"}
    author.name = "Grace"
    assert author.name == "Grace"
    assert author.model_copy(update={"id": 8}).id == 8


def test_hydration_fills_virtual_relation_and_db_column_names() -> None:
    (post,) = hydrate_rows(Post, ["id", "title", "body", "views", "author_id"], [[1, "t", "", 3, 7]])
    assert post.author is None and post.author_id == 7
    assert post == Post(id=1, title="t", views=3, author_id=7)
    (row,) = hydrate_rows(Everything, ["id", "label_text"], [[1, "hello"]])
    assert row.label == "hello"


def test_row_encoder_matches_encode_value_for_every_kind() -> None:
    from oxyde.models._encode import row_encoder

    fields = [(c.field, c.spec) for c in Everything._db_meta.columns.values()]
    samples: list[dict[str, Any]] = [
        {
            "id": 1, "flag": True, "ratio": 2, "label": "x", "data": b"\x01",
            "at": dt.datetime(2024, 5, 6, 7, 8, 9), "day": dt.date(2024, 5, 6), "clock": dt.time(7, 8),
            "span": dt.timedelta(seconds=2), "uid": UID, "price": Decimal("1.50"), "meta": {"a": 1},
            "tags": ["x"], "amounts": [Decimal("2")], "status": Status.PUBLISHED,
        },  # fmt: skip
        {"id": None, "flag": 1, "ratio": 1.5, "span": 3.7, "price": 2, "meta": "text", "tags": None},
    ]
    encode = row_encoder(Everything, fields)
    for values in samples:
        expected = [encode_value(values.get(name), spec) for name, spec in fields]
        assert [(type(v), v) for v in encode(values)] == [(type(v), v) for v in expected]
