"""Queries through the runtime's real executor (``oxyde.db``) over a FakeCore: aliases, atomic()."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oxyde import db
from oxyde._native.core import set_core
from oxyde.db import AsyncDatabase

from .fake_core import FakeCore
from .models import Author


@pytest.fixture
def wired() -> Iterator[FakeCore]:
    fake = FakeCore()
    set_core(fake)
    db.init_sync(default="sqlite::memory:", replica="sqlite::memory:")
    try:
        yield fake
    finally:
        db.disconnect_all_sync()
        set_core(None)


def test_terminal_runs_on_registered_alias(wired: FakeCore) -> None:
    wired.rows(["id", "name", "email"], [[1, "Ada", None]])
    assert Author.objects.using("replica").get_sync(id=1).name == "Ada"
    verb, request = wired.calls[-1]
    assert verb == "execute" and request["pool"] == "replica"
    assert request["ir"]["type"] == "select"


async def test_async_terminal_with_client(wired: FakeCore) -> None:
    client = AsyncDatabase("sqlite::memory:", name="scratch", auto_register=False)
    await client.connect()
    try:
        wired.rows(["count"], [[3]])
        assert await Author.objects.count(client=client) == 3
        assert wired.calls[-1][1]["pool"] == "scratch"
    finally:
        await client.disconnect()


def test_unknown_alias_is_a_clear_error(wired: FakeCore) -> None:
    from oxyde.exceptions import PoolNotFoundError

    with pytest.raises(PoolNotFoundError):
        Author.objects.using("nope").all_sync()
