"""FakeCore: implements the ``Core`` protocol without the native library.

Every call is recorded as ``(verb, request)``; replies come from a queue of scripted results
(``push``) or, when the queue is empty, from a default per verb.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from oxyde.exceptions import error_from_envelope


class FakeCore:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._replies: deque[dict[str, Any]] = deque()

    def push(self, *replies: dict[str, Any]) -> FakeCore:
        """Queue replies; a reply with ``"error"`` raises that envelope's exception."""
        self._replies.extend(replies)
        return self

    def rows(self, columns: list[str], rows: list[list[Any]]) -> FakeCore:
        return self.push({"columns": columns, "rows": rows})

    @property
    def irs(self) -> list[dict[str, Any]]:
        return [req["ir"] for verb, req in self.calls if verb in ("execute", "render_sql")]

    @property
    def last_ir(self) -> dict[str, Any]:
        return self.irs[-1]

    def call(self, verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        self.calls.append((verb, dict(request)))
        if self._replies:
            reply = self._replies.popleft()
        elif verb == "render_sql":
            reply = {"statements": [{"sql": f"-- {request['dialect']}", "params": []}]}
        elif verb == "tx_begin":
            reply = {"tx": 1}
        else:
            reply = {"affected": 0}
        if "error" in reply:
            raise error_from_envelope(reply["error"])
        return reply

    async def call_async(self, verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        return self.call(verb, request)


class FakeExecutor:
    """The runtime's ``Executor`` shape, forwarding ``execute`` to a FakeCore."""

    def __init__(self, core: FakeCore, alias: str = "default", dialect: str = "sqlite") -> None:
        self.core = core
        self.alias = alias
        self.dialect = dialect
        self.transaction = None  # never inside an atomic() block

    def execute(self, ir: dict[str, Any]) -> dict[str, Any]:
        return self.core.call("execute", {"pool": self.alias, "tx": None, "ir": ir})

    async def execute_async(self, ir: dict[str, Any]) -> dict[str, Any]:
        return await self.core.call_async("execute", {"pool": self.alias, "tx": None, "ir": ir})
