"""``Model.objects.raw(sql, params)``: rows of user SQL as model instances."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from oxyde.exceptions import ValueConversionError
from oxyde.models._codec import decode_rows, hydrate_rows

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["raw_models"]


def raw_models(model: type[Model], result: dict[str, Any]) -> list[Any]:
    """The rows of a ``raw`` result as ``model`` instances.

    Each column the database names is matched to a field by its column name (``db_column``) or its
    field name; columns that match no field are ignored, as Oxyde's models ignore extra keys
    (``SELECT *, COUNT(...) AS n`` still gives models). Rows holding every column of the model are
    built as ``all()`` builds them; rows missing some are validated, so the missing fields take
    their defaults, and a missing required field raises :class:`ValueConversionError`.
    """
    columns = result.get("columns") or []
    rows = result.get("rows") or []
    if not rows:
        return []
    meta = model._db_meta
    keep: list[int] = []
    names: list[str] = []
    for i, column in enumerate(columns):
        name = meta.field_by_column.get(column)
        if name is None and column in meta.columns:
            name = column
        if name is not None and name not in names:
            keep.append(i)
            names.append(meta.columns[name].column)
    if len(keep) != len(columns):
        rows = [[row[i] for i in keep] for row in rows]
    if len(names) == len(meta.columns):
        return hydrate_rows(model, names, rows)
    instances = []
    for values in decode_rows(model, names, rows):
        try:
            instances.append(model.model_validate(values))
        except ValidationError as exc:
            missing = sorted(set(meta.columns) - set(values))
            raise ValueConversionError(
                f"{model.__qualname__}.objects.raw(): a row could not become a {model.__qualname__} "
                f"(columns without a value: {missing}): {exc.errors()[0].get('msg', exc)}",
                details={"model": model.__qualname__, "missing": ",".join(missing)},
            ) from exc
    return instances
