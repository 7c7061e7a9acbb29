"""The immutable part of ``Query``: builder methods that return clones, and ``to_ir()``."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast, overload

from oxyde._native._wire import INT64_MAX
from oxyde.exceptions import FieldError, ValueConversionError
from oxyde.queries import _select
from oxyde.queries._compile import Compiled, JoinNeeds, compile_expression
from oxyde.queries._ir import new_ir
from oxyde.queries import _lookups
from oxyde.queries._lookups import lookup_condition, resolve_field
from oxyde.queries.expressions import Expression, F, Q
from oxyde.queries.functions import Exists

if TYPE_CHECKING:
    from typing_extensions import Self

    from oxyde.models.base import Model
    from oxyde.queries.query import Query

__all__ = ["QueryBuilder"]

M = TypeVar("M", bound="Model")


class QueryBuilder(Generic[M]):
    """Query state; every builder returns a modified copy and leaves ``self`` unchanged."""

    # What makes a select more than one table's columns (see _select.py). Class-level defaults,
    # never mutated: a query sets them in its own state only when used, so the common query's
    # state (copied by every builder) stays small, and ``_extended`` says whether any is set.
    _extended = False
    _needs: tuple[str, ...] = ()  # forward FK paths joined for filters, ordering, values
    _loads: tuple[str, ...] = ()  # join(): forward FK paths loaded into the models
    _reverse_joins: tuple[dict[str, Any], ...] = ()  # LEFT JOINs of reverse FKs (Count("posts"))
    _annotations: Mapping[str, Compiled] = MappingProxyType({})
    _group_by: tuple[str, ...] | None = None
    _having: tuple[dict[str, Any], ...] = ()
    _unions: tuple[tuple[QueryBuilder[Any], bool], ...] = ()
    _only: tuple[str, ...] | None = None
    _prefetch: tuple[str, ...] = ()  # prefetch(): loaded by extra queries after the rows
    _lock: dict[str, Any] | None = None  # for_update()/for_share() (oxyde.queries._bulk)

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

    def _clone(self, **changes: Any) -> Self:
        clone = object.__new__(type(self))  # the state is plain attributes: copy the dict
        state = self.__dict__.copy()
        state.pop("_plan", None)  # the result plan of the original (see _select.py)
        state.update(changes)
        clone.__dict__ = state
        return clone

    def _with_condition(self, node: dict[str, Any], joins: list[str] | None = None) -> Self:
        """A copy with ``node`` ANDed to the filters (``_clone`` without the keyword packing)."""
        clone = object.__new__(type(self))
        state = self.__dict__.copy()
        state.pop("_plan", None)
        state["_where"] = self._where + (node,)
        if joins:
            state["_needs"] = self._needs + tuple(joins)
            state["_extended"] = True
        clone.__dict__ = state
        return clone

    # --- filtering --------------------------------------------------------------------------

    def _conditions(self, args: tuple[Any, ...], kwargs: dict[str, Any], joins: list[str]) -> dict[str, Any]:
        """The one node that ``filter(*args, **kwargs)`` ANDs to the query's conditions; the join
        paths it needs go to ``joins``."""
        if not args and len(kwargs) == 1:  # the common ``filter(field=value)``
            (key,) = kwargs
            return lookup_condition(self.model, key, kwargs[key], joins)
        nodes: list[dict[str, Any]] = []
        for arg in args:
            if isinstance(arg, Q):
                nodes.append(arg.to_filter(self.model, joins))
            elif isinstance(arg, Exists):
                exists = {"type": "exists", "query": arg.query._subquery_ir()}
                nodes.append({"type": "not", "child": exists} if arg.negated else exists)
            else:
                raise TypeError(f"filter() positional arguments must be Q or Exists objects, got {type(arg).__name__}")
        nodes += [lookup_condition(self.model, key, value, joins) for key, value in kwargs.items()]
        return nodes[0] if len(nodes) == 1 else {"type": "and", "children": nodes}

    def filter(self, *args: Q | Exists, **kwargs: Any) -> Self:
        """Keep rows matching every condition (``Q``/``Exists`` objects and ``field__lookup=value``;
        lookups may cross relations: ``author__name``, ``posts__title__contains``)."""
        if not args and not kwargs:
            return self._clone()
        joins: list[str] = []
        node = self._conditions(args, kwargs, joins)
        return self._with_condition(node, joins)

    def exclude(self, *args: Q | Exists, **kwargs: Any) -> Self:
        """Drop rows matching all of the given conditions."""
        if not args and not kwargs:
            return self._clone()
        joins: list[str] = []
        node = self._conditions(args, kwargs, joins)
        return self._with_condition({"type": "not", "child": node}, joins)

    def _filter_tree(self) -> dict[str, Any] | None:
        """The WHERE of an UPDATE or DELETE of the matching rows. Conditions across relations need
        joins, which those statements do not have: then the rows are ``pk IN (SELECT pk ... JOIN ...)``."""
        if not self._needs:
            return _and_tree(self._where)
        pk = self.model._meta_ready().pk_column
        if pk is None:
            raise FieldError(f"{self.model.__qualname__}: updating or deleting across relations needs a primary key")
        rows = self._clone(_loads=(), _annotations=MappingProxyType({}), _order=(), _fields=None, _mode="models")
        return {"type": "condition", "field": pk, "op": "in", "rhs": {"type": "subquery", "query": rows._subquery_ir(pk)}}

    # --- shape --------------------------------------------------------------------------------

    def order_by(self, *fields: str | Expression | F) -> Self:
        """Sort by fields (``"-f"`` descending; ``"author__name"`` across a relation; an annotation
        name), expressions, or ``"?"`` (random). Appends to any earlier ordering, as Oxyde does."""
        order: list[Any] = []
        needs: JoinNeeds | None = None  # only expressions and paths need joins
        for spec in fields:
            if spec.__class__ is str:
                name = spec.lstrip("-+")  # type: ignore[union-attr]
                direction = "desc" if spec.startswith("-") else "asc"  # type: ignore[union-attr]
                if "__" not in name and name != "?" and not self._annotations:
                    order.append((resolve_field(self.model, name)[0].column, direction))
                    continue
                if name == "?":
                    order.append(({"type": "func", "name": "random", "args": []}, "asc"))
                    continue
                annotation = self._annotations.get(name)
                if annotation is not None:
                    order.append((annotation.ir, direction))
                    continue
                if "__" not in name:
                    order.append((resolve_field(self.model, name)[0].column, direction))
                    continue
                needs = needs or JoinNeeds()
                order.append((compile_expression(self.model, name, None, needs).ir, direction))
            elif isinstance(spec, (Expression, F)):
                needs = needs or JoinNeeds()
                order.append((self._expression(spec, needs).ir, "asc"))
            else:
                raise FieldError(
                    f"{self.model.__qualname__}: order_by() takes field names ('name', '-name'), "
                    f"got {spec!r}"
                )
        if needs is None:
            return self._clone(_order=self._order + tuple(order))
        return self._clone(_order=self._order + tuple(order), **self._joined(needs))

    def _expression(self, expr: Any, needs: JoinNeeds) -> Compiled:
        return compile_expression(self.model, expr, None, needs)

    def _joined(self, needs: JoinNeeds) -> dict[str, Any]:
        """The state changes that add ``needs`` to the query's joins."""
        if not needs.paths and not needs.reverse:
            return {}
        reverse = self._reverse_joins + tuple(j for j in needs.reverse if j not in self._reverse_joins)
        return {"_needs": self._needs + tuple(needs.paths), "_reverse_joins": reverse, "_extended": True}

    def limit(self, value: int | None) -> Self:
        return self._clone(_limit=_row_count(self.model, "limit", value))

    def offset(self, value: int | None) -> Self:
        return self._clone(_offset=_row_count(self.model, "offset", value))

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

    def distinct(self, distinct: bool = True) -> Self:
        return self._clone(_distinct=bool(distinct))

    # --- relations, annotations, grouping, unions (compiled by _select.py) -------------------------

    def join(self, *paths: str) -> Self:
        """Load forward relations in the same query (``join("author", "author__country")``): LEFT JOIN
        (INNER when every FK on the path is required); a related row becomes one shared instance."""
        loads = list(self._loads)
        for path in paths:
            _select.check_forward_path(self.model, path)
            if path not in loads:
                loads.append(path)
        return self._clone(_loads=tuple(loads), _extended=True)

    def prefetch(self, *paths: str) -> Self:
        """Load reverse-FK and M2M relations (and FKs along the way) with one extra query per level:
        ``prefetch("posts", "posts__tags")`` sets ``author.posts`` and each post's ``tags`` as lists."""
        from oxyde.queries._prefetch import check_prefetch_path

        for path in paths:
            check_prefetch_path(self.model, path)
        return self._clone(_prefetch=self._prefetch + tuple(p for p in paths if p not in self._prefetch))

    def annotate(self, **expressions: Any) -> Self:
        """Add computed values: ``annotate(n=Count("posts"), score=F("views") * 2)``. On models they
        become attributes; ``values()`` may name them. Aggregates group by the model's columns unless
        ``group_by()`` or a preceding ``values()`` says otherwise."""
        annotations = dict(self._annotations)
        needs = JoinNeeds()
        for name, expr in expressions.items():
            if name in self.model.model_fields:
                raise FieldError(f"{self.model.__qualname__}: annotation {name!r} clashes with a field")
            annotations[name] = self._expression(expr, needs)
        changes = self._joined(needs)
        if self._fields is not None:
            # Django's values(...).annotate(...): the annotations join the values, grouped by the fields.
            changes["_fields"] = self._fields + tuple(name for name in expressions if name not in self._fields)
            if self._group_by is None and any(c.aggregate for c in annotations.values()):
                changes["_group_by"] = tuple(f for f in self._fields if f not in annotations)
        changes["_extended"] = True
        return self._clone(_annotations=annotations, **changes)

    def group_by(self, *fields: str) -> Self:
        """GROUP BY fields (paths across forward FKs too); pair with ``annotate`` and ``values``."""
        needs = JoinNeeds()
        for name in fields:
            compile_expression(self.model, name, None, needs)
        return self._clone(_group_by=tuple(fields), **{**self._joined(needs), "_extended": True})

    def having(self, *args: Q, **kwargs: Any) -> Self:
        """Conditions on groups; a key may name an annotation (``having(n__gte=2)``)."""
        nodes = [_select.having_node(self, q) for q in args]
        nodes += [_select.having_condition(self, key, value) for key, value in kwargs.items()]
        return self._clone(_having=self._having + tuple(nodes), _extended=True)

    def union(self, other: QueryBuilder[Any]) -> Self:
        """Rows of this query and of ``other`` without duplicates (same columns)."""
        return self._clone(_unions=self._unions + ((other, False),), _extended=True)

    def union_all(self, other: QueryBuilder[Any]) -> Self:
        """Rows of this query and of ``other``, duplicates kept."""
        return self._clone(_unions=self._unions + ((other, True),), _extended=True)

    def select(self, *fields: str) -> Self:
        """Load only these fields into the models (the primary key is always loaded)."""
        for name in fields:
            resolve_field(self.model, name)
        return self._clone(_only=tuple(fields) or None, _extended=True)

    only = select

    def _alias(self, using: str | None) -> str | None:
        """The alias a terminal runs on: its ``using=``, else the query's ``using()``."""
        return using if using is not None else self._using

    def using(self, alias: str) -> Self:
        """Run on the connection registered as ``alias``."""
        return self._clone(_using=alias)

    def _checked_fields(self, fields: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, Any]]:
        """``fields`` checked (a field, an annotation, or a path across forward FKs), and the joins they need."""
        needs = JoinNeeds()
        for name in fields:
            if name in self._annotations:
                continue
            if "__" in name:
                compile_expression(self.model, name, None, needs)
                continue
            column, relation = resolve_field(self.model, name)
            if relation is not None:
                raise FieldError(
                    f"{self.model.__qualname__}.{name} is a relation; select {relation.column_field!r} "
                    f"or {name}__<field> instead"
                )
        changes = self._joined(needs)
        if any("__" in name or name in self._annotations for name in fields):
            changes["_extended"] = True
        return fields, changes

    # A builder is always a ``Query`` (its only subclass), so the casts below only name the row type.

    def values(self, *fields: str) -> Query[M, dict[str, Any]]:
        """Rows as dicts keyed by field name (all columns when no fields are given); fields may cross
        forward FKs (``"author__name"``) and name annotations."""
        checked, changes = self._checked_fields(fields)
        query = self._clone(_fields=checked or None, _mode="dict", **changes)
        return cast("Query[M, dict[str, Any]]", query)

    @overload
    def values_list(self, *fields: str, flat: Literal[False] = ...) -> Query[M, tuple[Any, ...]]: ...
    @overload
    def values_list(self, *fields: str, flat: bool) -> Query[M, Any]: ...

    def values_list(self, *fields: str, flat: bool = False) -> Query[M, Any]:
        """Rows as tuples, or scalars with ``flat=True`` (one field only)."""
        if flat and len(fields) != 1:
            raise FieldError("values_list(flat=True) needs exactly one field")
        checked, changes = self._checked_fields(fields)
        query = self._clone(_fields=checked or None, _mode="flat" if flat else "list", **changes)
        return cast("Query[M, Any]", query)

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
        if self._extended:
            _select.extend(self, ir)
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
        if self._lock is not None and not (count or exists):
            ir["lock"] = self._lock
        if self._fields is not None and not self._extended:
            ir["columns"] = [resolve_field(model, name)[0].column for name in self._fields]
        return ir

    def _subquery_ir(self, column: str | None = None) -> dict[str, Any]:
        """This query as a nested select (``filter(x__in=query)``, ``Exists``): its ``values()``
        field, else ``column``, else the primary key."""
        ir = self._select_ir()
        del ir["proto"]
        if column is not None:
            ir["columns"] = [column]
        elif self._fields is None:
            ir["columns"] = [self.model._meta_ready().pk_column]
        elif len(ir["columns"]) != 1:
            raise FieldError(f"{self.model.__qualname__}: a subquery selects one field, got {list(self._fields)}")
        return ir

    def to_ir(self) -> dict[str, Any]:
        """The ``select`` IR document this query sends (docs/ir-protocol.md)."""
        import copy

        ir = copy.deepcopy(self._select_ir())
        ir["columns"] = list(ir["columns"])
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


_lookups.register_query_type(QueryBuilder)
