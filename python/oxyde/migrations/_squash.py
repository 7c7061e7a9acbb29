"""``squash``: every migration file replaced by one that builds the same schema."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from oxyde.migrations._files import migration_files
from oxyde.migrations._replay import collect
from oxyde.migrations._state import SchemaState
from oxyde.migrations._writer import generate_migration_file

__all__ = ["SquashResult", "squash_migrations"]

_EMPTY = json.dumps({"version": 1, "tables": {}})


@dataclass
class SquashResult:
    """The file written, the files removed, and those whose ``ctx.execute``/``run_python`` steps
    the squashed file does not carry (add them back by hand if they still matter)."""

    path: Path | None
    removed: list[Path] = field(default_factory=list)
    dropped_manual: list[str] = field(default_factory=list)


def squash_migrations(migrations_dir: str | Path = "migrations", name: str = "squashed", *, dry_run: bool = False) -> SquashResult:
    """Replace the migration files of ``migrations_dir`` by ``0001_<name>.py``.

    A database that applied the old files then holds history rows without files (``migrate`` and
    ``showmigrations`` warn and carry on); run ``migrate --fake`` on it once to record the new file.
    """
    from oxyde.core import migration_compute_diff

    files = migration_files(migrations_dir)
    if not files:
        return SquashResult(None)
    state = SchemaState()
    manual = [f.name for f in files if collect(f, state).has_raw_sql]
    ops = json.loads(migration_compute_diff(_EMPTY, json.dumps(state.to_snapshot())))
    result = SquashResult(None, [f.path for f in files], manual)
    if dry_run:
        return result
    for f in files:
        f.path.unlink()
    result.path = generate_migration_file(
        ops, migrations_dir, name, header=f"Squashed from {files[0].name} .. {files[-1].name}."
    )
    return result
