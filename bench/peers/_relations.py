"""The relation ops (issue 14) every backend shares: the dataset, its schema and seed, the values
each op passes, the raw-driver SQL, and the check every implementation's result must pass.

The data, from ``random.Random(SEED)``: 1,000 users (ages 15..70), 20 posts each (20,000; views
0..9999, a creation time in 2025 to the second), 50 tags and a ``post_tags`` junction giving each
post 3 distinct tags (60,000 rows). Own tables (``bench_rel_*``), so the user ops' table and its
writes never touch them, and every implementation reads the same rows.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any, Callable

SEED = 1414
USERS, POSTS_PER_USER, TAGS, TAGS_PER_POST = 1000, 20, 50, 3
USER, POST, TAG, POST_TAG = "bench_rel_user", "bench_rel_post", "bench_rel_tag", "bench_rel_post_tag"

OPS = ("join_simple", "join_filter", "prefetch_related", "nested_prefetch", "aggregate_mixed", "filter_in_posts")
ITERATIONS = {
    "join_simple": 200, "join_filter": 20, "prefetch_related": 50, "nested_prefetch": 20,
    "aggregate_mixed": 10, "filter_in_posts": 100,
}

# The values every implementation passes, one constant per op.
JOIN_LIMIT = 100  # join_simple: 100 posts (any: no ORDER BY, as the issue's `join("author").limit(100)`), with their author
JOIN_MIN_AGE = 70  # join_filter: posts of the users aged >= 70 (~18 users, ~360 posts), with their author
PREFETCH_USERS = 50  # prefetch_related: the first 50 users by id, with their posts
NESTED_USERS = 20  # nested_prefetch: the first 20 users by id, with their posts and each post's tags
IN_POST_IDS = tuple(range(13, USERS * POSTS_PER_USER + 1, 100))  # filter_in_posts: 200 ids

_EPOCH = dt.datetime(2025, 1, 1)


# --- the data ------------------------------------------------------------------------------------


class Data:
    """The seeded rows as tuples in column order, and what each op must return."""

    def __init__(self) -> None:
        rng = random.Random(SEED)
        self.users = [(i, f"user{i}", f"user{i}@example.com", rng.randint(15, 70)) for i in range(1, USERS + 1)]
        self.posts = []
        for u in range(1, USERS + 1):
            for k in range(POSTS_PER_USER):
                pid = (u - 1) * POSTS_PER_USER + k + 1
                created = _EPOCH + dt.timedelta(seconds=rng.randint(0, 365 * 86400 - 1))
                self.posts.append((pid, u, f"post{pid}", rng.randint(0, 9999), created))
        self.tags = [(t, f"tag{t}") for t in range(1, TAGS + 1)]
        self.post_tags = []
        for pid, *_ in self.posts:
            for t in sorted(rng.sample(range(1, TAGS + 1), TAGS_PER_POST)):
                self.post_tags.append((len(self.post_tags) + 1, pid, t))
        self.expected = self._expected()

    def _expected(self) -> dict[str, Any]:
        name = {u[0]: u[1] for u in self.users}
        age = {u[0]: u[3] for u in self.users}
        posts_of: dict[int, list[tuple]] = defaultdict(list)
        for p in self.posts:
            posts_of[p[1]].append(p)
        tags_of: dict[int, list[int]] = defaultdict(list)
        for _, pid, tid in self.post_tags:
            tags_of[pid].append(tid)
        aggregate = {}
        for uid, ps in posts_of.items():
            views = [p[3] for p in ps]
            aggregate[uid] = (len(ps), sum(views), round(sum(views) / len(views), 2), _stamp(max(p[4] for p in ps)))
        return {
            "join_simple": {p[0]: (p[0], p[1], name[p[1]]) for p in self.posts},  # any JOIN_LIMIT of them
            "join_filter": sorted((p[0], p[1], name[p[1]]) for p in self.posts if age[p[1]] >= JOIN_MIN_AGE),
            "prefetch_related": [(u, sorted(p[0] for p in posts_of[u])) for u in range(1, PREFETCH_USERS + 1)],
            "nested_prefetch": [
                (u, sorted((p[0], sorted(tags_of[p[0]])) for p in posts_of[u])) for u in range(1, NESTED_USERS + 1)
            ],
            "aggregate_mixed": aggregate,
            "filter_in_posts": sorted(IN_POST_IDS),
        }


# --- the schema and the seed (through a raw DB-API connection) --------------------------------------

_ID = {"sqlite": "INTEGER", "postgres": "BIGINT", "mysql": "BIGINT"}
_TS = {"sqlite": "TIMESTAMP", "postgres": "TIMESTAMP", "mysql": "DATETIME"}
_TAIL = {"sqlite": "", "postgres": "", "mysql": " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"}


def _create(backend: str) -> list[str]:
    i, ts, tail = _ID[backend], _TS[backend], _TAIL[backend]
    return [
        f"CREATE TABLE {USER} (id {i} PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL, "
        f"age INTEGER NOT NULL){tail}",
        f"CREATE TABLE {POST} (id {i} PRIMARY KEY, author_id {i} NOT NULL REFERENCES {USER} (id), "
        f"title VARCHAR(100) NOT NULL, views INTEGER NOT NULL, created {ts} NOT NULL){tail}",
        f"CREATE TABLE {TAG} (id {i} PRIMARY KEY, name VARCHAR(20) NOT NULL){tail}",
        f"CREATE TABLE {POST_TAG} (id {i} PRIMARY KEY, post_id {i} NOT NULL REFERENCES {POST} (id), "
        f"tag_id {i} NOT NULL REFERENCES {TAG} (id)){tail}",
        f"CREATE INDEX {POST}_author ON {POST} (author_id)",
        f"CREATE INDEX {POST_TAG}_post ON {POST_TAG} (post_id)",
    ]


def seed(con: Any, backend: str, data: Data) -> None:
    """Drops and recreates the four tables on ``con`` (sqlite3, psycopg2 or mysqlclient, in
    autocommit) and inserts the rows; creation times go in as ``YYYY-MM-DD HH:MM:SS`` text."""
    cur = con.cursor()
    for table in (POST_TAG, POST, TAG, USER):
        cur.execute(f"DROP TABLE IF EXISTS {table}")
    for sql in _create(backend):
        cur.execute(sql)
    posts = [(p[0], p[1], p[2], p[3], _stamp(p[4])) for p in data.posts]
    for table, columns, rows in (
        (USER, "id, name, email, age", data.users),
        (POST, "id, author_id, title, views, created", posts),
        (TAG, "id, name", data.tags),
        (POST_TAG, "id, post_id, tag_id", data.post_tags),
    ):
        if backend == "postgres":
            from psycopg2.extras import execute_values

            execute_values(cur, f"INSERT INTO {table} ({columns}) VALUES %s", rows, page_size=1000)
        else:
            ph = "?" if backend == "sqlite" else "%s"
            marks = ", ".join([ph] * len(rows[0]))
            cur.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    for table in (USER, POST, TAG, POST_TAG):
        if backend == "postgres":
            cur.execute(f"ANALYZE {table}")
        elif backend == "mysql":
            cur.execute(f"ANALYZE TABLE {table}")
            cur.fetchall()
    if backend == "sqlite":
        cur.execute("ANALYZE")
        con.commit()
    cur.close()


# --- the raw drivers' ops: the SQL each op needs, rows as dicts ----------------------------------------

POST_COLUMNS = "p.id, p.author_id, p.title, p.views, p.created"
USER_COLUMNS = "id, name, email, age"
JOINED = (
    f"SELECT {POST_COLUMNS}, u.id AS author__id, u.name AS author__name, u.email AS author__email, "
    f"u.age AS author__age FROM {POST} p JOIN {USER} u ON u.id = p.author_id"
)
AGGREGATE = (
    f"SELECT author_id, COUNT(id) AS n, SUM(views) AS total, AVG(views) AS mean, MAX(created) AS latest "
    f"FROM {POST} GROUP BY author_id"
)


def raw_ops(rows: Callable[[str, tuple], list[dict]], ph: str) -> dict[str, Callable[[], Any]]:
    """The relation ops on a DB-API driver: ``rows(sql, params)`` runs one query and returns its
    rows as dicts; ``ph`` is the driver's parameter mark (``?`` or ``%s``). Prefetches are one
    query per level with ``IN``, the rows attached as lists under ``posts`` / ``tags``."""

    def marks(n: int) -> str:
        return ", ".join([ph] * n)

    def users_with_posts(limit: int) -> tuple[list[dict], list[dict]]:
        users = rows(f"SELECT {USER_COLUMNS} FROM {USER} ORDER BY id LIMIT {ph}", (limit,))
        by_id = {}
        for u in users:
            u["posts"] = []
            by_id[u["id"]] = u
        ids = tuple(by_id)
        posts = rows(f"SELECT {POST_COLUMNS} FROM {POST} p WHERE p.author_id IN ({marks(len(ids))})", ids)
        for p in posts:
            by_id[p["author_id"]]["posts"].append(p)
        return users, posts

    def nested() -> list[dict]:
        users, posts = users_with_posts(NESTED_USERS)
        by_id = {}
        for p in posts:
            p["tags"] = []
            by_id[p["id"]] = p
        ids = tuple(by_id)
        tags = rows(
            f"SELECT pt.post_id, t.id, t.name FROM {POST_TAG} pt JOIN {TAG} t ON t.id = pt.tag_id "
            f"WHERE pt.post_id IN ({marks(len(ids))})",
            ids,
        )
        for t in tags:
            by_id[t.pop("post_id")]["tags"].append(t)
        return users

    return dict(
        join_simple=lambda: rows(f"{JOINED} LIMIT {ph}", (JOIN_LIMIT,)),
        join_filter=lambda: rows(f"{JOINED} WHERE u.age >= {ph}", (JOIN_MIN_AGE,)),
        prefetch_related=lambda: users_with_posts(PREFETCH_USERS)[0],
        nested_prefetch=nested,
        aggregate_mixed=lambda: rows(AGGREGATE, ()),
        filter_in_posts=lambda: rows(
            f"SELECT {POST_COLUMNS} FROM {POST} p WHERE p.id IN ({marks(len(IN_POST_IDS))})", IN_POST_IDS
        ),
    )


# --- checking a result, whatever its shape ------------------------------------------------------------


def _stamp(value: Any) -> str:
    """A creation time as ``YYYY-MM-DD HH:MM:SS`` (drivers return datetimes or text)."""
    return str(value)[:19].replace("T", " ")


def _get(obj: Any, name: str) -> Any:
    """A field of a row (dict, asyncpg Record) or an object (model, SQLAlchemy Row)."""
    return obj[name] if hasattr(obj, "keys") else getattr(obj, name)


def _related(obj: Any, name: str) -> list:
    """A prefetched list: a list (raw rows, Oxyde.NET, SQLAlchemy, peewee) or a Django manager."""
    value = _get(obj, name)
    return list(value.all()) if hasattr(value, "all") else list(value)


def _author(post: Any) -> tuple[int, int, str]:
    if hasattr(post, "keys"):
        return int(post["id"]), int(post["author__id"]), post["author__name"]
    return int(post.id), int(post.author.id), post.author.name


def _tag_id(tag: Any) -> int:
    # peewee prefetches the junction rows (each with its .tag); the others hand back the tags.
    return int(_get(getattr(tag, "tag", tag), "id"))


def canon(op: str, result: Any) -> Any:
    """``result`` reduced to the form ``Data.expected[op]`` has."""
    if op == "join_simple":
        return sorted(_author(p) for p in result)
    if op == "join_filter":
        return sorted(_author(p) for p in result)
    if op == "prefetch_related":
        return [(int(_get(u, "id")), sorted(int(_get(p, "id")) for p in _related(u, "posts"))) for u in result]
    if op == "nested_prefetch":
        return [
            (
                int(_get(u, "id")),
                sorted(
                    (int(_get(p, "id")), sorted(_tag_id(t) for t in _related(p, "tags"))) for p in _related(u, "posts")
                ),
            )
            for u in result
        ]
    if op == "aggregate_mixed":
        return {
            int(_get(r, "author_id")): (
                int(_get(r, "n")), int(_get(r, "total")), round(float(_get(r, "mean")), 2), _stamp(_get(r, "latest"))
            )
            for r in result
        }
    if op == "filter_in_posts":
        return sorted(int(_get(p, "id")) for p in result)
    raise AssertionError(op)


def check(data: Data, op: str, result: Any) -> str | None:
    """None when ``result`` is what ``op`` must return on the seeded data, else what differs."""
    got, want = canon(op, result), data.expected[op]
    if op == "join_simple":  # no ORDER BY: any 100 distinct posts, each with its own author
        ids = {g[0] for g in got}
        if len(got) != JOIN_LIMIT or len(ids) != JOIN_LIMIT:
            return f"{len(got)} rows ({len(ids)} distinct posts), expected {JOIN_LIMIT}"
        bad = [g for g in got if want.get(g[0]) != g]
        return f"{len(bad)} posts with a wrong author, e.g. {bad[0]}" if bad else None
    if got == want:
        return None
    if isinstance(want, dict):
        bad = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))[:3]
        return f"{len(bad)}+ groups differ, e.g. {[(k, got.get(k), want.get(k)) for k in bad]}"
    if len(got) != len(want):
        return f"{len(got)} rows, expected {len(want)}"
    first = next(i for i, (g, w) in enumerate(zip(got, want)) if g != w)
    return f"row {first}: got {str(got[first])[:200]}, expected {str(want[first])[:200]}"
