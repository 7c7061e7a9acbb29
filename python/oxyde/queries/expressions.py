"""``Q`` (filter trees with ``& | ~``) and ``F`` (column arithmetic for ``update()``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oxyde.exceptions import IRError

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["Expression", "F", "MAX_DEPTH", "Q"]

#: How deep the engine lets filter trees and expressions nest (``IrReader.MaxDepth``). Trees are
#: measured without recursion before they are built, so a deeper one is an :class:`IRError` here
#: rather than a ``RecursionError``.
MAX_DEPTH = 64


def _too_deep(key: str, depth: int) -> IRError:
    return IRError(
        f"{key}: nesting {depth} levels deep is more than the engine's limit of {MAX_DEPTH}",
        code=13,
        name="ir_too_deep",
        details={"key": key, "limit": str(MAX_DEPTH)},
    )


class Expression:
    """Base of the expression classes (aggregates, functions, ``Case``, ``RawSQL``...): what a query
    can select, annotate, order by or compare with. :mod:`oxyde.queries._compile` turns one into IR."""

    __slots__ = ()


class Q:
    """A filter condition tree: ``Q(age__gte=18) | ~Q(name="x")``.

    A leaf holds keyword lookups (ANDed) and positional ``Q`` children; ``&``/``|`` build
    ``and``/``or`` nodes and ``~`` negates. Trees are immutable.
    """

    __slots__ = ("children", "connector", "lookups", "negated")

    def __init__(self, *children: Q, **lookups: Any) -> None:
        for child in children:
            if not isinstance(child, Q):
                raise TypeError(f"Q() positional arguments must be Q objects, got {type(child).__name__}")
        self.children: tuple[Q, ...] = children
        self.lookups: dict[str, Any] = lookups
        self.connector = "and"
        self.negated = False

    @classmethod
    def _node(cls, connector: str, children: tuple[Q, ...], negated: bool = False) -> Q:
        q = cls(*children)
        q.connector = connector
        q.negated = negated
        return q

    def _combine(self, other: object, connector: str) -> Q:
        if not isinstance(other, Q):
            return NotImplemented
        return Q._node(connector, (self, other))

    def __and__(self, other: Q) -> Q:
        return self._combine(other, "and")

    def __or__(self, other: Q) -> Q:
        return self._combine(other, "or")

    def __invert__(self) -> Q:
        return Q._node("and", (self,), negated=True)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Q)
            and (self.connector, self.negated, self.children, self.lookups)
            == (other.connector, other.negated, other.children, other.lookups)
        )

    def __hash__(self) -> int:
        return hash((self.connector, self.negated, self.children, tuple(self.lookups)))

    def __repr__(self) -> str:
        parts = [repr(c) for c in self.children] + [f"{k}={v!r}" for k, v in self.lookups.items()]
        body = f" {self.connector.upper()} ".join(parts)
        return f"{'~' if self.negated else ''}Q({body})"

    def _depth(self) -> int:
        """How deep the filter node of this tree nests (a single condition is 1), found without recursion."""
        deepest = 0
        stack: list[tuple[Q, int]] = [(self, 1)]
        while stack:
            q, level = stack.pop()
            if q.negated:
                level += 1  # {"type": "not", "child": node}
            if len(q.children) + len(q.lookups) == 1 and q.children:
                stack.append((q.children[0], level))  # the single node is used as it is
                continue
            if len(q.children) + len(q.lookups) > 1:
                level += 1  # the and/or node's children
            deepest = max(deepest, level)
            stack.extend((child, level) for child in q.children)
        return deepest

    def to_filter(self, model: type[Model], joins: list[str] | None = None) -> dict[str, Any]:
        """This tree as an IR filter node for ``model`` (join paths it needs go to ``joins``);
        :class:`IRError` when it nests deeper than :data:`MAX_DEPTH`."""
        depth = self._depth()
        if depth > MAX_DEPTH:
            raise _too_deep("filter_tree", depth)
        return self._filter(model, joins)

    def _filter(self, model: type[Model], joins: list[str] | None) -> dict[str, Any]:
        from oxyde.queries._lookups import lookup_condition

        nodes = [child._filter(model, joins) for child in self.children]
        nodes += [lookup_condition(model, key, value, joins) for key, value in self.lookups.items()]
        node = nodes[0] if len(nodes) == 1 else {"type": self.connector, "children": nodes}
        return {"type": "not", "child": node} if self.negated else node


_OPS = {"+": "add", "-": "sub", "*": "mul", "/": "div"}


class F:
    """A column reference: ``update(views=F("views") + 1)``, ``filter(views__gt=F("likes") * 2)``,
    ``annotate(score=F("views") + F("likes"))``, ``order_by(F("views") * -1)``."""

    __slots__ = ("_node",)

    def __init__(self, name: str) -> None:
        self._node: tuple[Any, ...] = ("column", name)

    @classmethod
    def _make(cls, node: tuple[Any, ...]) -> F:
        f = cls.__new__(cls)
        f._node = node
        return f

    def _binary(self, op: str, other: Any, reflected: bool = False) -> F:
        left, right = (other, self) if reflected else (self, other)
        return F._make(("binary", _OPS[op], left, right))

    def __add__(self, other: Any) -> F:
        return self._binary("+", other)

    def __radd__(self, other: Any) -> F:
        return self._binary("+", other, reflected=True)

    def __sub__(self, other: Any) -> F:
        return self._binary("-", other)

    def __rsub__(self, other: Any) -> F:
        return self._binary("-", other, reflected=True)

    def __mul__(self, other: Any) -> F:
        return self._binary("*", other)

    def __rmul__(self, other: Any) -> F:
        return self._binary("*", other, reflected=True)

    def __truediv__(self, other: Any) -> F:
        return self._binary("/", other)

    def __rtruediv__(self, other: Any) -> F:
        return self._binary("/", other, reflected=True)

    def __neg__(self) -> F:
        return F._make(("neg", self))

    def __repr__(self) -> str:
        kind = self._node[0]
        if kind == "column":
            return f"F({self._node[1]!r})"
        if kind == "neg":
            return f"-({self._node[1]!r})"
        return f"({self._node[2]!r} {self._node[1]} {self._node[3]!r})"

    def columns(self) -> list[str]:
        """Field names this expression reads."""
        kind = self._node[0]
        if kind == "column":
            return [self._node[1]]
        parts = self._node[1:] if kind == "neg" else self._node[2:]
        return [name for part in parts if isinstance(part, F) for name in part.columns()]

    def _depth(self) -> int:
        """How deep the IR expression nests (a column is 1), found without recursion."""
        deepest = 0
        stack: list[tuple[Any, int]] = [(self, 1)]
        while stack:
            part, level = stack.pop()
            deepest = max(deepest, level)
            if isinstance(part, F) and part._node[0] != "column":
                operands = part._node[1:] if part._node[0] == "neg" else part._node[2:]
                stack.extend((operand, level + 1) for operand in operands)
        return deepest

    def to_ir(self, resolve_column: Any = None, encode: Any = None) -> dict[str, Any]:
        """The IR expression; ``resolve_column(name) -> db column`` and ``encode(value)`` adapt it.
        :class:`IRError` when it nests deeper than :data:`MAX_DEPTH`."""
        depth = self._depth()
        if depth > MAX_DEPTH:
            raise _too_deep("expressions", depth)
        return self._ir(resolve_column, encode)

    def _ir(self, resolve_column: Any, encode: Any) -> dict[str, Any]:
        kind = self._node[0]
        if kind == "column":
            name = self._node[1]
            return {"type": "column", "name": resolve_column(name) if resolve_column else name}
        if kind == "neg":
            return {"type": "neg", "operand": _operand(self._node[1], resolve_column, encode)}
        _, op, left, right = self._node
        return {
            "type": "binary",
            "op": op,
            "left": _operand(left, resolve_column, encode),
            "right": _operand(right, resolve_column, encode),
        }


def _operand(value: Any, resolve_column: Any, encode: Any) -> dict[str, Any]:
    if isinstance(value, F):
        return value._ir(resolve_column, encode)
    return {"type": "value", "value": encode(value) if encode else value}
