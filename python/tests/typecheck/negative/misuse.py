"""Misuses the typed API must reject. Each line marked ``# expect: <code>`` must get exactly that
mypy error code and no other line may get one (``tests/typecheck/test_mypy_rejects.py``)."""

from __future__ import annotations

import oxyde
from tests.typecheck.corpus.models import Author, Post, Reader


async def wrong_row_types() -> None:
    a: list[int] = await Post.objects.all()  # expect: assignment
    b: list[Reader] = await Author.objects.filter(name="x").all()  # expect: assignment
    c: Author = await Post.objects.get(id=1)  # expect: assignment
    d: Post = await Post.objects.get_or_none(id=1)  # expect: assignment
    e: Post = await Post.objects.order_by("id").first()  # expect: assignment
    f: str = await Post.objects.count()  # expect: assignment
    _ = (a, b, c, d, e, f)


async def values_are_not_models() -> None:
    a: list[Post] = await Post.objects.values("id").all()  # expect: assignment
    b: list[Post] = await Post.objects.values_list("id", "title").all()  # expect: assignment
    c: list[dict[str, object]] = await Post.objects.values_list("id").all()  # expect: assignment
    d: Post = await Post.objects.filter(views=1).values("id").get(id=1)  # expect: assignment
    _ = (a, b, c, d)


async def writes() -> None:
    a: list[Post] = await Post.objects.filter(id=1).update(title="x")  # expect: assignment
    b: int = await Post.objects.filter(id=1).update(title="x", returning=True)  # expect: assignment
    c: tuple[Author, bool] = await Post.objects.get_or_create(title="x")  # expect: assignment
    d: Author = Post.objects.create_sync(title="x")  # expect: assignment
    await Post.objects.bulk_create([1])  # expect: list-item
    _ = (a, b, c, d)


def calls() -> None:
    Post.objects.no_such_method()  # expect: attr-defined
    Post.objects.limit(n=3)  # expect: call-arg
    Post.objects.filter("title")  # expect: arg-type


async def top_level_names() -> None:
    await oxyde.create_tabels()  # expect: attr-defined
    await oxyde.db.init(default=1)  # expect: arg-type
