"""peewee (Debian python3-peewee) on the same file and pragmas."""
from __future__ import annotations

from ._common import AGE_CUTOFF, PRAGMAS, Impl, row


def build(path: str) -> Impl:
    import peewee as pw

    sqlite_db = pw.SqliteDatabase(path, pragmas=list(PRAGMAS.items()))

    class BenchUser(pw.Model):
        name = pw.CharField(max_length=100)
        email = pw.CharField(max_length=200)
        age = pw.IntegerField()
        active = pw.BooleanField()

        class Meta:
            database = sqlite_db
            table_name = "bench_user"

    sqlite_db.connect()
    counter = iter(range(10**9))

    def insert_single() -> None:
        n, e, a, t = row(next(counter))
        BenchUser.create(name=n, email=e, age=a, active=t)

    def insert_bulk_100() -> None:
        with sqlite_db.atomic():
            BenchUser.bulk_create(
                [BenchUser(name=n, email=e, age=a, active=t) for n, e, a, t in (row(next(counter)) for _ in range(100))]
            )

    ops = dict(
        select_pk=lambda: BenchUser.get(BenchUser.id == 500),
        filter_simple=lambda: list(BenchUser.select().where(BenchUser.age == 42)),
        select_filter=lambda: list(BenchUser.select().where(BenchUser.age >= AGE_CUTOFF)),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: BenchUser.update(age=next(counter) % 100).where(BenchUser.id == 7).execute(),
        count=lambda: BenchUser.select().where(BenchUser.age >= AGE_CUTOFF).count(),
    )
    return Impl(f"peewee {pw.__version__}", ops, close=sqlite_db.close)
