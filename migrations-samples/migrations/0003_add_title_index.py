"""Sample: steps/s3_add_index.py.

Created: 2026-01-01 00:00:00
"""

depends_on = "0002_add_views_with_default"


def upgrade(ctx):
    """Apply migration."""
    ctx.create_index(
        "post",
        {"name": "post_title_idx", "fields": ["title"], "unique": False, "method": None},
    )


def downgrade(ctx):
    """Revert migration."""
    ctx.drop_index("post", "post_title_idx")
