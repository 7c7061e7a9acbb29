"""Models of the reliability suite: the fuzz corpus's tables and the counters the workloads update."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from oxyde import Check, Field, Index, Model


class Mood(str, enum.Enum):
    HAPPY = "happy"
    SAD = "sad"


class FzAuthor(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100, db_unique=True)
    age: int = 0

    class Meta:
        is_table = True
        table_name = "fz_authors"
        indexes = [Index(["age", "name"], name="fz_authors_age_name")]
        constraints = [Check("age >= -1000000000", name="fz_age_floor")]


class FzPost(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200, db_index=True)
    views: int = 0
    published_at: dt.datetime | None = None
    author: FzAuthor | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "fz_posts"


class FzEvery(Model):
    id: int | None = Field(default=None, db_pk=True)
    flag: bool = False
    ratio: float = 0.0
    label: str = Field(default="x", db_column="label_text")
    text: str | None = None
    data: bytes | None = None
    at: dt.datetime | None = None
    at_tz: dt.datetime | None = Field(default=None, db_type="TIMESTAMPTZ")
    day: dt.date | None = None
    clock: dt.time | None = None
    span: dt.timedelta | None = None
    uid: uuid.UUID | None = None
    price: Decimal | None = Field(default=None, max_digits=12, decimal_places=4)
    meta: dict[str, int] | None = None
    tags: list[str] | None = None
    amounts: list[Decimal] | None = None
    mood: Mood = Mood.HAPPY

    class Meta:
        is_table = True
        table_name = "fz_every"


class RelCounter(Model):
    """One row per counter; the workloads read and increment ``n``."""

    id: int | None = Field(default=None, db_pk=True)
    n: int = 0

    class Meta:
        is_table = True
        table_name = "rel_counters"


class RelRow(Model):
    """Rows written in bulk (kill -9 trials) or one per transaction (multi-process writers)."""

    id: int | None = Field(default=None, db_pk=True)
    batch: int = 0
    writer: str = Field(default="", max_length=40)
    payload: str = ""

    class Meta:
        is_table = True
        table_name = "rel_rows"
