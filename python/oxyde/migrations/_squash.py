"""``squash``: every migration file replaced by one that builds the same schema."""

from __future__ import annotations

import json
import warnings
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
    """What a squash did (Oxyde's fields): the file written (``None``: nothing to squash), the
    files deleted, those whose ``ctx.execute``/``run_python`` steps the new file does not carry (add
    them back by hand if they still matter), those in the legacy field format, and the table count."""

    new_file: Path | None
    deleted_files: list[str] = field(default_factory=list)
    raw_sql_files: list[str] = field(default_factory=list)
    legacy_files: list[str] = field(default_factory=list)
    table_count: int = 0


def squash_migrations(migrations_dir: str | Path = "migrations", name: str = "squashed", *, dry_run: bool = False) -> SquashResult:
    """Replace the migration files of ``migrations_dir`` by ``0001_<name>.py``.

    A database that applied the old files then holds history rows without files (``migrate`` and
    ``showmigrations`` warn and carry on); run ``migrate --fake`` on it once to record the new file.
    With ``dry_run`` nothing is written or deleted (``new_file`` stays ``None``).
    """
    from oxyde.core import migration_compute_diff

    files = migration_files(migrations_dir)
    if not files:
        return SquashResult(None)
    state = SchemaState()
    result = SquashResult(None, deleted_files=[f.path.name for f in files])
    for f in files:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", FutureWarning)
            ctx = collect(f, state)
        if ctx.has_raw_sql:
            result.raw_sql_files.append(f.path.name)
        if any(issubclass(w.category, FutureWarning) for w in caught):
            result.legacy_files.append(f.path.name)
    snapshot = state.to_snapshot()
    result.table_count = len(snapshot["tables"])
    ops = json.loads(migration_compute_diff(_EMPTY, json.dumps(snapshot)))
    if dry_run:
        return result
    for f in files:
        f.path.unlink()
    result.new_file = generate_migration_file(
        ops, migrations_dir, name, header=f"Squashed from {files[0].name} .. {files[-1].name}."
    )
    return result
