"""Relations, aggregates, grouping, expressions, subqueries and unions on every backend.

Each test runs on SQLite, PostgreSQL and MariaDB (the ``backend`` fixture); where a database cannot
do something (SQLite: regex, SUM of decimals) the test asserts the typed error docs/dialects.md names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ._native import require_native

require_native()

from oxyde import (  # noqa: E402
    Avg,
    Case,
    Coalesce,
    Concat,
    Count,
    Exists,
    F,
    Field,
    Length,
    Lower,
    Max,
    Min,
    Model,
    Q,
    RawSQL,
    Sum,
    Upper,
    Value,
    When,
)
from oxyde.db import create_tables  # noqa: E402
from oxyde.exceptions import FieldError, UnsupportedFeatureError  # noqa: E402

from ._backends import Backend, backend  # noqa: E402,F401


class QlCountry(Model):
    id: int | None = Field(default=None, db_pk=True)
    code: str = Field(max_length=2)

    class Meta:
        is_table = True
        table_name = "ql_countries"


class QlAuthor(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=50)
    age: int = 0
    country: QlCountry | None = None
    posts: list[QlPost] = Field(default_factory=list, db_reverse_fk="author")

    class Meta:
        is_table = True
        table_name = "ql_authors"


class QlTag(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=20)

    class Meta:
        is_table = True
        table_name = "ql_tags"


class QlPost(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=100)
    views: int = 0
    price: Decimal = Field(default=Decimal("0"), max_digits=10, decimal_places=2)
    created: dt.datetime | None = None
    author: QlAuthor = Field(db_on_delete="CASCADE")
    tags: list[QlTag] = Field(default_factory=list, db_m2m=True, db_through="QlPostTag")

    class Meta:
        is_table = True
        table_name = "ql_posts"


class QlPostTag(Model):
    id: int | None = Field(default=None, db_pk=True)
    post: QlPost = Field(db_on_delete="CASCADE")
    tag: QlTag = Field(db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "ql_post_tags"


async def seed() -> dict[str, int]:
    # Only this module's tables: every registered model would include other modules' dialect-only
    # types (test_mysql_types' LONGTEXT on PostgreSQL, TIMESTAMPTZ on MariaDB).
    await create_tables(models=[QlCountry, QlAuthor, QlTag, QlPost, QlPostTag])
    fr = await QlCountry.objects.create(code="fr")
    ada = await QlAuthor.objects.create(name="Ada", age=36, country_id=fr.id)
    linus = await QlAuthor.objects.create(name="Linus", age=54)
    await QlAuthor.objects.create(name="Nobody", age=20)
    posts = await QlPost.objects.bulk_create(
        [
            QlPost(title="Engines", views=10, price=Decimal("1.50"), created=dt.datetime(2024, 5, 1, 10), author_id=ada.id),
            QlPost(title="Notes", views=30, price=Decimal("2.25"), created=dt.datetime(2023, 1, 1), author_id=ada.id),
            QlPost(title="Linux", views=5, price=Decimal("9.99"), created=dt.datetime(2024, 12, 31, 23), author_id=linus.id),
        ]
    )
    db_tag = await QlTag.objects.create(name="db")
    await QlTag.objects.create(name="unused")
    await QlPostTag.objects.create(post_id=posts[0].id, tag_id=db_tag.id)
    return {"ada": ada.id or 0, "linus": linus.id or 0, "engines": posts[0].id or 0}


async def test_join_loads_forward_relations_once_per_key(backend: Backend) -> None:
    await seed()
    posts = await QlPost.objects.join("author", "author__country").order_by("-author__name", "id").all()
    assert [(p.title, p.author.name) for p in posts] == [("Linux", "Linus"), ("Engines", "Ada"), ("Notes", "Ada")]
    assert posts[1].author is posts[2].author  # one instance per related row
    assert posts[0].author.country is None and posts[1].author.country is not None
    assert posts[1].author.country.code == "fr"
    first = await QlPost.objects.join("author").filter(title="Notes").get()
    assert first.author.age == 36
    assert await QlPost.objects.join("author").filter(author__age__gte=40).count() == 1
    assert await QlPost.objects.join("author").exists()


async def test_filters_ordering_and_values_across_relations(backend: Backend) -> None:
    await seed()
    assert await QlPost.objects.filter(author__name="Ada").count() == 2
    assert await QlPost.objects.filter(author__country__code="fr").count() == 2
    rows = await QlPost.objects.order_by("author__name", "-views").values("title", "author__name").all()
    assert rows == [
        {"title": "Notes", "author__name": "Ada"},
        {"title": "Engines", "author__name": "Ada"},
        {"title": "Linux", "author__name": "Linus"},
    ]
    # Across a reverse FK and an M2M: no duplicate authors, whatever the number of matching posts.
    names = await QlAuthor.objects.filter(posts__title__icontains="n").order_by("name").values_list("name", flat=True).all()
    assert names == ["Ada", "Linus"]
    assert await QlPost.objects.filter(tags__name="db").values_list("title", flat=True).all() == ["Engines"]
    assert await QlAuthor.objects.exclude(posts__views__gte=0).values_list("name", flat=True).all() == ["Nobody"]


async def test_aggregates_and_terminals(backend: Backend) -> None:
    await seed()
    assert await QlPost.objects.sum("views") == 45
    assert await QlPost.objects.avg("views") == 15.0
    assert await QlPost.objects.max("created") == dt.datetime(2024, 12, 31, 23)
    assert await QlPost.objects.min("title") == "Engines"
    assert await QlPost.objects.max("price") == Decimal("9.99")
    assert await QlPost.objects.filter(views__gt=1000).sum("views") is None
    totals = await QlPost.objects.aggregate(n=Count("*"), authors=Count("author_id", distinct=True), top=Max("views"))
    assert totals == {"n": 3, "authors": 2, "top": 30}
    assert QlPost.objects.sum_sync("views") == 45
    if backend.name == "sqlite":
        with pytest.raises(UnsupportedFeatureError):
            await QlPost.objects.sum("price")
    else:
        assert await QlPost.objects.sum("price") == Decimal("13.74")
        assert await QlPost.objects.avg("price") == Decimal("4.58")


async def test_grouping_the_oxyde_and_the_django_way(backend: Backend) -> None:
    ids = await seed()
    oxyde_way = await (
        QlPost.objects.annotate(n=Count("id"), v=Sum("views")).group_by("author_id").order_by("author_id").values("author_id", "n", "v").all()
    )
    django_way = await QlPost.objects.values("author_id").annotate(n=Count("id"), v=Sum("views")).order_by("author_id").all()
    expected = [{"author_id": ids["ada"], "n": 2, "v": 40}, {"author_id": ids["linus"], "n": 1, "v": 5}]
    assert oxyde_way == expected == django_way
    busy = await QlPost.objects.annotate(n=Count("id")).group_by("author_id").having(n__gte=2).values("author_id", "n").all()
    assert busy == [{"author_id": ids["ada"], "n": 2}]
    with pytest.raises(TypeError, match="values"):
        await QlPost.objects.annotate(n=Count("id")).group_by("author_id").all()


async def test_annotate_counts_over_a_reverse_relation(backend: Backend) -> None:
    await seed()
    authors = await QlAuthor.objects.annotate(n=Count("posts"), top=Max("posts__views")).order_by("name").all()
    assert [(a.name, a.n, a.top) for a in authors] == [("Ada", 2, 30), ("Linus", 1, 5), ("Nobody", 0, None)]
    ordered = await QlAuthor.objects.annotate(n=Count("posts")).order_by("-n", "name").values_list("name", flat=True).all()
    assert ordered == ["Ada", "Linus", "Nobody"]


async def test_expressions_in_filters_and_annotations(backend: Backend) -> None:
    await seed()
    assert await QlPost.objects.filter(views__gt=F("id") * 2).count() >= 1
    assert await QlPost.objects.filter(views__gte=F("views")).count() == 3
    rows = await QlPost.objects.annotate(
        label=Concat("title", Value("!"), separator="-"),
        low=Lower("title"),
        up=Upper("title"),
        size=Length("title"),
        heat=Case(When(views__gte=10, then=Value("hot")), default=Value("cold")),
        double=F("views") * 2,
        either=Coalesce("views", Value(0)),
        tripled=RawSQL("views * ?", [3]),
    ).order_by("id").values("label", "low", "up", "size", "heat", "double", "either", "tripled").all()
    assert rows[0] == {
        "label": "Engines-!", "low": "engines", "up": "ENGINES", "size": 7, "heat": "hot", "double": 20,
        "either": 10, "tripled": 30,
    }  # fmt: skip
    assert [r["heat"] for r in rows] == ["hot", "hot", "cold"]
    joined = await QlPost.objects.annotate(t=Concat("title", "views")).order_by("id").values_list("t", flat=True).all()
    assert joined[0] == "Engines10"


async def test_date_lookups(backend: Backend) -> None:
    await seed()
    assert await QlPost.objects.filter(created__year=2024).count() == 2
    assert await QlPost.objects.filter(created__year__gte=2024).count() == 2
    assert await QlPost.objects.filter(created__month=(2024, 5)).count() == 1
    assert await QlPost.objects.filter(created__month=12).count() == 1
    assert await QlPost.objects.filter(created__day=(2023, 1, 1)).count() == 1
    assert await QlPost.objects.filter(created__date=dt.date(2024, 5, 1)).count() == 1
    assert await QlPost.objects.filter(created__range=(dt.datetime(2024, 1, 1), dt.datetime(2024, 6, 1))).count() == 1


async def test_regex_where_the_database_has_it(backend: Backend) -> None:
    await seed()
    query = QlPost.objects.filter(title__regex="^[EL]")
    if backend.name == "sqlite":
        with pytest.raises(UnsupportedFeatureError):
            await query.count()
        return
    assert await query.count() == 2
    assert await QlPost.objects.filter(title__regex="^e").count() == 0
    assert await QlPost.objects.filter(title__iregex="^e").count() == 1


async def test_subqueries_exists_union_and_random_order(backend: Backend) -> None:
    await seed()
    old = QlAuthor.objects.filter(age__gt=40)
    assert await QlPost.objects.filter(author__in=old).values_list("title", flat=True).all() == ["Linux"]
    assert await QlPost.objects.filter(author_id__in=old.values("id")).count() == 1
    assert await QlPost.objects.filter(Exists(QlTag.objects.filter(name="db"))).count() == 3
    assert await QlPost.objects.filter(~Exists(QlTag.objects.filter(name="none"))).count() == 3
    both = QlPost.objects.filter(views__gt=8).union(QlPost.objects.filter(views__lt=6))
    assert await both.values_list("title", flat=True).order_by("title").all() == ["Engines", "Linux", "Notes"]
    doubled = QlPost.objects.filter(views__gt=8).union_all(QlPost.objects.filter(views__gt=8))
    assert await doubled.count() == 4
    assert sorted(p.title for p in await QlPost.objects.order_by("?").all()) == ["Engines", "Linux", "Notes"]
    assert await QlPost.objects.order_by("views").order_by("-id").values_list("views", flat=True).all() == [5, 10, 30]
    only = await QlPost.objects.select("title").order_by("id").first()
    assert only is not None and only.title == "Engines" and only.id is not None
    with pytest.raises(FieldError):
        QlPost.objects.join("title")


def test_sql_of_joins_and_reverse_aggregates_needs_no_database() -> None:
    sql, params = QlPost.objects.join("author").filter(author__age__gte=18).sql(dialect="postgres")
    assert 'INNER JOIN "ql_authors" AS "author"' in sql and params == [18]
    sql, _ = QlAuthor.objects.annotate(n=Count("posts")).sql(dialect="mysql")
    assert "LEFT JOIN `ql_posts` AS `posts`" in sql and "GROUP BY" in sql
    ir = QlAuthor.objects.annotate(n=Count("posts"), a=Avg("age"), m=Min("age")).filter(Q(age__gt=1)).to_ir()
    assert [c["as"] for c in ir["columns"] if isinstance(c, dict)] == ["n", "a", "m"]


async def test_prefetch_reverse_fk_m2m_and_nested(backend: Backend) -> None:
    await seed()
    authors = await QlAuthor.objects.prefetch("posts", "posts__tags").order_by("name").all()
    assert [(a.name, sorted(p.title for p in a.posts)) for a in authors] == [
        ("Ada", ["Engines", "Notes"]), ("Linus", ["Linux"]), ("Nobody", []),
    ]  # fmt: skip
    tags = {p.title: [t.name for t in p.tags] for a in authors for p in a.posts}
    assert tags == {"Engines": ["db"], "Notes": [], "Linux": []}
    post = await QlPost.objects.prefetch("tags", "author").get(title="Engines")
    assert [t.name for t in post.tags] == ["db"] and post.author.name == "Ada"
    last = await QlAuthor.objects.prefetch("posts").order_by("name").last()
    assert last is not None and last.name == "Nobody" and last.posts == []
    assert await QlAuthor.objects.prefetch("posts").filter(name="none").all() == []
    with pytest.raises(FieldError):
        QlAuthor.objects.prefetch("name")


def test_prefetch_sync_twin(tmp_path: Path) -> None:
    import oxyde.db as db
    from oxyde.db import create_tables_sync

    db.init_sync(default=f"sqlite:///{tmp_path / 'p.db'}")
    try:
        create_tables_sync()
        ada = QlAuthor.objects.create_sync(name="Ada")
        QlPost.objects.create_sync(title="A", author_id=ada.id)
        author = QlAuthor.objects.prefetch("posts").first_sync()
        assert author is not None and [p.title for p in author.posts] == ["A"]
        assert [len(a.posts) for a in QlAuthor.objects.prefetch("posts").all_sync()] == [1]
    finally:
        db.close_sync()
