"""makemigrations, migrate, sqlmigrate and squash through the command, on the engine's differ, in a
fresh SQLite project (the README's quickstart)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from oxyde.cli import main
from oxyde.migrations import replay_migrations

MODELS = '''
from oxyde import Field, Model


class Author(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100, db_unique=True)

    class Meta:
        is_table = True
        table_name = "authors"


class Post(Model):
    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200, db_index=True)
    body: str = ""
    author: Author | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    (tmp_path / "oxyde_config.py").write_text('MODELS = ["qs_models"]\nDATABASES = {"default": "sqlite://app.db"}\n')
    (tmp_path / "qs_models.py").write_text(MODELS)
    yield tmp_path
    sys.modules.pop("qs_models", None)


def oxyde(*argv: str) -> int:
    """One command, as a new process would see the models module (imported afresh)."""
    from oxyde.models.registry import clear_registry

    clear_registry()
    sys.modules.pop("qs_models", None)
    importlib.invalidate_caches()
    return main(list(argv))


def _files(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "migrations").glob("*.py"))


def _edit(project: Path, old: str, new: str) -> None:
    path = project / "qs_models.py"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_quickstart(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oxyde("makemigrations") == 0
    assert _files(project) == ["0001_create_authors_table.py"]
    assert (project / "qs_models.pyi").exists()
    assert oxyde("makemigrations", "--check") == 0
    assert "No changes detected" in capsys.readouterr().out
    assert oxyde("migrate") == 0
    assert "Applied 0001_create_authors_table" in capsys.readouterr().out

    _edit(project, 'body: str = ""\n', 'body: str = ""\n    likes: int = 0\n')
    assert oxyde("makemigrations", "--check") == 1
    assert "+ add column post.likes" in capsys.readouterr().out
    assert oxyde("makemigrations", "--dry-run") == 0
    assert "Would write migrations/0002_add_likes_to_post.py" in capsys.readouterr().out
    assert _files(project) == ["0001_create_authors_table.py"]
    assert oxyde("makemigrations") == 0
    assert _files(project) == ["0001_create_authors_table.py", "0002_add_likes_to_post.py"]
    assert oxyde("sqlmigrate", "0002") == 0
    out = capsys.readouterr().out
    assert 'ALTER TABLE "post" ADD COLUMN "likes"' in out
    assert oxyde("migrate") == 0
    assert oxyde("migrate", "0001") == 0
    assert "Rolled back 0002_add_likes_to_post" in capsys.readouterr().out
    assert oxyde("showmigrations") == 0
    assert capsys.readouterr().out.splitlines() == ["[✓] 0001_create_authors_table", "[ ] 0002_add_likes_to_post"]
    assert oxyde("migrate", "zero") == 0


def test_rename_is_asked_not_dropped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oxyde("makemigrations") == 0
    _edit(project, 'body: str = ""', 'content: str = ""')
    capsys.readouterr()
    assert oxyde("makemigrations", "--no-input") == 1  # undecided: nothing written
    err = capsys.readouterr().err
    assert "column post.body -> post.content" in err and "--rename" in err
    assert _files(project) == ["0001_create_authors_table.py"]
    assert oxyde("makemigrations", "--rename", "nope:content") == 2
    assert oxyde("makemigrations", "--rename", "post.body:content") == 0
    [second] = [p for p in (project / "migrations").glob("0002_*.py")]
    assert second.name == "0002_rename_column_body_to_content.py"
    text = second.read_text()
    assert 'ctx.rename_column("post", "body", "content")' in text and "drop_column" not in text
    assert oxyde("makemigrations", "--check") == 0


def test_no_renames_drops_and_adds(project: Path) -> None:
    assert oxyde("makemigrations") == 0
    _edit(project, 'body: str = ""', 'content: str = ""')
    assert oxyde("makemigrations", "--no-renames") == 0
    [second] = [p for p in (project / "migrations").glob("0002_*.py")]
    text = second.read_text()
    assert "ctx.drop_column(" in text and "ctx.add_column(" in text


def test_squash(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oxyde("makemigrations") == 0
    _edit(project, 'body: str = ""\n', 'body: str = ""\n    likes: int = 0\n')
    assert oxyde("makemigrations") == 0
    before = replay_migrations(project / "migrations")
    assert oxyde("squash") == 0  # no terminal, no --yes: nothing changes
    assert len(_files(project)) == 2
    assert oxyde("migrations", "squash", "--yes", "--name", "base") == 0
    assert _files(project) == ["0001_base.py"]
    assert replay_migrations(project / "migrations") == before
    assert oxyde("makemigrations", "--check") == 0


def test_squash_reports_hand_written_steps(project: Path) -> None:
    from oxyde.migrations import squash_migrations

    assert oxyde("makemigrations") == 0
    (project / "migrations" / "0002_data.py").write_text(
        'depends_on = "0001_create_authors_table"\n\ndef upgrade(ctx):\n    ctx.execute("UPDATE post SET body = \'\'")\n\n'
        "def downgrade(ctx):\n    pass\n"
    )
    preview = squash_migrations(project / "migrations", dry_run=True)
    assert preview.new_file is None and preview.table_count == 2
    assert preview.deleted_files == ["0001_create_authors_table.py", "0002_data.py"]
    assert preview.raw_sql_files == ["0002_data.py"] and preview.legacy_files == []
    result = squash_migrations(project / "migrations")
    assert result.new_file == project / "migrations" / "0001_squashed.py"
    assert _files(project) == ["0001_squashed.py"]
