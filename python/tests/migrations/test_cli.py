"""The ``oxyde`` command: configuration, help, exit codes, and the commands that need no differ."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oxyde.cli import build_parser, main
from oxyde.cli._config import ConfigError, find_config

from ._helpers import chain

_REPO = Path(__file__).resolve().parents[3]
_PYTHON_DIR = str(_REPO / "python")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    commands = ["init", "makemigrations", "migrate", "showmigrations", "sqlmigrate", "squash", "generate-stubs"]
    for command in commands:
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        assert f"usage: oxyde {command}" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["migrations", "squash", "--help"])


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "makemigrations" in capsys.readouterr().out


def test_python_dash_m_and_the_installed_command() -> None:
    env = {**os.environ, "PYTHONPATH": _PYTHON_DIR}
    result = subprocess.run([sys.executable, "-m", "oxyde", "--help"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "usage: oxyde" in result.stdout
    installed = _REPO / ".venv" / "bin" / "oxyde"
    if installed.exists():  # scripts/setup.sh writes it
        result = subprocess.run([str(installed), "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "usage: oxyde" in result.stdout


def test_commands_without_configuration_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["makemigrations"]) == 2
    assert "oxyde init" in capsys.readouterr().err


def test_init_writes_a_config_that_loads(project: Path) -> None:
    assert main(["init", "--no-input", "--models", "app.models, app.more"]) == 0
    config = find_config()
    assert config is not None
    assert config.models == ["app.models", "app.more"]
    assert config.databases == {"default": "sqlite://app.db"} and config.dialect == "sqlite"
    assert config.migrations_path == project / "migrations" and config.migrations_path.is_dir()
    text = (project / "oxyde_config.py").read_text()
    assert "MODELS = " in text and "DATABASES = {" in text
    # a second init leaves it alone without --force
    assert main(["init", "--no-input", "--models", "other"]) == 0
    assert find_config().models == ["app.models", "app.more"]


def test_pyproject_tool_oxyde(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.oxyde]\nmodels = ["shop.models"]\nmigrations_dir = "db/migrations"\n'
        '[tool.oxyde.databases]\ndefault = "postgresql://u:p@localhost/shop"\n'
    )
    config = find_config()
    assert config is not None and config.models == ["shop.models"]
    assert config.migrations_path == project / "db" / "migrations"
    assert config.dialect_for() == "postgres"


def test_oxyde_config_wins_over_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.oxyde]\nmodels = ["a"]\n')
    (project / "oxyde_config.py").write_text('MODELS = ["b"]\nDATABASES = {"default": "mysql://u@h/db"}\n')
    config = find_config()
    assert config.models == ["b"] and config.dialect_for() == "mysql"


@pytest.mark.parametrize(
    "text",
    [
        "MODELS = 3\n",
        'DATABASES = {"default": "oracle://x"}\n',
        'DIALECT = "oracle"\n',
        "raise RuntimeError('boom')\n",
    ],
)
def test_bad_configuration_is_a_config_error(project: Path, text: str) -> None:
    (project / "oxyde_config.py").write_text(text)
    with pytest.raises(ConfigError):
        find_config()
    assert main(["showmigrations"]) == 2


def test_unknown_models_module_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "oxyde_config.py").write_text('MODELS = ["no_such_models_module"]\n')
    assert main(["generate-stubs"]) == 2
    assert "no_such_models_module" in capsys.readouterr().err


def _sqlite_project(project: Path) -> None:
    (project / "oxyde_config.py").write_text('MODELS = []\nDATABASES = {"default": "sqlite://app.db", "other": "sqlite://other.db"}\n')
    chain(
        project / "migrations",
        ("0001_a", "ctx.execute('CREATE TABLE t_a (id INTEGER)')", "ctx.execute('DROP TABLE t_a')"),
        ("0002_b", "ctx.execute('CREATE TABLE t_b (id INTEGER)')", "ctx.execute('DROP TABLE t_b')"),
    )


def test_migrate_showmigrations_and_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sqlite_project(project)
    assert main(["showmigrations"]) == 0
    assert capsys.readouterr().out.splitlines() == ["[ ] 0001_a", "[ ] 0002_b"]
    assert main(["migrate", "0001"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Applied 0001_a"]
    assert main(["showmigrations"]) == 0
    assert capsys.readouterr().out.splitlines() == ["[✓] 0001_a", "[ ] 0002_b"]
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Applied 0002_b"]
    assert main(["migrate"]) == 0
    assert "No migrations to apply" in capsys.readouterr().out
    assert main(["migrate", "zero"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Rolled back 0002_b", "Rolled back 0001_a"]


def test_database_alias_options(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sqlite_project(project)
    assert main(["migrate", "--database", "other"]) == 0
    assert main(["migrate", "--db-alias", "other"]) == 0
    capsys.readouterr()
    assert main(["showmigrations", "--db-alias", "default"]) == 0
    assert capsys.readouterr().out.splitlines() == ["[ ] 0001_a", "[ ] 0002_b"]
    assert main(["migrate", "--database", "nope"]) == 2


def test_missing_files_are_named_as_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sqlite_project(project)
    assert main(["migrate", "0001"]) == 0
    (project / "migrations" / "0001_a.py").unlink()
    capsys.readouterr()
    assert main(["showmigrations"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == ["[ ] 0002_b"]
    assert "0001_a" in captured.err
    assert main(["migrate"]) == 0
    captured = capsys.readouterr()
    assert "Applied 0002_b" in captured.out and "0001_a" in captured.err


def test_failing_migration_exits_1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sqlite_project(project)
    chain(project / "more", ("0001_bad", "ctx.execute('DROP TABLE nope')", "pass"))
    (project / "oxyde_config.py").write_text('MODELS = []\nMIGRATIONS_DIR = "more"\nDATABASES = {"default": "sqlite://app.db"}\n')
    assert main(["migrate"]) == 1
    assert "0001_bad" in capsys.readouterr().err


def test_sqlmigrate_of_hand_written_steps(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sqlite_project(project)
    assert main(["sqlmigrate", "0002"]) == 0
    assert capsys.readouterr().out.splitlines() == ["-- 0002_b (upgrade, sqlite)", "CREATE TABLE t_b (id INTEGER);"]
    assert main(["sqlmigrate", "0002_b", "--backwards", "--dialect", "postgres"]) == 0
    assert capsys.readouterr().out.splitlines() == ["-- 0002_b (downgrade, postgres)", "DROP TABLE t_b;"]
    assert main(["sqlmigrate", "0009"]) == 2


def test_sqlmigrate_reports_manual_steps(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "oxyde_config.py").write_text('DATABASES = {"default": "sqlite://app.db"}\n')
    chain(project / "migrations", ("0001_enum", "ctx.require_manual('write the ALTER TYPE by hand')", "pass"))
    assert main(["sqlmigrate", "0001"]) == 0
    assert capsys.readouterr().out.strip() == "-- manual migration required: write the ALTER TYPE by hand"


def test_parser_accepts_oxyde_spellings() -> None:
    parser = build_parser()
    args = parser.parse_args(["migrate", "zero", "--fake", "--db-alias", "x"])
    assert (args.target, args.fake, args.db_alias) == ("zero", True, "x")
    args = parser.parse_args(["migrations", "squash", "--name", "base", "--yes"])
    assert (args.name, args.yes) == ("base", True)
    args = parser.parse_args(["makemigrations", "--rename", "a:b", "--rename", "t.c:d", "--check", "--dry-run"])
    assert args.rename == ["a:b", "t.c:d"] and args.check and args.dry_run


def test_makemigrations_refuses_to_drop_everything_when_models_are_missing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "oxyde_config.py").write_text('MODELS = []\nDATABASES = {"default": "sqlite://app.db"}\n')
    chain(
        project / "migrations",
        ("0001_t", "ctx.create_table('t', fields=[{'name': 'id', 'column_type': {'kind': 'big_integer'}, "
                   "'nullable': False, 'primary_key': True, 'unique': False, 'default': None}])", "ctx.drop_table('t')"),
    )
    assert main(["makemigrations"]) == 2
    assert "MODELS" in capsys.readouterr().err
    assert sorted(p.name for p in (project / "migrations").iterdir() if p.suffix == ".py") == ["0001_t.py"]
