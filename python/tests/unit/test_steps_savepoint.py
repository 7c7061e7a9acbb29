"""``Savepoint`` requests of ``_steps``: nested steps run in a savepoint of the open transaction."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from oxyde.exceptions import IntegrityError
from oxyde.queries import _exec
from oxyde.queries._steps import Savepoint, Steps, drive_async, drive_sync


class _Tx:
    def __init__(self) -> None:
        self.log: list[str] = []

    def savepoint_sync(self, name: str) -> None:
        self.log.append("savepoint")

    def rollback_to_sync(self, name: str) -> None:
        self.log.append("rollback_to")

    def release_sync(self, name: str) -> None:
        self.log.append("release")

    async def savepoint(self, name: str) -> None:
        self.savepoint_sync(name)

    async def rollback_to(self, name: str) -> None:
        self.rollback_to_sync(name)

    async def release(self, name: str) -> None:
        self.release_sync(name)


class _Executor:
    def __init__(self, tx: _Tx | None) -> None:
        self.transaction = tx

    def execute(self, ir: dict[str, Any]) -> dict[str, Any]:
        if ir.get("fail"):
            raise IntegrityError("dup")
        return {"affected": 1}

    async def execute_async(self, ir: dict[str, Any]) -> dict[str, Any]:
        return self.execute(ir)


def _outer(fail: bool) -> Steps[str]:
    def inner() -> Steps[int]:
        result = yield {"fail": fail}
        return int(result["affected"])

    try:
        yield Savepoint(inner())
    except IntegrityError:
        return "recovered"
    return "done"


@pytest.mark.parametrize("in_tx", [False, True])
@pytest.mark.parametrize("fail", [False, True])
def test_savepoint_wraps_nested_steps_only_inside_a_transaction(monkeypatch: pytest.MonkeyPatch, in_tx: bool, fail: bool) -> None:
    tx = _Tx() if in_tx else None
    monkeypatch.setattr(_exec, "_executor", lambda using, client: _Executor(tx))
    expected = "recovered" if fail else "done"
    assert drive_sync(_outer(fail)) == expected
    assert asyncio.run(drive_async(_outer(fail))) == expected
    if tx is not None:
        one = ["savepoint", "rollback_to", "release"] if fail else ["savepoint", "release"]
        assert tx.log == one + one
