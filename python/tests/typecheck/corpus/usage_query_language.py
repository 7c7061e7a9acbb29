"""Relations, aggregates and expressions keep the row type (the typed corpus; mypy checks it)."""

from __future__ import annotations

from typing import Any

from oxyde import Case, Concat, Count, Exists, F, Lower, Sum, Value, When

from .models import Author, Post


async def relations_keep_the_model() -> None:
    joined: list[Post] = await Post.objects.join("author").filter(author__name="Ada").order_by("-author__name").all()
    prefetched: Author | None = await Author.objects.prefetch("posts").first()
    annotated: list[Author] = await Author.objects.annotate(n=Count("posts")).order_by("-n").all()
    only: list[Post] = await Post.objects.select("title").all()
    both: list[Post] = await Post.objects.filter(views__gt=1).union(Post.objects.filter(views=0)).all()
    _ = (joined, prefetched, annotated, only, both)


async def values_and_aggregates() -> None:
    grouped: list[dict[str, Any]] = await (
        Post.objects.annotate(n=Count("id")).group_by("author_id").having(n__gte=2).values("author_id", "n").all()
    )
    totals: dict[str, Any] = await Post.objects.aggregate(n=Count("*"), views=Sum("views"))
    total: Any = await Post.objects.sum("views")
    labels: list[dict[str, Any]] = await Post.objects.annotate(
        label=Concat("title", Value("!")), low=Lower("title"), hot=Case(When(views__gte=10, then=Value(True)), default=Value(False))
    ).values("label", "low", "hot").all()
    compared: list[Post] = await Post.objects.filter(Exists(Author.objects.filter(name="x")), views__gt=F("views") * 2).all()
    _ = (grouped, totals, total, labels, compared)


def sync_twins() -> None:
    totals: dict[str, Any] = Post.objects.aggregate_sync(n=Count("*"))
    top: Any = Post.objects.max_sync("views")
    _ = (totals, top)
