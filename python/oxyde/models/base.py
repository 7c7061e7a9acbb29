"""``Model``: a Pydantic v2 model that maps to a table when ``Meta.is_table = True``."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel
from pydantic._internal._model_construction import ModelMetaclass
from typing_extensions import Self, dataclass_transform

from oxyde.exceptions import FieldError, ManagerError
from oxyde.models import registry
from oxyde.models._finalize import try_finalize
from oxyde.models._meta import ModelMeta
from oxyde.models.field import OxydeFieldInfo

if TYPE_CHECKING:
    from oxyde.queries.manager import ManagerAccess, QueryManager

__all__ = ["Model", "OxydeModelMeta"]


@dataclass_transform(kw_only_default=True, field_specifiers=(OxydeFieldInfo,))
class OxydeModelMeta(ModelMetaclass):
    """Builds ``_db_meta`` and ``objects``, registers tables, and retries pending FK resolution."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> type:
        for value in namespace.values():
            if isinstance(value, OxydeFieldInfo) and value.is_virtual and value.is_required():
                value.default_factory = list
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if namespace.get("__module__") == __name__ and name == "Model":
            return cls
        model: Any = cls
        frame = sys._getframe(1)
        if frame.f_code.co_name != "<module>":  # keep a function's locals for postponed annotations
            type.__setattr__(model, "__oxyde_parent_ns__", dict(frame.f_locals))
        model._db_meta = ModelMeta.from_meta_class(name, namespace.get("Meta"))
        from oxyde.queries.manager import QueryManager

        model.objects = QueryManager(model)
        if model._db_meta.is_table:
            registry.register_table(model, overwrite=True)
        else:
            try_finalize(model)
        registry.finalize_pending()
        return cls


class Model(BaseModel, metaclass=OxydeModelMeta):
    """Base class of Oxyde models. Add ``class Meta: is_table = True`` to map a table."""

    _db_meta: ClassVar[ModelMeta]
    # Each class gets its own QueryManager (the metaclass). Type checkers read ``objects`` through
    # ManagerAccess, so ``User.objects`` is a ``QueryManager[User]``; Pydantic sees a ClassVar.
    if TYPE_CHECKING:
        objects: ClassVar[ManagerAccess]
    else:
        objects: ClassVar[QueryManager[Any]]

    # --- metadata -------------------------------------------------------------------------

    @classmethod
    def _try_finalize(cls) -> bool:
        return try_finalize(cls)

    @classmethod
    def _meta_ready(cls) -> ModelMeta:
        """``_db_meta`` after resolving pending FKs; errors when this model cannot be queried."""
        meta = cls._db_meta
        if not meta.finalized:
            registry.finalize_pending()
            if not meta.finalized and not cls._try_finalize():
                raise FieldError(f"{cls.__qualname__}: an FK annotation names a model not defined yet")
        if not meta.is_table:
            raise ManagerError(f"{cls.__qualname__} is not a table (set Meta.is_table = True)")
        return meta

    @classmethod
    def get_table_name(cls) -> str:
        """The table this model maps to (``Meta.table_name``, else the lower-cased class name)."""
        return cls._db_meta.table_name or cls.__name__.lower()

    @property
    def pk(self) -> Any:
        """The primary-key value."""
        pk_field = self._meta_ready().pk_field
        return getattr(self, pk_field) if pk_field else None

    # --- hooks ------------------------------------------------------------------------------

    async def pre_save(self, *, is_create: bool, update_fields: set[str] | None = None) -> None:
        """Runs before ``save()``/``create()``; override to adjust the instance. ``update_fields`` is
        the set given to ``save(update_fields=...)``, ``None`` when every field is written."""

    async def post_save(self, *, is_create: bool, update_fields: set[str] | None = None) -> None:
        """Runs after ``save()``/``create()`` (``update_fields`` as in :meth:`pre_save`)."""

    async def pre_delete(self) -> None:
        """Runs before instance ``delete()``."""

    async def post_delete(self) -> None:
        """Runs after instance ``delete()``."""

    # --- instance terminals -----------------------------------------------------------------

    async def save(
        self, *, update_fields: Iterable[str] | None = None, using: str | None = None, client: Any = None
    ) -> Self:
        """INSERT when the PK is unset, else UPDATE by PK (all non-PK fields or ``update_fields``)."""
        from oxyde.queries import _instance

        return await _instance.save_async(self, update_fields, using, client)

    def save_sync(
        self, *, update_fields: Iterable[str] | None = None, using: str | None = None, client: Any = None
    ) -> Self:
        """Synchronous :meth:`save` on the caller's thread."""
        from oxyde.queries import _instance

        return _instance.save_sync(self, update_fields, using, client)

    async def delete(self, *, using: str | None = None, client: Any = None) -> int:
        """DELETE this row by PK; returns the affected count."""
        from oxyde.queries import _instance

        return await _instance.delete_async(self, using, client)

    def delete_sync(self, *, using: str | None = None, client: Any = None) -> int:
        """Synchronous :meth:`delete`."""
        from oxyde.queries import _instance

        return _instance.delete_sync(self, using, client)

    async def refresh(self, *, using: str | None = None, client: Any = None) -> Self:
        """Reload every column from the database."""
        from oxyde.queries import _instance

        return await _instance.refresh_async(self, using, client)

    def refresh_sync(self, *, using: str | None = None, client: Any = None) -> Self:
        """Synchronous :meth:`refresh`."""
        from oxyde.queries import _instance

        return _instance.refresh_sync(self, using, client)


def deprecated_alias(name: str) -> type[Model]:
    """``OxydeModel``, Oxyde's old name of :class:`Model`: warns, then is ``Model`` itself. The
    packages that offer it (``oxyde``, ``oxyde.models``) call this from their ``__getattr__``."""
    warnings.warn(f"{name} is deprecated, use Model instead", DeprecationWarning, stacklevel=3)
    return Model
