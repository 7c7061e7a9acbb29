"""The ``_sync`` twins carry the same types as their awaitable terminals."""

from __future__ import annotations

from typing import Any

from .models import Post


def sync_terminals(items: list[Post]) -> None:
    rows: list[Post] = Post.objects.filter(views__gte=1).all_sync()
    one: Post = Post.objects.get_sync(id=1)
    maybe: Post | None = Post.objects.get_or_none_sync(id=1)
    first: Post | None = Post.objects.first_sync()
    last: Post | None = Post.objects.filter(views=1).last_sync()
    count: int = Post.objects.count_sync()
    exists: bool = Post.objects.exists_sync()
    dicts: list[dict[str, Any]] = Post.objects.values("id").all_sync()
    tuples: list[tuple[Any, ...]] = Post.objects.values_list("id", "views").all_sync()
    created: Post = Post.objects.create_sync(title="Hi")
    bulk: list[Post] = Post.objects.bulk_create_sync(items)
    got: tuple[Post, bool] = Post.objects.get_or_create_sync(title="X")
    upserted: tuple[Post, bool] = Post.objects.update_or_create_sync(title="X", defaults={"views": 1})
    updated: int = Post.objects.update_sync(views=0)
    returned: list[Post] = Post.objects.filter(id=1).update_sync(views=0, returning=True)
    deleted: int = Post.objects.filter(id=1).delete_sync()
    incremented: int = Post.objects.filter(id=1).increment_sync("views")
    saved: Post = created.save_sync()
    refreshed: Post = created.refresh_sync()
    removed: int = created.delete_sync()
    _ = (rows, one, maybe, first, last, count, exists, dicts, tuples, bulk, got, upserted, updated)
    _ = (returned, deleted, incremented, saved, refreshed, removed)
