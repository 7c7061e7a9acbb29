"""``Field()``: Pydantic's field factory plus the database options of REFERENCE-API §1.3."""

from __future__ import annotations

from typing import Any, Literal

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

__all__ = ["DB_ATTRS", "Field", "OxydeFieldInfo", "ReferentialAction"]

ReferentialAction = Literal["CASCADE", "SET NULL", "RESTRICT", "NO ACTION"]

#: Every database keyword with its default; the single source for ``__init__`` and copies.
DB_ATTRS: dict[str, Any] = {
    "db_pk": False,
    "db_index": False,
    "db_index_name": None,
    "db_index_method": None,
    "db_unique": False,
    "db_column": None,
    "db_type": None,
    "db_default": None,
    "db_comment": None,
    "db_fk": None,
    "db_on_delete": "RESTRICT",
    "db_on_update": "CASCADE",
    "db_nullable": None,
    "db_reverse_fk": None,
    "db_m2m": False,
    "db_through": None,
}


class OxydeFieldInfo(FieldInfo):  # type: ignore[misc]  # Pydantic marks FieldInfo @final; Field() needs the db_* slots
    """A Pydantic ``FieldInfo`` that also carries the ``db_*`` column options."""

    __slots__ = tuple(DB_ATTRS)

    db_pk: bool
    db_index: bool
    db_index_name: str | None
    db_index_method: str | None
    db_unique: bool
    db_column: str | None
    db_type: str | None
    db_default: str | None
    db_comment: str | None
    db_fk: str | None
    db_on_delete: str
    db_on_update: str
    db_nullable: bool | None
    db_reverse_fk: str | None
    db_m2m: bool
    db_through: str | None

    def __init__(self, default: Any = PydanticUndefined, **kwargs: Any) -> None:
        db_values = {name: kwargs.pop(name, fallback) for name, fallback in DB_ATTRS.items()}
        super().__init__(default=default, **kwargs)
        for name, value in db_values.items():
            object.__setattr__(self, name, value)

    @property
    def is_virtual(self) -> bool:
        """True for relation fields that have no column (reverse FK, M2M)."""
        return bool(self.db_reverse_fk or self.db_m2m)

    def db_options(self) -> dict[str, Any]:
        """The ``db_*`` options as a dict."""
        return {name: getattr(self, name, fallback) for name, fallback in DB_ATTRS.items()}


def Field(default: Any = PydanticUndefined, **kwargs: Any) -> Any:  # noqa: N802 - Pydantic's name
    """Declare a model field: every Pydantic keyword plus ``db_pk``, ``db_index``, ``db_unique``,
    ``db_column``, ``db_type``, ``db_default``, ``db_fk``, ``db_on_delete`` (RESTRICT),
    ``db_on_update`` (CASCADE), ``db_nullable``, ``db_reverse_fk``, ``db_m2m``, ``db_through``...
    """
    return OxydeFieldInfo(default=default, **kwargs)
