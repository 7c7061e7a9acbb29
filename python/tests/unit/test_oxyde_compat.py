"""Drop-in details Oxyde's users rely on: names, module paths, keyword names and the errors of
misuse (issue 14, "Drop-in details"). Behaviour learned from Oxyde's own unit tests."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

import oxyde
from oxyde import ManagerError, Model
from oxyde.db import AsyncDatabase
from oxyde.models import registry
from oxyde.queries import Query, QueryManager

from ._db_fakes import DbFakeCore
from .fake_core import FakeCore
from .models import Author, Post

POST_COLS = ["id", "title", "body", "views", "author_id"]


@pytest.fixture
def defined() -> Iterator[list[type[Model]]]:
    """Models a test defines; unregistered afterwards so they do not leak into other tests."""
    models: list[type[Model]] = []
    yield models
    for model in models:
        registry.unregister_table(model)


def test_version_is_a_release_string() -> None:
    assert isinstance(oxyde.__version__, str)
    assert re.fullmatch(r"\d+\.\d+\.\d+", oxyde.__version__)


def test_manager_model_class_is_its_own_model(defined: list[type[Model]]) -> None:
    class Parent(Model):
        id: int | None = None

        class Meta:
            is_table = True

    class Child(Parent):
        extra: str = ""

        class Meta:
            is_table = True

    defined += [Parent, Child]
    assert Post.objects.model_class is Post and Post.objects.model is Post
    assert Parent.objects is not Child.objects
    assert Parent.objects.model_class is Parent and Child.objects.model_class is Child


def test_objects_stays_a_class_var_for_pydantic() -> None:
    """Type checkers read ``objects`` through a descriptor protocol; Pydantic must still see the
    ``ClassVar`` (else ``objects`` in a subclass body is a missing-annotation error)."""
    assert "objects" in Post.__class_vars__ and "objects" not in Post.model_fields


def test_get_table_name(defined: list[type[Model]]) -> None:
    class MyModel(Model):
        id: int | None = None

        class Meta:
            is_table = True

    defined.append(MyModel)
    assert Post.get_table_name() == "posts" and Author.get_table_name() == "authors"
    assert MyModel.get_table_name() == "mymodel"


def test_oxyde_module_paths() -> None:
    from oxyde.queries import functions
    from oxyde.queries.expressions import Q

    aggregates = importlib.import_module("oxyde.queries.aggregates")
    for name in ("Aggregate", "Count", "Sum", "Avg", "Max", "Min", "Concat", "Coalesce", "RawSQL"):
        assert getattr(aggregates, name) is getattr(functions, name), name
    assert importlib.import_module("oxyde.queries.q").Q is Q
    pool = importlib.import_module("oxyde.db.pool")
    assert pool.AsyncDatabase is oxyde.AsyncDatabase and pool.PoolSettings is oxyde.PoolSettings
    db_registry = importlib.import_module("oxyde.db.registry")
    for name in ("register_connection", "unregister_connection", "get_connection", "disconnect_all"):
        assert getattr(db_registry, name) is getattr(oxyde.db, name), name
    from oxyde.db import _registry

    assert db_registry._CONNECTIONS is _registry._CONNECTIONS  # clearing it clears the registry


def test_models_package_re_exports_the_table_registry() -> None:
    models = importlib.import_module("oxyde.models")
    for name in ("register_table", "unregister_table", "registered_tables", "iter_tables", "clear_registry"):
        assert name in models.__all__ and getattr(models, name) is getattr(registry, name), name


@pytest.mark.parametrize("module", ["oxyde", "oxyde.models"])
def test_oxyde_model_is_a_deprecated_alias_of_model(module: str) -> None:
    mod = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match="OxydeModel"):
        alias = mod.OxydeModel
    assert alias is Model
    assert "OxydeModel" not in mod.__all__  # ``import *`` does not warn
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert mod.Model is Model  # the current name never warns


def test_subclassing_the_deprecated_alias_warns_and_gives_a_model(defined: list[type[Model]]) -> None:
    with pytest.warns(DeprecationWarning):

        class Legacy(oxyde.OxydeModel):
            id: int | None = None

            class Meta:
                is_table = True

    defined.append(Legacy)
    assert issubclass(Legacy, Model) and Legacy.objects.model_class is Legacy


@pytest.mark.parametrize(
    ("method", "keyword"),
    [("limit", "value"), ("offset", "value"), ("distinct", "distinct"), ("bulk_create", "objects")],
)
@pytest.mark.parametrize("owner", [Query, QueryManager])
def test_keyword_names_are_oxydes(owner: type, method: str, keyword: str) -> None:
    assert next(iter(list(inspect.signature(getattr(owner, method)).parameters)[1:])) == keyword


def test_builders_take_oxydes_keywords(core: FakeCore) -> None:
    ir = Post.objects.limit(value=3).offset(value=2).distinct(distinct=True).to_ir()
    assert (ir["limit"], ir["offset"], ir["distinct"]) == (3, 2, True)
    core.push({"affected": 1, "columns": POST_COLS, "rows": [[1, "a", "", 0, None]]})
    created = Post.objects.bulk_create_sync(objects=[{"title": "a"}])
    assert [p.id for p in created] == [1]


def test_create_without_data_is_a_manager_error(core: FakeCore) -> None:
    with pytest.raises(ManagerError):
        Post.objects.create_sync()
    with pytest.raises(ManagerError):
        asyncio.run(Post.objects.create())
    with pytest.raises(ManagerError):
        Post.objects.filter(views=1).create_sync()
    assert core.calls == []  # refused before anything ran


def test_refresh_without_a_primary_key_is_a_manager_error(core: FakeCore) -> None:
    with pytest.raises(ManagerError):
        Author(name="unsaved").refresh_sync()
    with pytest.raises(ManagerError):
        asyncio.run(Author(name="unsaved").refresh())
    assert core.calls == []


def test_save_hooks_receive_update_fields_as_a_set(core: FakeCore, defined: list[type[Model]]) -> None:
    seen: list[tuple[str, Any]] = []

    class Hooked(Model):
        id: int | None = None
        name: str = ""
        note: str = ""

        async def pre_save(self, *, is_create: bool, update_fields: set[str] | None = None) -> None:
            seen.append(("pre", update_fields))

        async def post_save(self, *, is_create: bool, update_fields: set[str] | None = None) -> None:
            seen.append(("post", update_fields))

        class Meta:
            is_table = True

    defined.append(Hooked)
    cols = ["id", "name", "note"]
    hooked = Hooked(id=1, name="a")
    core.push({"affected": 1, "columns": cols, "rows": [[1, "a", ""]]})
    hooked.save_sync(update_fields=["name", "name"])
    core.push({"affected": 1, "columns": cols, "rows": [[1, "a", ""]]})
    asyncio.run(hooked.save(update_fields=("note",)))
    core.push({"affected": 1, "columns": cols, "rows": [[1, "a", ""]]})
    hooked.save_sync()
    assert seen == [("pre", {"name"}), ("post", {"name"}), ("pre", {"note"}), ("post", {"note"}),
                    ("pre", None), ("post", None)]  # fmt: skip


def test_client_and_using_together_are_a_manager_error(fake: DbFakeCore) -> None:
    database = AsyncDatabase("sqlite://:memory:", name="default")
    with pytest.raises(ManagerError):
        Post.objects.all_sync(client=database, using="default")
    with pytest.raises(ManagerError):
        asyncio.run(Post.objects.filter(views=1).count(client=database, using="other"))
    with pytest.raises(ManagerError):
        Post.objects.using("default").first_sync(client=database)
    with pytest.raises(ManagerError):
        Author(id=1, name="a").save_sync(client=database, using="default")
    assert [verb for verb, _ in fake.calls if verb == "execute"] == []


def test_every_public_query_method_has_a_typed_manager_forwarder() -> None:
    """``QueryManager`` forwards by explicit methods (what a type checker reads); a public
    ``Query`` method without one is missing from ``Model.objects``."""
    query_methods = {n for n, _ in inspect.getmembers(Query, callable) if not n.startswith("_")}
    missing = sorted(n for n in query_methods - {"query"} if n not in vars(QueryManager))
    assert missing == []
