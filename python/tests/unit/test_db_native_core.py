"""NativeCore's ctypes plumbing and eventfd completion path, over a Python stand-in for liboxyde.

The stand-in implements the ABI (docs/native-abi.md) in Python: buffers it hands out live in
ctypes memory until ``oxyde_buffer_free``; ``oxyde_submit`` runs work on a thread pool, queues the
completion and writes a real eventfd, exactly the contract the .NET runtime follows.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import os
import threading
import time
import types
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import msgpack
import pytest

from oxyde._native import _ffi, core as core_mod
from oxyde._native.core import NativeCore
from oxyde.exceptions import DatabaseError, UniqueViolationError, ValueConversionError

VERBS = {no: verb for verb, (_, no) in _ffi.VERB_NUMBERS.items()}


def _target(ref: Any) -> Any:
    """What a ``byref(x)`` or ``pointer(x)`` argument points at."""
    return ref._obj if hasattr(ref, "_obj") else ref.contents


class FakeLib:
    """liboxyde's exports, in Python."""

    def __init__(self) -> None:
        self.buffers: dict[int, Any] = {}
        self.queue: list[tuple[int, int, Any]] = []
        self.lock = threading.Lock()
        self.fd = os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
        self.pool = ThreadPoolExecutor(max_workers=4)
        self.next_ticket = 0
        self.next_tx = 0
        self.handled: list[str] = []
        self.cancelled: list[int] = []
        #: Whether oxyde_execute_or_submit answers on the caller's thread (requests with "worker" never are).
        self.inline = False
        for verb, (symbol, _) in _ffi.VERB_NUMBERS.items():
            setattr(self, symbol, self._export(verb))
        for verb, symbol in _ffi.STATELESS_VERBS.items():
            setattr(self, symbol, self._export(verb))

    # engine behaviour
    def handle(self, verb: str, request: dict[str, Any]) -> tuple[int, Any]:
        self.handled.append(verb)
        ir = request.get("ir") or {}
        if ir.get("sleep"):
            time.sleep(ir["sleep"])
        if ir.get("fail"):
            return 1, {"code": ir["fail"], "name": "", "message": "failed", "details": {"table": "t"}}
        if verb == "tx_begin":
            with self.lock:
                self.next_tx += 1
                return 0, {"tx": self.next_tx}
        if verb == "execute":
            return 0, {"columns": ["echo"], "rows": [[ir.get("value")]]}
        if verb == "cursor_open":
            return 0, {"cursor": 7, "columns": []}
        return 0, {}

    def _give(self, payload: Any, p_out: Any, p_len: Any) -> None:
        self.give_bytes(msgpack.packb(payload, use_bin_type=True), p_out, p_len)

    def give_bytes(self, data: bytes, p_out: Any, p_len: Any) -> None:
        """Hand ``data`` out as a library buffer, freed by ``oxyde_buffer_free``."""
        buf = ctypes.create_string_buffer(data, len(data))
        addr = ctypes.addressof(buf)
        with self.lock:
            self.buffers[addr] = buf
        _target(p_out).value = addr
        _target(p_len).value = len(data)

    def _export(self, verb: str) -> Any:
        def call(rt: int, data: bytes, n: int, p_out: Any, p_len: Any) -> int:
            status, result = self.handle(verb, msgpack.unpackb(data[:n], raw=False))
            self._give(result, p_out, p_len)
            return status

        return call

    # ABI symbols
    def oxyde_abi_version(self) -> int:
        return _ffi.ABI_VERSION

    def oxyde_cancel(self, rt: int, ticket: int) -> int:
        with self.lock:
            self.cancelled.append(ticket)
        return 0

    def oxyde_runtime_new(self, ref: Any) -> int:
        _target(ref).value = 0x1234
        return 0

    def oxyde_runtime_free(self, rt: int) -> int:
        return 0

    def oxyde_buffer_free(self, ptr: int) -> None:
        with self.lock:
            del self.buffers[ptr]

    def oxyde_completion_fd(self, rt: int) -> int:
        return self.fd

    def oxyde_submit(self, rt: int, verb_no: int, data: bytes, n: int, ref: Any) -> int:
        request = msgpack.unpackb(data[:n], raw=False)
        with self.lock:
            self.next_ticket += 1
            ticket = self.next_ticket
        _target(ref).value = ticket

        def work() -> None:
            status, result = self.handle(VERBS[verb_no], request)
            with self.lock:
                self.queue.append((ticket, status, result))
            os.eventfd_write(self.fd, 1)

        self.pool.submit(work)
        return 0

    def oxyde_execute_or_submit(self, rt: int, data: bytes, n: int, p_out: Any, p_len: Any, ref: Any) -> int:
        request = msgpack.unpackb(data[:n], raw=False)
        if self.inline and not request["ir"].get("worker"):
            _target(ref).value = 0
            status, result = self.handle("execute", request)
            self._give(result, p_out, p_len)
            return status
        _target(p_out).value = None
        _target(p_len).value = 0
        return self.oxyde_submit(rt, _ffi.VERB_NUMBERS["execute"][1], data, n, ref)

    def oxyde_completion_drain(self, rt: int, p_out: Any, p_len: Any) -> int:
        try:  # reset first, as the runtime does
            os.eventfd_read(self.fd)
        except BlockingIOError:
            pass
        with self.lock:
            items, self.queue = self.queue, []
        self._give([list(item) for item in items], p_out, p_len)
        return 0


@pytest.fixture
def lib(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLib]:
    fake = FakeLib()
    monkeypatch.setattr(core_mod._ffi, "load_library", lambda path=None: fake)
    yield fake
    fake.pool.shutdown(wait=True)
    os.close(fake.fd)


def ir(value: Any = None, **extra: Any) -> dict[str, Any]:
    return {"pool": "default", "tx": None, "ir": {"value": value, **extra}}


def test_sync_call_round_trips_and_frees_every_buffer(lib: FakeLib) -> None:
    core = NativeCore()
    text = "quote ' semi ; pct % under _ nul \x00 ünï 漢字"
    assert core.call("execute", ir(text)) == {"columns": ["echo"], "rows": [[text]]}
    assert core.call("execute", ir(b"\x00\xff"))["rows"] == [[b"\x00\xff"]]
    assert lib.buffers == {}


def test_sync_error_envelope_raises_its_class(lib: FakeLib) -> None:
    core = NativeCore()
    with pytest.raises(UniqueViolationError) as info:
        core.call("execute", ir(fail=50))
    assert info.value.details == {"table": "t"}
    with pytest.raises(DatabaseError):
        core.call("execute", ir(fail=70))
    assert lib.buffers == {}


def test_sync_calls_from_many_threads(lib: FakeLib) -> None:
    core = NativeCore()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda n: core.call("execute", ir(n))["rows"][0][0], range(200)))
    assert results == list(range(200))


def _watching(loop: asyncio.AbstractEventLoop, fd: int) -> bool:
    return any(key.fd == fd for key in loop._selector.get_map().values())  # type: ignore[attr-defined]


def test_async_under_repeated_asyncio_run(lib: FakeLib) -> None:
    core = NativeCore()

    async def once(n: int) -> tuple[Any, bool]:
        result = await core.call_async("execute", ir(n))
        return result["rows"][0][0], _watching(asyncio.get_running_loop(), lib.fd)

    for n in range(5):
        # answered; the reader stays registered while the loop lives (adding it is not free)
        assert asyncio.run(once(n)) == (n, True)
    assert lib.buffers == {}
    gc.collect()
    assert len(core._loops) == 0  # closed loops are not kept alive by their state


def test_reader_dropped_when_another_loop_uses_the_fd(lib: FakeLib) -> None:
    core = NativeCore()
    first = asyncio.new_event_loop()
    try:
        first.run_until_complete(core.call_async("execute", ir(1)))
        assert _watching(first, lib.fd)

        async def other() -> Any:
            task = asyncio.ensure_future(core.call_async("execute", ir(2)))
            await asyncio.sleep(0)  # submitted
            time.sleep(0.05)  # this loop is busy: the first loop drains the completion for it
            return (await task)["rows"][0][0]

        def other_thread() -> Any:
            return asyncio.run(other())

        with ThreadPoolExecutor(max_workers=1) as pool:
            other = pool.submit(other_thread)
            # the idle first loop wakes for a completion that is not its own, and lets go of the fd
            first.run_until_complete(asyncio.sleep(0.1))
            assert other.result() == 2
        assert not _watching(first, lib.fd)
        assert first.run_until_complete(core.call_async("execute", ir(3)))["rows"] == [[3]]
    finally:
        first.close()
    assert core._waiting == {} and core._early == {}


def test_async_gather_fifty(lib: FakeLib) -> None:
    core = NativeCore()

    async def main() -> list[Any]:
        results = await asyncio.gather(*(core.call_async("execute", ir(n, sleep=0.001)) for n in range(50)))
        return [r["rows"][0][0] for r in results]

    assert asyncio.run(main()) == list(range(50))


def test_async_errors_raise_their_class(lib: FakeLib) -> None:
    core = NativeCore()

    async def main() -> None:
        with pytest.raises(UniqueViolationError):
            await core.call_async("execute", ir(fail=50))
        assert (await core.call_async("execute", ir(1)))["rows"] == [[1]]

    asyncio.run(main())


def test_loops_in_several_threads_at_once(lib: FakeLib) -> None:
    core = NativeCore()

    def run(offset: int) -> list[Any]:
        async def main() -> list[Any]:
            out = []
            for n in range(30):
                out.append((await core.call_async("execute", ir(offset + n)))["rows"][0][0])
            return out

        return asyncio.run(main())

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(run, (0, 100, 200)))
    assert results == [list(range(o, o + 30)) for o in (0, 100, 200)]
    assert core._waiting == {} and core._early == {}


def test_cancelled_tx_begin_is_rolled_back(lib: FakeLib) -> None:
    core = NativeCore()

    async def main() -> None:
        task = asyncio.ensure_future(core.call_async("tx_begin", {"pool": "default"}))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # a later call drains the abandoned begin along with its own completion
        await core.call_async("execute", ir(1, sleep=0.01))

    asyncio.run(main())
    lib.pool.shutdown(wait=True)  # the rollback is submitted, not awaited
    assert "tx_rollback" in lib.handled


def test_cancelled_cursor_open_is_closed(lib: FakeLib) -> None:
    core = NativeCore()
    closes: list[dict[str, Any]] = []
    handle = lib.handle

    def spy(verb: str, request: dict[str, Any]) -> tuple[int, Any]:
        if verb == "cursor_close":
            closes.append(request)
        return handle(verb, request)

    lib.handle = spy  # type: ignore[method-assign]

    async def main() -> None:
        task = asyncio.ensure_future(core.call_async("cursor_open", {"pool": "default", "ir": ir(sleep=0.01)}))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await core.call_async("execute", ir(1, sleep=0.02))  # drains the open that came for nobody

    asyncio.run(main())
    lib.pool.shutdown(wait=True)  # the close is submitted, not awaited
    assert closes == [{"cursor": 7}]


def test_post_submits_and_drops_the_result(lib: FakeLib) -> None:
    core = NativeCore()
    core.post("cursor_close", {"cursor": 3})

    async def main() -> None:
        assert (await core.call_async("execute", ir(5, sleep=0.02)))["rows"] == [[5]]

    asyncio.run(main())
    assert "cursor_close" in lib.handled
    assert not core._early and not core._ignored  # its completion was drained and dropped


def test_unknown_verb(lib: FakeLib) -> None:
    core = NativeCore()
    with pytest.raises(Exception, match="unknown engine verb"):
        core.call("nope", {})


def test_spin_backs_off_when_work_is_slow(lib: FakeLib) -> None:
    core = NativeCore()

    async def main() -> list[Any]:
        out = []
        for n in range(3):  # 5 ms of work each: far beyond the spin, so the first call misses
            out.append((await core.call_async("execute", ir(n, sleep=0.005)))["rows"][0][0])
        return out

    assert asyncio.run(main()) == [0, 1, 2]
    assert core._spin_misses == 1 and core._spin_skip == (16 << 1) - 2

    async def quick() -> Any:
        return (await core.call_async("execute", ir(7)))["rows"][0][0]

    core._spin_skip = 0
    assert asyncio.run(quick()) == 7  # hit or miss, the answer arrives through the loop's reader


def test_spin_hit_settles_inline_and_still_yields(lib: FakeLib, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_mod, "_SPIN_SECONDS", 1.0)  # the fake's work always lands in the spin
    core = NativeCore()
    yields = 0
    plain = core_mod._yield_to_loop

    @types.coroutine
    def counted() -> Any:
        nonlocal yields
        yields += 1
        yield from plain()

    monkeypatch.setattr(core_mod, "_yield_to_loop", counted)

    async def main() -> list[Any]:
        return [(await core.call_async("execute", ir(n)))["rows"][0][0] for n in range(20)]

    assert asyncio.run(main()) == list(range(20))
    assert yields == 20  # answered inline, and every await still gave the loop a turn
    assert core._spin_misses == 0 and core._waiting == {} and lib.buffers == {}


def test_cancel_after_an_inline_tx_begin_rolls_it_back(lib: FakeLib, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_mod, "_SPIN_SECONDS", 1.0)
    core = NativeCore()

    @types.coroutine
    def cancelled_meanwhile() -> Any:
        task = asyncio.current_task()
        assert task is not None
        task.cancel()  # as if another task cancelled it while it was suspended here
        yield

    monkeypatch.setattr(core_mod, "_yield_to_loop", cancelled_meanwhile)

    async def main() -> None:
        task = asyncio.ensure_future(core.call_async("tx_begin", {"pool": "default"}))
        await asyncio.wait([task])  # main sleeps, so the task's loop has nothing else ready
        assert task.cancelled()

    asyncio.run(main())
    lib.pool.shutdown(wait=True)  # the rollback is submitted, not awaited
    assert lib.handled == ["tx_begin", "tx_rollback"]


def test_execute_answered_inline_takes_no_ticket(lib: FakeLib) -> None:
    lib.inline = True
    core = NativeCore()

    async def main() -> list[Any]:
        out = [(await core.call_async("execute", ir(n)))["rows"][0][0] for n in range(5)]
        with pytest.raises(UniqueViolationError):
            await core.call_async("execute", ir(fail=50))
        out.append((await core.call_async("execute", ir(9, worker=True)))["rows"][0][0])  # the fallback
        return out

    assert asyncio.run(main()) == [0, 1, 2, 3, 4, 9]
    assert lib.next_ticket == 1  # only the request the engine sent to a worker
    assert lib.buffers == {} and core._waiting == {}


@pytest.mark.parametrize(("streak", "expect_turns"), [(1e9, False), (0.0, True)])
def test_a_run_of_inline_awaits_yields_to_the_loop_after_the_streak(
    lib: FakeLib, monkeypatch: pytest.MonkeyPatch, streak: float, expect_turns: bool
) -> None:
    """Awaits answered inline never suspend; past the streak limit one yields, so others run."""
    lib.inline = True
    monkeypatch.setattr(core_mod, "_INLINE_STREAK_SECONDS", streak)
    core = NativeCore()

    async def main() -> tuple[int, int]:
        turns = 0

        async def other() -> None:
            nonlocal turns
            while True:
                turns += 1
                await asyncio.sleep(0)

        ticker = asyncio.ensure_future(other())
        await asyncio.sleep(0)  # the ticker has started and waits for its next turn
        before = turns
        for n in range(50):
            await core.call_async("execute", ir(n))
        during = turns - before
        ticker.cancel()
        return before, during

    before, during = asyncio.run(main())
    assert before == 1
    assert (during > 0) is expect_turns


def test_cancelling_an_awaited_execute_or_begin_cancels_its_ticket(lib: FakeLib) -> None:
    core = NativeCore()

    async def main() -> None:
        for verb, request in (("execute", ir(1, sleep=0.2)), ("tx_begin", {"pool": "default", "ir": {"sleep": 0.2}})):
            task = asyncio.ensure_future(core.call_async(verb, request))
            await asyncio.sleep(0.02)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
        # a commit is never cancelled in the engine: it must finish either way
        task = asyncio.ensure_future(core.call_async("tx_commit", {"tx": 1, "ir": {"sleep": 0.1}}))
        await asyncio.sleep(0.02)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await core.call_async("execute", ir(9, sleep=0.4))  # keeps draining: the begin completes meanwhile

    asyncio.run(main())
    assert lib.cancelled == [1, 2]  # the execute's and the begin's tickets, not the commit's
    lib.pool.shutdown(wait=True)
    assert "tx_rollback" in lib.handled  # the begin still completed for nobody: rolled back


def test_a_drain_with_invalid_utf8_fails_only_the_completion_holding_it(lib: FakeLib) -> None:
    marker = "\x01" * 8
    good = {"columns": ["v"], "rows": [["fine"]]}
    bad = {"columns": ["v"], "rows": [[marker]]}
    raw = msgpack.packb([[1, 0, good], [2, 0, bad]], use_bin_type=True).replace(marker.encode(), b"\xff\xfeAB\xff\xfeAB")

    def drain(rt: int, p_out: Any, p_len: Any) -> int:
        try:
            os.eventfd_read(lib.fd)
        except BlockingIOError:
            pass
        lib.give_bytes(raw, p_out, p_len)
        return 0

    lib.oxyde_completion_drain = drain  # type: ignore[method-assign]
    core = NativeCore()

    async def main() -> list[Any]:
        lib.pool.submit = lambda fn: os.eventfd_write(lib.fd, 1)  # type: ignore[method-assign]
        first = asyncio.ensure_future(core.call_async("execute", ir(1)))
        second = asyncio.ensure_future(core.call_async("execute", ir(2)))
        return await asyncio.gather(first, second, return_exceptions=True)

    first, second = asyncio.run(main())
    assert first == good
    assert isinstance(second, ValueConversionError)
