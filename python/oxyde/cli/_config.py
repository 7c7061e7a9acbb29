"""The CLI's configuration: ``oxyde_config.py`` (Oxyde's file) or ``[tool.oxyde]`` in ``pyproject.toml``.

``oxyde_config.py`` holds ``MODELS`` (modules to import), ``DIALECT``, ``MIGRATIONS_DIR`` and
``DATABASES`` (alias -> URL); ``[tool.oxyde]`` holds the same keys in lower case. The file wins
when both exist. Paths are relative to the directory holding the configuration, which also goes on
``sys.path`` so the model modules import.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oxyde.exceptions import OxydeError
from oxyde.migrations.utils import detect_dialect

__all__ = ["CONFIG_FILE", "ConfigError", "OxydeConfig", "find_config", "import_models", "write_config"]

CONFIG_FILE = "oxyde_config.py"


class ConfigError(OxydeError):
    """The configuration is missing or wrong (names the file and the key)."""


@dataclass
class OxydeConfig:
    """What the commands need to know about the project."""

    models: list[str] = field(default_factory=list)
    dialect: str | None = None
    migrations_dir: str = "migrations"
    databases: dict[str, str] = field(default_factory=dict)
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None

    @property
    def migrations_path(self) -> Path:
        path = Path(self.migrations_dir)
        return path if path.is_absolute() else self.root / path

    def url(self, alias: str) -> str:
        try:
            return self.databases[alias]
        except KeyError:
            known = ", ".join(sorted(self.databases)) or "none"
            raise ConfigError(
                f"{self.source or 'the configuration'}: no database {alias!r} in DATABASES (configured: {known})"
            ) from None

    def dialect_for(self, alias: str | None = None) -> str:
        """The configured ``DIALECT``, else the dialect of the alias's URL (``default`` first)."""
        if alias is None and self.dialect:
            return self.dialect
        if alias is not None and alias in self.databases:
            return detect_dialect(self.databases[alias])
        if self.dialect:
            return self.dialect
        if "default" in self.databases:
            return detect_dialect(self.databases["default"])
        return "sqlite"


def _check(source: Path, values: dict[str, Any]) -> OxydeConfig:
    models = values.get("models", [])
    if isinstance(models, str):
        models = [models]
    if not isinstance(models, list) or not all(isinstance(m, str) for m in models):
        raise ConfigError(f"{source}: MODELS must be a list of module names, got {models!r}")
    databases = values.get("databases", {})
    if not isinstance(databases, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in databases.items()
    ):
        raise ConfigError(f"{source}: DATABASES must map aliases to URLs, got {databases!r}")
    for alias, url in databases.items():
        try:
            detect_dialect(url)
        except OxydeError as exc:
            raise ConfigError(f"{source}: DATABASES[{alias!r}]: {exc}") from None
    dialect = values.get("dialect")
    if dialect is not None and dialect not in ("sqlite", "postgres", "mysql"):
        raise ConfigError(f"{source}: DIALECT must be sqlite, postgres or mysql, got {dialect!r}")
    migrations_dir = values.get("migrations_dir", "migrations")
    if not isinstance(migrations_dir, str):
        raise ConfigError(f"{source}: MIGRATIONS_DIR must be a path, got {migrations_dir!r}")
    return OxydeConfig(models, dialect, migrations_dir, dict(databases), source.parent, source)


def _from_py(path: Path) -> OxydeConfig:
    spec = importlib.util.spec_from_file_location("_oxyde_config", path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise ConfigError(f"{path} failed to run: {exc!r}") from exc
    values = {key.lower(): getattr(module, key) for key in ("MODELS", "DIALECT", "MIGRATIONS_DIR", "DATABASES") if hasattr(module, key)}
    return _check(path, values)


def _from_pyproject(path: Path) -> OxydeConfig | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    section = data.get("tool", {}).get("oxyde")
    if section is None:
        return None
    return _check(path, {key.replace("-", "_").lower(): value for key, value in section.items()})


def find_config(start: Path | None = None) -> OxydeConfig | None:
    """The configuration of the project at ``start`` (default: the working directory), or ``None``."""
    root = (start or Path.cwd()).resolve()
    file = root / CONFIG_FILE
    if file.is_file():
        return _from_py(file)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        return _from_pyproject(pyproject)
    return None


def import_models(config: OxydeConfig) -> None:
    """Import the ``MODELS`` modules (their table models register themselves)."""
    root = str(config.root)
    if root not in sys.path:
        sys.path.insert(0, root)
    for name in config.models:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise ConfigError(f"{config.source}: cannot import models module {name!r}: {exc}") from exc
    from oxyde.models.registry import finalize_pending

    finalize_pending()


def write_config(path: Path, config: OxydeConfig) -> None:
    """Write ``oxyde_config.py``."""
    lines = [
        '"""Oxyde configuration (written by `oxyde init`; edit freely)."""',
        "",
        f"MODELS = {config.models!r}",
        f"DIALECT = {config.dialect!r}",
        f"MIGRATIONS_DIR = {config.migrations_dir!r}",
        "DATABASES = {",
        *[f"    {alias!r}: {url!r}," for alias, url in config.databases.items()],
        "}",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
