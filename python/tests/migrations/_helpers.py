"""Writing small hand-made migration files for runner tests."""

from __future__ import annotations

import textwrap
from pathlib import Path


def write(directory: Path, name: str, upgrade: str, downgrade: str = "pass", depends_on: str | None = None,
          prelude: str = "") -> Path:
    """``directory/name.py`` with the given bodies (indented for you)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.py"
    path.write_text(
        f'"""Test migration."""\n{textwrap.dedent(prelude)}\n'
        f"depends_on = {depends_on!r}\n\n\n"
        f"def upgrade(ctx):\n{textwrap.indent(textwrap.dedent(upgrade).strip(), '    ')}\n\n\n"
        f"def downgrade(ctx):\n{textwrap.indent(textwrap.dedent(downgrade).strip(), '    ')}\n"
    )
    return path


def chain(directory: Path, *steps: tuple[str, str, str]) -> list[str]:
    """Files ``(name, upgrade, downgrade)`` each depending on the one before; their names."""
    names: list[str] = []
    for name, up, down in steps:
        write(directory, name, up, down, names[-1] if names else None)
        names.append(name)
    return names
