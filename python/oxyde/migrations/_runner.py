"""Applying and rolling back migrations on a database, one run at a time.

**Transactions.** On PostgreSQL and SQLite, where DDL is transactional, a run is one transaction and
each migration a savepoint in it, its history row included: a failing migration rolls back to its
savepoint (the database and the history are as before it), the ones before it commit, and the error
is raised. On MySQL every DDL statement commits at once, so a migration runs statement by statement
and ``oxyde_migration_progress`` counts the statements done: after a failure, fix the cause and run
``migrate`` again; it resumes after the last statement that succeeded.

**One run at a time.** PostgreSQL: ``pg_try_advisory_xact_lock`` on Oxyde's key, held by the run's
transaction (it also excludes an Oxyde process holding the session lock on that key). MySQL:
``GET_LOCK('oxyde_migration', 0)`` on a connection pinned for the run. SQLite: the run's transaction
begins with ``BEGIN IMMEDIATE``, which holds the database's write lock until it ends. A run that
finds the lock taken raises :class:`~oxyde.exceptions.MigrationLockError` and changes nothing.
"""

from __future__ import annotations

import dataclasses
import inspect
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oxyde._log import logger
from oxyde.db._atomic import atomic
from oxyde.db._database import AsyncDatabase
from oxyde.db._raw import execute_raw, execute_raw_sync, execute_script, raw_ir, rows_as_dicts
from oxyde.db._registry import get_connection, unregister_connection
from oxyde.db._transaction import AsyncTransaction
from oxyde.exceptions import BusyError, LockTimeoutError, MigrationError, MigrationLockError, OxydeError
from oxyde.migrations import _tracker as tracker
from oxyde.migrations._context import MigrationContext, Step
from oxyde.migrations._files import MigrationFile, migration_files
from oxyde.migrations._replay import collect
from oxyde.migrations._state import SchemaState

__all__ = [
    "MIGRATION_LOCK_KEY",
    "MigrationNotFoundError",
    "MissingMigrationFileWarning",
    "MigrationPlan",
    "apply_migrations",
    "migrate",
    "plan_steps",
    "rollback_migration",
    "rollback_migrations",
]

#: Oxyde's advisory lock key ("OxyD").
MIGRATION_LOCK_KEY = 0x4F587944
_MYSQL_LOCK = "oxyde_migration"

#: Lock statements of the server databases (SQLite's lock is its write transaction).
_LOCK_SQL: dict[str, tuple[str, str | None]] = {
    "postgres": (f"SELECT pg_try_advisory_xact_lock({MIGRATION_LOCK_KEY}) AS locked", None),
    "mysql": (f"SELECT GET_LOCK('{_MYSQL_LOCK}', 0) AS locked", f"SELECT RELEASE_LOCK('{_MYSQL_LOCK}') AS released"),
}

#: Dialects whose DDL runs inside a transaction.
_TRANSACTIONAL = frozenset({"sqlite", "postgres"})


class MigrationNotFoundError(MigrationError, ValueError):
    """A target or a migration to roll back that is not there (a ``ValueError`` too, as Oxyde's)."""


class MissingMigrationFileWarning(UserWarning):
    """The history names migrations whose files are gone (the run carries on without them)."""


@dataclass
class MigrationPlan:
    """What a ``migrate`` did: the migrations applied and rolled back, in order."""

    applied: list[str] = field(default_factory=list)
    rolled_back: list[str] = field(default_factory=list)


class RunPythonConnection:
    """What ``ctx.run_python(fn)`` hands ``fn``: SQL in the migration's transaction."""

    def __init__(self, alias: str, dialect: str, tx: AsyncTransaction | None) -> None:
        self.alias = alias
        self.dialect = dialect
        self._tx = tx

    async def execute(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        if self._tx is not None:
            return await execute_raw(sql, params, client=self._tx)
        return await execute_raw(sql, params, using=self.alias)

    def execute_sync(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        if self._tx is not None:
            return execute_raw_sync(sql, params, client=self._tx)
        return execute_raw_sync(sql, params, using=self.alias)


def _warn_missing(applied: list[str], files: list[MigrationFile]) -> None:
    present = {f.name for f in files}
    missing = [name for name in applied if name not in present]
    if missing:
        warnings.warn(
            f"the history holds migrations whose files are gone: {', '.join(missing)}",
            MissingMigrationFileWarning,
            stacklevel=3,
        )


def _match(name: str, target: str) -> bool:
    """Oxyde's target rule: the exact stem, or ``target`` followed by ``_`` (``0002``)."""
    return name == target or name.startswith(target + "_")


def plan_steps(
    file: MigrationFile, state: SchemaState, dialect: str, direction: str = "upgrade"
) -> tuple[list[Step], SchemaState]:
    """The steps of ``file``'s ``direction`` on ``dialect``, starting from ``state`` (copied), and
    the state after them."""
    fn = getattr(file.module, direction, None)
    if not callable(fn):
        raise MigrationError(f"migration {file.name} has no {direction}(ctx) function")
    ctx = MigrationContext(mode="execute", dialect=dialect, schema_state=SchemaState(state.to_snapshot()))
    try:
        fn(ctx)
    except MigrationError:
        raise
    except OxydeError as exc:
        raise MigrationError(f"migration {file.name} ({direction}): {exc}") from exc
    return ctx.steps, ctx.state


async def _run_step(step: Step, conn: RunPythonConnection) -> None:
    if step.sql is not None and step.engine:
        rows = await conn.execute(step.sql)
        if rows:
            raise MigrationError(
                f"the check {step.sql!r} found {len(rows)} row(s), e.g. {rows[0]!r}",
                details={"statement": step.sql, "rows": rows[:10]},
            )
        return
    if step.sql is not None:
        if conn._tx is not None:
            await execute_script(step.sql, client=conn._tx)
        else:
            await execute_script(step.sql, using=conn.alias)
        return
    assert step.fn is not None
    result = step.fn(conn)
    if inspect.isawaitable(result):
        await result


def _failed(file: MigrationFile, direction: str, index: int, total: int, exc: BaseException, note: str) -> MigrationError:
    return MigrationError(
        f"migration {file.name} ({direction}) failed at step {index + 1} of {total}: {exc}. {note}",
        details={"migration": file.name, "direction": direction, "step": index + 1, "steps": total},
    )


# --- the run: lock, transaction, history -------------------------------------------------------------


@dataclass
class _Run:
    alias: str
    dialect: str
    tx: AsyncTransaction | None  # the run's transaction (PostgreSQL, SQLite)
    #: The error that stopped the run; raised once the migrations before it are committed.
    failure: Exception | None = None

    def stop(self, exc: Exception) -> None:
        """In a transactional run, keep what succeeded: commit it, then raise ``exc``."""
        if self.tx is None:
            raise exc
        self.failure = exc


@asynccontextmanager
async def _locked_run(alias: str) -> AsyncIterator[_Run]:
    """The run's lock and, where DDL is transactional, its transaction."""
    database = await get_connection(alias)
    dialect = database.dialect
    if dialect == "sqlite" and not _in_memory(database.url):
        # A pool of its own with foreign key enforcement off (it cannot be switched off inside a
        # transaction): a table rebuild drops the old table, which would otherwise run the ON DELETE
        # actions of the rows referencing it. The rebuild's PRAGMA foreign_key_check guards instead.
        own = AsyncDatabase(
            database.url,
            name=f"{alias}:oxyde-migrate",
            settings=dataclasses.replace(database.settings, sqlite_foreign_keys=False),
            overwrite=True,
        )
        await own.connect()
        try:
            async with _transactional_run(own.name, dialect, own) as run:
                yield run
        finally:
            await own.disconnect()
            unregister_connection(own.name)
        return
    if dialect in _TRANSACTIONAL:
        async with _transactional_run(alias, dialect, database) as run:
            yield run
        return
    # MySQL: DDL commits at once; the lock lives on a connection pinned for the run.
    logger.warning(
        "%s: MySQL commits each DDL statement at once; migrations run without a transaction and "
        "their progress is recorded per statement (a failed one resumes where it stopped)",
        alias,
    )
    pin = AsyncTransaction(database)
    await pin.begin()
    try:
        await _take_lock(database, pin, dialect)
        try:
            yield _Run(alias, dialect, None)
        finally:
            release = _LOCK_SQL[dialect][1]
            if release is not None:
                await pin.execute(raw_ir(release))
    finally:
        await pin.rollback()


@asynccontextmanager
async def _transactional_run(alias: str, dialect: str, database: AsyncDatabase) -> AsyncIterator[_Run]:
    """The run's transaction (SQLite: ``BEGIN IMMEDIATE`` holds the write lock; PostgreSQL: the
    advisory lock is taken first thing); what succeeded commits before ``run.failure`` is raised."""
    try:
        block = atomic(using=alias)
        await block.__aenter__()
    except (BusyError, LockTimeoutError) as exc:
        raise MigrationLockError(f"another migrate holds the write lock of {alias!r}: {exc}") from exc
    run = _Run(alias, dialect, block.transaction)
    try:
        if dialect == "postgres":
            await _take_lock(database, block.transaction, dialect)
        yield run
    except BaseException as exc:
        await block.__aexit__(type(exc), exc, exc.__traceback__)
        raise
    await block.__aexit__(None, None, None)
    if run.failure is not None:
        raise run.failure


def _in_memory(url: str) -> bool:
    """An in-memory SQLite database lives in its pool: a second pool would be another database."""
    lowered = url.lower()
    return ":memory:" in lowered or "mode=memory" in lowered


async def _take_lock(database: AsyncDatabase, tx: AsyncTransaction, dialect: str) -> None:
    rows = rows_as_dicts(await tx.execute(raw_ir(_LOCK_SQL[dialect][0])))
    if not rows or rows[0].get("locked") not in (True, 1):
        raise MigrationLockError(f"another migrate is running on {database.name!r} (the migration lock is taken)")


async def _apply_one(run: _Run, file: MigrationFile, state: SchemaState, fake: bool, direction: str) -> SchemaState:
    """Run one migration's ``direction`` and update the history; the new state."""
    steps, after = plan_steps(file, state, run.dialect, direction) if not fake else ([], None)
    if after is None:
        after = state if direction == "downgrade" else _collected(file, state)
    conn = RunPythonConnection(run.alias, run.dialect, run.tx)
    if run.tx is not None:
        async with atomic(using=run.alias):  # a savepoint: a failure undoes this migration only
            for i, step in enumerate(steps):
                try:
                    await _run_step(step, conn)
                except Exception as exc:
                    raise _failed(file, direction, i, len(steps), exc, "nothing of it was applied") from exc
            await _record(file.name, direction, run.alias)
        return after
    start = await tracker.get_progress(file.name, direction, run.alias) if steps else 0
    if start:
        logger.warning("%s: resuming %s of %s after step %d of %d", run.alias, direction, file.name, start, len(steps))
    for i in range(start, len(steps)):
        try:
            await _run_step(steps[i], conn)
        except Exception as exc:
            note = (
                f"steps 1-{i} are applied (MySQL commits DDL at once); fix the cause and run migrate "
                "again to resume at this step"
                if i
                else "nothing of it was applied"
            )
            raise _failed(file, direction, i, len(steps), exc, note) from exc
        if i + 1 < len(steps):
            await tracker.set_progress(file.name, direction, i + 1, run.alias)
    await _record(file.name, direction, run.alias)
    if start or len(steps) > 1:
        await tracker.clear_progress(file.name, run.alias)
    return after


def _collected(file: MigrationFile, state: SchemaState) -> SchemaState:
    copy = SchemaState(state.to_snapshot())
    collect(file, copy)
    return copy


async def _record(name: str, direction: str, alias: str) -> None:
    if direction == "upgrade":
        await tracker.record_migration(name, alias)
    else:
        await tracker.remove_migration(name, alias)


# --- public API --------------------------------------------------------------------------------------


async def _prepare(run: _Run) -> list[str]:
    await tracker.ensure_migrations_table(run.alias)
    if run.dialect not in _TRANSACTIONAL:
        await tracker.ensure_progress_table(run.alias)
    return await tracker.get_applied_migrations(run.alias)


def _state_before(files: list[MigrationFile], name: str, include: bool) -> SchemaState:
    """The replayed state just before (or after, with ``include``) the file ``name``."""
    state = SchemaState()
    for file in files:
        if file.name == name and not include:
            break
        collect(file, state)
        if file.name == name:
            break
    return state


async def _forward(run: _Run, files: list[MigrationFile], applied: list[str], target: str | None, fake: bool) -> list[str]:
    done = set(applied)
    pending = [f for f in files if f.name not in done]
    if target is not None:
        index = next((i for i, f in enumerate(pending) if _match(f.name, target)), None)
        if index is None:
            raise MigrationNotFoundError(f"target migration {target!r} is not among the pending migrations")
        pending = pending[: index + 1]
    if not pending:
        return []
    state = _state_before(files, pending[0].name, include=False)
    names = {f.name for f in files}
    result: list[str] = []
    for file in pending:
        dep = file.depends_on
        if dep is not None and dep not in done:
            where = "is not applied" if dep in names else "is neither applied nor in the migrations directory"
            run.stop(MigrationError(f"migration {file.name} depends on {dep}, which {where}"))
            break
        try:
            state = await _apply_one(run, file, state, fake, "upgrade")
        except MigrationError as exc:
            run.stop(exc)
            break
        done.add(file.name)
        result.append(file.name)
    return result


async def _backward(run: _Run, files: list[MigrationFile], applied: list[str], names: list[str], fake: bool) -> list[str]:
    """Roll back ``names`` (most recent first); each must have its file."""
    by_name = {f.name: f for f in files}
    still = list(applied)
    result: list[str] = []
    for name in names:
        file = by_name.get(name)
        if file is None:
            raise MigrationNotFoundError(f"cannot roll back {name}: its file is not in the migrations directory")
        if name not in still:
            raise MigrationNotFoundError(f"cannot roll back {name}: it is not applied")
        for other in still:
            if other != name and other in by_name and by_name[other].depends_on == name:
                raise MigrationError(f"cannot roll back {name}: the applied migration {other} depends on it")
        state = _state_before(files, name, include=True)
        try:
            await _apply_one(run, file, state, fake, "downgrade")
        except MigrationError as exc:
            run.stop(exc)
            break
        still.remove(name)
        result.append(name)
    return result


async def apply_migrations(
    migrations_dir: str | Path = "migrations",
    db_alias: str = "default",
    target: str | None = None,
    fake: bool = False,
) -> list[str]:
    """Apply the pending migrations (up to ``target``, matched as Oxyde does); their names.

    ``fake`` records them without running them.
    """
    files = migration_files(migrations_dir)
    async with _locked_run(db_alias) as run:
        applied = await _prepare(run)
        _warn_missing(applied, files)
        return await _forward(run, files, applied, target, fake)


async def rollback_migration(
    migration_name: str,
    migrations_dir: str | Path = "migrations",
    db_alias: str = "default",
    fake: bool = False,
) -> None:
    """Roll back the applied migration ``migration_name`` (no applied migration may depend on it)."""
    files = migration_files(migrations_dir)
    async with _locked_run(db_alias) as run:
        applied = await _prepare(run)
        await _backward(run, files, applied, [migration_name], fake)


async def rollback_migrations(
    steps: int = 1,
    migrations_dir: str | Path = "migrations",
    db_alias: str = "default",
    fake: bool = False,
) -> list[str]:
    """Roll back the last ``steps`` applied migrations, most recent first; their names."""
    if steps < 0:
        raise ValueError("steps must be >= 0")
    files = migration_files(migrations_dir)
    async with _locked_run(db_alias) as run:
        applied = await _prepare(run)
        names = list(reversed(applied[-steps:])) if steps else []
        return await _backward(run, files, applied, names, fake)


async def migrate(
    target: str | None = None,
    migrations_dir: str | Path = "migrations",
    db_alias: str = "default",
    fake: bool = False,
) -> MigrationPlan:
    """``oxyde migrate``: apply everything pending, or move to ``target``.

    A ``target`` already applied rolls back the migrations applied after it (most recent first);
    ``"zero"`` rolls back everything; a pending one applies up to it.
    """
    files = migration_files(migrations_dir)
    plan = MigrationPlan()
    async with _locked_run(db_alias) as run:
        applied = await _prepare(run)
        _warn_missing(applied, files)
        if target == "zero":
            plan.rolled_back = await _backward(run, files, applied, list(reversed(applied)), fake)
            return plan
        if target is not None:
            hit = next((i for i, name in enumerate(applied) if _match(name, target)), None)
            if hit is not None:
                later = list(reversed(applied[hit + 1 :]))
                plan.rolled_back = await _backward(run, files, applied, later, fake)
                return plan
        plan.applied = await _forward(run, files, applied, target, fake)
    return plan
