"""peewee (Debian python3-peewee) on the SQLite suite's file and pragmas, and on the bench servers."""
from __future__ import annotations

from . import _relations as r, _server as s
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
        **relation_ops(sqlite_db),
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
        **relation_ops(server_db, limit_in_subquery=srv.backend != "mysql"),
    )
    return s.ServerImpl(f"peewee {pw.__version__}", "peer", ops, close=server_db.close, victims=victims)


def relation_ops(peewee_db, limit_in_subquery: bool = True) -> dict:  # noqa: ANN001 - a peewee Database
    """The relation ops (peers/_relations.py) the peewee way: join + switch for the forward FK,
    prefetch() for the reverse FK and, through the junction model, the tags (each post's list
    holds its junction rows, each with its tag), a grouped select as dicts.

    prefetch() puts the outer query into ``IN (subquery)``; MariaDB refuses a LIMIT there (error
    1235), so there (``limit_in_subquery=False``) the users' ids are read first, as a peewee user
    on MariaDB must: one query more."""
    import peewee as pw

    class Base(pw.Model):
        class Meta:
            database = peewee_db

    class RelUser(Base):
        id = pw.BigAutoField()
        name = pw.CharField(max_length=100)
        email = pw.CharField(max_length=200)
        age = pw.IntegerField()

        class Meta:
            table_name = r.USER

    class RelTag(Base):
        id = pw.BigAutoField()
        name = pw.CharField(max_length=20)

        class Meta:
            table_name = r.TAG

    class RelPost(Base):
        id = pw.BigAutoField()
        author = pw.ForeignKeyField(RelUser, backref="posts", column_name="author_id")
        title = pw.CharField(max_length=100)
        views = pw.IntegerField()
        created = pw.DateTimeField()

        class Meta:
            table_name = r.POST

    class RelPostTag(Base):
        id = pw.BigAutoField()
        post = pw.ForeignKeyField(RelPost, backref="tags", column_name="post_id")
        tag = pw.ForeignKeyField(RelTag, backref="+", column_name="tag_id")

        class Meta:
            table_name = r.POST_TAG

    P, U, T, PT = RelPost, RelUser, RelTag, RelPostTag
    joined = P.select(P, U).join(U).switch(P)
    # AVG uncoerced: peewee would otherwise read it back through the IntegerField (truncated).
    aggregate = P.select(
        P.author.alias("author_id"), pw.fn.COUNT(P.id).alias("n"), pw.fn.SUM(P.views).alias("total"),
        pw.fn.AVG(P.views).coerce(False).alias("mean"), pw.fn.MAX(P.created).alias("latest"),
    ).group_by(P.author)
    def first_users(n: int):  # noqa: ANN202 - a peewee query of the first n users by id
        if limit_in_subquery:
            return U.select().order_by(U.id).limit(n)
        return U.select().where(U.id.in_([u.id for u in U.select(U.id).order_by(U.id).limit(n)])).order_by(U.id)

    return dict(
        join_simple=lambda: list(joined.limit(r.JOIN_LIMIT)),
        join_filter=lambda: list(joined.where(U.age >= r.JOIN_MIN_AGE)),
        prefetch_related=lambda: pw.prefetch(first_users(r.PREFETCH_USERS), P),
        nested_prefetch=lambda: pw.prefetch(first_users(r.NESTED_USERS), P, PT, T),
        aggregate_mixed=lambda: list(aggregate.dicts()),
        filter_in_posts=lambda: list(P.select().where(P.id.in_(r.IN_POST_IDS))),
    )
