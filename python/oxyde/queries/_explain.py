"""``query.explain(analyze=False, format="text")``: the database's plan for a query.

The engine renders the query (the same path ``sql()`` and ``execute`` use); the dialect's EXPLAIN
form of that SQL then runs as raw SQL with the same parameters. What comes back is Oxyde's shape:

=================  ==========================================  ===================================
backend            ``format="text"``                           ``format="json"``
=================  ==========================================  ===================================
SQLite             ``EXPLAIN QUERY PLAN`` rows as dicts        unsupported (as ``analyze=True``)
PostgreSQL         the ``QUERY PLAN`` lines (list of str)      the parsed JSON plan (a list)
MySQL / MariaDB    the EXPLAIN rows as dicts                   the parsed JSON plan
=================  ==========================================  ===================================

``analyze=True`` runs the query (``EXPLAIN (ANALYZE TRUE)`` on PostgreSQL, ``EXPLAIN ANALYZE`` on
MySQL, ``ANALYZE`` on MariaDB, asked for once with ``SELECT VERSION()``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from oxyde.db._raw import raw_ir, rows_as_dicts
from oxyde.exceptions import UnsupportedFeatureError
from oxyde.queries._exec import render_sql
from oxyde.queries._steps import Steps

if TYPE_CHECKING:
    from oxyde.db._executor import Executor
    from oxyde.queries._builder import QueryBuilder

__all__ = ["ExplainPlan"]

_FORMATS = ("text", "json")


class ExplainPlan:
    """One ``explain()`` call: the statements it runs (:meth:`steps`) and the plan they give (:meth:`shape`)."""

    __slots__ = ("_query", "_analyze", "_json", "_dialect")

    def __init__(self, query: QueryBuilder[Any], analyze: bool, format: str, executor: Executor) -> None:
        if format not in _FORMATS:
            raise ValueError(f"explain(format=...) takes 'text' or 'json', not {format!r}")
        self._query = query
        self._analyze = bool(analyze)
        self._json = format == "json"
        database = executor.database
        self._dialect: str = (database.backend if database.connected and database.backend else None) or executor.dialect

    def steps(self) -> Steps[dict[str, Any]]:
        sql, params = render_sql(self._query.to_ir(), self._dialect)
        if self._dialect == "sqlite":
            for wanted, feature in ((self._analyze, "explain_analyze"), (self._json, "explain_json")):
                if wanted:
                    raise UnsupportedFeatureError(
                        f"{feature} is not supported on sqlite (EXPLAIN QUERY PLAN has no ANALYZE or JSON form)",
                        details={"dialect": "sqlite", "feature": feature},
                    )
            explain = f"EXPLAIN QUERY PLAN {sql}"
        elif self._dialect == "postgres":
            options = [o for o, on in (("ANALYZE TRUE", self._analyze), ("FORMAT JSON", self._json)) if on]
            explain = f"EXPLAIN ({', '.join(options)}) {sql}" if options else f"EXPLAIN {sql}"
        else:
            fmt = "FORMAT=JSON " if self._json else ""
            if self._analyze:
                version = yield raw_ir("SELECT VERSION()")
                mariadb = "mariadb" in str((version.get("rows") or [[""]])[0][0]).lower()
                explain = f"ANALYZE {fmt}{sql}" if mariadb else f"EXPLAIN ANALYZE {fmt}{sql}"
            else:
                explain = f"EXPLAIN {fmt}{sql}"
        result: dict[str, Any] = yield raw_ir(explain, params)
        return result

    def shape(self, result: dict[str, Any]) -> Any:
        rows = result.get("rows") or []
        if self._dialect == "postgres" and not self._json:
            return [row[0] for row in rows]
        if self._json:
            plan = rows[0][0] if rows and rows[0] else None
            return json.loads(plan) if isinstance(plan, (str, bytes)) else plan
        return rows_as_dicts(result)
