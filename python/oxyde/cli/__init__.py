"""The ``oxyde`` command (also ``python -m oxyde``): migrations and type stubs.

Exit codes: 0 done; 1 the command ran and failed (a migration error, ``makemigrations --check``
found changes, a lock held by another run); 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from oxyde.cli._config import CONFIG_FILE, ConfigError, OxydeConfig, find_config, import_models, write_config
from oxyde.exceptions import MigrationError, OxydeError

__all__ = ["app", "main"]

_EMPTY = {"version": 1, "tables": {}}


class _Exit(Exception):
    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _out(text: str = "", stream: TextIO | None = None) -> None:
    print(text, file=stream or sys.stdout)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _config(required: bool = True) -> OxydeConfig:
    config = find_config()
    if config is None:
        if required:
            raise _Exit(2, f"no {CONFIG_FILE} or [tool.oxyde] in pyproject.toml here; run `oxyde init` first")
        return OxydeConfig()
    return config


def _describe(op: dict[str, Any]) -> str:
    """One line per operation for the command's summary."""
    kind = op.get("type", "?")
    if kind == "create_table":
        return f"+ create table {op['table']['name']}"
    if kind == "drop_table":
        return f"- drop table {op['name']}"
    if kind == "rename_table":
        return f"~ rename table {op['old_name']} -> {op['new_name']}"
    if kind == "add_column":
        return f"+ add column {op['table']}.{op['field']['name']}"
    if kind == "drop_column":
        return f"- drop column {op['table']}.{op['field']}"
    if kind == "rename_column":
        return f"~ rename column {op['table']}.{op['old_name']} -> {op['new_name']}"
    if kind == "alter_column":
        name = op["old_field"]["name"] if "old_field" in op else op.get("column")
        return f"~ alter column {op['table']}.{name}"
    if kind == "create_index":
        return f"+ create index {op['index']['name']} on {op['table']}"
    if kind == "drop_index":
        return f"- drop index {op['name']} on {op['table']}"
    if kind == "add_foreign_key":
        return f"+ add foreign key {op['fk']['name']} on {op['table']}"
    if kind == "drop_foreign_key":
        return f"- drop foreign key {op['name']} on {op['table']}"
    if kind == "add_check":
        return f"+ add check {op['check']['name']} on {op['table']}"
    if kind == "drop_check":
        return f"- drop check {op['name']} on {op['table']}"
    return f"~ {kind} {op.get('name', '')}".rstrip()


# --- commands -------------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    path = Path.cwd() / CONFIG_FILE
    interactive = sys.stdin.isatty() and not args.no_input
    if path.exists() and not args.force:
        if not interactive or input(f"{CONFIG_FILE} exists; overwrite it? [y/N] ").strip().lower() != "y":
            _out(f"{CONFIG_FILE} exists; left as it is (pass --force to overwrite)")
            return 0

    def ask(question: str, given: str | None, default: str) -> str:
        if given is not None:
            return given
        if not interactive:
            return default
        return input(f"{question} [{default}]: ").strip() or default

    models = ask("Models module(s), comma separated", args.models, "models")
    url = ask("Database URL", args.database_url, "sqlite://app.db")
    migrations_dir = ask("Migrations directory", args.migrations_dir, "migrations")
    from oxyde.migrations.utils import detect_dialect

    try:
        dialect = detect_dialect(url)
    except OxydeError as exc:
        raise _Exit(2, str(exc)) from None
    config = OxydeConfig(
        models=[m.strip() for m in models.replace(",", " ").split() if m.strip()],
        dialect=dialect,
        migrations_dir=migrations_dir,
        databases={"default": url},
    )
    write_config(path, config)
    Path(migrations_dir).mkdir(parents=True, exist_ok=True)
    _out(f"wrote {CONFIG_FILE} (dialect {dialect}, database {url}, migrations in {migrations_dir}/)")
    _out("next: define models in " + ", ".join(config.models) + ", then `oxyde makemigrations` and `oxyde migrate`")
    return 0


def _ask_renames(args: argparse.Namespace, candidates: list[Any]) -> list[Any]:
    """The rename candidates the user accepts: ``--rename`` ones, else asked on a terminal."""
    if args.rename:
        accepted = []
        for spec in args.rename:
            hits = [c for c in candidates if c.matches(spec)]
            if not hits:
                options = ", ".join(f"{c.old}:{c.new}" for c in candidates) or "none"
                raise _Exit(2, f"--rename {spec}: no dropped and added pair of that name and type (candidates: {options})")
            if len(hits) > 1:
                raise _Exit(2, f"--rename {spec} is ambiguous; write it as table.old:new")
            accepted.append(hits[0])
        return accepted
    if args.no_renames:
        return []
    if not sys.stdin.isatty() or args.no_input:
        listed = "\n".join(f"  {c.describe()}" for c in candidates)
        raise _Exit(
            1,
            "these drops and adds have the same type and may be renames (dropping loses the data):\n"
            f"{listed}\npass --rename old:new for each rename, or --no-renames to drop and add",
        )
    accepted = []
    for cand in candidates:
        answer = input(f"Was {cand.describe().replace(' -> ', ' renamed to ')}? [y/N] ").strip().lower()
        if answer in ("y", "yes"):
            accepted.append(cand)
    return accepted


def cmd_makemigrations(args: argparse.Namespace) -> int:
    from oxyde.core import migration_compute_diff
    from oxyde.migrations import extract_current_schema, generate_migration_file, replay_migrations
    from oxyde.migrations._renames import apply_renames, rename_candidates

    config = _config()
    import_models(config)
    dialect = config.dialect_for()
    new = extract_current_schema(dialect)
    old = replay_migrations(config.migrations_path) if config.migrations_path.is_dir() else _EMPTY
    if not new["tables"] and old["tables"]:
        raise _Exit(
            2,
            f"no table models found in MODELS {config.models!r}; refusing to write a migration that drops "
            "every table (check MODELS, or drop the tables with a hand-written migration)",
        )
    ops = json.loads(migration_compute_diff(json.dumps(old), json.dumps(new)))
    if ops and not args.check:
        candidates = rename_candidates(old, new)
        if candidates:
            accepted = _ask_renames(args, candidates)
            if accepted:
                ops = apply_renames(old, new, accepted)
    elif args.rename:
        raise _Exit(2, "--rename needs changes to apply to")
    if not args.dry_run and not args.check:
        _write_stubs(config)
    if not ops:
        _out("No changes detected")
        return 0
    if args.check:
        _out(f"Models and migrations differ ({len(ops)} operation{'s' if len(ops) != 1 else ''}):")
        for op in ops:
            _out("  " + _describe(op))
        _out("run `oxyde makemigrations` to write them")
        return 1
    if args.dry_run:
        from oxyde.migrations._files import next_number
        from oxyde.migrations._writer import infer_name, render_migration

        name = args.name or infer_name(ops)
        _out(f"Would write {config.migrations_dir}/{next_number(config.migrations_path):04d}_{name}.py:")
        for op in ops:
            _out("  " + _describe(op))
        if args.verbose:
            _out(render_migration(ops, None))
        return 0
    path = generate_migration_file(ops, config.migrations_path, args.name)
    _out(f"Wrote {path.relative_to(config.root) if path.is_relative_to(config.root) else path}:")
    for op in ops:
        _out("  " + _describe(op))
    return 0


def _write_stubs(config: OxydeConfig) -> list[Path]:
    from oxyde.cli._stubs import generate_stubs

    return generate_stubs()


def cmd_generate_stubs(args: argparse.Namespace) -> int:
    config = _config()
    import_models(config)
    written = _write_stubs(config)
    for path in written:
        _out(f"wrote {path}")
    if not written:
        _out("no model modules found (check MODELS)")
    return 0


async def _with_database(config: OxydeConfig, alias: str, work: Any) -> Any:
    from oxyde.db import AsyncDatabase

    database = AsyncDatabase(config.url(alias), name=alias, overwrite=True)
    await database.connect()
    try:
        return await work()
    finally:
        await database.disconnect()


def _alias(args: argparse.Namespace) -> str:
    return args.database or args.db_alias or "default"


def _show_warnings(caught: list[warnings.WarningMessage]) -> None:
    for w in caught:
        _err(f"warning: {w.message}")


def cmd_migrate(args: argparse.Namespace) -> int:
    from oxyde.migrations import migrate

    config = _config()
    alias = _alias(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plan = asyncio.run(
            _with_database(config, alias, lambda: migrate(args.target, config.migrations_path, alias, args.fake))
        )
    _show_warnings(caught)
    verb = "Faked" if args.fake else "Applied"
    for name in plan.applied:
        _out(f"{verb} {name}")
    for name in plan.rolled_back:
        _out(f"{'Faked rollback of' if args.fake else 'Rolled back'} {name}")
    if not plan.applied and not plan.rolled_back:
        _out("No migrations to apply")
    return 0


def cmd_showmigrations(args: argparse.Namespace) -> int:
    from oxyde.migrations import get_applied_migrations
    from oxyde.migrations._files import migration_files

    config = _config()
    alias = _alias(args)
    files = migration_files(config.migrations_path)
    applied = asyncio.run(_with_database(config, alias, lambda: get_applied_migrations(alias)))
    done = set(applied)
    for f in files:
        _out(f"[{'✓' if f.name in done else ' '}] {f.name}")
    if not files:
        _out(f"no migrations in {config.migrations_dir}/")
    present = {f.name for f in files}
    missing = [name for name in applied if name not in present]
    if missing:
        _err(f"warning: the history holds migrations whose files are gone: {', '.join(missing)}")
    return 0


def cmd_sqlmigrate(args: argparse.Namespace) -> int:
    from oxyde.exceptions import ManualMigrationError
    from oxyde.migrations._files import migration_files
    from oxyde.migrations._runner import _match, _state_before, plan_steps

    config = _config()
    files = migration_files(config.migrations_path)
    hits = [f for f in files if _match(f.name, args.name)]
    if len(hits) != 1:
        known = ", ".join(f.name for f in files) or "none"
        raise _Exit(2, f"{args.name!r} names {'no' if not hits else 'more than one'} migration (there are: {known})")
    file = hits[0]
    dialect = args.dialect or config.dialect_for()
    direction = "downgrade" if args.backwards else "upgrade"
    state = _state_before(files, file.name, include=args.backwards)
    try:
        steps, _ = plan_steps(file, state, dialect, direction)
    except ManualMigrationError as exc:
        _out(f"-- manual migration required: {exc}")
        return 0
    _out(f"-- {file.name} ({direction}, {dialect})")
    for step in steps:
        text = step.describe()
        _out(text if text.startswith("--") or text.rstrip().endswith(";") else text + ";")
    return 0


def cmd_squash(args: argparse.Namespace) -> int:
    from oxyde.migrations import squash_migrations

    config = _config()
    preview = squash_migrations(config.migrations_path, args.name, dry_run=True)
    if not preview.deleted_files:
        _out("no migrations to squash")
        return 0
    _out(f"squash {len(preview.deleted_files)} migrations into 0001_{args.name}.py ({preview.table_count} tables):")
    for name in preview.deleted_files:
        _out(f"  - {name}")
    for name in preview.raw_sql_files:
        _out(f"warning: {name} runs ctx.execute/run_python steps, which the squashed file does not carry")
    if not args.yes:
        if not sys.stdin.isatty() or input("Proceed? [y/N] ").strip().lower() not in ("y", "yes"):
            _out("nothing changed (pass --yes to squash without asking)")
            return 0
    result = squash_migrations(config.migrations_path, args.name)
    _out(f"wrote {result.new_file}")
    _out("databases that applied the old files: run `oxyde migrate --fake` once to record the new one")
    return 0


# --- parser ---------------------------------------------------------------------------------------


def _database_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="ALIAS", help="the DATABASES alias to use (default: default)")
    parser.add_argument("--db-alias", metavar="ALIAS", help="the same as --database (Oxyde's spelling)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oxyde",
        description="Oxyde migrations and type stubs. Configuration: oxyde_config.py or [tool.oxyde] in pyproject.toml.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="write oxyde_config.py (asks on a terminal)")
    p.add_argument("--models", help="models module(s), comma separated (default: models)")
    p.add_argument("--database-url", help="URL of the default database (default: sqlite://app.db)")
    p.add_argument("--migrations-dir", help="where migration files go (default: migrations)")
    p.add_argument("--force", action="store_true", help="overwrite an existing oxyde_config.py")
    p.add_argument("--no-input", action="store_true", help="ask nothing; use the options and defaults")
    p.set_defaults(fn=cmd_init)

    p = sub.add_parser("makemigrations", help="write a migration for the changes in the models")
    p.add_argument("--name", help="the file's name after NNNN_ (default: inferred from the changes)")
    p.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    p.add_argument("--check", action="store_true", help="exit 1 when models and migrations differ (for CI)")
    p.add_argument(
        "--rename", action="append", metavar="OLD:NEW", default=[],
        help="a dropped and an added column or table that are one renamed (table.old:new for a column)",
    )
    p.add_argument("--no-renames", action="store_true", help="drop and add without asking about renames")
    p.add_argument("--no-input", action="store_true", help="never ask (undecided renames are an error)")
    p.add_argument("-v", "--verbose", action="store_true", help="with --dry-run: print the file")
    p.set_defaults(fn=cmd_makemigrations)

    p = sub.add_parser("migrate", help="apply pending migrations, or move to TARGET")
    p.add_argument("target", nargs="?", help="a migration (name or NNNN) to move to; zero rolls back everything")
    p.add_argument("--fake", action="store_true", help="record (or unrecord) without running SQL")
    _database_options(p)
    p.set_defaults(fn=cmd_migrate)

    p = sub.add_parser("showmigrations", help="list migrations, [✓] when applied")
    _database_options(p)
    p.set_defaults(fn=cmd_showmigrations)

    p = sub.add_parser("sqlmigrate", help="print the SQL of a migration")
    p.add_argument("name", help="the migration (name or NNNN)")
    p.add_argument("--dialect", choices=["sqlite", "postgres", "mysql"], help="default: the configured one")
    p.add_argument("--backwards", action="store_true", help="the SQL of its downgrade")
    p.set_defaults(fn=cmd_sqlmigrate)

    def squash_args(q: argparse.ArgumentParser) -> None:
        q.add_argument("--name", default="squashed", help="name of the new file (default: squashed)")
        q.add_argument("--yes", "-y", action="store_true", help="do not ask")
        q.set_defaults(fn=cmd_squash)

    squash_args(sub.add_parser("squash", help="replace every migration file by one"))
    group = sub.add_parser("migrations", help="Oxyde's spelling: `oxyde migrations squash`")
    group_sub = group.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
    squash_args(group_sub.add_parser("squash", help="replace every migration file by one"))

    p = sub.add_parser("generate-stubs", help="write .pyi stubs typing each model's lookups")
    p.set_defaults(fn=cmd_generate_stubs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "fn", None):
        parser.print_help()
        return 2
    try:
        return int(args.fn(args))
    except _Exit as exc:
        if exc.message:
            _err(exc.message if exc.code != 2 else f"error: {exc.message}")
        return exc.code
    except ConfigError as exc:
        _err(f"error: {exc}")
        return 2
    except MigrationError as exc:
        _err(f"error: {exc}")
        return 1
    except OxydeError as exc:
        _err(f"error: {type(exc).__name__}: {exc}")
        return 1
    except KeyboardInterrupt:
        _err("interrupted")
        return 130


def app() -> None:
    """Console-script entry point (``oxyde = oxyde.cli:app``)."""
    sys.exit(main())
