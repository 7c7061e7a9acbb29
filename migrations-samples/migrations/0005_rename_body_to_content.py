"""Sample: steps/s5_rename_field.py.

Created: 2026-01-01 00:00:00
"""

depends_on = "0004_add_author_fk"


def upgrade(ctx):
    """Apply migration."""
    ctx.rename_column("post", "body", "content")


def downgrade(ctx):
    """Revert migration."""
    ctx.rename_column("post", "content", "body")
