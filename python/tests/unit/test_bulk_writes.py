"""The IR of upsert, bulk_update and the row-lock builders (engine behaviour: integration/test_backends_writes.py)."""

from __future__ import annotations

import pytest

from oxyde.exceptions import FieldError

from .fake_core import FakeCore
from .models import Author

COLS = ["id", "name", "email"]


def test_upsert_sends_on_conflict_and_reads_back_rows_do_nothing_left_out(core: FakeCore) -> None:
    # Two objects, one row back (DO NOTHING skipped "Ada" on PostgreSQL/SQLite): the other is read by its key.
    core.rows(COLS, [[2, "Bob", None]]).rows(COLS, [[1, "Ada", "a@x"]])
    ada, bob = Author.objects.upsert_sync([Author(name="Ada"), {"name": "Bob"}], conflict=["name"], update=[])
    insert, select = core.irs
    assert insert["on_conflict"] == {"columns": ["name"], "update": []}
    assert select["filter_tree"] == {"type": "condition", "field": "name", "op": "in", "value": ["Ada"]}
    assert (ada.id, ada.email, bob.id) == (1, "a@x", 2)


def test_upsert_updates_every_other_inserted_field_by_default(core: FakeCore) -> None:
    core.rows(COLS, [[1, "Ada", "a@x"]])
    Author.objects.upsert_sync([Author(name="Ada", email="a@x")], conflict=["name"])
    assert core.last_ir["on_conflict"] == {"columns": ["name"], "update": ["email"]}
    with pytest.raises(FieldError):
        Author.objects.upsert_sync([Author(name="Ada")], conflict=["email"])  # not a unique key
    assert len(core.irs) == 1


def test_bulk_update_is_one_case_per_field_filtered_by_pk(core: FakeCore) -> None:
    core.push({"affected": 2})
    n = Author.objects.bulk_update_sync([Author(id=1, name="A", email="x"), Author(id=2, name="B")], ["email"])
    assert n == 2
    ir = core.last_ir
    assert ir["filter_tree"] == {"type": "condition", "field": "id", "op": "in", "value": [1, 2]}
    case = ir["expressions"]["email"]
    assert [w["then"]["value"] for w in case["whens"]] == ["x", None]
    assert case["else"] == {"type": "column", "name": "email"}


def test_locks_are_left_out_of_count_and_exists(core: FakeCore) -> None:
    query = Author.objects.filter(name="Ada").for_update(nowait=True)
    core.push({"columns": ["count"], "rows": [[1]]}, {"columns": ["exists"], "rows": [[1]]}, {"columns": COLS, "rows": []})
    query.count_sync(), query.exists_sync(), query.all_sync()
    count, exists, rows = core.irs
    assert "lock" not in count and "lock" not in exists
    assert rows["lock"] == {"mode": "update", "nowait": True, "skip_locked": False}
