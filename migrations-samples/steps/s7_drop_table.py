"""Step 7: tags go away (a dropped table)."""

from oxyde import Field, Model


class Author(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100)
    email: str = Field(max_length=200, db_unique=True)

    class Meta:
        is_table = True
        table_name = "author"


class Post(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200, db_index=True)
    content: str
    published: bool = False
    views: float = 0.0
    author: Author | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "post"

