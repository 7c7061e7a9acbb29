"""Django's ORM (Debian python3-django) on the SQLite suite's file and pragmas, and on the bench servers."""
from __future__ import annotations

from . import _relations as r, _server as s
from ._common import AGE_CUTOFF, PRAGMAS, Impl, row


def build(path: str) -> Impl:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": path}},
            INSTALLED_APPS=["peers"],  # the relation models' app: reverse relations need an installed app
            USE_TZ=False,
            DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        )
        django.setup()
    from django.db import connection, models
    from django.db.backends.signals import connection_created

    def pragmas(sender, connection, **kwargs):  # noqa: ANN001
        cur = connection.cursor()
        for k, v in PRAGMAS.items():
            cur.execute(f"PRAGMA {k}={v}")

    connection_created.connect(pragmas)

    class BenchUser(models.Model):
        name = models.CharField(max_length=100)
        email = models.CharField(max_length=200)
        age = models.IntegerField()
        active = models.BooleanField()

        class Meta:
            app_label = "bench"
            db_table = "bench_user"

    counter = iter(range(10**9))
    objects = BenchUser.objects

    def insert_single() -> None:
        n, e, a, t = row(next(counter))
        objects.create(name=n, email=e, age=a, active=t)

    def insert_bulk_100() -> None:
        objects.bulk_create(
            [BenchUser(name=n, email=e, age=a, active=t) for n, e, a, t in (row(next(counter)) for _ in range(100))]
        )

    ops = dict(
        select_pk=lambda: objects.get(id=500),
        filter_simple=lambda: list(objects.filter(age=42)),
        select_filter=lambda: list(objects.filter(age__gte=AGE_CUTOFF)),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: objects.filter(id=7).update(age=next(counter) % 100),
        count=lambda: objects.filter(age__gte=AGE_CUTOFF).count(),
        **relation_ops(),
    )
    return Impl(f"django {django.get_version()}", ops, close=connection.close)


def build_server(srv: s.Server) -> s.ServerImpl:
    """Django on a server (psycopg2 for PostgreSQL, mysqlclient for MariaDB), one persistent
    connection in autocommit, as a Django process outside the request cycle keeps it."""
    import django
    from django.conf import settings


    engine = {"postgres": "django.db.backends.postgresql", "mysql": "django.db.backends.mysql"}[srv.backend]
    options = {"charset": "utf8mb4"} if srv.backend == "mysql" else {}
    settings.configure(
        DATABASES={"default": {
            "ENGINE": engine, "NAME": srv.database, "USER": srv.user, "PASSWORD": srv.password,
            "HOST": srv.host, "PORT": str(srv.port), "CONN_MAX_AGE": None, "OPTIONS": options,
        }},
        INSTALLED_APPS=["peers"],  # the relation models' app: reverse relations need an installed app
        USE_TZ=False,
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    )
    django.setup()
    from django.db import connection, models
    from django.db.models import Count, Q

    class BenchUser(models.Model):
        name = models.CharField(max_length=100)
        email = models.CharField(max_length=200)
        age = models.IntegerField()
        active = models.BooleanField()

        class Meta:
            app_label = "bench"
            db_table = s.TABLE

    objects = BenchUser.objects
    victims = s.Victims()

    def insert_bulk_100() -> list:
        return objects.bulk_create(
            [BenchUser(name=n, email=e, age=a, active=t) for n, e, a, t in (s.new_row() for _ in range(100))]
        )

    def insert_single() -> int:
        n, e, a, t = s.new_row()
        return objects.create(name=n, email=e, age=a, active=t).id

    def concurrent(n: int):
        ids = s.CONCURRENT_IDS[:n]
        return lambda: [objects.get(id=i) for i in ids]

    ops = dict(
        select_pk=lambda: objects.get(id=s.PK),
        filter_simple=lambda: list(objects.filter(age=s.AGE_EQ)),
        select_filter=lambda: list(objects.filter(age__gte=s.AGE_CUTOFF)),
        count=lambda: objects.filter(age__gte=s.AGE_CUTOFF).count(),
        filter_complex=lambda: list(objects.filter(
            Q(age__gte=s.COMPLEX_LO, age__lte=s.COMPLEX_HI, active=True, name__startswith=s.COMPLEX_PREFIX)
            | Q(age=s.COMPLEX_OR_AGE)
        )),
        filter_in=lambda: list(objects.filter(id__in=s.IN_IDS)),
        order_limit=lambda: list(objects.filter(active=True).order_by("-age", "id")[: s.ORDER_LIMIT]),
        aggregate_count=lambda: list(objects.filter(active=True).values("age").annotate(n=Count("id")).order_by()),
        concurrent_10=concurrent(10),
        concurrent_100=concurrent(100),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: objects.filter(id=s.UPDATE_PK).update(name=f"upd{s.unique()}"),
        update_bulk=lambda: objects.filter(age__gte=s.BULK_LO, age__lte=s.BULK_HI).update(
            email=f"bulk{s.unique()}@example.com"
        ),
        delete_single=lambda: objects.filter(id=victims()).delete()[0],
        **relation_ops(),
    )
    return s.ServerImpl(f"django {django.get_version()}", "peer", ops, close=connection.close, victims=victims)


def relation_ops() -> dict:
    """The relation ops (peers/_relations.py) the Django way: select_related, prefetch_related
    (the M2M through the junction model), values().annotate() grouping. Call after django.setup()."""
    from django.db import models
    from django.db.models import Avg, Count, Max, Sum

    class RelUser(models.Model):
        name = models.CharField(max_length=100)
        email = models.CharField(max_length=200)
        age = models.IntegerField()

        class Meta:
            app_label = "peers"
            db_table = r.USER

    class RelTag(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = "peers"
            db_table = r.TAG

    class RelPost(models.Model):
        author = models.ForeignKey(RelUser, on_delete=models.CASCADE, related_name="posts")
        title = models.CharField(max_length=100)
        views = models.IntegerField()
        created = models.DateTimeField()
        tags = models.ManyToManyField(RelTag, through="RelPostTag", related_name="posts")

        class Meta:
            app_label = "peers"
            db_table = r.POST

    class RelPostTag(models.Model):
        post = models.ForeignKey(RelPost, on_delete=models.CASCADE, related_name="+")
        tag = models.ForeignKey(RelTag, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "peers"
            db_table = r.POST_TAG

    users, posts = RelUser.objects, RelPost.objects
    return dict(
        join_simple=lambda: list(posts.select_related("author")[: r.JOIN_LIMIT]),
        join_filter=lambda: list(posts.select_related("author").filter(author__age__gte=r.JOIN_MIN_AGE)),
        prefetch_related=lambda: list(users.prefetch_related("posts").order_by("id")[: r.PREFETCH_USERS]),
        nested_prefetch=lambda: list(users.prefetch_related("posts", "posts__tags").order_by("id")[: r.NESTED_USERS]),
        aggregate_mixed=lambda: list(
            posts.values("author_id")
            .annotate(n=Count("id"), total=Sum("views"), mean=Avg("views"), latest=Max("created"))
            .order_by()
        ),
        filter_in_posts=lambda: list(posts.filter(id__in=r.IN_POST_IDS)),
    )
