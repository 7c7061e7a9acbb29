"""Expressions to IR: ``F``, field names and paths, aggregates, functions, ``Case``, ``RawSQL``.

:func:`compile_expression` gives the IR expression, the spec its result is decoded by (or ``None``)
and a Python converter for what the engine sends back (aggregates over NUMERIC arrive as text on
PostgreSQL, ``AVG`` of ints is a float...), and records the joins the expression needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from oxyde.exceptions import FieldError
from oxyde.models._codec import decoder_for
from oxyde.models._encode import encode_value
from oxyde.queries._paths import fk_column, many_relation, split_path
from oxyde.queries.expressions import MAX_DEPTH, F, Q, _too_deep
from oxyde.queries.functions import Aggregate, Case, Concat, Func, RawSQL, Value

if TYPE_CHECKING:
    from oxyde.models.base import Model

__all__ = ["Compiled", "JoinNeeds", "compile_expression"]


class JoinNeeds:
    """Joins an expression needs: forward FK paths (aliases) and reverse-FK joins (IR join maps)."""

    __slots__ = ("paths", "reverse")

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.reverse: list[dict[str, Any]] = []


@dataclass(frozen=True)
class Compiled:
    ir: dict[str, Any]
    spec: dict[str, Any] | None = None
    convert: Callable[[Any], Any] | None = None
    aggregate: bool = False


_INT_SPEC = {"kind": "int64"}


def compile_expression(
    model: type[Model], expr: Any, hint: dict[str, Any] | None = None, needs: JoinNeeds | None = None, depth: int = 1
) -> Compiled:
    """``expr`` over ``model``'s fields; plain values are encoded with ``hint`` (the spec of what they
    meet). Field paths across forward FKs add to ``needs.paths``; ``Count("posts")`` over a reverse FK
    adds a join to ``needs.reverse``."""
    if depth > MAX_DEPTH:
        raise _too_deep("expressions", depth)
    if isinstance(expr, str):
        return _field(model, expr, needs)
    if isinstance(expr, F):
        return _f(model, expr, hint, needs, depth)
    if isinstance(expr, Aggregate):
        return _aggregate(model, expr, needs, depth)
    if isinstance(expr, Func):
        return _func(model, expr, hint, needs, depth)
    if isinstance(expr, Value):
        return Compiled({"type": "value", "value": encode_value(expr.value, hint)}, hint)
    if isinstance(expr, Case):
        return _case(model, expr, hint, needs, depth)
    if isinstance(expr, RawSQL):
        return Compiled({"type": "raw", "sql": expr.sql, "params": [encode_value(p, None) for p in expr.params]})
    return Compiled({"type": "value", "value": encode_value(expr, hint)}, hint)


def _field(model: type[Model], path: str, needs: JoinNeeds | None) -> Compiled:
    """A field of ``model`` or across forward FKs (``author__name``); ``pk`` works too."""
    from oxyde.queries._lookups import resolve_field

    parts = path.split("__")
    hops, target, used = split_path(model, parts)
    if used != len(parts) - 1:
        raise FieldError(f"{model.__qualname__}: {path!r} is not a field path")
    column, _ = resolve_field(target, parts[-1])
    ir: dict[str, Any] = {"type": "column", "name": column.column}
    if hops:
        alias = "__".join(parts[:used])
        if needs is None:
            raise FieldError(f"{model.__qualname__}: {path!r} traverses a relation, which this context cannot join")
        needs.paths.append(alias)
        ir["table"] = alias
    return Compiled(ir, column.spec, decoder_for(column.annotation))


def _f(model: type[Model], expr: F, hint: dict[str, Any] | None, needs: JoinNeeds | None, depth: int) -> Compiled:
    node = expr._node
    kind = node[0]
    if kind == "column":
        return _field(model, node[1], needs)
    if kind == "neg":
        inner = _operand(model, node[1], hint, needs, depth)
        return Compiled({"type": "neg", "operand": inner.ir}, inner.spec, inner.convert, inner.aggregate)
    _, op, left, right = node
    first = _operand(model, left, hint, needs, depth)
    spec = first.spec or hint
    second = _operand(model, right, spec, needs, depth)
    spec = spec or second.spec
    ir = {"type": "binary", "op": op, "left": first.ir, "right": second.ir}
    convert = first.convert or second.convert
    return Compiled(ir, spec, convert, first.aggregate or second.aggregate)


def _operand(model: type[Model], value: Any, hint: dict[str, Any] | None, needs: JoinNeeds | None, depth: int) -> Compiled:
    if isinstance(value, str):  # a literal in arithmetic (F("a") + "x"), not a field name
        return Compiled({"type": "value", "value": encode_value(value, hint)}, hint)
    return compile_expression(model, value, hint, needs, depth + 1)


def _aggregate(model: type[Model], agg: Aggregate, needs: JoinNeeds | None, depth: int) -> Compiled:
    function = agg.function
    if not function:
        raise FieldError(f"{model.__qualname__}: Aggregate is abstract; use Count, Sum, Avg, Min or Max")
    target = agg.field
    if target == "*":
        if function != "count":
            raise FieldError(f"{model.__qualname__}: {type(agg).__name__}('*') needs a field")
        return Compiled({"type": "agg", "func": "count", "arg": None, "distinct": False}, _INT_SPEC, _to_int, True)
    argument = _reverse_field(model, target, needs) if isinstance(target, str) else None
    if argument is None:
        argument = compile_expression(model, target, None, needs, depth + 1)
    ir = {"type": "agg", "func": function, "arg": argument.ir, "distinct": bool(agg.distinct)}
    if function == "count":
        return Compiled(ir, _INT_SPEC, _to_int, True)
    kind = (argument.spec or {}).get("kind")
    if function in ("min", "max"):
        return Compiled(ir, argument.spec, argument.convert, True)
    # SUM/AVG: PostgreSQL and MySQL answer NUMERIC/DECIMAL (text on the wire), SQLite a number;
    # decoded by storage type and converted here to what the field holds (AVG of ints: a float).
    if kind == "decimal":
        return Compiled(ir, None, _to_decimal, True)
    if function == "sum" and kind in ("int64", "timedelta"):
        return Compiled(ir, None, _to_int if kind == "int64" else argument.convert, True)
    return Compiled(ir, None, _to_float, True)


def _reverse_field(model: type[Model], path: str, needs: JoinNeeds | None) -> Compiled | None:
    """``posts`` / ``posts__views``: a column of a reverse-FK relation, joined (LEFT) for an aggregate."""
    head, _, rest = path.partition("__")
    many = many_relation(model, head)
    if many is None:
        return None
    if many.through is not None:
        raise FieldError(f"{model.__qualname__}.{head}: aggregates over many-to-many fields are not supported yet")
    if needs is None:
        raise FieldError(f"{model.__qualname__}: {path!r} crosses a relation, which this context cannot join")
    source_meta = model._meta_ready()
    target_meta = many.target._meta_ready()
    if not any(join["alias"] == head for join in needs.reverse):
        needs.reverse.append(
            {
                "alias": head,
                "table": target_meta.table_name,
                "parent": None,
                "on": [[source_meta.columns[many.source_fk.target_field].column, fk_column(many.target, many.source_fk).column]],
                "inner": False,
                "column_types": target_meta.column_types,
            }
        )
    from oxyde.queries._lookups import resolve_field

    column, _ = resolve_field(many.target, rest or "pk")
    return Compiled({"type": "column", "table": head, "name": column.column}, column.spec, decoder_for(column.annotation))


_FUNC_SPECS: dict[str, dict[str, Any] | None] = {"length": _INT_SPEC}


def _func(model: type[Model], func: Func, hint: dict[str, Any] | None, needs: JoinNeeds | None, depth: int) -> Compiled:
    args = [compile_expression(model, arg, None, needs, depth + 1) for arg in func.args]
    name = func.name
    if not name:
        raise FieldError(f"{model.__qualname__}: Func is abstract; use Lower, Upper, Concat, Coalesce...")
    if name == "coalesce" and args:
        spec = next((a.spec for a in args if a.spec is not None), hint)
        args = [compile_expression(model, arg, spec, needs, depth + 1) for arg in func.args]
        convert = next((a.convert for a in args if a.convert is not None), None)
        return Compiled({"type": "func", "name": name, "args": [a.ir for a in args]}, spec, convert,
                        any(a.aggregate for a in args))  # fmt: skip
    if isinstance(func, Concat) and func.separator is not None:
        irs = [{"type": "value", "value": func.separator}] + [a.ir for a in args]
        return Compiled({"type": "func", "name": "concat_ws", "args": irs}, None, _to_str)
    spec = _FUNC_SPECS.get(name)
    convert = _to_int if spec is _INT_SPEC else (_to_str if name in ("lower", "upper", "concat") else None)
    return Compiled({"type": "func", "name": name, "args": [a.ir for a in args]}, spec, convert, any(a.aggregate for a in args))


def _case(model: type[Model], case: Case, hint: dict[str, Any] | None, needs: JoinNeeds | None, depth: int) -> Compiled:
    joins = needs.paths if needs is not None else None
    results = [compile_expression(model, w.then, hint, needs, depth + 1) for w in case.whens]
    spec = next((r.spec for r in results if r.spec is not None), hint)
    whens = [
        {"when": _condition(model, w.condition, joins), "then": compile_expression(model, w.then, spec, needs, depth + 1).ir}
        for w in case.whens
    ]
    otherwise = None if case.default is None else compile_expression(model, case.default, spec, needs, depth + 1).ir
    convert = next((r.convert for r in results if r.convert is not None), None)
    return Compiled({"type": "case", "whens": whens, "else": otherwise}, spec, convert)


def _condition(model: type[Model], condition: Q, joins: list[str] | None) -> dict[str, Any]:
    return condition.to_filter(model, joins)


def _to_int(value: Any) -> Any:
    return value if value is None or value.__class__ is int else int(Decimal(str(value)))


def _to_float(value: Any) -> Any:
    return value if value is None or value.__class__ is float else float(value)


def _to_decimal(value: Any) -> Any:
    return value if value is None or isinstance(value, Decimal) else Decimal(str(value))


def _to_str(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else str(value)
