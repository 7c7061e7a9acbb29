from __future__ import annotations

import datetime as dt

import pytest

from oxyde import Field, Model
from oxyde.models import registry
from oxyde.models._schema import create_table_ir, drop_table_ir
from oxyde.models.field import OxydeFieldInfo

from .models import Author, Everything, Post, Tagged


def test_field_returns_oxyde_field_info_with_defaults() -> None:
    info = Field(default=None, db_pk=True)
    assert isinstance(info, OxydeFieldInfo)
    assert info.db_pk is True
    assert (info.db_on_delete, info.db_on_update) == ("RESTRICT", "CASCADE")
    assert Author.model_fields["name"].db_unique is True  # type: ignore[attr-defined]


def test_meta_table_name_defaults_to_lowercased_class_name() -> None:
    assert Tagged._db_meta.table_name == "tagged"
    assert Author._db_meta.table_name == "authors"


def test_non_table_base_is_not_registered_and_fields_inherit() -> None:
    keys = registry.registered_tables()
    assert "tests.unit.models.Mixin" not in keys
    assert keys["tests.unit.models.Tagged"] is Tagged
    assert list(Tagged._db_meta.columns) == ["created", "id", "name"]


def test_fk_adds_real_column_and_keeps_relation_virtual() -> None:
    meta = Post._db_meta
    assert "author" not in meta.columns
    col = meta.columns["author_id"]
    assert col.spec == {"kind": "int64"} and col.nullable
    assert meta.relations["author"].target is Author
    post = Post(title="t", author_id=3)
    assert post.author_id == 3 and post.author is None  # type: ignore[attr-defined]


def test_column_specs_per_kind() -> None:
    types = Everything._db_meta.column_types
    assert types["id"] == {"kind": "int64"}
    assert types["flag"] == {"kind": "bool"}
    assert types["ratio"] == {"kind": "float64"}
    assert types["label_text"] == {"kind": "string"}
    assert types["data"] == {"kind": "bytes"}
    assert types["at"] == {"kind": "datetime"}
    assert types["at_tz"] == {"kind": "datetime_tz", "db_type": "TIMESTAMPTZ"}
    assert types["day"] == {"kind": "date"}
    assert types["clock"] == {"kind": "time"}
    assert types["span"] == {"kind": "timedelta"}
    assert types["uid"] == {"kind": "uuid"}
    assert types["price"] == {"kind": "decimal", "precision": 10, "scale": 2}
    assert types["meta"] == {"kind": "json"}
    assert types["tags"] == {"kind": "array", "item": {"kind": "string"}}
    assert types["amounts"] == {"kind": "array", "item": {"kind": "decimal"}}
    assert types["status"] == {"kind": "enum", "name": "status_enum", "values": ["draft", "published"]}


def test_int_enum_is_rejected() -> None:
    import enum

    class Level(enum.IntEnum):
        LOW = 1

    with pytest.raises(TypeError):

        class Bad(Model):
            id: int | None = Field(default=None, db_pk=True)
            level: Level = Level.LOW

            class Meta:
                is_table = True

    assert not [k for k in registry.registered_tables() if k.endswith(".Bad")]
    registry.finalize_pending()  # the rejected model does not poison later definitions


def test_create_table_ir_for_author_and_post() -> None:
    assert create_table_ir(Author) == {
        "proto": 1,
        "type": "create_table",
        "table": "authors",
        "if_not_exists": True,
        "columns": [
            {"name": "id", "type": {"kind": "int64"}, "nullable": False, "primary_key": True,
             "auto_increment": True, "unique": False, "default": None},
            {"name": "name", "type": {"kind": "string", "length": 100}, "nullable": False,
             "primary_key": False, "auto_increment": False, "unique": True, "default": None},
            {"name": "email", "type": {"kind": "string"}, "nullable": True, "primary_key": False,
             "auto_increment": False, "unique": False, "default": None},
        ],
        "foreign_keys": [],
        "indexes": [],
    }  # fmt: skip
    post = create_table_ir(Post)
    assert [c["name"] for c in post["columns"]] == ["id", "title", "body", "views", "author_id"]
    by_name = {c["name"]: c for c in post["columns"]}
    assert by_name["body"]["default"] == "''"
    assert by_name["views"]["default"] == "0"
    assert by_name["author_id"]["nullable"] is True
    assert post["foreign_keys"] == [
        {"name": "fk_posts_author_id", "columns": ["author_id"], "ref_table": "authors",
         "ref_columns": ["id"], "on_delete": "cascade", "on_update": "cascade"}
    ]  # fmt: skip
    assert post["indexes"] == [{"name": "posts_title_idx", "columns": ["title"], "unique": False}]
    assert drop_table_ir(Post) == {"proto": 1, "type": "drop_table", "table": "posts", "if_exists": True}


def test_meta_indexes_and_db_default() -> None:
    ir = create_table_ir(Everything)
    assert ir["indexes"] == [{"name": "everything_flag_day_idx", "columns": ["flag", "day"], "unique": False}]
    by_name = {c["name"]: c for c in ir["columns"]}
    assert by_name["flag"]["default"] == "FALSE"
    assert by_name["status"]["default"] == "'draft'"
    assert by_name["label_text"]["default"] == "'x'"
    assert create_table_ir(Tagged)["columns"][0]["default"] == "CURRENT_TIMESTAMP"


def test_forward_reference_resolves_when_target_is_defined() -> None:
    class Comment(Model):
        id: int | None = Field(default=None, db_pk=True)
        post: LatePost | None = Field(default=None, db_on_delete="CASCADE")  # noqa: F821

        class Meta:
            is_table = True

    try:
        assert not Comment._db_meta.finalized

        class LatePost(Model):
            id: int | None = Field(default=None, db_pk=True)
            at: dt.date | None = None

            class Meta:
                is_table = True

        assert Comment._db_meta.finalized
        assert Comment._db_meta.columns["post_id"].fk is not None
        ordered = registry.tables_in_dependency_order([Comment, LatePost])
        assert ordered == [LatePost, Comment]
        assert Comment(post_id=1).post_id == 1  # type: ignore[attr-defined]
    finally:
        for model in ("Comment", "LatePost"):
            for key, value in registry.registered_tables().items():
                if key.endswith(f".{model}"):
                    registry.unregister_table(value)


def test_dependency_order_puts_fk_targets_first() -> None:
    ordered = registry.tables_in_dependency_order([Post, Author])
    assert ordered.index(Author) < ordered.index(Post)


def test_registry_register_overwrite_and_clear() -> None:
    saved = registry.registered_tables()
    try:
        registry.clear_registry()
        assert registry.registered_tables() == {}
        registry.register_table(Author)
        assert list(registry.iter_tables()) == [Author]
        with pytest.raises(ValueError):
            registry.register_table(type("Author", (), {"__module__": Author.__module__, "__qualname__": "Author"}))  # type: ignore[arg-type]
        registry.unregister_table(Author)
        assert registry.registered_tables() == {}
    finally:
        registry.clear_registry()
        for model in saved.values():
            registry.register_table(model)
        registry.finalize_pending()


def test_redefining_a_model_replaces_its_registry_entry() -> None:
    def define() -> type[Model]:
        class Again(Model):
            id: int | None = Field(default=None, db_pk=True)

            class Meta:
                is_table = True

        return Again

    first, second = define(), define()
    key = registry.model_key(first)
    try:
        assert registry.registered_tables()[key] is second
    finally:
        registry.unregister_table(second)


def test_annotated_field_options_survive_pydantic_merging() -> None:
    from typing import Annotated

    class Tagline(Model):
        id: int | None = Field(default=None, db_pk=True)
        code: Annotated[str, Field(max_length=3, db_unique=True)]
        slug: Annotated[str, Field(max_length=5, db_unique=True)] = Field(default="a", db_index=True)

        class Meta:
            is_table = True

    try:
        cols = Tagline._db_meta.columns
        assert (cols["code"].unique, cols["code"].spec) == (True, {"kind": "string", "length": 3})
        assert (cols["slug"].unique, cols["slug"].index, cols["slug"].default_sql) == (True, True, "'a'")
    finally:
        registry.unregister_table(Tagline)


def test_reverse_fk_field_is_virtual_and_defaults_to_empty_list() -> None:
    class Writer(Model):
        id: int | None = Field(default=None, db_pk=True)
        books: list[Book] = Field(db_reverse_fk="writer")  # noqa: F821

        class Meta:
            is_table = True

    class Book(Model):
        id: int | None = Field(default=None, db_pk=True)
        writer: Writer | None = Field(default=None)

        class Meta:
            is_table = True

    try:
        assert list(Writer._db_meta.columns) == ["id"]
        assert Writer().books == []
        assert Book._db_meta.columns["writer_id"].fk is not None
        from oxyde.models._codec import hydrate_rows

        first, second = hydrate_rows(Writer, ["id"], [[1], [2]])
        assert first.books == [] and first.books is not second.books
    finally:
        registry.unregister_table(Writer)
        registry.unregister_table(Book)


def test_db_fk_on_a_primitive_field() -> None:
    class Note(Model):
        id: int | None = Field(default=None, db_pk=True)
        owner: int | None = Field(default=None, db_fk="authors.id", db_on_delete="SET NULL")

        class Meta:
            is_table = True

    try:
        (fk,) = create_table_ir(Note)["foreign_keys"]
        assert fk == {"name": "fk_note_owner", "columns": ["owner"], "ref_table": "authors",
                      "ref_columns": ["id"], "on_delete": "set_null", "on_update": "cascade"}  # fmt: skip
        assert Note._db_meta.relations == {}
    finally:
        registry.unregister_table(Note)
