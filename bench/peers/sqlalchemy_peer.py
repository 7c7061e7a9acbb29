"""SQLAlchemy's ORM (Debian python3-sqlalchemy) on the SQLite suite's file and pragmas, and on the bench servers."""
from __future__ import annotations

from . import _relations as r, _server as s
from ._common import AGE_CUTOFF, PRAGMAS, Impl, row


def build(path: str) -> Impl:
    import sqlalchemy as sa
    from sqlalchemy import event
    from sqlalchemy.orm import Session, declarative_base

    engine = sa.create_engine(f"sqlite:///{path}", future=True)

    @event.listens_for(engine, "connect")
    def pragmas(dbapi_con, _record):  # noqa: ANN001
        for k, v in PRAGMAS.items():
            dbapi_con.execute(f"PRAGMA {k}={v}")

    Base = declarative_base()

    class BenchUser(Base):
        __tablename__ = "bench_user"
        id = sa.Column(sa.Integer, primary_key=True)
        name = sa.Column(sa.String(100), nullable=False)
        email = sa.Column(sa.String(200), nullable=False)
        age = sa.Column(sa.Integer, nullable=False)
        active = sa.Column(sa.Boolean, nullable=False)

    session = Session(engine, future=True)
    counter = iter(range(10**9))

    def select_pk() -> None:
        session.execute(sa.select(BenchUser).where(BenchUser.id == 500)).scalar_one()
        session.expunge_all()  # no identity-map shortcut: every read goes to the database

    def filter_simple() -> None:
        session.execute(sa.select(BenchUser).where(BenchUser.age == 42)).scalars().all()
        session.expunge_all()

    def select_filter() -> None:
        session.execute(sa.select(BenchUser).where(BenchUser.age >= AGE_CUTOFF)).scalars().all()
        session.expunge_all()

    def insert_single() -> None:
        n, e, a, t = row(next(counter))
        obj = BenchUser(name=n, email=e, age=a, active=t)
        session.add(obj)
        session.commit()
        obj.id
        session.expunge_all()

    def insert_bulk_100() -> None:
        objs = [BenchUser(name=n, email=e, age=a, active=t) for n, e, a, t in (row(next(counter)) for _ in range(100))]
        session.add_all(objs)
        session.commit()
        session.expunge_all()

    def update_single() -> None:
        session.execute(sa.update(BenchUser).where(BenchUser.id == 7).values(age=next(counter) % 100))
        session.commit()

    def count() -> None:
        session.execute(sa.select(sa.func.count()).select_from(BenchUser).where(BenchUser.age >= AGE_CUTOFF)).scalar()

    ops = dict(
        select_pk=select_pk, filter_simple=filter_simple, select_filter=select_filter,
        insert_single=insert_single, insert_bulk_100=insert_bulk_100, update_single=update_single, count=count,
        **relation_ops(session),
    )

    def close() -> None:
        session.close()
        engine.dispose()

    return Impl(f"sqlalchemy {sa.__version__}", ops, close=close)


def build_server(srv: s.Server) -> s.ServerImpl:
    """SQLAlchemy's ORM on a server (psycopg2 for PostgreSQL, mysqlclient for MariaDB): one Session,
    its pool keeping the one connection open."""
    import sqlalchemy as sa
    from sqlalchemy.orm import Session, declarative_base


    driver = {"postgres": "psycopg2", "mysql": "mysqldb"}[srv.backend]
    engine = sa.create_engine(srv.sqlalchemy_url(driver), future=True, pool_size=1, max_overflow=0)
    Base = declarative_base()

    class BenchUser(Base):
        __tablename__ = s.TABLE
        id = sa.Column(sa.BigInteger, primary_key=True)
        name = sa.Column(sa.String(100), nullable=False)
        email = sa.Column(sa.String(200), nullable=False)
        age = sa.Column(sa.Integer, nullable=False)
        active = sa.Column(sa.Boolean, nullable=False)

    session = Session(engine, future=True)
    victims = s.Victims()
    by_pk = sa.select(BenchUser).where(BenchUser.id == sa.bindparam("pk"))

    def fetch(stmt, **params) -> list:  # noqa: ANN001
        objs = session.execute(stmt, params).scalars().all()
        session.expunge_all()  # no identity-map shortcut: every read goes to the database
        return objs

    def select_pk() -> object:
        obj = session.execute(by_pk, {"pk": s.PK}).scalar_one()
        session.expunge_all()
        return obj

    def insert_single() -> int:
        n, e, a, t = s.new_row()
        obj = BenchUser(name=n, email=e, age=a, active=t)
        session.add(obj)
        session.commit()
        pk = obj.id
        session.expunge_all()
        return pk

    def insert_bulk_100() -> None:
        session.add_all(
            [BenchUser(name=n, email=e, age=a, active=t) for n, e, a, t in (s.new_row() for _ in range(100))]
        )
        session.commit()
        session.expunge_all()

    def write(stmt) -> int:  # noqa: ANN001
        affected = session.execute(stmt).rowcount
        session.commit()
        return affected

    def concurrent(n: int):
        ids = s.CONCURRENT_IDS[:n]

        def run() -> list:
            objs = [session.execute(by_pk, {"pk": i}).scalar_one() for i in ids]
            session.expunge_all()
            return objs

        return run

    ops = dict(
        select_pk=select_pk,
        filter_simple=lambda: fetch(sa.select(BenchUser).where(BenchUser.age == s.AGE_EQ)),
        select_filter=lambda: fetch(sa.select(BenchUser).where(BenchUser.age >= s.AGE_CUTOFF)),
        count=lambda: session.execute(
            sa.select(sa.func.count()).select_from(BenchUser).where(BenchUser.age >= s.AGE_CUTOFF)
        ).scalar(),
        filter_complex=lambda: fetch(sa.select(BenchUser).where(sa.or_(
            sa.and_(BenchUser.age >= s.COMPLEX_LO, BenchUser.age <= s.COMPLEX_HI, BenchUser.active.is_(True),
                    BenchUser.name.startswith(s.COMPLEX_PREFIX)),
            BenchUser.age == s.COMPLEX_OR_AGE,
        ))),
        filter_in=lambda: fetch(sa.select(BenchUser).where(BenchUser.id.in_(s.IN_IDS))),
        order_limit=lambda: fetch(
            sa.select(BenchUser).where(BenchUser.active.is_(True))
            .order_by(BenchUser.age.desc(), BenchUser.id).limit(s.ORDER_LIMIT)
        ),
        aggregate_count=lambda: session.execute(
            sa.select(BenchUser.age, sa.func.count(BenchUser.id).label("n"))
            .where(BenchUser.active.is_(True)).group_by(BenchUser.age)
        ).all(),
        concurrent_10=concurrent(10),
        concurrent_100=concurrent(100),
        insert_single=insert_single,
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: write(
            sa.update(BenchUser).where(BenchUser.id == s.UPDATE_PK).values(name=f"upd{s.unique()}")
        ),
        update_bulk=lambda: write(
            sa.update(BenchUser).where(BenchUser.age >= s.BULK_LO, BenchUser.age <= s.BULK_HI)
            .values(email=f"bulk{s.unique()}@example.com")
        ),
        delete_single=lambda: write(sa.delete(BenchUser).where(BenchUser.id == victims())),
        **relation_ops(session),
    )

    def close() -> None:
        session.close()
        engine.dispose()

    return s.ServerImpl(f"sqlalchemy {sa.__version__}", "peer", ops, close=close, victims=victims)


def relation_ops(session) -> dict:  # noqa: ANN001 - the implementation's Session
    """The relation ops (peers/_relations.py) the SQLAlchemy ORM way: joinedload for the forward
    FK, selectinload for the reverse FK and the M2M (secondary table), a grouped select. Every read
    ends with expunge_all(), as the user ops do: no identity-map shortcut."""
    import sqlalchemy as sa
    from sqlalchemy.orm import contains_eager, declarative_base, joinedload, relationship, selectinload

    Base = declarative_base()
    post_tags = sa.Table(
        r.POST_TAG, Base.metadata,
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("post_id", sa.BigInteger, sa.ForeignKey(f"{r.POST}.id"), nullable=False),
        sa.Column("tag_id", sa.BigInteger, sa.ForeignKey(f"{r.TAG}.id"), nullable=False),
    )

    class RelUser(Base):
        __tablename__ = r.USER
        id = sa.Column(sa.BigInteger, primary_key=True)
        name = sa.Column(sa.String(100), nullable=False)
        email = sa.Column(sa.String(200), nullable=False)
        age = sa.Column(sa.Integer, nullable=False)
        posts = relationship("RelPost", back_populates="author")

    class RelTag(Base):
        __tablename__ = r.TAG
        id = sa.Column(sa.BigInteger, primary_key=True)
        name = sa.Column(sa.String(20), nullable=False)

    class RelPost(Base):
        __tablename__ = r.POST
        id = sa.Column(sa.BigInteger, primary_key=True)
        author_id = sa.Column(sa.BigInteger, sa.ForeignKey(f"{r.USER}.id"), nullable=False)
        title = sa.Column(sa.String(100), nullable=False)
        views = sa.Column(sa.Integer, nullable=False)
        created = sa.Column(sa.DateTime, nullable=False)
        author = relationship(RelUser, back_populates="posts", innerjoin=True)
        tags = relationship(RelTag, secondary=post_tags)

    def fetch(stmt) -> list:  # noqa: ANN001
        objs = session.execute(stmt).scalars().all()
        session.expunge_all()
        return objs

    P, U = RelPost, RelUser
    joined = sa.select(P).options(joinedload(P.author))
    aggregate = sa.select(
        P.author_id, sa.func.count(P.id).label("n"), sa.func.sum(P.views).label("total"),
        sa.func.avg(P.views).label("mean"), sa.func.max(P.created).label("latest"),
    ).group_by(P.author_id)
    return dict(
        join_simple=lambda: fetch(joined.limit(r.JOIN_LIMIT)),
        join_filter=lambda: fetch(  # the join the filter needs also loads the author
            sa.select(P).join(P.author).options(contains_eager(P.author)).where(U.age >= r.JOIN_MIN_AGE)
        ),
        prefetch_related=lambda: fetch(
            sa.select(U).options(selectinload(U.posts)).order_by(U.id).limit(r.PREFETCH_USERS)
        ),
        nested_prefetch=lambda: fetch(
            sa.select(U).options(selectinload(U.posts).selectinload(P.tags)).order_by(U.id).limit(r.NESTED_USERS)
        ),
        aggregate_mixed=lambda: session.execute(aggregate).all(),
        filter_in_posts=lambda: fetch(sa.select(P).where(P.id.in_(r.IN_POST_IDS))),
    )
