"""Sample: steps/s2_add_views.py.

Created: 2026-01-01 00:00:00
"""

depends_on = "0001_create_blog"


def upgrade(ctx):
    """Apply migration."""
    ctx.add_column(
        "post",
        {
            "name": "views",
            "column_type": {"kind": "big_integer"},
            "db_type": None,
            "nullable": False,
            "primary_key": False,
            "unique": False,
            "default": "0",
            "auto_increment": False,
        },
    )


def downgrade(ctx):
    """Revert migration."""
    ctx.drop_column("post", "views")
