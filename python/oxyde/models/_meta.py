"""Per-model database metadata (``Model._db_meta``), computed once when the model is finalized."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, get_args, get_origin

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from oxyde.exceptions import FieldError
from oxyde.models.constraints import Check, Index
from oxyde.models.field import DB_ATTRS, OxydeFieldInfo
from oxyde.models._types import column_spec, unwrap_optional

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["ColumnMeta", "ForeignKeyInfo", "ModelMeta", "build_column", "db_option", "is_virtual", "sql_literal_default"]

_KNOWN_META_KEYS = frozenset(
    {"is_table", "table_name", "schema", "comment", "indexes", "constraints", "unique_together"}
)


def _groups(together: Any) -> list[tuple[str, ...]]:
    """``unique_together`` as a list of groups; like Django, one flat ``("a", "b")`` is one group."""
    if not together:
        return []
    if isinstance(together, str):
        return [(together,)]
    together = list(together)
    if isinstance(together[0], str):
        return [tuple(together)]
    return [(group,) if isinstance(group, str) else tuple(group) for group in together]


@dataclass
class ForeignKeyInfo:
    """An FK declared by annotation: ``field`` (virtual) stores through ``column_field``."""

    field: str
    column_field: str
    target: type[Model] | None  # None for ``db_fk="table.column"`` on a primitive field
    target_field: str
    target_column: str
    on_delete: str
    on_update: str
    optional: bool
    ref_table: str | None = None

    @property
    def target_table(self) -> str:
        if self.target is not None:
            return str(self.target._meta_ready().table_name)
        return str(self.ref_table)


@dataclass
class ColumnMeta:
    """One real column: a model field stored in the database."""

    field: str
    column: str
    annotation: Any
    spec: dict[str, Any]
    nullable: bool
    primary_key: bool = False
    auto_increment: bool = False
    unique: bool = False
    index: bool = False
    index_name: str | None = None
    index_method: str | None = None
    default_sql: str | None = None
    comment: str | None = None
    fk: ForeignKeyInfo | None = None


@dataclass
class ModelMeta:
    """Table-level metadata from ``class Meta`` plus the resolved columns."""

    table_name: str | None = None
    is_table: bool = False
    schema: str | None = None
    comment: str | None = None
    indexes: list[Index] = field(default_factory=list)
    constraints: list[Check] = field(default_factory=list)
    unique_together: list[tuple[str, ...]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    finalized: bool = False
    pk_field: str | None = None
    columns: dict[str, ColumnMeta] = field(default_factory=dict)  # by field name, model order
    relations: dict[str, ForeignKeyInfo] = field(default_factory=dict)  # virtual FK fields
    column_types: dict[str, dict[str, Any]] = field(default_factory=dict)  # by db column
    field_by_column: dict[str, str] = field(default_factory=dict)
    # Derived once per finalization for the query hot path (rebuilt by ``set_columns``).
    select_columns: tuple[str, ...] = ()  # every db column, model order
    # (field, auto_increment) of the columns an INSERT leaves out when unset (see _write)
    insert_omittable: tuple[tuple[str, bool], ...] = ()
    # Caches of the query hot path, filled on first use and emptied by ``set_columns`` (a model
    # redefined under the same name has a meta of its own): parsed ``field__lookup`` keys
    # (_lookups), IR skeletons by statement type (_ir), row readers by result column tuple
    # (_codec), INSERT column plans by the omitted fields (_write).
    lookups: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    ir_skeletons: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False, compare=False)
    model_readers: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False, compare=False)
    dict_readers: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False, compare=False)
    tuple_readers: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False, compare=False)
    insert_plans: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_meta_class(cls, model_name: str, meta: type | None) -> ModelMeta:
        values = {k: getattr(meta, k) for k in dir(meta) if not k.startswith("_")} if meta else {}
        is_table = bool(values.get("is_table", False))
        table = values.get("table_name") or (model_name.lower() if is_table else None)
        return cls(
            table_name=table,
            is_table=is_table,
            schema=values.get("schema"),
            comment=values.get("comment"),
            indexes=list(values.get("indexes") or []),
            constraints=list(values.get("constraints") or []),
            unique_together=_groups(values.get("unique_together")),
            extra={k: v for k, v in values.items() if k not in _KNOWN_META_KEYS},
        )

    @property
    def pk_column(self) -> str | None:
        return self.columns[self.pk_field].column if self.pk_field else None

    def fk_targets(self) -> list[type[Model]]:
        return [rel.target for rel in self.relations.values() if rel.target is not None]

    def set_columns(self, columns: list[ColumnMeta]) -> None:
        self.columns = {c.field: c for c in columns}
        self.column_types = {c.column: c.spec for c in columns}
        self.field_by_column = {c.column: c.field for c in columns}
        self.pk_field = next((c.field for c in columns if c.primary_key), None)
        self.select_columns = tuple(c.column for c in columns)
        self.insert_omittable = tuple(
            (c.field, c.auto_increment) for c in columns if c.auto_increment or c.default_sql is not None
        )
        self.lookups = {}
        self.ir_skeletons = {}
        self.model_readers = {}
        self.dict_readers = {}
        self.tuple_readers = {}
        self.insert_plans = {}
        self.finalized = True


def _oxyde_sources(info: FieldInfo) -> list[OxydeFieldInfo]:
    """The ``Field()`` objects behind ``info``.

    Pydantic merges ``Annotated[T, Field(...)] = Field(...)`` into a plain ``FieldInfo``; the
    originals survive on its ``_original_annotation``/``_original_assignment`` slots.
    """
    if isinstance(info, OxydeFieldInfo):
        return [info]
    sources: list[OxydeFieldInfo] = []
    annotation = getattr(info, "_original_annotation", None)
    if get_origin(annotation) is Annotated:
        sources += [m for m in get_args(annotation)[1:] if isinstance(m, OxydeFieldInfo)]
    assignment = getattr(info, "_original_assignment", None)
    if isinstance(assignment, OxydeFieldInfo):
        sources.append(assignment)
    return sources


def db_option(info: FieldInfo, name: str) -> Any:
    """A ``db_*`` option of ``info`` (the last explicit one when several ``Field()`` were merged)."""
    fallback = DB_ATTRS[name]
    value = fallback
    for source in _oxyde_sources(info):
        candidate = getattr(source, name, fallback)
        if candidate != fallback:
            value = candidate
    return value


def is_virtual(info: FieldInfo) -> bool:
    """True for relation fields without a column (``db_reverse_fk``, ``db_m2m``)."""
    return bool(db_option(info, "db_reverse_fk") or db_option(info, "db_m2m"))


def sql_literal_default(value: Any) -> str | None:
    """A literal Python default as a DDL default expression; ``None`` when it is not a literal."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return None


def _default_sql(where: str, info: FieldInfo, pk: bool) -> str | None:
    """The column's DDL default: ``db_default`` (SQL text, or a number/bool literal), else the literal
    Python default. NaN has no SQL form (a :class:`FieldError`); an infinite Python default gets no
    DDL default (no SQL literal means infinity on every backend; inserts send the value itself)."""
    db_default = db_option(info, "db_default")
    if db_default is not None:
        if isinstance(db_default, str):
            return db_default
        if isinstance(db_default, float) and not math.isfinite(db_default):
            raise FieldError(f"{where}: db_default={db_default!r} has no SQL literal form")
        literal = sql_literal_default(db_default) if isinstance(db_default, (int, float, Decimal)) else None
        if literal is None:
            raise FieldError(f"{where}: db_default must be SQL text such as '0', got {db_default!r}")
        return literal
    if pk or info.default is PydanticUndefined:
        return None
    default = info.default
    if isinstance(default, float) and not math.isfinite(default):
        if default != default:
            raise FieldError(
                f"{where}: a NaN default cannot be stored (SQL has no NaN; use None for no value)"
            )
        return None
    return sql_literal_default(default)


def build_column(
    name: str,
    info: FieldInfo,
    fk: ForeignKeyInfo | None = None,
    *,
    primary_key: bool = False,
    model_name: str = "",
) -> ColumnMeta:
    """The :class:`ColumnMeta` of field ``name`` (of the model ``model_name``, for error messages)."""
    inner, optional = unwrap_optional(info.annotation)
    db_type = db_option(info, "db_type")
    spec = column_spec(info.annotation, info, db_type)
    pk = primary_key or bool(db_option(info, "db_pk"))
    nullable_opt = db_option(info, "db_nullable")
    if pk:
        nullable = False
    elif nullable_opt is not None:
        nullable = bool(nullable_opt)
    elif fk is not None:
        nullable = fk.optional
    else:
        nullable = optional or (not info.is_required() and info.default is None)
    default_sql = _default_sql(f"{model_name}.{name}" if model_name else name, info, pk)
    return ColumnMeta(
        field=name,
        column=db_option(info, "db_column") or name,
        annotation=inner,
        spec=spec,
        nullable=nullable,
        primary_key=pk,
        auto_increment=pk and spec["kind"] == "int64",
        unique=bool(db_option(info, "db_unique")),
        index=bool(db_option(info, "db_index")),
        index_name=db_option(info, "db_index_name"),
        index_method=db_option(info, "db_index_method"),
        default_sql=default_sql,
        comment=db_option(info, "db_comment"),
        fk=fk,
    )
