"""Django's ORM (Debian python3-django) on the same file and pragmas."""
from __future__ import annotations

from ._common import AGE_CUTOFF, PRAGMAS, Impl, row


def build(path: str) -> Impl:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": path}},
            INSTALLED_APPS=[],
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
    )
    return Impl(f"django {django.get_version()}", ops, close=connection.close)
