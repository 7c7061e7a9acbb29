"""On SQLite through the real engine: Index(where=...) is a partial index and Index(method=...) is accepted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from ._native import require_native

require_native()

import oxyde.db as db  # noqa: E402
from oxyde import Field, Index, Model  # noqa: E402
from oxyde.db import create_tables, drop_tables, execute_raw  # noqa: E402
from oxyde.exceptions import UniqueViolationError  # noqa: E402


class IxAccount(Model):
    id: int | None = Field(default=None, db_pk=True)
    email: str
    deleted: bool = False
    tag: str = ""

    class Meta:
        is_table = True
        table_name = "ix_accounts"
        indexes = [
            Index(fields=["email"], unique=True, where="deleted = 0", name="ix_accounts_live_email_uniq"),
            # SQLite indexes are always B-trees: the method is ignored there, so PostgreSQL models still work.
            Index(fields=["tag"], method="hash"),
        ]


@pytest.fixture
async def accounts(tmp_path: Path) -> AsyncIterator[None]:
    await db.init(default=f"sqlite:///{tmp_path / 'indexes.db'}")
    await create_tables(models=[IxAccount])
    yield
    await drop_tables(models=[IxAccount])
    await db.close()


async def test_sqlite_master_shows_the_partial_index_and_the_method_index(accounts: None) -> None:
    (partial,) = await execute_raw(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'ix_accounts_live_email_uniq'"
    )
    assert partial["sql"] == 'CREATE UNIQUE INDEX "ix_accounts_live_email_uniq" ON "ix_accounts" ("email") WHERE deleted = 0'
    partial_flags = await execute_raw("SELECT name, \"unique\", partial FROM pragma_index_list('ix_accounts')")
    assert {"name": "ix_accounts_live_email_uniq", "unique": 1, "partial": 1} in partial_flags
    assert {"name": "ix_accounts_tag_idx", "unique": 0, "partial": 0} in partial_flags


async def test_a_deleted_row_does_not_block_a_live_one_with_the_same_email(accounts: None) -> None:
    await IxAccount.objects.create(email="ada@example.com", deleted=True)
    await IxAccount.objects.create(email="ada@example.com", deleted=True)
    live = await IxAccount.objects.create(email="ada@example.com")
    assert await IxAccount.objects.filter(email="ada@example.com").count() == 3
    assert (await IxAccount.objects.get(deleted=False)).id == live.id


async def test_two_live_rows_with_the_same_email_are_a_unique_violation(accounts: None) -> None:
    await IxAccount.objects.create(email="bob@example.com")
    with pytest.raises(UniqueViolationError):
        await IxAccount.objects.create(email="bob@example.com")

    deleted = await IxAccount.objects.create(email="bob@example.com", deleted=True)
    deleted.deleted = False  # undeleting it would make a second live row
    with pytest.raises(UniqueViolationError):
        await deleted.save()
    assert await IxAccount.objects.filter(email="bob@example.com", deleted=False).count() == 1
