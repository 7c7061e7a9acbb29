"""Models shared by the unit tests."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal

from oxyde import Field, Index, Model


class Status(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Author(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100, db_unique=True)
    email: str | None = None

    class Meta:
        is_table = True
        table_name = "authors"


class Post(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200, db_index=True)
    body: str = ""
    views: int = 0
    author: Author | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "posts"


class Everything(Model):
    id: int | None = Field(default=None, db_pk=True)
    flag: bool = False
    ratio: float = 0.0
    label: str = Field(default="x", db_column="label_text")
    data: bytes | None = None
    at: dt.datetime | None = None
    at_tz: dt.datetime | None = Field(default=None, db_type="TIMESTAMPTZ")
    day: dt.date | None = None
    clock: dt.time | None = None
    span: dt.timedelta | None = None
    uid: uuid.UUID | None = None
    price: Decimal | None = Field(default=None, max_digits=10, decimal_places=2)
    meta: dict[str, int] | None = None
    tags: list[str] | None = None
    amounts: list[Decimal] | None = None
    status: Status = Status.DRAFT

    class Meta:
        is_table = True
        indexes = [Index(("flag", "day"))]


class Mixin(Model):
    created: dt.datetime | None = Field(default=None, db_default="CURRENT_TIMESTAMP")


class Tagged(Mixin):
    id: int | None = Field(default=None, db_pk=True)
    name: str

    class Meta:
        is_table = True
