from __future__ import annotations

import asyncio
import datetime as dt
import inspect
from decimal import Decimal
from typing import Any

import pytest

from oxyde import Model, MultipleObjectsReturned, NotFoundError, Q, F, UniqueViolationError
from oxyde.queries import Query, QueryManager

from .fake_core import FakeCore
from .models import Author, Everything, Post

POST_COLS = ["id", "title", "body", "views", "author_id"]


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_all_hydrates_models_async_and_sync(core: FakeCore) -> None:
    core.rows(POST_COLS, [[1, "a", "", 3, None], [2, "b", "x", 4, 1]])
    posts = run(Post.objects.filter(views__gte=3).all())
    core.rows(POST_COLS, [[1, "a", "", 3, None]])
    sync_posts = Post.objects.filter(views__gte=3).all_sync()
    assert [p.title for p in posts] == ["a", "b"] and sync_posts[0] == posts[0]
    assert all(isinstance(p, Post) for p in posts)
    verb, request = core.calls[0]
    assert verb == "execute" and request["pool"] == "default" and request["ir"]["type"] == "select"
    assert core.calls[0][1]["ir"] == core.calls[1][1]["ir"]


def test_using_routes_to_alias(core: FakeCore) -> None:
    core.rows(POST_COLS, [])
    Post.objects.using("replica").all_sync()
    core.rows(POST_COLS, [])
    Post.objects.all_sync(using="other")
    assert [req["pool"] for _, req in core.calls] == ["replica", "other"]


def test_first_last_get(core: FakeCore) -> None:
    core.rows(POST_COLS, [[1, "a", "", 3, None]])
    assert Post.objects.order_by("views").first_sync().id == 1
    assert core.last_ir["limit"] == 1 and core.last_ir["order_by"] == [["views", "asc"]]
    core.rows(POST_COLS, [])
    assert Post.objects.last_sync() is None
    assert core.last_ir["order_by"] == [["id", "desc"]]
    core.rows(POST_COLS, [])
    Post.objects.order_by("views", "-title").last_sync()
    assert core.last_ir["order_by"] == [["views", "desc"], ["title", "asc"]]

    core.rows(POST_COLS, [[1, "a", "", 3, None]])
    assert run(Post.objects.get(id=1)).title == "a"
    assert core.last_ir["limit"] == 2 and core.last_ir["filter_tree"]["field"] == "id"
    core.rows(POST_COLS, [])
    with pytest.raises(NotFoundError):
        Post.objects.get_sync(id=1)
    core.rows(POST_COLS, [[1, "a", "", 3, None], [2, "b", "", 3, None]])
    with pytest.raises(MultipleObjectsReturned):
        run(Post.objects.get(Q(views=3)))
    core.rows(POST_COLS, [])
    assert Post.objects.get_or_none_sync(id=5) is None


def test_count_and_exists(core: FakeCore) -> None:
    core.rows(["count"], [[4]])
    assert run(Post.objects.filter(views=1).count()) == 4
    assert core.last_ir["count"] is True
    core.rows(["exists"], [[True]])
    assert Post.objects.exists_sync() is True
    assert core.last_ir["exists"] is True


def test_values_and_values_list_are_typed(core: FakeCore) -> None:
    core.rows(["label_text", "price"], [["a", "1.50"]])
    assert Everything.objects.values("label", "price").all_sync() == [{"label": "a", "price": Decimal("1.50")}]
    core.rows(["at"], [["2024-01-02 03:04:05.000006"]])
    assert Everything.objects.values_list("at", flat=True).all_sync() == [dt.datetime(2024, 1, 2, 3, 4, 5, 6)]
    core.rows(["id", "flag"], [[1, 0]])
    assert Everything.objects.values_list("id", "flag").all_sync() == [(1, False)]


def test_create_inserts_with_returning_and_sets_pk(core: FakeCore) -> None:
    core.push({"affected": 1, "columns": ["id", "name", "email"], "rows": [[7, "Ada", None]]})
    ada = run(Author.objects.create(name="Ada"))
    assert ada.id == 7 and ada.pk == 7
    assert core.last_ir == {
        "proto": 1,
        "type": "insert",
        "table": "authors",
        "model": "tests.unit.models.Author",
        "columns": ["name", "email"],
        "rows": [["Ada", None]],
        "returning": ["id", "name", "email"],
        "column_types": Author._db_meta.column_types,
        "pk": "id",
    }


def test_create_links_related_instance_and_validates(core: FakeCore) -> None:
    core.push({"affected": 1, "columns": POST_COLS, "rows": [[1, "t", "", 0, 5]]})
    post = Post.objects.create_sync(title="t", author=Author(id=5, name="A"))
    assert core.last_ir["columns"] == ["title", "body", "views", "author_id"]
    assert core.last_ir["rows"] == [["t", "", 0, 5]]
    assert post.author_id == 5
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Post.objects.create_sync(title=None)


def test_bulk_create_assigns_pks_in_batches(core: FakeCore) -> None:
    core.push(
        {"affected": 2, "columns": ["id", "name", "email"], "rows": [[1, "a", None], [2, "b", None]]},
        {"affected": 1, "columns": ["id", "name", "email"], "rows": [[3, "c", None]]},
    )
    made = run(Author.objects.bulk_create([Author(name="a"), {"name": "b"}, Author(name="c")], batch_size=2))
    assert [a.id for a in made] == [1, 2, 3]
    assert [len(ir["rows"]) for ir in core.irs] == [2, 1]
    assert Author.objects.bulk_create_sync([]) == []


def test_update_values_and_f_expressions(core: FakeCore) -> None:
    core.push({"affected": 3})
    n = run(Post.objects.filter(views__lt=5).update(views=F("views") + 1, title="x"))
    assert n == 3
    ir = core.last_ir
    assert ir["type"] == "update" and ir["values"] == {"title": "x"}
    assert ir["expressions"] == {
        "views": {"type": "binary", "op": "add", "left": {"type": "column", "name": "views"},
                  "right": {"type": "value", "value": 1}}
    }  # fmt: skip
    assert ir["filter_tree"] == {"type": "condition", "field": "views", "op": "lt", "value": 5}
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Post.objects.update_sync(views="many")


def test_delete_returns_count(core: FakeCore) -> None:
    core.push({"affected": 2})
    assert Post.objects.filter(views=0).delete_sync() == 2
    assert core.last_ir["type"] == "delete" and core.last_ir["table"] == "posts"


def test_save_inserts_then_updates_by_pk(core: FakeCore) -> None:
    author = Author(name="Ada")
    core.push({"affected": 1, "columns": ["id", "name", "email"], "rows": [[9, "Ada", None]]})
    assert author.save_sync() is author and author.id == 9
    author.name = "Grace"
    core.push({"affected": 1, "columns": ["id", "name", "email"], "rows": [[9, "Grace", None]]})
    run(author.save())
    ir = core.last_ir
    assert ir["type"] == "update" and ir["values"] == {"name": "Grace", "email": None}
    assert ir["filter_tree"] == {"type": "condition", "field": "id", "op": "eq", "value": 9}
    core.push({"affected": 1, "columns": ["id", "name", "email"], "rows": [[9, "Grace", None]]})
    author.save_sync(update_fields=["name"])
    assert core.last_ir["values"] == {"name": "Grace"}
    core.push({"affected": 0, "columns": ["id", "name", "email"], "rows": []})
    with pytest.raises(NotFoundError):
        author.save_sync()


def test_instance_delete_and_refresh(core: FakeCore) -> None:
    author = Author(id=4, name="old")
    core.rows(["id", "name", "email"], [[4, "new", "e@x"]])
    run(author.refresh())
    assert (author.name, author.email) == ("new", "e@x")
    core.push({"affected": 1})
    assert author.delete_sync() == 1
    assert core.last_ir["filter_tree"] == {"type": "condition", "field": "id", "op": "eq", "value": 4}
    core.rows(["id", "name", "email"], [])
    with pytest.raises(NotFoundError):
        author.refresh_sync()


def test_hooks_run_on_save_and_delete(core: FakeCore) -> None:
    seen: list[str] = []

    class Hooked(Model):
        id: int | None = None
        name: str = ""

        async def pre_save(self, *, is_create: bool, update_fields: Any = None) -> None:
            seen.append(f"pre_save:{is_create}")
            self.name = self.name.upper()

        async def post_delete(self) -> None:
            seen.append("post_delete")

        class Meta:
            is_table = True

    try:
        core.push({"affected": 1, "columns": ["id", "name"], "rows": [[1, "X"]]})
        h = Hooked(name="x").save_sync()
        assert core.last_ir["columns"] == ["name"] and core.last_ir["rows"] == [["X"]]
        core.push({"affected": 1})
        run(h.delete())
        assert seen == ["pre_save:True", "post_delete"]
    finally:
        from oxyde.models import registry

        registry.unregister_table(Hooked)


def test_engine_errors_surface_as_oxyde_classes(core: FakeCore) -> None:
    core.push({"error": {"code": 50, "name": "unique_violation", "message": "dup", "details": {"table": "authors"}}})
    with pytest.raises(UniqueViolationError) as info:
        Author.objects.create_sync(name="Ada")
    assert info.value.details == {"table": "authors"}


def test_sql_renders_through_core(core: FakeCore) -> None:
    core.push({"statements": [{"sql": "SELECT 1", "params": [3]}]})
    assert Post.objects.filter(views=3).sql(dialect="sqlite") == ("SELECT 1", [3])
    verb, request = core.calls[-1]
    assert verb == "render_sql" and request["dialect"] == "sqlite"
    assert request["ir"] == Post.objects.filter(views=3).to_ir()
    with pytest.raises(ValueError):
        Post.objects.query().sql(dialect="oracle")


ASYNC_TERMINALS = ["all", "first", "last", "get", "get_or_none", "count", "exists", "create", "get_or_create", "update_or_create", "increment",
                   "bulk_create", "update", "delete"]  # fmt: skip


@pytest.mark.parametrize("owner", [Query, QueryManager])
def test_every_async_terminal_has_a_sync_twin(owner: type) -> None:
    names = [n for n, f in inspect.getmembers(owner, inspect.iscoroutinefunction) if not n.startswith("_")]
    assert set(ASYNC_TERMINALS) <= set(names)
    for name in names:
        twin = getattr(owner, f"{name}_sync", None)
        assert twin is not None and not inspect.iscoroutinefunction(twin), name


def test_model_instance_terminals_have_sync_twins() -> None:
    names = [n for n, f in inspect.getmembers(Model, inspect.iscoroutinefunction)]
    terminals = [n for n in names if n in ("save", "delete", "refresh")]
    assert sorted(terminals) == ["delete", "refresh", "save"]
    for name in terminals:
        assert not inspect.iscoroutinefunction(getattr(Model, f"{name}_sync"))


def test_get_or_create_and_race(core: FakeCore) -> None:
    cols = ["id", "name", "email"]
    core.rows(cols, [[1, "Ada", None]])
    assert Author.objects.get_or_create_sync(name="Ada") == (Author(id=1, name="Ada"), False)
    core.rows(cols, []).push({"affected": 1, "columns": cols, "rows": [[2, "Bob", "b@x"]]})
    obj, created = run(Author.objects.get_or_create(name="Bob", defaults={"email": "b@x"}))
    assert created and obj.id == 2 and core.last_ir["rows"] == [["Bob", "b@x"]]
    core.rows(cols, []).push({"error": {"code": 50, "message": "dup"}}).rows(cols, [[3, "Cy", None]])
    assert Author.objects.get_or_create_sync(name="Cy") == (Author(id=3, name="Cy"), False)


def test_update_or_create_and_increment(core: FakeCore) -> None:
    cols = ["id", "name", "email"]
    core.rows(cols, [[1, "Ada", None]]).push({"affected": 1, "columns": cols, "rows": [[1, "Ada", "a@x"]]})
    obj, created = Author.objects.update_or_create_sync(name="Ada", defaults={"email": "a@x"})
    assert not created and obj.email == "a@x" and core.last_ir["values"] == {"email": "a@x"}
    core.push({"affected": 2})
    assert run(Post.objects.filter(id__in=[1, 2]).increment("views", by=5)) == 2
    assert core.last_ir["expressions"]["views"]["op"] == "add"
