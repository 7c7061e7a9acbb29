"""One timed batch of an op: the loop both suites (run.py, server.py) share."""
from __future__ import annotations

import time
from typing import Any


def time_batch(impl: Any, op: str, n: int) -> float:
    """Runs ``impl.ops[op]`` ``n`` times back to back and returns the mean in microseconds. An
    async implementation's calls are awaited in one coroutine on its own event loop (``impl.loop``)."""
    fn = impl.ops[op]
    if impl.is_async:
        loop = impl.loop

        async def batch() -> None:
            for _ in range(n):
                await fn()

        start = time.perf_counter()
        loop.run_until_complete(batch())
    else:
        start = time.perf_counter()
        for _ in range(n):
            fn()
    return (time.perf_counter() - start) / n * 1e6
