"""The awaitable API, typed without a plugin: each annotation below must hold exactly."""

from __future__ import annotations

from typing import Any

from oxyde import Q, Query, QueryManager

from .models import Author, Post, Reader


async def managers_are_typed_per_class() -> None:
    manager: QueryManager[Post] = Post.objects
    reader_manager: QueryManager[Reader] = Reader.objects
    model: type[Post] = Post.objects.model_class
    query: Query[Post, Post] = Post.objects.query()
    direct = Query(Post)  # no annotation needed: the row type is the model
    rows: list[Post] = await direct.filter(views=1).all()
    _ = (manager, reader_manager, model, query, rows)


async def model_rows() -> None:
    posts: list[Post] = await Post.objects.filter(views__gte=10).exclude(title="x").order_by("-views").all()
    everything: list[Post] = await Post.objects.all()
    sliced: list[Post] = await Post.objects[2:5].all()
    paged: list[Post] = await Post.objects.limit(10).offset(5).distinct().using("default").all()
    q_args: list[Post] = await Post.objects.filter(Q(views=1) | Q(title="a")).all()
    readers: list[Reader] = await Reader.objects.filter(name="x").all()
    _ = (posts, everything, sliced, paged, q_args, readers)


async def single_rows() -> None:
    one: Post = await Post.objects.get(id=1)
    by_q: Post = await Post.objects.filter(views=1).get(Q(id=1))
    maybe: Post | None = await Post.objects.get_or_none(id=1)
    first: Post | None = await Post.objects.order_by("id").first()
    last: Post | None = await Post.objects.last()
    count: int = await Post.objects.filter(views=0).count()
    exists: bool = await Post.objects.exists()
    _ = (one, by_q, maybe, first, last, count, exists)


async def values_rows(flag: bool) -> None:
    dicts: list[dict[str, Any]] = await Post.objects.values("id", "title").all()
    chained: list[dict[str, Any]] = await Post.objects.filter(views=1).values("id").order_by("-id").limit(3).all()
    one_dict: dict[str, Any] = await Post.objects.values("id").get(id=1)
    first_dict: dict[str, Any] | None = await Post.objects.values("id").first()
    tuples: list[tuple[Any, ...]] = await Post.objects.values_list("id", "title").all()
    last_tuple: tuple[Any, ...] | None = await Post.objects.values_list("id", "title").last()
    scalars: list[Any] = await Post.objects.values_list("id", flat=True).all()
    either: list[Any] = await Post.objects.values_list("id", flat=flag).all()
    switched: list[tuple[Any, ...]] = await Post.objects.values("id").values_list("id", "title").all()
    _ = (dicts, chained, one_dict, first_dict, tuples, last_tuple, scalars, either, switched)


async def writes(items: list[Post]) -> None:
    created: Post = await Post.objects.create(title="Hi")
    bulk: list[Post] = await Post.objects.bulk_create(items, batch_size=100)
    mixed: list[Post] = await Post.objects.bulk_create([created, {"title": "from a dict"}])
    got: tuple[Post, bool] = await Post.objects.get_or_create(title="X", defaults={"views": 0})
    upserted: tuple[Post, bool] = await Post.objects.update_or_create(title="X", defaults={"views": 1})
    updated: int = await Post.objects.filter(id=1).update(title="X")
    returned: list[Post] = await Post.objects.filter(id=1).update(title="X", returning=True)
    deleted: int = await Post.objects.filter(id=1).delete()
    incremented: int = await Post.objects.filter(id=1).increment("views", by=2)
    _ = (bulk, mixed, got, upserted, updated, returned, deleted, incremented)


async def instances(post: Post, author: Author) -> None:
    saved: Post = await post.save(update_fields=["title"])
    refreshed: Post = await post.refresh()
    deleted: int = await post.delete()
    related: list[Post] = author.posts
    _ = (saved, refreshed, deleted, related)


def inspection() -> None:
    ir: dict[str, Any] = Post.objects.filter(views=1).to_ir()
    sql: tuple[str, list[Any]] = Post.objects.filter(views=1).sql("sqlite")
    _ = (ir, sql)
