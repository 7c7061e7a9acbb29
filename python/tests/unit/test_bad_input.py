"""Bad input raises an ``oxyde.exceptions`` class naming what was wrong, before the engine sees it
(issue 12, defects 7 and 8): ints outside int64, NaN (values and defaults), values without a wire form, lone
surrogates, non-bool ``isnull``, non-str ``order_by``, huge ``limit``, too-deep ``Q``/``F``, bad URLs and settings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import msgpack
import pytest

from oxyde import F, Field, Model, Q
from oxyde._native._wire import UnsendableValueError, pack_error, wire_default
from oxyde.db import AsyncDatabase, PoolSettings
from oxyde.db._raw import raw_ir
from oxyde.exceptions import FieldError, FieldLookupValueError, InvalidUrlError, IRError, ValueConversionError
from oxyde.models._schema import create_table_ir
from oxyde.queries.expressions import MAX_DEPTH

from ._db_fakes import DbFakeCore
from .fake_core import FakeCore
from .models import Everything, Post

TOO_BIG = [2**63, 2**64, 10**30, -(2**63) - 1]
NAN = float("nan")


# --- integers outside int64 ----------------------------------------------------------------------


@pytest.mark.parametrize("value", TOO_BIG)
def test_int_outside_int64_in_a_filter_names_model_field_and_lookup(value: int) -> None:
    with pytest.raises(ValueConversionError) as info:
        Post.objects.filter(views=value)
    assert info.value.details["model"] == "Post" and info.value.details["field"] == "views"
    with pytest.raises(ValueConversionError) as info:
        Post.objects.filter(views__in=[1, value])
    assert info.value.details["lookup"] == "in"
    with pytest.raises(ValueConversionError):
        Post.objects.filter(views__between=(0, value))


@pytest.mark.parametrize("value", TOO_BIG)
def test_int_outside_int64_is_refused_on_every_write_before_the_engine(core: FakeCore, value: int) -> None:
    with pytest.raises(ValueConversionError) as info:
        Post.objects.create_sync(title="t", views=value)
    assert info.value.details["field"] == "views"
    with pytest.raises(ValueConversionError):
        Post.objects.bulk_create_sync([Post(title="a"), Post(title="b", views=value)])
    with pytest.raises(ValueConversionError):
        Post.objects.filter(id=1).update_sync(views=value)
    with pytest.raises(ValueConversionError):
        Post.objects.filter(id=1).update_sync(views=F("views") + value)
    post = Post(id=1, title="t")
    post.views = value  # no validate_assignment: the write path must still catch it
    with pytest.raises(ValueConversionError):
        post.save_sync()
    post = Post(id=value, title="t")
    with pytest.raises(ValueConversionError) as info:
        post.delete_sync()
    assert info.value.details["field"] == "id"
    assert core.calls == []


def test_int64_bounds_pass_and_a_float_column_takes_a_wide_int_as_float(core: FakeCore) -> None:
    for value in (2**63 - 1, -(2**63)):
        assert Post.objects.filter(views=value).to_ir()["filter_tree"]["value"] == value
    core.push({"columns": ["id"], "rows": [[1]]})
    Post.objects.create_sync(title="t", views=2**63 - 1)
    ir = core.last_ir
    assert ir["rows"][0][ir["columns"].index("views")] == 2**63 - 1
    wide = Everything.objects.filter(ratio=10**30).to_ir()["filter_tree"]["value"]
    assert type(wide) is float and wide == 1e30
    with pytest.raises(ValueConversionError):
        Everything.objects.filter(ratio=10**400)


def test_raw_params_outside_int64_are_refused_naming_the_parameter() -> None:
    assert raw_ir("SELECT ?", [2**63 - 1])["params"] == [2**63 - 1]
    for value in TOO_BIG:
        with pytest.raises(ValueConversionError) as info:
            raw_ir("SELECT ?, ?", [1, value])
        assert info.value.details == {"parameter": 2}


# --- NaN --------------------------------------------------------------------------------------------


def test_nan_is_refused_on_every_write_and_in_filters(core: FakeCore) -> None:
    with pytest.raises(ValueConversionError) as info:
        Everything.objects.create_sync(ratio=NAN)
    assert info.value.details["model"] == "Everything" and info.value.details["field"] == "ratio"
    with pytest.raises(ValueConversionError):
        Everything.objects.bulk_create_sync([Everything(), Everything(ratio=NAN)])
    with pytest.raises(ValueConversionError):
        Everything.objects.filter(id=1).update_sync(ratio=NAN)
    row = Everything(id=1, ratio=1.0)
    row.ratio = NAN
    with pytest.raises(ValueConversionError):
        row.save_sync()
    with pytest.raises(ValueConversionError):
        Everything.objects.filter(ratio__gt=NAN)
    with pytest.raises(ValueConversionError):
        Everything.objects.filter(price=NAN)  # a decimal column: "nan" text is not a number either
    assert core.calls == []


def test_infinities_are_values() -> None:
    for value in (math.inf, -math.inf):
        assert Everything.objects.filter(ratio=value).to_ir()["filter_tree"]["value"] == value
    with pytest.raises(ValueConversionError):
        Everything.objects.filter(span=math.inf)  # microseconds of a duration are an int


# --- values without a wire form --------------------------------------------------------------------


def test_a_value_without_a_wire_form_names_the_field() -> None:
    with pytest.raises(ValueConversionError) as info:
        Post.objects.filter(views=object())
    assert info.value.details["field"] == "views"
    with pytest.raises(ValueConversionError):
        Post.objects.filter(title__in=["a", object()])
    with pytest.raises(ValueConversionError) as info:
        Everything.objects.filter(meta={"a": object()})  # a JSON column: no JSON form
    assert info.value.details["field"] == "meta"


# --- values the packer refuses -----------------------------------------------------------------------


@pytest.fixture
def packing(core: FakeCore, monkeypatch: pytest.MonkeyPatch) -> FakeCore:
    """The FakeCore, packing each request as the native core does, so pack failures surface."""
    call = core.call
    packer = msgpack.Packer(use_bin_type=True, default=wire_default)

    def packing_call(verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        try:
            packer.pack(request)
        except (UnicodeEncodeError, UnsendableValueError) as exc:  # as NativeCore.call does
            raise pack_error(request.get("ir", request), exc) from None
        return call(verb, request)

    monkeypatch.setattr(core, "call", packing_call)
    return core


def test_lone_surrogate_names_model_and_column(packing: FakeCore) -> None:
    post = Post(title="t")
    post.title = "a\ud800b"  # create() and update() validate (Pydantic refuses it); an assignment does not
    with pytest.raises(ValueConversionError) as info:
        post.save_sync()  # no pk: an INSERT of the instance as it is
    assert info.value.details == {"model": "Post", "column": "title"}
    with pytest.raises(ValueConversionError) as info:
        Post.objects.filter(views=1, title__contains="\udfff").all_sync()
    assert info.value.details == {"model": "Post", "column": "title"}
    with pytest.raises(ValueConversionError) as info:
        Post.objects.filter(id=1).update_sync(body="\ud800")
    assert info.value.details == {"model": "Post", "column": "body"}
    assert packing.calls == []
    Post.objects.filter(id=1).update_sync(body="\u00e9\U0001f680")  # a real pair packs and is sent
    assert len(packing.calls) == 1


async def test_lone_surrogate_on_the_async_path(packing: FakeCore) -> None:
    with pytest.raises(ValueConversionError) as info:
        await Post.objects.filter(title__in=["ok", "\ud800"]).all()
    assert info.value.details == {"model": "Post", "column": "title"}


# --- query arguments -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["false", "true", 0, 1, None])
def test_isnull_takes_only_a_bool(value: Any) -> None:
    with pytest.raises(FieldLookupValueError, match="isnull"):
        Post.objects.filter(title__isnull=value)


def test_isnull_false_means_not_null() -> None:
    assert Post.objects.filter(title__isnull=False).to_ir()["filter_tree"]["value"] is False


@pytest.mark.parametrize("spec", [123, None, b"title"])
def test_order_by_takes_field_names_or_expressions(spec: Any) -> None:
    with pytest.raises(FieldError, match="order_by"):
        Post.objects.order_by(spec)


@pytest.mark.parametrize("n", [2**63, 2**64, 10**30, -1, "5", 1.5, True])
def test_limit_and_offset_are_int64_row_counts(n: Any) -> None:
    with pytest.raises(ValueConversionError):
        Post.objects.limit(n)
    with pytest.raises(ValueConversionError):
        Post.objects.query().offset(n)


def test_limit_bounds_and_slices() -> None:
    assert Post.objects.limit(2**63 - 1).to_ir()["limit"] == 2**63 - 1
    with pytest.raises(ValueConversionError):
        Post.objects.query()[0 : 2**64]
    with pytest.raises(ValueConversionError):
        Post.objects.query()[2**64]


# --- nesting ----------------------------------------------------------------------------------------


def nested_q(depth: int) -> Q:
    """A ``Q`` whose filter node is ``depth`` levels deep (``not`` nodes over one condition)."""
    q = Q(views=1)
    for _ in range(depth - 1):
        q = ~q
    return q


def nested_f(depth: int) -> F:
    expr = F("views")
    for _ in range(depth - 1):
        expr = -expr
    return expr


def test_q_as_deep_as_the_engine_allows_builds_and_deeper_is_an_ir_error() -> None:
    assert nested_q(MAX_DEPTH)._depth() == MAX_DEPTH
    Post.objects.filter(nested_q(MAX_DEPTH)).to_ir()
    for depth in (MAX_DEPTH + 1, 1_000, 100_000):
        with pytest.raises(IRError) as info:
            Post.objects.filter(nested_q(depth))
        assert info.value.code == 13 and info.value.name == "ir_too_deep"
        assert info.value.details == {"key": "filter_tree", "limit": str(MAX_DEPTH)}


def test_q_depth_counts_the_nodes_the_filter_tree_gets() -> None:
    wide = Q(views=1) | Q(title="a")  # an or node over two conditions
    assert wide._depth() == 2 and (~wide)._depth() == 3
    assert Q(views=1, title="a")._depth() == 2 and Q()._depth() == 1
    left_deep = Q(views=0)
    for n in range(1, 1_000):
        left_deep = left_deep & Q(views=n)
    assert left_deep._depth() == 1_000
    with pytest.raises(IRError):
        Post.objects.filter(left_deep)


def test_deep_f_expression_is_an_ir_error(core: FakeCore) -> None:
    Post.objects.filter(id=1).update_sync(views=nested_f(MAX_DEPTH))
    with pytest.raises(IRError) as info:
        Post.objects.filter(id=1).update_sync(views=nested_f(5_000))
    assert info.value.details["key"] == "expressions"


# --- connections -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["", "foo", "http://x", "oracle://h/d", "sqlite:///tmp/a\x00b.db", "sqlite:///tmp/\ud800.db"]
)
def test_bad_urls_are_invalid_url_errors_before_any_engine_call(fake: DbFakeCore, url: str) -> None:
    with pytest.raises(InvalidUrlError) as info:
        AsyncDatabase(url)
    assert info.value.code == 30
    assert fake.calls == []


@pytest.mark.parametrize(
    "settings",
    [
        PoolSettings(max_connections=2**64),
        PoolSettings(max_connections=10**30),
        PoolSettings(sqlite_cache_size=2**31),
        PoolSettings(acquire_timeout=10**400),
        PoolSettings(idle_timeout=math.inf),
        PoolSettings(acquire_timeout=-1),
        PoolSettings(sqlite_journal_mode="\ud800"),
        PoolSettings(sqlite_synchronous="NOR\x00MAL"),
    ],
)
def test_out_of_range_settings_are_value_conversion_errors(settings: PoolSettings) -> None:
    with pytest.raises(ValueConversionError) as info:
        settings.to_payload()
    assert "setting" in info.value.details


# --- defaults ------------------------------------------------------------------------------------------


def test_nan_default_is_refused_when_the_model_is_defined() -> None:
    with pytest.raises(FieldError, match="NanDefault.score"):

        class NanDefault(Model):
            id: int | None = Field(default=None, db_pk=True)
            score: float = NAN

            class Meta:
                is_table = True

    with pytest.raises(FieldError, match="NanDbDefault.score"):

        class NanDbDefault(Model):
            id: int | None = Field(default=None, db_pk=True)
            score: float = Field(default=0.0, db_default=NAN)

            class Meta:
                is_table = True


def test_infinite_default_has_no_ddl_literal_and_numeric_db_default_is_rendered() -> None:
    class InfDefault(Model):
        id: int | None = Field(default=None, db_pk=True)
        top: float = math.inf
        half: float = Field(default=0.0, db_default=0.5)

        class Meta:
            is_table = True

    defaults = {c["name"]: c["default"] for c in create_table_ir(InfDefault)["columns"]}
    assert defaults == {"id": None, "top": None, "half": "0.5"}
    with pytest.raises(FieldError, match="BadDbDefault.at"):

        class BadDbDefault(Model):
            id: int | None = Field(default=None, db_pk=True)
            at: str = Field(default="", db_default=object())

            class Meta:
                is_table = True
