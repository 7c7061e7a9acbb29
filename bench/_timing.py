"""Timing an op: the loops both suites (run.py, server.py) share."""
from __future__ import annotations

import gc
import random
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


def time_op(impls: list[Any], op: str, n: int, rounds: int, rng: random.Random, results: dict[str, float]) -> None:
    """Times ``op`` on every implementation: a warm-up batch each (caches, prepared statements,
    lazy imports, pools), then ``rounds`` rounds in a shuffled order; the best batch of each
    implementation goes into ``results`` (µs/op by implementation name)."""
    for impl in impls:
        time_batch(impl, op, max(1, n // 10))
    for _ in range(rounds):
        order = impls[:]
        rng.shuffle(order)
        for impl in order:
            gc.collect()
            us = time_batch(impl, op, n)
            best = results.get(impl.name)
            results[impl.name] = us if best is None else min(best, us)
