"""SQLAlchemy's ORM (Debian python3-sqlalchemy) on the same file and pragmas."""
from __future__ import annotations

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
    )

    def close() -> None:
        session.close()
        engine.dispose()

    return Impl(f"sqlalchemy {sa.__version__}", ops, close=close)
