"""Oxyde.NET's models of the relation dataset (peers/_relations.py). Module level, as any
application declares them: the reverse FK and the M2M name models defined after them."""
from __future__ import annotations

import datetime as dt

from oxyde import Field, Model

from . import _relations as r


class RelUser(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100)
    email: str = Field(max_length=200)
    age: int
    posts: list[RelPost] = Field(default_factory=list, db_reverse_fk="author")

    class Meta:
        is_table = True
        table_name = r.USER


class RelTag(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=20)

    class Meta:
        is_table = True
        table_name = r.TAG


class RelPost(Model):
    id: int | None = Field(default=None, db_pk=True)
    author: RelUser
    title: str = Field(max_length=100)
    views: int
    created: dt.datetime
    tags: list[RelTag] = Field(default_factory=list, db_m2m=True, db_through="RelPostTag")

    class Meta:
        is_table = True
        table_name = r.POST


class RelPostTag(Model):
    id: int | None = Field(default=None, db_pk=True)
    post: RelPost
    tag: RelTag

    class Meta:
        is_table = True
        table_name = r.POST_TAG
