"""Sample: steps/s4_add_fk.py.

Created: 2026-01-01 00:00:00
"""

depends_on = "0003_add_title_index"


def upgrade(ctx):
    """Apply migration."""
    ctx.add_column(
        "post",
        {
            "name": "author_id",
            "column_type": {"kind": "big_integer"},
            "db_type": None,
            "nullable": True,
            "primary_key": False,
            "unique": False,
            "default": None,
            "auto_increment": False,
        },
    )
    ctx.add_foreign_key(
        "post",
        "fk_post_author_id",
        ["author_id"],
        "author",
        ["id"],
        on_delete="CASCADE",
        on_update="CASCADE",
    )


def downgrade(ctx):
    """Revert migration."""
    ctx.drop_foreign_key("post", "fk_post_author_id")
    ctx.drop_column("post", "author_id")
