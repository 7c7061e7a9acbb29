"""Sample: steps/s6_change_type.py.

Created: 2026-01-01 00:00:00
"""

depends_on = "0005_rename_body_to_content"


def upgrade(ctx):
    """Apply migration."""
    ctx.alter_column("post", "views", column_type={"kind": "double"}, default="0.0")


def downgrade(ctx):
    """Revert migration."""
    ctx.alter_column("post", "views", column_type={"kind": "big_integer"}, default="0")
