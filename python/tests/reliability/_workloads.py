"""Child-process workloads of the reliability suite; each prints one JSON line of figures.

``python -m tests.reliability._workloads <part> ARGS`` with part one of:

- ``setup DB``: create the suite's tables in DB and the counter row ``id=1, n=0``.
- ``cancel DB SEED COUNT BOUND``: COUNT ``atomic()`` read+update transactions, cancelled at seeded
  points; no new round starts after BOUND seconds.
- ``concurrent DB COUNT MAX_CONNECTIONS BOUND``: COUNT concurrent ``atomic()`` read+update tasks.
- ``bulkwriter DB BATCH JOURNAL PROGRESS``: 10,000-row ``bulk_create`` batches in transactions until
  killed; after each commit, appends the number of committed batches to PROGRESS.
- ``writer DB NAME THREADS ITERATIONS``: threads incrementing the counter and inserting one row per
  transaction with the sync API.
- ``queries DB COUNT WARMUP``: up to WARMUP queries until RSS is flat, then COUNT queries, half
  sync and half async, sampling RSS.
- ``cycles COUNT WARMUP``: up to WARMUP cycles until RSS is flat, then COUNT ``init``/``close``
  cycles of ``sqlite::memory:``, sampling RSS and fds.

Run from ``python/`` (the tests do, through ``_scale.run_child``).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import threading
import time
from typing import Any

import oxyde.db as db
from oxyde import F
from oxyde.db import PoolSettings, atomic

from ._models import RelCounter, RelRow

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """Resident set size of this process, from /proc/self/statm."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * _PAGE / 2**20


def threads() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return -1


def emit(figures: dict[str, Any]) -> None:
    """Print the figures and leave at once (no waiting on engine threads of a stalled run)."""
    sys.stdout.write(json.dumps(figures) + "\n")
    sys.stdout.flush()
    os._exit(0)


def deadline(seconds: float, figures: Any) -> None:
    """Past ``seconds``, print ``figures()`` marked stalled (Python stacks to stderr) and exit.

    A stalled engine can block the event loop itself, so a timeout inside the loop is not enough.
    """

    def fire() -> None:
        time.sleep(seconds)
        import faulthandler

        faulthandler.dump_traceback(all_threads=True)
        try:
            result = figures()
        except Exception as exc:  # the figures of a stalled run are best effort
            result = {"figures_error": repr(exc)}
        emit({**result, "stalled_after_s": seconds})

    threading.Thread(target=fire, daemon=True).start()


def url(path: str) -> str:
    return f"sqlite:///{path}"


#: The prober: answers ``lock`` (can a new connection take the write lock with no wait?) and
#: ``counter`` (the counter row) about one file, one line each, from its own process.
_PROBER = r"""
import sqlite3, sys
path = sys.argv[1]
for line in sys.stdin:
    conn = sqlite3.connect(path, timeout=0 if line.strip() == "lock" else 5, isolation_level=None)
    try:
        if line.strip() == "lock":
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            answer = "1"
        else:
            answer = str(conn.execute("SELECT n FROM rel_counters WHERE id = 1").fetchone()[0])
    except sqlite3.OperationalError:
        answer = "0" if line.strip() == "lock" else "-1"
    finally:
        conn.close()
    print(answer, flush=True)
"""


class Prober:
    """Looks at the database from another process.

    Never from this one: Python's ``sqlite3`` (the system SQLite) and the engine's bundled SQLite
    are two copies of SQLite in one process, and POSIX locks belong to the process, so closing a
    ``sqlite3`` connection would drop the locks the engine's connections hold on the same file
    (https://www.sqlite.org/howtocorrupt.html, section 2.2.1) and corrupt what this suite measures.
    """

    def __init__(self, path: str) -> None:
        import subprocess

        self._proc = subprocess.Popen(
            [sys.executable, "-c", _PROBER, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self._lock = threading.Lock()

    def _ask(self, question: str) -> str:
        with self._lock:
            assert self._proc.stdin is not None and self._proc.stdout is not None
            self._proc.stdin.write(question + "\n")
            self._proc.stdin.flush()
            return self._proc.stdout.readline().strip()

    def write_lock_free(self) -> bool:
        """Whether another connection can take the write lock right now (``BEGIN IMMEDIATE``, no wait)."""
        return self._ask("lock") == "1"

    def counter(self) -> int:
        return int(self._ask("counter"))


# --- setup ------------------------------------------------------------------------------------------


def setup(path: str) -> None:
    db.init_sync(default=url(path))
    db.create_tables_sync(models=[RelCounter, RelRow])
    RelCounter.objects.create_sync(id=1, n=0)
    db.close_sync()
    emit({"ok": True})


# --- cancellation -----------------------------------------------------------------------------------


async def _cancel(path: str, seed: int, count: int, bound: float) -> dict[str, Any]:
    await db.init(default=url(path))
    probe = Prober(path)
    loop = asyncio.get_running_loop()
    rng = random.Random(seed)
    sure = ambiguous = rolled_back = 0
    errors: dict[str, int] = {}
    error_examples: list[str] = []
    phases: dict[str, int] = {}
    how_counts: dict[str, int] = {}
    leaks: list[dict[str, Any]] = []
    late_release = 0
    max_release_wait = 0.0
    started = 0
    rounds = 0
    begun = time.monotonic()

    def snapshot() -> dict[str, Any]:
        return {
            "transactions": started,
            "committed_sure": sure,
            "ambiguous": ambiguous,
            "counter": probe.counter(),
            "errors": dict(errors),
            "error_examples": list(error_examples),
            "leaks": list(leaks),
            "lock_free_at_end": probe.write_lock_free(),
        }

    deadline(bound + 30, snapshot)

    async def transaction(state: dict[str, str]) -> None:
        state["phase"] = "begin"
        async with atomic():
            state["phase"] = "read"
            row = await RelCounter.objects.get(id=1)
            state["phase"] = "update"
            await RelCounter.objects.filter(id=1).update(n=F("n") + 1)
            assert row.n >= 0
            state["phase"] = "commit"
        state["phase"] = "done"

    def cancel_after(task: asyncio.Task[None], turns: int) -> None:
        if turns <= 0:
            task.cancel()
        else:
            loop.call_soon(cancel_after, task, turns - 1)

    while started < count and time.monotonic() - begun < bound:
        rounds += 1
        batch: list[tuple[asyncio.Task[None], dict[str, str]]] = []
        for _ in range(min(rng.randint(1, 8), count - started)):
            state = {"phase": "created"}
            task = asyncio.ensure_future(transaction(state))
            roll = rng.random()
            if roll < 0.1:
                how = "none"
            elif roll < 0.2:
                how = "before start"
                task.cancel()
            elif roll < 0.6:
                how = "after loop turns"
                cancel_after(task, rng.randrange(40))
            else:
                how = "after delay"
                loop.call_later(rng.random() * 0.004, task.cancel)
            how_counts[how] = how_counts.get(how, 0) + 1
            batch.append((task, state))
            started += 1
        outcomes = await asyncio.gather(*(t for t, _ in batch), return_exceptions=True)
        for (task, state), outcome in zip(batch, outcomes):
            if outcome is None:
                sure += 1
            elif isinstance(outcome, asyncio.CancelledError):
                phases[state["phase"]] = phases.get(state["phase"], 0) + 1
                if state["phase"] == "commit":
                    ambiguous += 1
                else:
                    rolled_back += 1
            else:
                name = type(outcome).__name__
                errors[name] = errors.get(name, 0) + 1
                if len(error_examples) < 5:
                    error_examples.append(f"{name} in phase {state['phase']}: {outcome}"[:300])
        if not probe.write_lock_free():
            # A rollback may still be on its way to a worker; a leak never lets go.
            waited = time.monotonic()
            while not probe.write_lock_free() and time.monotonic() - waited < 2.0:
                await asyncio.sleep(0.005)
            wait = time.monotonic() - waited
            max_release_wait = max(max_release_wait, wait)
            if probe.write_lock_free():
                late_release += 1
            else:
                leaks.append({"round": rounds, "after_transactions": started, "phases": [s["phase"] for _, s in batch]})
                break
    seconds = time.monotonic() - begun
    lock_free = probe.write_lock_free()
    await db.close()
    counter = probe.counter()
    return {
        "transactions": started,
        "rounds": rounds,
        "committed_sure": sure,
        "ambiguous": ambiguous,
        "rolled_back": rolled_back,
        "counter": counter,
        "errors": errors,
        "error_examples": error_examples,
        "cancel_phases": phases,
        "cancel_modes": how_counts,
        "leaks": leaks,
        "late_releases": late_release,
        "max_release_wait_s": round(max_release_wait, 3),
        "lock_free_at_end": lock_free,
        "seconds": round(seconds, 2),
    }


# --- 1,000 concurrent transactions ------------------------------------------------------------------


async def _concurrent(path: str, count: int, max_connections: int, bound: float) -> dict[str, Any]:
    settings = PoolSettings(max_connections=max_connections) if max_connections > 0 else None
    await db.init(default=url(path), settings=settings)
    probe = Prober(path)
    errors: dict[str, int] = {}
    committed = 0
    peak_threads = threads()

    async def transaction() -> None:
        nonlocal committed
        try:
            async with atomic():
                row = await RelCounter.objects.get(id=1)
                await RelCounter.objects.filter(id=1).update(n=row.n + 1)
            committed += 1
        except Exception as exc:  # counted, reported by class
            name = type(exc).__name__
            errors[name] = errors.get(name, 0) + 1

    async def sample() -> None:
        nonlocal peak_threads
        while True:
            peak_threads = max(peak_threads, threads())
            await asyncio.sleep(0.05)

    begun = time.monotonic()

    def snapshot() -> dict[str, Any]:
        return {
            "tasks": count,
            "max_connections": max_connections or "default",
            "committed": committed,
            "counter": probe.counter(),
            "errors": dict(errors),
            "seconds": round(time.monotonic() - begun, 2),
            "peak_threads": peak_threads,
        }

    deadline(bound + 15, snapshot)
    sampler = asyncio.ensure_future(sample())
    tasks = [asyncio.ensure_future(transaction()) for _ in range(count)]
    done, pending = await asyncio.wait(tasks, timeout=bound)
    seconds = time.monotonic() - begun
    sampler.cancel()
    return {
        "tasks": count,
        "max_connections": max_connections or "default",
        "committed": committed,
        "counter": probe.counter(),
        "errors": errors,
        "unfinished": len(pending),
        "seconds": round(seconds, 2),
        "commits_per_second": round(committed / seconds) if seconds else None,
        "peak_threads": peak_threads,
    }


# --- kill -9 during bulk writes ---------------------------------------------------------------------


def bulkwriter(path: str, batch: int, journal: str, progress: str) -> None:
    db.init_sync(default=url(path), settings=PoolSettings(sqlite_journal_mode=journal))
    done = RelRow.objects.count_sync() // batch
    payload = "x" * 64
    with open(progress, "a") as out:
        out.write("ready\n")
        out.flush()
        while True:
            rows = [RelRow(batch=done, writer="bulk", payload=payload) for _ in range(batch)]
            with atomic():
                RelRow.objects.bulk_create_sync(rows)
            done += 1
            out.write(f"{done}\n")
            out.flush()


# --- processes x threads writing one file -----------------------------------------------------------


def writer(path: str, name: str, thread_count: int, iterations: int) -> None:
    db.init_sync(default=url(path))
    errors: dict[str, int] = {}
    lock = threading.Lock()

    def work(thread: int) -> None:
        for i in range(iterations):
            try:
                with atomic():
                    RelCounter.objects.filter(id=1).update_sync(n=F("n") + 1)
                    RelRow.objects.create_sync(batch=i, writer=f"{name}/{thread}")
            except Exception as exc:  # counted, reported by class
                with lock:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1

    begun = time.monotonic()
    workers = [threading.Thread(target=work, args=(t,)) for t in range(thread_count)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.monotonic() - begun
    db.close_sync()
    emit({"writer": name, "errors": errors, "seconds": round(seconds, 2)})


# --- memory -----------------------------------------------------------------------------------------


def warm_until_flat(run: Any, chunk: int, limit: int) -> int:
    """Run chunks until RSS stops growing (three chunks within 0.5 MB) or ``limit``; how many ran.

    The engine's managed heap grows to a plateau before its first collections (~120 MB RSS after
    ~80,000 queries on the reference machine); growth is measured from there.
    """
    done = 0
    last = rss_mb()
    flat = 0
    while done < limit and flat < 3:
        run(done, chunk)
        done += chunk
        now = rss_mb()
        flat = flat + 1 if now - last < 0.5 else 0
        last = now
    return done


def queries(path: str, count: int, warmup: int) -> None:
    db.init_sync(default=url(path))
    RelRow.objects.bulk_create_sync([RelRow(batch=n, writer=f"w{n % 7}", payload="p" * (n % 50)) for n in range(200)])
    samples: list[tuple[int, float]] = []
    step = max(count // 20, 1)

    def one_sync(i: int) -> None:
        pick = i % 4
        if pick == 0:
            RelRow.objects.get_sync(id=i % 200 + 1)
        elif pick == 1:
            RelRow.objects.filter(batch__gte=i % 150, writer__startswith="w").order_by("-id").limit(20).all_sync()
        elif pick == 2:
            RelRow.objects.filter(writer="w3").count_sync()
        else:
            RelCounter.objects.filter(id=1).update_sync(n=F("n") + 1)

    async def one_async(i: int) -> None:
        pick = i % 4
        if pick == 0:
            await RelRow.objects.get(id=i % 200 + 1)
        elif pick == 1:
            await RelRow.objects.filter(batch__gte=i % 150, writer__startswith="w").order_by("-id").limit(20).all()
        elif pick == 2:
            await RelRow.objects.filter(writer="w3").count()
        else:
            await RelCounter.objects.filter(id=1).update(n=F("n") + 1)

    def chunk(start: int, size: int) -> None:
        if (start // size) % 2 == 0:
            for i in range(start, start + size):
                one_sync(i)
        else:
            asyncio.run(_run_async(one_async, start, start + size, [], 0))

    warmed = warm_until_flat(chunk, 5_000, warmup)
    base = rss_mb()
    begun = time.monotonic()
    half = count // 2
    for i in range(half):
        one_sync(i)
        if i % step == 0:
            samples.append((i, rss_mb()))
    sync_seconds = time.monotonic() - begun
    asyncio.run(_run_async(one_async, half, count, samples, step))
    seconds = time.monotonic() - begun
    end = rss_mb()
    db.close_sync()
    emit({
        "queries": count,
        "sync": half,
        "async": count - half,
        "warmup_queries": warmed,
        "rss_after_warmup_mb": round(base, 1),
        "rss_end_mb": round(end, 1),
        "growth_mb": round(end - base, 1),
        "peak_mb": round(max([end] + [s for _, s in samples]), 1),
        "samples_mb": [round(s, 1) for _, s in samples],
        "sync_per_second": round(half / sync_seconds),
        "async_per_second": round((count - half) / (seconds - sync_seconds)),
        "seconds": round(seconds, 1),
    })


async def _run_async(fn: Any, start: int, end: int, samples: list[tuple[int, float]], step: int) -> None:
    for i in range(start, end):
        await fn(i)
        if step and i % step == 0:
            samples.append((i, rss_mb()))


def cycles(count: int, warmup: int) -> None:
    def cycle() -> None:
        db.init_sync(default="sqlite::memory:")
        db.execute_raw_sync("CREATE TABLE t (x INTEGER)")
        db.execute_raw_sync("INSERT INTO t VALUES (1)")
        db.close_sync()

    def chunk(start: int, size: int) -> None:
        for _ in range(size):
            cycle()

    warmed = warm_until_flat(chunk, 1_000, warmup)
    base = rss_mb()
    fds = len(os.listdir("/proc/self/fd"))
    begun = time.monotonic()
    for _ in range(count):
        cycle()
    seconds = time.monotonic() - begun
    end = rss_mb()
    emit({
        "cycles": count,
        "warmup_cycles": warmed,
        "rss_after_warmup_mb": round(base, 1),
        "rss_end_mb": round(end, 1),
        "growth_mb": round(end - base, 1),
        "fds_after_warmup": fds,
        "fds_end": len(os.listdir("/proc/self/fd")),
        "per_second": round(count / seconds),
        "seconds": round(seconds, 1),
    })


async def _emit_from_loop(work: Any) -> None:
    """Emit from inside the loop: ``asyncio.run`` would wait for tasks a stalled engine never ends."""
    emit(await work)


def main(argv: list[str]) -> None:
    part, args = argv[0], argv[1:]
    if part == "setup":
        setup(args[0])
    elif part == "cancel":
        asyncio.run(_emit_from_loop(_cancel(args[0], int(args[1]), int(args[2]), float(args[3]))))
    elif part == "concurrent":
        asyncio.run(_emit_from_loop(_concurrent(args[0], int(args[1]), int(args[2]), float(args[3]))))
    elif part == "bulkwriter":
        bulkwriter(args[0], int(args[1]), args[2], args[3])
    elif part == "writer":
        writer(args[0], args[1], int(args[2]), int(args[3]))
    elif part == "queries":
        queries(args[0], int(args[1]), int(args[2]))
    elif part == "cycles":
        cycles(int(args[0]), int(args[1]))
    else:
        raise SystemExit(f"unknown part {part!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
