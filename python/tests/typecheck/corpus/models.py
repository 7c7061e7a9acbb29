"""Models of the typed-usage corpus (checked by mypy in `make test`, never imported by pytest)."""

from __future__ import annotations

from oxyde import Field, Model


class Author(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(default="")
    posts: list[Post] = Field(db_reverse_fk="author_id")

    class Meta:
        is_table = True


class Post(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(default="")
    views: int = Field(default=0)
    author: Author | None = Field(default=None)

    class Meta:
        is_table = True


class Reader(Author):
    """A subclass: its manager is typed with the subclass."""

    class Meta:
        is_table = True
        table_name = "readers"
