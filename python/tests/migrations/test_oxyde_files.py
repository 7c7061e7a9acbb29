"""A project migrated by Oxyde carries on: a file in the form Oxyde's generator writes (integer key
without auto_increment outside MySQL, upper-case FK actions, every index key) replays to the same
schema our models give, so makemigrations finds nothing to do; and it applies here."""

from __future__ import annotations

import json
from pathlib import Path

from oxyde import Field, Model
from oxyde.core import migration_compute_diff
from oxyde.migrations import extract_current_schema, replay_migrations

OXYDE_FILE = '''"""Auto-generated migration.

Created: 2025-06-01 12:00:00
"""

depends_on = None


def upgrade(ctx):
    """Apply migration."""
    ctx.create_table(
        "writer",
        fields=[
            {
                "name": "id",
                "column_type": {"kind": "big_integer"},
                "db_type": None,
                "nullable": False,
                "primary_key": True,
                "unique": False,
                "default": None,
                "auto_increment": False,
            },
            {
                "name": "name",
                "column_type": {"kind": "string", "length": 100},
                "db_type": None,
                "nullable": False,
                "primary_key": False,
                "unique": True,
                "default": None,
                "auto_increment": False,
                "max_length": 100,
            },
            {
                "name": "bio",
                "column_type": {"kind": "string"},
                "db_type": None,
                "nullable": True,
                "primary_key": False,
                "unique": False,
                "default": None,
                "auto_increment": False,
            },
        ],
    )
    ctx.create_table(
        "book",
        fields=[
            {
                "name": "id",
                "column_type": {"kind": "big_integer"},
                "db_type": None,
                "nullable": False,
                "primary_key": True,
                "unique": False,
                "default": None,
                "auto_increment": False,
            },
            {
                "name": "pages",
                "column_type": {"kind": "big_integer"},
                "db_type": None,
                "nullable": False,
                "primary_key": False,
                "unique": False,
                "default": "0",
                "auto_increment": False,
            },
            {
                "name": "writer_id",
                "column_type": {"kind": "big_integer"},
                "db_type": None,
                "nullable": True,
                "primary_key": False,
                "unique": False,
                "default": None,
                "auto_increment": False,
            },
        ],
        foreign_keys=[
            {
                "name": "fk_book_writer_id",
                "columns": ["writer_id"],
                "ref_table": "writer",
                "ref_columns": ["id"],
                "on_delete": "CASCADE",
                "on_update": "CASCADE",
            }
        ],
    )


def downgrade(ctx):
    """Revert migration."""
    ctx.drop_table("book")
    ctx.drop_table("writer")
'''


def test_oxyde_written_file_matches_our_models(tmp_path: Path) -> None:
    class Writer(Model):
        id: int | None = Field(default=None, db_pk=True)
        name: str = Field(max_length=100, db_unique=True)
        bio: str | None = None

        class Meta:
            is_table = True

    class Book(Model):
        id: int | None = Field(default=None, db_pk=True)
        pages: int = 0
        writer: Writer | None = Field(default=None, db_on_delete="CASCADE")

        class Meta:
            is_table = True

    (tmp_path / "0001_create_writer_table.py").write_text(OXYDE_FILE)
    old = replay_migrations(tmp_path)
    new = extract_current_schema("sqlite")
    assert json.loads(migration_compute_diff(json.dumps(old), json.dumps(new))) == []
