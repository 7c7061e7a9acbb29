"""Set-based writes and row locks: ``upsert``, ``bulk_update``, ``for_update``/``for_share``.

Each write is a ``_steps`` generator (see :mod:`oxyde.queries._steps`), so the awaitable terminal
and its ``_sync`` twin run the same body. Like ``bulk_create``, these run no model hooks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from oxyde.exceptions import FieldError, ManagerError, ValueConversionError
from oxyde.models._codec import decode_rows
from oxyde.models._encode import encode_value, field_error
from oxyde.models._meta import ModelMeta
from oxyde.models.base import Model
from oxyde.queries._builder import QueryBuilder
from oxyde.queries._ir import new_ir
from oxyde.queries._lookups import resolve_field
from oxyde.queries._steps import Steps, drive_async, drive_sync
from oxyde.queries._write import _adapter, insert_ir, link_relations
from oxyde.queries.expressions import Q

if TYPE_CHECKING:
    from typing_extensions import Self

MT = TypeVar("MT", bound="Model")
R = TypeVar("R")

__all__ = ["DEFAULT_BULK_UPDATE_BATCH", "WriteTerminals", "bulk_update_steps", "lock_clause", "upsert_steps"]

#: Objects per ``bulk_update`` statement when no ``batch_size`` is given: each object binds
#: ``2 * len(fields) + 1`` values, so this stays within every dialect's bind limit up to 30 fields.
DEFAULT_BULK_UPDATE_BATCH = 500


def lock_clause(model: type[Model], mode: str, nowait: bool, skip_locked: bool) -> dict[str, Any]:
    """The select IR's ``lock`` (docs/ir-protocol.md): ``FOR UPDATE``/``FOR SHARE`` where the database locks rows."""
    if nowait and skip_locked:
        raise ManagerError(f"{model.__qualname__}: for_{mode}() takes nowait=True or skip_locked=True, not both")
    return {"mode": mode, "nowait": bool(nowait), "skip_locked": bool(skip_locked)}


def _instances(model: type[MT], objs: Iterable[Any], what: str) -> list[MT]:
    instances = []
    for obj in objs:
        if isinstance(obj, model):
            instances.append(obj)
        elif isinstance(obj, dict):
            instances.append(model.model_validate(obj))
        else:
            raise ManagerError(f"{model.__qualname__}.{what}() takes {model.__qualname__} instances or dicts, got {obj!r}")
    return instances


def _field_name(model: type[Model], name: str) -> str:
    """The column field of ``name`` (a relation becomes its ``_id`` field)."""
    return resolve_field(model, name)[0].field


def _unique_groups(model: type[Model], meta: ModelMeta) -> list[frozenset[str]]:
    """The field sets the table has a unique key on: PK, ``db_unique``, unique indexes, ``unique_together``."""
    by_column = meta.field_by_column

    def field_of(name: str) -> str:
        if name in meta.columns:
            return name
        if name in meta.relations:
            return meta.relations[name].column_field
        return by_column.get(name, name)

    groups = [frozenset({c.field}) for c in meta.columns.values() if c.primary_key or c.unique]
    groups += [frozenset(field_of(f) for f in index.fields) for index in meta.indexes if index.unique and not index.where]
    groups += [frozenset(field_of(f) for f in group) for group in meta.unique_together]
    return groups


def _conflict_fields(model: type[Model], conflict: Sequence[str]) -> list[str]:
    if isinstance(conflict, str):
        conflict = [conflict]
    fields = [_field_name(model, name) for name in conflict]
    if not fields:
        raise FieldError(f"{model.__qualname__}.upsert() needs conflict=[...]: the fields of a unique key")
    meta = model._meta_ready()
    if frozenset(fields) not in _unique_groups(model, meta):
        raise FieldError(
            f"{model.__qualname__}.upsert(conflict={list(conflict)!r}): no unique key on exactly these fields "
            "(primary key, db_unique, unique Index or unique_together)",
            details={"model": model.__qualname__, "conflict": ", ".join(fields)},
        )
    return fields


def upsert_steps(
    model: type[MT],
    objs: Iterable[Any],
    conflict: Sequence[str],
    update: Sequence[str] | None,
    batch_size: int | None,
) -> Steps[list[MT]]:
    """INSERT each batch; a row colliding on ``conflict`` updates ``update`` (every other inserted
    field when ``None``; nothing, DO NOTHING, when empty). Every instance ends up holding its stored row."""
    instances = _instances(model, objs, "upsert")
    conflict_fields = _conflict_fields(model, conflict)
    meta = model._meta_ready()
    if isinstance(update, str):
        update = [update]
    update_fields = None if update is None else [_field_name(model, name) for name in update]
    if not instances:
        return []
    size = batch_size if batch_size and batch_size > 0 else len(instances)
    for start in range(0, len(instances), size):
        batch = instances[start : start + size]
        ir = insert_ir(model, batch)
        inserted = {meta.field_by_column[c]: c for c in ir["columns"]}
        for name in conflict_fields:
            if name not in inserted:
                raise FieldError(f"{model.__qualname__}.upsert(): conflict field {name!r} has no value to insert")
        if update_fields is None:
            names = [n for n in inserted if n not in conflict_fields and n != meta.pk_field]
        else:
            names = update_fields
            for name in names:
                if name not in inserted:
                    raise FieldError(f"{model.__qualname__}.upsert(): update field {name!r} is not set on the objects")
        ir["on_conflict"] = {
            "columns": [inserted[n] for n in conflict_fields],
            "update": [inserted[n] for n in names],
        }
        result = yield ir
        missing = _apply_upserted(model, batch, conflict_fields, result)
        if missing:
            found = yield QueryBuilder(model).filter(_any_of(conflict_fields, missing))._select_ir()
            rows = decode_rows(model, found.get("columns") or [], found.get("rows") or [])
            _apply_by_key(missing, conflict_fields, rows)
    return instances


def _key(values: dict[str, Any], fields: list[str]) -> tuple[Any, ...]:
    return tuple(values.get(name) for name in fields)


def _set_row(obj: Model, values: dict[str, Any]) -> None:
    obj.__dict__.update(values)
    obj.__pydantic_fields_set__.update(values)


def _apply_upserted(model: type[Model], batch: Sequence[Model], fields: list[str], result: dict[str, Any]) -> list[Model]:
    """Copies the returned rows into ``batch``: in order when there is one per object, else by the
    conflict fields. Returns the objects no row came back for (DO NOTHING on PostgreSQL/SQLite)."""
    rows = decode_rows(model, result.get("columns") or [], result.get("rows") or [])
    if len(rows) == len(batch):
        for obj, values in zip(batch, rows):
            _set_row(obj, values)
        return []
    return _apply_by_key(batch, fields, rows)


def _apply_by_key(objs: Sequence[Model], fields: list[str], rows: list[dict[str, Any]]) -> list[Model]:
    """Copies each row into the objects with its conflict-field values; returns the objects without one."""
    by_key = {_key(values, fields): values for values in rows}
    missing = []
    for obj in objs:
        values = by_key.get(_key(obj.__dict__, fields))
        if values is None:
            missing.append(obj)
        else:
            _set_row(obj, values)
    return missing


def _any_of(fields: list[str], objs: list[Model]) -> Q:
    """``Q`` matching the stored rows of ``objs`` by their conflict fields."""
    if len(fields) == 1:
        return Q(**{f"{fields[0]}__in": [obj.__dict__[fields[0]] for obj in objs]})
    match = Q(**{name: objs[0].__dict__[name] for name in fields})
    for obj in objs[1:]:
        match = match | Q(**{name: obj.__dict__[name] for name in fields})
    return match


def bulk_update_steps(model: type[Model], objs: Iterable[Model], fields: Iterable[str], batch_size: int | None) -> Steps[int]:
    """One ``UPDATE t SET f = CASE WHEN pk = ? THEN ? ... ELSE f END WHERE pk IN (...)`` per batch;
    returns the rows matched."""
    instances = list(objs)
    if isinstance(fields, str):
        fields = [fields]
    meta = model._meta_ready()
    if meta.pk_field is None:
        raise ManagerError(f"{model.__qualname__}.bulk_update() needs a model with a primary key")
    columns = [resolve_field(model, name)[0] for name in fields]
    if not columns:
        raise ManagerError(f"{model.__qualname__}.bulk_update() needs at least one field")
    pk = meta.columns[meta.pk_field]
    for column in columns:
        if column.field == pk.field:
            raise FieldError(f"{model.__qualname__}.bulk_update() finds rows by their primary key and cannot change it")
    pks: list[Any] = []
    for obj in instances:
        if not isinstance(obj, model):
            raise ManagerError(f"{model.__qualname__}.bulk_update() takes {model.__qualname__} instances, got {obj!r}")
        value = obj.__dict__.get(pk.field)
        if value is None:
            raise ManagerError(f"{model.__qualname__}.bulk_update(): an instance has no primary-key value")
        link_relations(obj)
        pks.append(_encoded(model, pk, value))
    size = batch_size if batch_size and batch_size > 0 else DEFAULT_BULK_UPDATE_BATCH
    affected = 0
    for start in range(0, len(instances), size):
        batch, keys = instances[start : start + size], pks[start : start + size]
        expressions = {}
        for column in columns:
            whens = [
                {
                    "when": {"type": "condition", "field": pk.column, "op": "eq", "value": key},
                    "then": {"type": "value", "value": _validated(model, column, obj.__dict__.get(column.field))},
                }
                for obj, key in zip(batch, keys)
            ]
            expressions[column.column] = {"type": "case", "whens": whens, "else": {"type": "column", "name": column.column}}
        ir = new_ir(model, "update")
        ir["expressions"] = expressions
        ir["filter_tree"] = {"type": "condition", "field": pk.column, "op": "in", "value": keys}
        result = yield ir
        affected += int(result.get("affected", 0))
    return affected


def _encoded(model: type[Model], column: Any, value: Any) -> Any:
    try:
        return encode_value(value, column.spec)
    except ValueConversionError as exc:
        raise field_error(model, column.field, value, exc) from None


def _validated(model: type[Model], column: Any, value: Any) -> Any:
    """``value`` checked against the field (attributes set after validation are not) and encoded."""
    try:
        return encode_value(_adapter(model, column.field).validate_python(value), column.spec)
    except ValueConversionError as exc:
        raise field_error(model, column.field, value, exc) from None


class WriteTerminals(QueryBuilder[MT], Generic[MT, R]):
    """``for_update``/``for_share`` and the set-based writes of :class:`~oxyde.queries.query.Query`."""

    def for_update(self, *, nowait: bool = False, skip_locked: bool = False) -> Self:
        """Lock the selected rows until the transaction ends (``SELECT ... FOR UPDATE``).

        ``nowait=True`` fails at once with :class:`LockTimeoutError` when a row is locked;
        ``skip_locked=True`` leaves locked rows out. SQLite writes no clause: a transaction there
        already holds the database's write lock (docs/dialects.md)."""
        return self._clone(_lock=lock_clause(self.model, "update", nowait, skip_locked))

    def for_share(self, *, nowait: bool = False, skip_locked: bool = False) -> Self:
        """Like :meth:`for_update`, with a shared lock (``FOR SHARE``; MariaDB ``LOCK IN SHARE MODE``)."""
        return self._clone(_lock=lock_clause(self.model, "share", nowait, skip_locked))

    async def upsert(
        self,
        objs: Any,
        *,
        conflict: Sequence[str],
        update: Sequence[str] | None = None,
        batch_size: int | None = None,
        using: str | None = None,
        client: Any = None,
    ) -> list[MT]:
        """INSERT ``objs``; one colliding with a stored row on the ``conflict`` fields (a unique key)
        updates that row's ``update`` fields instead (every other inserted field when ``None``; with
        ``[]`` the stored row is left as it is). Returns the instances, each holding its stored row
        (PK included). MySQL cannot name the conflict target: see docs/dialects.md, "Upserts"."""
        steps = upsert_steps(self.model, objs, conflict, update, batch_size)
        return await drive_async(steps, self._alias(using), client)

    def upsert_sync(
        self,
        objs: Any,
        *,
        conflict: Sequence[str],
        update: Sequence[str] | None = None,
        batch_size: int | None = None,
        using: str | None = None,
        client: Any = None,
    ) -> list[MT]:
        steps = upsert_steps(self.model, objs, conflict, update, batch_size)
        return drive_sync(steps, self._alias(using), client)

    async def bulk_update(
        self, objs: Any, fields: Sequence[str], *, batch_size: int | None = None, using: str | None = None, client: Any = None
    ) -> int:
        """Write ``fields`` of each instance to its row by PK: one ``UPDATE ... SET f = CASE WHEN pk = ?
        THEN ? ... END WHERE pk IN (...)`` per batch (500 objects by default). Returns the rows matched."""
        steps = bulk_update_steps(self.model, objs, fields, batch_size)
        return await drive_async(steps, self._alias(using), client)

    def bulk_update_sync(
        self, objs: Any, fields: Sequence[str], *, batch_size: int | None = None, using: str | None = None, client: Any = None
    ) -> int:
        return drive_sync(bulk_update_steps(self.model, objs, fields, batch_size), self._alias(using), client)
