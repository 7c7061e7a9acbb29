"""Test-local fakes for the db tests: a FakeCore that numbers transactions and fails on demand."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping
from typing import Any

from oxyde.exceptions import error_from_envelope

from .fake_core import FakeCore


class DbFakeCore(FakeCore):
    """Records every call; ``tx_begin`` hands out 1, 2, 3...; a URL containing ``fail`` cannot open.

    ``open_pools`` tracks what the engine would hold; ``async_threads`` records which verbs came
    through ``call_async`` (the async path must not block on the sync one).
    """

    def __init__(self) -> None:
        super().__init__()
        self.open_pools: set[str] = set()
        self.async_verbs: list[str] = []
        self._next_tx = 0
        self._lock = threading.Lock()

    def call(self, verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.calls.append((verb, dict(request)))
            if verb == "pool_open":
                if "fail" in request["url"]:
                    raise error_from_envelope(
                        {"code": 32, "name": "connection_failed", "message": f"cannot reach {request['url']}"}
                    )
                self.open_pools.add(request["name"])
                return {}
            if verb == "pool_close":
                if request["name"] not in self.open_pools:
                    raise error_from_envelope({"code": 31, "name": "pool_not_found", "message": "no pool"})
                self.open_pools.discard(request["name"])
                return {}
            if verb == "tx_begin":
                self._next_tx += 1
                return {"tx": self._next_tx}
            if self._replies:
                reply = self._replies.popleft()
                if "error" in reply:
                    raise error_from_envelope(reply["error"])
                return reply
            return {"affected": 0}

    async def call_async(self, verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        self.async_verbs.append(verb)
        await asyncio.sleep(0)  # yield like a real submit/wake-up would
        return self.call(verb, request)

    def verbs(self, *, skip_pools: bool = True) -> list[tuple[str, Any]]:
        """``(verb, tx or savepoint)`` pairs, for asserting transaction sequences."""
        out: list[tuple[str, Any]] = []
        for verb, req in self.calls:
            if skip_pools and verb in ("pool_open", "pool_close"):
                continue
            if verb == "execute":
                out.append((verb, req.get("tx")))
            elif verb in ("tx_savepoint", "tx_release", "tx_rollback_to"):
                out.append((verb, req["savepoint"]))
            elif verb == "tx_begin":
                out.append((verb, req["pool"]))
            else:
                out.append((verb, req.get("tx")))
        return out
