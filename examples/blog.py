"""A small blog on an SQLite file: create tables, insert, query, update, delete.

Run it with `make demo` (from the repository root). It prints what it does, then the IR and the
SQL of one query for all three dialects.
"""
from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path

from oxyde import F, Field, Model, Q, atomic, create_tables, db, drop_tables
from oxyde.exceptions import NotFoundError, UniqueViolationError

DB_FILE = Path(__file__).with_name("blog.db")


class Author(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100, db_unique=True)
    age: int = 0

    class Meta:
        is_table = True
        table_name = "authors"


class Post(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200, db_index=True)
    views: int = 0
    published_at: datetime | None = None
    author: Author | None = Field(default=None, db_on_delete="CASCADE")  # column author_id

    class Meta:
        is_table = True


async def main() -> None:
    for leftover in DB_FILE.parent.glob(DB_FILE.name + "*"):
        leftover.unlink()
    await db.init(default=f"sqlite://{DB_FILE.name}")
    try:
        await create_tables()

        ada = await Author.objects.create(name="Ada", age=36)
        linus = await Author.objects.create(name="Linus", age=54)
        print(f"created {ada!r} and {linus!r}")

        posts = await Post.objects.bulk_create(
            [
                Post(title="Engines and notes", author_id=ada.id, published_at=datetime(1843, 9, 1, 12, 30)),
                Post(title="On computable numbers (guest)", author_id=ada.id),
                Post(title="Just for fun", author_id=linus.id, views=10),
                Post(title="100% portable C; really", author_id=linus.id),
            ]
        )
        print(f"bulk-created {len(posts)} posts, ids {[p.id for p in posts]}")

        try:
            await Author.objects.create(name="Ada")
        except UniqueViolationError as exc:
            print(f"duplicate author refused: {type(exc).__name__}")

        async with atomic():
            await Post.objects.filter(author_id=linus.id).update(views=F("views") + 1)
            async with atomic():
                await Post.objects.filter(title__startswith="Just").update(title="Just for fun (2nd ed.)")

        adults = await Author.objects.filter(Q(age__gte=40) | Q(name="Ada")).order_by("-age").all()
        print("authors:", [(a.name, a.age) for a in adults])
        print("posts with '%':", await Post.objects.filter(title__contains="%").values_list("title", flat=True).all())
        print("post count by Linus:", await Post.objects.filter(author=linus).count())
        print("any unpublished?", await Post.objects.filter(published_at__isnull=True).exists())

        first = await Post.objects.order_by("id").first()
        assert first is not None
        print(f"first post: {first.title!r} published {first.published_at}")

        deleted = await Post.objects.filter(views__lt=5).delete()
        print(f"deleted {deleted} posts with fewer than 5 views")
        try:
            await Author.objects.get(name="Grace")
        except NotFoundError:
            print("no author named Grace")

        # The same API without an event loop: every terminal has a _sync twin.
        print("remaining posts (sync):", [p.title for p in await asyncio.to_thread(Post.objects.all_sync)])

        query = Author.objects.filter(age__gte=18, name__icontains="a").order_by("-age").limit(10)
        print("\nIR of one query:")
        print(json.dumps(query.to_ir(), indent=2, default=str))
        for dialect in ("sqlite", "postgres", "mysql"):
            sql, params = query.sql(dialect=dialect)
            print(f"\n{dialect}:\n  {sql}\n  params={params}")

        await drop_tables()
    finally:
        await db.close()


if __name__ == "__main__":
    asyncio.run(main())
