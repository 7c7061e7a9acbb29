"""The top-level runtime names (resolved lazily at run time) carry their real types."""

from __future__ import annotations

from typing import Any

import oxyde
from oxyde import atomic, create_tables, db, execute_raw

from .models import Post


async def lifecycle() -> None:
    await db.init(default="sqlite://:memory:")
    await create_tables()
    async with atomic() as tx:
        created: Post = await Post.objects.create(title="x", client=tx)
    rows: list[dict[str, Any]] = await execute_raw("SELECT 1")
    database: oxyde.AsyncDatabase = await oxyde.get_connection("default")
    await oxyde.disconnect_all()
    _ = (created, rows, database)


def lifecycle_sync() -> None:
    db.init_sync(default="sqlite://:memory:")
    oxyde.create_tables_sync()
    with atomic():
        Post.objects.create_sync(title="x")
    oxyde.disconnect_all_sync()
