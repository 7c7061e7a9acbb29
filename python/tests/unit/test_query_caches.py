"""The per-model caches of the query hot path (parsed lookups, column tuple, hydration plans)
follow the model: a redefinition under the same qualname, or a re-finalization, starts fresh."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from oxyde import Field, FieldError, FieldLookupError, Model
from oxyde.models import registry

from .fake_core import FakeCore


@pytest.fixture
def clean_registry() -> Iterator[None]:
    saved = registry.registered_tables()
    yield
    registry.clear_registry()
    for model in saved.values():
        registry.register_table(model)
    registry.finalize_pending()


def _define(version: int) -> Any:
    """``Widget``, always under the same module and qualname; version 2 has other columns."""
    if version == 1:

        class Widget(Model):
            id: int | None = Field(default=None, db_pk=True)
            name: str = ""

            class Meta:
                is_table = True
                table_name = "widgets"

    else:

        class Widget(Model):  # type: ignore[no-redef]
            id: int | None = Field(default=None, db_pk=True)
            label: str = Field(default="", db_column="widget_label")
            size: int = 0

            class Meta:
                is_table = True
                table_name = "widgets"

    return Widget


def test_redefined_model_does_not_reuse_the_old_lookups_columns_or_hydration(
    core: FakeCore, clean_registry: None
) -> None:
    old = _define(1)
    assert old.objects.filter(name="a").to_ir()["filter_tree"]["field"] == "name"
    core.rows(["id", "name"], [[1, "a"]])
    assert old.objects.all_sync()[0].name == "a"

    new = _define(2)
    assert new.__qualname__ == old.__qualname__ and new is not old
    with pytest.raises(FieldError):
        new.objects.filter(name="a")
    ir = new.objects.filter(label="b", size__gte=2).to_ir()
    assert ir["columns"] == ["id", "widget_label", "size"]
    assert [c["field"] for c in ir["filter_tree"]["children"]] == ["widget_label", "size"]
    core.rows(["id", "widget_label", "size"], [[2, "b", 3]])
    (row,) = new.objects.all_sync()
    assert (type(row), row.label, row.size) == (new, "b", 3)
    assert "name" not in row.model_dump()

    core.rows(["id", "name"], [[1, "a"]])  # the old class keeps working with its own columns
    assert old.objects.all_sync()[0].name == "a"


def test_refinalized_meta_forgets_parsed_lookups(clean_registry: None) -> None:
    widget = _define(1)
    widget.objects.filter(name="a")
    assert "name" in widget._db_meta.lookups
    widget._db_meta.set_columns(list(widget._db_meta.columns.values()))
    assert widget._db_meta.lookups == {}
    assert widget._db_meta.select_columns == ("id", "name")


def test_invalid_lookups_are_not_cached_and_raise_every_time(clean_registry: None) -> None:
    widget = _define(1)
    for _ in range(2):
        with pytest.raises(FieldLookupError):
            widget.objects.filter(name__gt="a")
        with pytest.raises(FieldError):
            widget.objects.filter(missing=1)
    assert set(widget._db_meta.lookups) == set()


def test_to_ir_hands_out_copies_of_the_shared_column_parts(clean_registry: None) -> None:
    widget = _define(1)
    ir = widget.objects.to_ir()
    ir["columns"].append("bogus")
    ir["column_types"]["bogus"] = {"kind": "int64"}
    again = widget.objects.to_ir()
    assert again["columns"] == ["id", "name"]
    assert set(again["column_types"]) == {"id", "name"}


def test_set_columns_empties_every_query_cache(core: FakeCore, clean_registry: None) -> None:
    widget = _define(1)
    core.rows(["id", "name"], [[1, "a"]])
    widget.objects.filter(name="a").all_sync()  # lookups, select skeleton, model reader
    core.rows(["name"], [["a"]])
    widget.objects.values("name").all_sync()
    core.rows(["id"], [[1]])
    widget.objects.values_list("id").all_sync()
    core.push({"affected": 1, "columns": ["id", "name"], "rows": [[1, "a"]]})
    widget.objects.create_sync(name="a")
    widget.objects.filter(id=1).update_sync(name="b")
    widget.objects.filter(id=1).delete_sync()
    meta = widget._db_meta
    caches = ("lookups", "ir_skeletons", "model_readers", "dict_readers", "tuple_readers", "insert_plans")
    assert all(getattr(meta, name) for name in caches)
    assert set(meta.ir_skeletons) == {"select", "insert", "update", "delete"}
    meta.set_columns(list(meta.columns.values()))
    assert not any(getattr(meta, name) for name in caches)


def test_statement_irs_are_fresh_dicts_and_lists(core: FakeCore, clean_registry: None) -> None:
    widget = _define(1)
    query = widget.objects.filter(name="a").order_by("-id")
    core.rows(["id", "name"], [])
    query.all_sync()
    first = core.last_ir
    expected = {**first, "order_by": [["id", "desc"]]}
    first["limit"] = 99
    first["order_by"].append(["name", "asc"])
    core.rows(["id", "name"], [])
    query.all_sync()
    assert core.last_ir == expected and core.last_ir is not first
    assert widget.objects.to_ir()["filter_tree"] is None and widget.objects.to_ir()["limit"] is None

    for run in (
        lambda: widget.objects.create_sync(name="a"),
        lambda: widget.objects.filter(id=1).update_sync(name="b"),
        lambda: widget.objects.filter(id=1).delete_sync(),
    ):
        run()
        sent = core.last_ir
        pristine = {key: value for key, value in sent.items()}
        sent["table"] = "elsewhere"
        sent["filter_tree"] = {"type": "and", "children": []}
        run()
        assert core.last_ir == pristine


def test_row_readers_keep_odd_result_column_names_as_data() -> None:
    from oxyde.models._codec import decode_rows, decode_tuples, hydrate_rows

    from .models import Everything

    odd = "x'); import os  # \"\n"
    assert decode_rows(Everything, ["id", odd, "flag"], [[1, 2, 0]]) == [{"id": 1, odd: 2, "flag": False}]
    assert decode_tuples(Everything, ["flag"], [[1], [None]]) == [(True,), (None,)]
    (row,) = hydrate_rows(Everything, ["id", "flag", "ratio"], [[1, 1, 2]])
    assert (row.flag, type(row.ratio), row.ratio) == (True, float, 2.0)


def test_hydrated_private_attributes_are_per_instance(clean_registry: None) -> None:
    from pydantic import PrivateAttr

    from oxyde.models._codec import hydrate_rows

    class Cached(Model):
        id: int | None = Field(default=None, db_pk=True)
        _seen: list[int] = PrivateAttr(default_factory=list)
        _label: str = PrivateAttr(default="fresh")

        class Meta:
            is_table = True
            table_name = "cached"

    first, second = hydrate_rows(Cached, ["id"], [[1], [2]])
    first._seen.append(1)
    assert second._seen == [] and second._label == "fresh"


def test_insert_columns_follow_what_each_row_sets(core: FakeCore) -> None:
    from .models import Author, Tagged

    core.push({"affected": 2, "columns": ["id", "name", "email"], "rows": [[5, "a", None], [6, "b", None]]})
    Author.objects.bulk_create_sync([Author(id=5, name="a"), Author(name="b")])
    assert core.last_ir["columns"] == ["id", "name", "email"]
    assert core.last_ir["rows"] == [[5, "a", None], [None, "b", None]]
    Tagged.objects.create_sync(name="t")  # ``created`` has a DB default: left out when unset
    assert core.last_ir["columns"] == ["name"]
    Tagged.objects.create_sync(name="t", created=None)  # set explicitly: sent
    assert core.last_ir["columns"] == ["created", "name"]
    Tagged.objects.create_sync(name="t")
    assert core.last_ir["columns"] == ["name"]
