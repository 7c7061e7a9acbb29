"""The immutable part of ``Query``: builder methods that return clones, and ``to_ir()``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from oxyde._native._wire import INT64_MAX
from oxyde.exceptions import FieldError, ValueConversionError
from oxyde.queries._ir import new_ir
from oxyde.queries._lookups import lookup_condition, resolve_field
from oxyde.queries.expressions import Q

if TYPE_CHECKING:
    from typing_extensions import Self

    from oxyde.models.base import Model

__all__ = ["QueryBuilder"]

M = TypeVar("M", bound="Model")


class QueryBuilder(Generic[M]):
    """Query state; every builder returns a modified copy and leaves ``self`` unchanged."""

    def __init__(self, model: type[M]) -> None:
        self.model: type[M] = model
        self._where: tuple[dict[str, Any], ...] = ()
        self._order: tuple[tuple[str, str], ...] = ()
        self._limit: int | None = None
        self._offset: int | None = None
        self._distinct = False
        self._fields: tuple[str, ...] | None = None  # values()/values_list() fields
        self._mode = "models"  # models | dict | list | flat
        self._using: str | None = None
        self._lock: dict[str, Any] | None = None  # for_update()/for_share() (oxyde.queries._bulk)

    def _clone(self, **changes: Any) -> Self:
        clone = object.__new__(type(self))  # the state is plain attributes: copy the dict
        state = self.__dict__.copy()
        state.update(changes)
        clone.__dict__ = state
        return clone

    def _with_condition(self, node: dict[str, Any]) -> Self:
        """A copy with ``node`` ANDed to the filters (``_clone`` without the keyword packing)."""
        clone = object.__new__(type(self))
        state = self.__dict__.copy()
        state["_where"] = self._where + (node,)
        clone.__dict__ = state
        return clone

    # --- filtering --------------------------------------------------------------------------

    def _conditions(self, args: tuple[Q, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """The one node that ``filter(*args, **kwargs)`` ANDs to the query's conditions."""
        if not args and len(kwargs) == 1:  # the common ``filter(field=value)``
            (key,) = kwargs
            return lookup_condition(self.model, key, kwargs[key])
        nodes: list[dict[str, Any]] = []
        for arg in args:
            if not isinstance(arg, Q):
                raise TypeError(f"filter() positional arguments must be Q objects, got {type(arg).__name__}")
            nodes.append(arg.to_filter(self.model))
        nodes += [lookup_condition(self.model, key, value) for key, value in kwargs.items()]
        return nodes[0] if len(nodes) == 1 else {"type": "and", "children": nodes}

    def filter(self, *args: Q, **kwargs: Any) -> Self:
        """Keep rows matching every condition (``Q`` objects and ``field__lookup=value``)."""
        if not args and not kwargs:
            return self._clone()
        return self._with_condition(self._conditions(args, kwargs))

    def exclude(self, *args: Q, **kwargs: Any) -> Self:
        """Drop rows matching all of the given conditions."""
        if not args and not kwargs:
            return self._clone()
        return self._with_condition({"type": "not", "child": self._conditions(args, kwargs)})

    def _filter_tree(self) -> dict[str, Any] | None:
        return _and_tree(self._where)

    # --- shape --------------------------------------------------------------------------------

    def order_by(self, *fields: str) -> Self:
        """Sort by fields; ``"-f"`` sorts descending. Replaces any earlier ordering."""
        order: list[tuple[str, str]] = []
        for spec in fields:
            if not isinstance(spec, str):
                raise FieldError(
                    f"{self.model.__qualname__}: order_by() takes field names ('name', '-name'), "
                    f"got {spec!r}"
                )
            if spec == "?":
                raise FieldError(f"{self.model.__qualname__}: random ordering ('?') is not supported yet")
            desc = spec.startswith("-")
            column, _ = resolve_field(self.model, spec.lstrip("-+"))
            order.append((column.column, "desc" if desc else "asc"))
        return self._clone(_order=tuple(order))

    def limit(self, n: int | None) -> Self:
        return self._clone(_limit=_row_count(self.model, "limit", n))

    def offset(self, n: int | None) -> Self:
        return self._clone(_offset=_row_count(self.model, "offset", n))

    def __getitem__(self, key: int | slice) -> Self:
        """``q[a:b]`` -> OFFSET a LIMIT b-a; ``q[i]`` -> the i-th row (a one-row query)."""
        base = self._offset or 0
        if isinstance(key, int):
            if key < 0:
                raise ValueError("negative indexing is not supported")
            return self._clone(_offset=_row_count(self.model, "offset", base + key), _limit=1)
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("queries support q[i] and q[start:stop] only")
        start = key.start or 0
        if start < 0 or (key.stop is not None and key.stop < 0):
            raise ValueError("negative slicing is not supported")
        if key.stop is None:
            raise ValueError("slicing needs a stop value (q[start:stop])")
        length = max(key.stop - start, 0)
        if self._limit is not None:
            length = max(min(length, self._limit - start), 0)
        offset = (base + start) or self._offset
        return self._clone(
            _offset=_row_count(self.model, "offset", offset), _limit=_row_count(self.model, "limit", length)
        )

    def distinct(self, value: bool = True) -> Self:
        return self._clone(_distinct=bool(value))

    def using(self, alias: str) -> Self:
        """Run on the connection registered as ``alias``."""
        return self._clone(_using=alias)

    def _checked_fields(self, fields: tuple[str, ...]) -> tuple[str, ...]:
        for name in fields:
            column, relation = resolve_field(self.model, name)
            if relation is not None:
                raise FieldError(
                    f"{self.model.__qualname__}.{name} is a relation; select {relation.column_field!r} instead"
                )
        return fields

    def values(self, *fields: str) -> Self:
        """Rows as dicts keyed by field name (all columns when no fields are given)."""
        return self._clone(_fields=self._checked_fields(fields) or None, _mode="dict")

    def values_list(self, *fields: str, flat: bool = False) -> Self:
        """Rows as tuples, or scalars with ``flat=True`` (one field only)."""
        if flat and len(fields) != 1:
            raise FieldError("values_list(flat=True) needs exactly one field")
        return self._clone(_fields=self._checked_fields(fields) or None, _mode="flat" if flat else "list")

    # --- IR -------------------------------------------------------------------------------------

    def _select_ir(
        self,
        limit: int | None = None,
        count: bool = False,
        exists: bool = False,
        condition: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The ``select`` IR, with ``limit`` (when given) replacing the query's own and
        ``condition`` ANDed to its filters (what ``get(**lookups)`` needs, without a clone).

        Starts from the model's skeleton (:func:`oxyde.queries._ir.new_ir`) and sets only what
        differs; ``order_by`` is always a fresh list."""
        model = self.model
        ir = new_ir(model, "select")
        if condition is None:
            if self._where:
                ir["filter_tree"] = _and_tree(self._where)
        else:
            ir["filter_tree"] = _and_tree(self._where + (condition,)) if self._where else condition
        ir["order_by"] = [list(item) for item in self._order] if self._order and not (count or exists) else []
        if limit is None:
            limit = self._limit
        if limit is not None:
            ir["limit"] = limit
        if self._offset is not None:
            ir["offset"] = self._offset
        if self._distinct:
            ir["distinct"] = True
        if count:
            ir["count"] = True
        if exists:
            ir["exists"] = True
        elif self._lock is not None and not count:
            ir["lock"] = self._lock
        if self._fields is not None:
            ir["columns"] = [resolve_field(model, name)[0].column for name in self._fields]
        return ir

    def to_ir(self) -> dict[str, Any]:
        """The ``select`` IR document this query sends (docs/ir-protocol.md)."""
        ir = self._select_ir()
        ir["columns"] = list(ir["columns"])
        ir["column_types"] = dict(ir["column_types"])
        return ir

    def query(self) -> dict[str, Any]:
        """Alias of :meth:`to_ir` (Oxyde's name)."""
        return self.to_ir()

    def sql(self, dialect: str = "postgres", with_types: bool = False) -> tuple[str, list[Any]]:
        """``(sql, params)`` as the engine renders this query for ``dialect``; needs no database.

        ``with_types`` is accepted for Oxyde compatibility; parameters are always typed by the
        model's column specs.
        """
        from oxyde.queries._exec import render_sql

        return render_sql(self.to_ir(), dialect)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.model.__qualname__} {self.to_ir()!r}>"


def _row_count(model: type[Model], what: str, n: Any) -> int | None:
    """``n`` checked as a LIMIT/OFFSET: ``None`` or an int in ``0 .. 2**63 - 1``."""
    if n is None or (n.__class__ is int and 0 <= n <= INT64_MAX):
        return n  # type: ignore[no-any-return]
    raise ValueConversionError(
        f"{model.__qualname__}: {what} must be None or an int from 0 to 2**63 - 1, got {n!r}",
        details={"model": model.__qualname__, what: repr(n)},
    )


def _and_tree(where: tuple[dict[str, Any], ...]) -> dict[str, Any] | None:
    """The ``filter_tree`` of conditions that all must hold (``None`` when there are none)."""
    if not where:
        return None
    return where[0] if len(where) == 1 else {"type": "and", "children": list(where)}
