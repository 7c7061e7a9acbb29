"""A PostgreSQL baseline: asyncpg (Debian python3-asyncpg), awaited in the suite's event loop.

One persistent connection for the single ops (asyncpg prepares and caches each statement), and a
pool of POOL connections for concurrent_N (one connection runs one query at a time). Rows stay
asyncpg Records (a mapping by column name): asyncpg's own fetch, the target's baseline."""
from __future__ import annotations

import asyncio

from . import _relations as r, _server as s

POOL = 10
COLUMNS = "id, name, email, age, active"
SELECT = f"SELECT {COLUMNS} FROM {s.TABLE}"
INSERT = f"INSERT INTO {s.TABLE} (name, email, age, active) VALUES "
BULK_INSERT = INSERT + ", ".join(f"(${4 * i + 1}, ${4 * i + 2}, ${4 * i + 3}, ${4 * i + 4})" for i in range(100))
BULK_INSERT += " RETURNING id"


def _affected(status: str) -> int:
    return int(status.rsplit(" ", 1)[1])


def build(srv: s.Server, loop: asyncio.AbstractEventLoop) -> s.ServerImpl:
    import asyncpg

    args = dict(host=srv.host, port=srv.port, user=srv.user, password=srv.password, database=srv.database)

    async def open_both():  # noqa: ANN202 - inside the loop: asyncpg binds to the running loop
        return await asyncpg.connect(**args), await asyncpg.create_pool(**args, min_size=POOL, max_size=POOL)

    con, pool = loop.run_until_complete(open_both())
    victims = s.Victims()

    def insert_bulk_100():  # one multi-row INSERT ... RETURNING id (atomic on its own)
        return con.fetch(BULK_INSERT, *[v for _ in range(100) for v in s.new_row()])

    def concurrent(n: int):
        ids = s.CONCURRENT_IDS[:n]
        sql = f"{SELECT} WHERE id = $1"

        async def run() -> list:
            return await asyncio.gather(*(pool.fetchrow(sql, i) for i in ids))

        return run

    async def execute(sql: str, *params: object) -> int:
        return _affected(await con.execute(sql, *params))

    ops = dict(
        **relation_ops(con),
        select_pk=lambda: con.fetchrow(f"{SELECT} WHERE id = $1", s.PK),
        filter_simple=lambda: con.fetch(f"{SELECT} WHERE age = $1", s.AGE_EQ),
        select_filter=lambda: con.fetch(f"{SELECT} WHERE age >= $1", s.AGE_CUTOFF),
        count=lambda: con.fetchval(f"SELECT COUNT(*) FROM {s.TABLE} WHERE age >= $1", s.AGE_CUTOFF),
        filter_complex=lambda: con.fetch(
            f"{SELECT} WHERE (age >= $1 AND age <= $2 AND active AND name LIKE $3) OR age = $4",
            s.COMPLEX_LO, s.COMPLEX_HI, s.COMPLEX_PREFIX + "%", s.COMPLEX_OR_AGE,
        ),
        filter_in=lambda: con.fetch(f"{SELECT} WHERE id = ANY($1::bigint[])", list(s.IN_IDS)),
        order_limit=lambda: con.fetch(f"{SELECT} WHERE active ORDER BY age DESC, id ASC LIMIT $1", s.ORDER_LIMIT),
        aggregate_count=lambda: con.fetch(f"SELECT age, COUNT(*) AS n FROM {s.TABLE} WHERE active GROUP BY age"),
        concurrent_10=concurrent(10),
        concurrent_100=concurrent(100),
        insert_single=lambda: con.fetchval(INSERT + "($1, $2, $3, $4) RETURNING id", *s.new_row()),
        insert_bulk_100=insert_bulk_100,
        update_single=lambda: execute(f"UPDATE {s.TABLE} SET name = $1 WHERE id = $2", f"upd{s.unique()}", s.UPDATE_PK),
        update_bulk=lambda: execute(
            f"UPDATE {s.TABLE} SET email = $1 WHERE age >= $2 AND age <= $3",
            f"bulk{s.unique()}@example.com", s.BULK_LO, s.BULK_HI,
        ),
        delete_single=lambda: execute(f"DELETE FROM {s.TABLE} WHERE id = $1", victims()),
    )

    def close() -> None:
        loop.run_until_complete(pool.close())
        loop.run_until_complete(con.close())

    name = f"asyncpg {asyncpg.__version__}"
    return s.ServerImpl(name, "raw", ops, is_async=True, close=close, loop=loop, victims=victims)


def relation_ops(con) -> dict:  # noqa: ANN001 - an asyncpg connection
    """The relation ops (peers/_relations.py): one query each as Records; the prefetches one query
    per level with ``= ANY($1)``, the parents turned into dicts to hold their children's lists."""

    async def users_with_posts(limit: int) -> tuple[list[dict], list[dict]]:
        users = [dict(u) for u in await con.fetch(f"SELECT {r.USER_COLUMNS} FROM {r.USER} ORDER BY id LIMIT $1", limit)]
        by_id = {}
        for u in users:
            u["posts"] = []
            by_id[u["id"]] = u
        posts = await con.fetch(
            f"SELECT {r.POST_COLUMNS} FROM {r.POST} p WHERE p.author_id = ANY($1::bigint[])", list(by_id)
        )
        for p in posts:
            by_id[p["author_id"]]["posts"].append(p)
        return users, posts

    async def prefetch_related() -> list[dict]:
        return (await users_with_posts(r.PREFETCH_USERS))[0]

    async def nested_prefetch() -> list[dict]:
        users, _ = await users_with_posts(r.NESTED_USERS)
        by_id = {}
        for u in users:
            u["posts"] = [dict(p, tags=[]) for p in u["posts"]]
            for p in u["posts"]:
                by_id[p["id"]] = p
        tags = await con.fetch(
            f"SELECT pt.post_id, t.id, t.name FROM {r.POST_TAG} pt JOIN {r.TAG} t ON t.id = pt.tag_id "
            "WHERE pt.post_id = ANY($1::bigint[])",
            list(by_id),
        )
        for t in tags:
            by_id[t["post_id"]]["tags"].append(t)
        return users

    return dict(
        join_simple=lambda: con.fetch(f"{r.JOINED} LIMIT $1", r.JOIN_LIMIT),
        join_filter=lambda: con.fetch(f"{r.JOINED} WHERE u.age >= $1", r.JOIN_MIN_AGE),
        prefetch_related=prefetch_related,
        nested_prefetch=nested_prefetch,
        aggregate_mixed=lambda: con.fetch(r.AGGREGATE),
        filter_in_posts=lambda: con.fetch(
            f"SELECT {r.POST_COLUMNS} FROM {r.POST} p WHERE p.id = ANY($1::bigint[])", list(r.IN_POST_IDS)
        ),
    )
