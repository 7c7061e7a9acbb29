"""Step 4: a post has an author (a foreign key; deleting the author deletes the posts)."""

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
    body: str
    published: bool = False
    views: int = 0
    author: Author | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
        table_name = "post"


class Tag(Model):
    id: int | None = Field(default=None, db_pk=True)
    label: str = Field(max_length=50, db_unique=True)

    class Meta:
        is_table = True
        table_name = "tag"
