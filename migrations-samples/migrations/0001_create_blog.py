"""Sample: steps/s1_create_blog.py.

Created: 2026-01-01 00:00:00
"""

depends_on = None


def upgrade(ctx):
    """Apply migration."""
    ctx.create_table(
        "author",
        fields=[
            {
                "name": "id",
                "column_type": {"kind": "big_integer"},
                "db_type": None,
                "nullable": False,
                "primary_key": True,
                "unique": False,
                "default": None,
                "auto_increment": True,
            },
            {
                "name": "name",
                "column_type": {"kind": "string", "length": 100},
                "db_type": None,
                "nullable": False,
                "primary_key": False,
                "unique": False,
                "default": None,
                "auto_increment": False,
                "max_length": 100,
            },
            {
                "name": "email",
                "column_type": {"kind": "string", "length": 200},
                "db_type": None,
                "nullable": False,
                "primary_key": False,
                "unique": True,
                "default": None,
                "auto_increment": False,
                "max_length": 200,
            },
        ],
    )
    ctx.create_table(
        "post",
        fields=[
            {
                "name": "id",
                "column_type": {"kind": "big_integer"},
                "db_type": None,
                "nullable": False,
                "primary_key": True,
                "unique": False,
                "default": None,
                "auto_increment": True,
            },
            {
                "name": "title",
                "column_type": {"kind": "string", "length": 200},
                "db_type": None,
                "nullable": False,
                "primary_key": False,
                "unique": False,
                "default": None,
                "auto_increment": False,
                "max_length": 200,
            },
            {
                "name": "body",
                "column_type": {"kind": "string"},
                "db_type": None,
                "nullable": False,
                "primary_key": False,
                "unique": False,
                "default": None,
                "auto_increment": False,
            },
            {
                "name": "published",
                "column_type": {"kind": "boolean"},
                "db_type": None,
                "nullable": False,
                "primary_key": False,
                "unique": False,
                "default": "FALSE",
                "auto_increment": False,
            },
        ],
    )
    ctx.create_table(
        "tag",
        fields=[
            {
                "name": "id",
                "column_type": {"kind": "big_integer"},
                "db_type": None,
                "nullable": False,
                "primary_key": True,
                "unique": False,
                "default": None,
                "auto_increment": True,
            },
            {
                "name": "label",
                "column_type": {"kind": "string", "length": 50},
                "db_type": None,
                "nullable": False,
                "primary_key": False,
                "unique": True,
                "default": None,
                "auto_increment": False,
                "max_length": 50,
            },
        ],
    )


def downgrade(ctx):
    """Revert migration."""
    ctx.drop_table("tag")
    ctx.drop_table("post")
    ctx.drop_table("author")
