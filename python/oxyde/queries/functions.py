"""Aggregates and functions (Oxyde's names, plus Django's ``Lower``/``Upper``/``Length``/``Now``,
``Case``/``When``, ``Value`` and ``Exists``). Each describes an expression; queries compile them to
IR (:mod:`oxyde.queries._compile`) wherever an expression is allowed: ``annotate``, ``aggregate``,
``values``, ``order_by``, filter values and ``having``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oxyde.queries.expressions import Expression, Q

if TYPE_CHECKING:
    from oxyde.queries._builder import QueryBuilder

__all__ = [
    "Aggregate", "Avg", "Case", "Coalesce", "Concat", "Count", "Exists", "Func", "Length", "Lower", "Max", "Min",
    "Now", "RawSQL", "Sum", "Upper", "Value", "When",
]  # fmt: skip


class Aggregate(Expression):
    """``function(field)`` over the rows of a group; ``Count("*")`` counts rows. ``field`` may be a
    relation path (``Count("posts")``), an ``F`` or another expression; ``distinct=True`` counts or
    sums each value once."""

    __slots__ = ("distinct", "field", "filter")
    function = ""

    def __init__(self, field: Any = "*", distinct: bool = False, filter: Q | None = None) -> None:
        self.field = field
        self.distinct = distinct
        self.filter = filter

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.field!r}{', distinct=True' if self.distinct else ''})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and (self.field, self.distinct) == (other.field, other.distinct)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), repr(self.field), self.distinct))


class Count(Aggregate):
    __slots__ = ()
    function = "count"


class Sum(Aggregate):
    __slots__ = ()
    function = "sum"


class Avg(Aggregate):
    __slots__ = ()
    function = "avg"


class Max(Aggregate):
    __slots__ = ()
    function = "max"


class Min(Aggregate):
    __slots__ = ()
    function = "min"


class Func(Expression):
    """A scalar SQL function the engine knows by name (``lower``, ``coalesce``...), over fields and values."""

    __slots__ = ("args",)
    name = ""

    def __init__(self, *args: Any) -> None:
        self.args = args

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(map(repr, self.args))})"


class Lower(Func):
    __slots__ = ()
    name = "lower"


class Upper(Func):
    __slots__ = ()
    name = "upper"


class Length(Func):
    __slots__ = ()
    name = "length"


class Now(Func):
    __slots__ = ()
    name = "now"


class Coalesce(Func):
    """The first non-NULL of the given fields/values."""

    __slots__ = ()
    name = "coalesce"


class Concat(Func):
    """The given fields/values as one string (NULLs count as empty); ``separator`` goes between them."""

    __slots__ = ("separator",)
    name = "concat"

    def __init__(self, *args: Any, separator: str | None = None) -> None:
        super().__init__(*args)
        self.separator = separator


class Value(Expression):
    """A literal value where an expression is expected (``Coalesce("nick", Value("anon"))``)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Value({self.value!r})"


class When(Expression):
    """One branch of :class:`Case`: ``When(Q(...) or lookups, then=value)``."""

    __slots__ = ("condition", "then")

    def __init__(self, condition: Q | None = None, then: Any = None, **lookups: Any) -> None:
        if condition is not None and lookups:
            condition = condition & Q(**lookups)
        self.condition = condition if condition is not None else Q(**lookups)
        self.then = then


class Case(Expression):
    """``CASE WHEN ... THEN ... ELSE default END``."""

    __slots__ = ("default", "whens")

    def __init__(self, *whens: When, default: Any = None) -> None:
        if not whens or not all(isinstance(w, When) for w in whens):
            raise TypeError("Case() takes one or more When(...) branches")
        self.whens = whens
        self.default = default


class RawSQL(Expression):
    """A SQL fragment with ``?`` placeholders for ``params`` (on every dialect), for what the IR cannot say."""

    __slots__ = ("params", "sql")

    def __init__(self, sql: str, params: list[Any] | tuple[Any, ...] | None = None) -> None:
        self.sql = sql
        self.params = list(params or [])

    def __repr__(self) -> str:
        return f"RawSQL({self.sql!r}, {self.params!r})"


class Exists(Expression):
    """``EXISTS (query)``: a filter argument (``filter(Exists(Comment.objects.filter(spam=True)))``)."""

    __slots__ = ("negated", "query")

    def __init__(self, query: QueryBuilder[Any]) -> None:
        self.query = query
        self.negated = False

    def __invert__(self) -> Exists:
        other = Exists(self.query)
        other.negated = not self.negated
        return other
