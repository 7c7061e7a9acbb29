"""Sample: steps/s7_drop_table.py.

Created: 2026-01-01 00:00:00
"""

depends_on = "0006_views_to_float"


def upgrade(ctx):
    """Apply migration."""
    ctx.drop_table("tag")


def downgrade(ctx):
    """Revert migration."""
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
