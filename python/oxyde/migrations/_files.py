"""Migration files on disk: which files count, loading them, and their ``depends_on`` order."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from oxyde.exceptions import MigrationError

__all__ = ["MigrationFile", "get_migration_files", "load_migration_module", "migration_files", "next_number"]

#: ``NNNN_name.py``; anything else in the directory (a SQLite database and its ``-wal``/``-shm``,
#: ``__init__.py``, notes) is not a migration.
_FILE = re.compile(r"^(\d+)_\w*\.py$")


@dataclass(frozen=True)
class MigrationFile:
    """One loaded migration file."""

    path: Path
    module: ModuleType

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def depends_on(self) -> str | None:
        dep = getattr(self.module, "depends_on", None)
        if dep is not None and not isinstance(dep, str):
            raise MigrationError(f"{self.path.name}: depends_on must be a migration name or None, not {dep!r}")
        return dep


def _numbered(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and _FILE.match(p.name))


def next_number(directory: str | Path) -> int:
    """One above the highest ``NNNN`` in ``directory`` (1 for an empty or missing one)."""
    numbers = [int(_FILE.match(p.name).group(1)) for p in _numbered(Path(directory))]  # type: ignore[union-attr]
    return max(numbers, default=0) + 1


def load_migration_module(path: str | Path) -> ModuleType:
    """Import the file ``path`` as a fresh module (a file edited since is read again).

    A file that fails to import is a :class:`MigrationError` naming it.
    """
    path = Path(path).resolve()
    digest = hashlib.sha1(str(path.parent).encode()).hexdigest()[:10]
    module_name = f"_oxyde_migration_{digest}_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise MigrationError(f"cannot load migration file {path}")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise MigrationError(f"migration file {path.name} failed to import: {exc!r}") from exc
    sys.modules.pop(module_name, None)
    return module


def _ordered(files: list[MigrationFile]) -> list[MigrationFile]:
    """Files in ``depends_on`` order (by name among those ready at once).

    A dependency on a file that is not in the directory is left to the runner (the history may
    hold it); a cycle is a :class:`MigrationError`.
    """
    by_name = {f.name: f for f in files}
    done: list[MigrationFile] = []
    placed: set[str] = set()
    remaining = sorted(by_name)
    while remaining:
        ready = [n for n in remaining if (dep := by_name[n].depends_on) is None or dep not in by_name or dep in placed]
        if not ready:
            raise MigrationError(f"circular depends_on between migrations: {', '.join(remaining)}")
        first = ready[0]
        done.append(by_name[first])
        placed.add(first)
        remaining.remove(first)
    return done


def migration_files(directory: str | Path) -> list[MigrationFile]:
    """The migration files of ``directory``, loaded, in dependency order."""
    return _ordered([MigrationFile(p, load_migration_module(p)) for p in _numbered(Path(directory))])


def get_migration_files(migrations_dir: str | Path = "migrations") -> list[Path]:
    """The paths of the migration files, in dependency order (Oxyde's tracker function)."""
    return [f.path for f in migration_files(migrations_dir)]
