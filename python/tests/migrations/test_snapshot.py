"""extract_current_schema: the models' snapshot in Oxyde's format, with every index and constraint."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from oxyde import Check, Field, Index, Model
from oxyde.migrations import extract_current_schema


class Mood(str, enum.Enum):
    HAPPY = "happy"
    SAD = "sad"


def _models() -> tuple[type[Model], type[Model]]:
    class Writer(Model):
        id: int | None = Field(default=None, db_pk=True)
        name: str = Field(max_length=100, db_index=True)
        email: str = Field(db_unique=True)
        joined: dt.datetime | None = None

        class Meta:
            is_table = True
            table_name = "writers"

    class Story(Model):
        id: int | None = Field(default=None, db_pk=True)
        title: str = Field(max_length=200)
        slug: str = Field(max_length=50, db_index=True, db_index_name="story_slug_ix")
        views: int = 0
        price: Decimal = Field(default=Decimal("1.50"), max_digits=10, decimal_places=2)
        mood: Mood = Mood.HAPPY
        done: bool = False
        token: uuid.UUID | None = None
        data: dict[str, int] | None = Field(default=None, db_type="JSONB")
        writer: Writer | None = Field(default=None, db_on_delete="SET NULL", db_unique=True)

        class Meta:
            is_table = True
            table_name = "stories"
            indexes = [Index(fields=["title"], unique=True, where="views > 0 "), Index(["views"], method="btree", name="v")]
            constraints = [Check("views >= 0"), Check("length(title) > 0", name="title_nonempty")]
            unique_together = [("writer", "slug")]

    return Writer, Story


def _fields(table: dict) -> dict[str, dict]:
    return {f["name"]: f for f in table["fields"]}


def test_tables_in_dependency_order_with_oxyde_keys() -> None:
    _models()
    snap = extract_current_schema()
    assert snap["version"] == 1
    assert list(snap["tables"]) == ["writers", "stories"]
    for table in snap["tables"].values():
        assert set(table) == {"name", "fields", "indexes", "foreign_keys", "checks", "comment"}


def test_column_types_use_oxyde_kinds() -> None:
    _models()
    fields = _fields(extract_current_schema()["tables"]["stories"])
    assert fields["id"]["column_type"] == {"kind": "big_integer"}
    assert fields["id"]["primary_key"] and fields["id"]["auto_increment"] and not fields["id"]["nullable"]
    assert fields["title"]["column_type"] == {"kind": "string", "length": 200}
    assert fields["title"]["max_length"] == 200
    assert fields["price"]["column_type"] == {"kind": "decimal", "precision": 10, "scale": 2}
    assert (fields["price"]["max_digits"], fields["price"]["decimal_places"]) == (10, 2)
    assert fields["mood"]["column_type"] == {"kind": "enum", "name": "mood_enum", "values": ["happy", "sad"]}
    assert fields["done"]["column_type"] == {"kind": "boolean"}
    assert fields["token"]["column_type"] == {"kind": "uuid"} and fields["token"]["nullable"]
    assert fields["data"]["column_type"] == {"kind": "json_binary"} and fields["data"]["db_type"] == "JSONB"
    writer = _fields(extract_current_schema()["tables"]["writers"])
    assert writer["joined"]["column_type"] == {"kind": "date_time"}


def test_defaults_are_sql_literals() -> None:
    _models()
    fields = _fields(extract_current_schema()["tables"]["stories"])
    assert fields["views"]["default"] == "0"
    assert fields["price"]["default"] == "1.50"
    assert fields["mood"]["default"] == "'happy'"
    assert fields["done"]["default"] == "FALSE"
    assert fields["token"]["default"] is None


def test_db_index_db_unique_meta_indexes_and_unique_together_reach_the_snapshot() -> None:
    _models()
    snap = extract_current_schema()
    stories, writers = snap["tables"]["stories"], snap["tables"]["writers"]
    assert _fields(writers)["email"]["unique"]
    assert _fields(stories)["writer_id"]["unique"]  # db_unique on an FK (Oxyde #34)
    indexes = {i["name"]: i for i in stories["indexes"]}
    assert indexes["story_slug_ix"] == {"name": "story_slug_ix", "fields": ["slug"], "unique": False, "method": None, "where": None}
    assert indexes["stories_title_idx"]["unique"] and indexes["stories_title_idx"]["where"] == "views > 0"
    assert indexes["v"]["method"] == "btree"
    assert indexes["stories_writer_id_slug_uniq"] == {
        "name": "stories_writer_id_slug_uniq", "fields": ["writer_id", "slug"], "unique": True, "method": None, "where": None,
    }
    assert [i["name"] for i in writers["indexes"]] == ["writers_name_idx"]


def test_foreign_keys_and_checks() -> None:
    _models()
    stories = extract_current_schema()["tables"]["stories"]
    assert stories["foreign_keys"] == [
        {
            "name": "fk_stories_writer_id",
            "columns": ["writer_id"],
            "ref_table": "writers",
            "ref_columns": ["id"],
            "on_delete": "SET NULL",
            "on_update": "CASCADE",
        }
    ]
    assert stories["checks"] == [
        {"name": "chk_stories_0", "expression": "views >= 0"},
        {"name": "title_nonempty", "expression": "length(title) > 0"},
    ]


def test_only_registered_tables_and_same_for_every_dialect() -> None:
    from oxyde.models.registry import clear_registry, register_table

    writer, story = _models()
    clear_registry()
    register_table(writer)
    snaps = [extract_current_schema(d) for d in ("sqlite", "postgres", "mysql")]
    assert list(snaps[0]["tables"]) == ["writers"]
    assert snaps[0] == snaps[1] == snaps[2]
