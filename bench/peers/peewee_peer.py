"""peewee (Debian python3-peewee) on the SQLite suite's file and pragmas, and on the bench servers."""
from __future__ import annotations

from . import _server as s
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


def build_server(srv: s.Server) -> s.ServerImpl:
    """peewee on a server (psycopg2 for PostgreSQL; for MariaDB peewee picks PyMySQL when it is
    installed, as here), one persistent connection in autocommit."""
    import peewee as pw


    kind = {"postgres": pw.PostgresqlDatabase, "mysql": pw.MySQLDatabase}[srv.backend]
    extra = {"charset": "utf8mb4"} if srv.backend == "mysql" else {}
    server_db = kind(srv.database, host=srv.host, port=srv.port, user=srv.user, password=srv.password, **extra)

    class BenchUser(pw.Model):
        id = pw.BigAutoField()
        name = pw.CharField(max_length=100)
        email = pw.CharField(max_length=200)
        age = pw.IntegerField()
        active = pw.BooleanField()

        class Meta:
            database = server_db
            table_name = s.TABLE

    server_db.connect()
    victims = s.Victims()
    U = BenchUser

    def insert_single() -> int:
        n, e, a, t = s.new_row()
        return U.create(name=n, email=e, age=a, active=t).id

    def insert_bulk_100() -> None:
        with server_db.atomic():
            U.bulk_create([U(name=n, email=e, age=a, active=t) for n, e, a, t in (s.new_row() for _ in range(100))])

    def concurrent(n: int):
        ids = s.CONCURRENT_IDS[:n]
        return lambda: [U.get(U.id == i) for i in ids]

    ops = dict(
        select_pk=lambda: U.get(U.id == s.PK),
        filter_simple=lambda: list(U.select().where(U.age == s.AGE_EQ)),
        select_filter=lambda: list(U.select().where(U.age >= s.AGE_CUTOFF)),
        count=lambda: U.select().where(U.age >= s.AGE_CUTOFF).count(),
        filter_complex=lambda: list(U.select().where(
            (U.age >= s.COMPLEX_LO) & (U.age <= s.COMPLEX_HI) & (U.active == True)  # noqa: E712
            & U.name.startswith(s.COMPLEX_PREFIX)
            | (U.age == s.COMPLEX_OR_AGE)
        )),
        filter_in=lambda: list(U.select().where(U.id.in_(s.IN_IDS))),
        order_limit=lambda: list(
            U.select().where(U.active == True).order_by(U.age.desc(), U.id).limit(s.ORDER_LIMIT)  # noqa: E712
        ),
        aggregate_count=lambda: list(
            U.select(U.age, pw.fn.COUNT(U.id).alias("n")).where(U.active == True).group_by(U.age).dicts()  # noqa: E712
        ),
        concurrent_10=concurrent(10),
        concurrent_100=concurrent(100),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: U.update(name=f"upd{s.unique()}").where(U.id == s.UPDATE_PK).execute(),
        update_bulk=lambda: U.update(email=f"bulk{s.unique()}@example.com")
        .where((U.age >= s.BULK_LO) & (U.age <= s.BULK_HI))
        .execute(),
        delete_single=lambda: U.delete().where(U.id == victims()).execute(),
    )
    return s.ServerImpl(f"peewee {pw.__version__}", "peer", ops, close=server_db.close, victims=victims)
