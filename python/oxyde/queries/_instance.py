"""Instance-level writes: ``create``, ``bulk_create``, ``save``, ``delete``, ``refresh``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from oxyde.exceptions import FieldError, ManagerError, NotFoundError, ValueConversionError
from oxyde.models._codec import decode_rows
from oxyde.models._encode import encode_value, field_error
from oxyde.models.base import Model
from oxyde.queries._exec import run_async, run_sync
from oxyde.queries._ir import new_ir
from oxyde.queries._steps import Steps, drive_async, drive_sync
from oxyde.queries._write import apply_returned, insert_ir, link_relations, update_ir

MT = TypeVar("MT", bound=Model)

__all__ = [
    "bulk_create_steps",
    "create_async",
    "create_steps",
    "create_sync",
    "delete_async",
    "delete_sync",
    "refresh_async",
    "refresh_sync",
    "save_async",
    "save_steps",
    "save_sync",
]


def _instance_for(model: type[MT], data: dict[str, Any]) -> MT:
    instance = data.pop("instance", None)
    if instance is not None:
        if data:
            raise ManagerError("create(instance=...) takes no other field values")
        if not isinstance(instance, model):
            raise ManagerError(f"create(instance=...) needs a {model.__qualname__}")
        return instance
    if not data:
        raise ManagerError(f"{model.__qualname__}: create() needs field values or instance=...")
    return model(**data)  # validates


_BASE_PRE_SAVE, _BASE_POST_SAVE = Model.pre_save, Model.post_save


def _overrides(instance: Model, hook: str) -> bool:
    """Whether ``instance``'s model overrides ``hook``; the base hooks do nothing, so they are skipped."""
    return getattr(type(instance), hook) is not getattr(Model, hook)


def _insert_one_steps(instance: MT) -> Steps[MT]:
    if _overrides(instance, "pre_save"):
        yield instance.pre_save(is_create=True, update_fields=None)
    result = yield insert_ir(type(instance), [instance])
    apply_returned([instance], result)
    if _overrides(instance, "post_save"):
        yield instance.post_save(is_create=True, update_fields=None)
    return instance


def create_steps(model: type[MT], data: dict[str, Any]) -> Steps[MT]:
    return (yield from _insert_one_steps(_instance_for(model, dict(data))))


def _has_save_hooks(instance: Model) -> bool:
    """:func:`_overrides` for ``pre_save`` or ``post_save``, by attribute instead of ``getattr``."""
    model = type(instance)
    return model.pre_save is not _BASE_PRE_SAVE or model.post_save is not _BASE_POST_SAVE


def create_sync(model: type[MT], data: dict[str, Any], using: str | None, client: Any) -> MT:
    """``create_sync(**data)`` (``data`` is the caller's own dict); without save hooks the one
    INSERT of :func:`_insert_one_steps` runs directly, without driving the steps."""
    instance = _instance_for(model, data)
    if _has_save_hooks(instance):
        return drive_sync(_insert_one_steps(instance), using, client)
    apply_returned([instance], run_sync(insert_ir(type(instance), [instance]), using, client))
    return instance


async def create_async(model: type[MT], data: dict[str, Any], using: str | None, client: Any) -> MT:
    """The awaitable :func:`create_sync`."""
    instance = _instance_for(model, data)
    if _has_save_hooks(instance):
        return await drive_async(_insert_one_steps(instance), using, client)
    apply_returned([instance], await run_async(insert_ir(type(instance), [instance]), using, client))
    return instance


def bulk_create_steps(model: type[MT], objs: Iterable[Any], batch_size: int | None) -> Steps[list[MT]]:
    instances = [o if isinstance(o, model) else model.model_validate(o) for o in objs]
    if not instances:
        return []
    size = batch_size if batch_size and batch_size > 0 else len(instances)
    for start in range(0, len(instances), size):
        batch = instances[start : start + size]
        result = yield insert_ir(model, batch)
        apply_returned(batch, result)
    return instances


def _pk_filter(instance: Model) -> dict[str, Any]:
    meta = type(instance)._meta_ready()
    if meta.pk_field is None:
        raise ManagerError(f"{type(instance).__qualname__} has no primary key")
    pk = getattr(instance, meta.pk_field)
    if pk is None:
        raise ManagerError(f"{type(instance).__qualname__} instance has no primary-key value")
    column = meta.columns[meta.pk_field]
    try:
        return {"type": "condition", "field": column.column, "op": "eq", "value": encode_value(pk, column.spec)}
    except ValueConversionError as exc:
        raise field_error(type(instance), column.field, pk, exc) from None


def _update_field_names(instance: Model, update_fields: Iterable[str] | None) -> list[str]:
    model = type(instance)
    meta = model._meta_ready()
    if update_fields is None:
        return [name for name in meta.columns if name != meta.pk_field]
    names: list[str] = []
    for name in update_fields:
        if name in meta.relations:
            name = meta.relations[name].column_field
        elif name not in meta.columns:
            raise FieldError(f"{model.__qualname__} has no column field {name!r} to update")
        names.append(name)
    return names


def save_steps(instance: MT, update_fields: Iterable[str] | None) -> Steps[MT]:
    model = type(instance)
    meta = model._meta_ready()
    fields = list(update_fields) if update_fields is not None else None
    if meta.pk_field is None or getattr(instance, meta.pk_field) is None:
        return (yield from _insert_one_steps(instance))
    hook_fields = set(fields) if fields is not None else None  # hooks get a set, as in Oxyde
    if _overrides(instance, "pre_save"):
        yield instance.pre_save(is_create=False, update_fields=hook_fields)
    link_relations(instance)
    names = _update_field_names(instance, fields)
    values = {name: instance.__dict__.get(name) for name in names}
    result = yield update_ir(model, values, _pk_filter(instance), returning=True)
    rows = result.get("rows")
    if not rows if rows is not None else not result.get("affected"):
        raise NotFoundError(f"{model.__qualname__} with pk={instance.pk!r} does not exist")
    apply_returned([instance], result)
    if _overrides(instance, "post_save"):
        yield instance.post_save(is_create=False, update_fields=hook_fields)
    return instance


def _delete_steps(instance: Model) -> Steps[int]:
    ir = new_ir(type(instance), "delete")
    if _overrides(instance, "pre_delete"):
        yield instance.pre_delete()
    ir["filter_tree"] = _pk_filter(instance)
    result = yield ir
    if _overrides(instance, "post_delete"):
        yield instance.post_delete()
    return int(result.get("affected", 0))


def _refresh_steps(instance: MT) -> Steps[MT]:
    model = type(instance)
    ir = model.objects.limit(1).to_ir()
    ir["filter_tree"] = _pk_filter(instance)  # ManagerError without a primary-key value
    result = yield ir
    rows = result.get("rows") or []
    if not rows:
        raise NotFoundError(f"{model.__qualname__} with pk={instance.pk!r} does not exist")
    instance.__dict__.update(decode_rows(model, result["columns"], rows)[0])
    return instance


async def save_async(instance: MT, update_fields: Iterable[str] | None, using: str | None, client: Any) -> MT:
    return await drive_async(save_steps(instance, update_fields), using, client)


def save_sync(instance: MT, update_fields: Iterable[str] | None, using: str | None, client: Any) -> MT:
    return drive_sync(save_steps(instance, update_fields), using, client)


async def delete_async(instance: Model, using: str | None, client: Any) -> int:
    return await drive_async(_delete_steps(instance), using, client)


def delete_sync(instance: Model, using: str | None, client: Any) -> int:
    return drive_sync(_delete_steps(instance), using, client)


async def refresh_async(instance: MT, using: str | None, client: Any) -> MT:
    return await drive_async(_refresh_steps(instance), using, client)


def refresh_sync(instance: MT, using: str | None, client: Any) -> MT:
    return drive_sync(_refresh_steps(instance), using, client)
