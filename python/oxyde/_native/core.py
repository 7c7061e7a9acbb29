"""The ``Core`` seam: every native call goes through one object with ``call`` / ``call_async``.

:class:`NativeCore` implements it over ``liboxyde.so`` (docs/native-abi.md). Unit tests install a
fake with :func:`set_core`. Requests and results are MessagePack maps (docs/ir-protocol.md).
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import select
import threading
import time
import types
import weakref
from collections.abc import Generator, Mapping
from typing import Any, Protocol, runtime_checkable

import msgpack

from oxyde._native import _ffi
from oxyde._native._decode import salvage_drain, undecodable
from oxyde._native._slots import ThreadSlots
from oxyde._native._wire import UnsendableValueError, pack_error
from oxyde.exceptions import InternalError, OxydeError, error_from_envelope

__all__ = ["Core", "NativeCore", "get_core", "set_core"]


@runtime_checkable
class Core(Protocol):
    """What the rest of the package needs from the engine."""

    def call(self, verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        """Run ``verb`` on the caller's thread; raise the envelope's exception on failure."""
        ...

    async def call_async(self, verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        """Run ``verb`` on an engine worker; the running loop is woken through the eventfd."""
        ...


_unpackb = msgpack.unpackb
_string_at = ctypes.string_at
_perf_counter = time.perf_counter

@types.coroutine
def _yield_to_loop() -> Generator[None, None, None]:
    """Suspend once (what ``asyncio.sleep(0)`` does, minus its checks)."""
    yield


#: How long a submitter polls the completion fd before its loop goes to sleep in the selector.
_SPIN_SECONDS = 30e-6

#: How long awaits that finish inline (without suspending) may keep their loop from turning; the
#: next one past it yields to the loop first, so other tasks and I/O still get their turn.
_INLINE_STREAK_SECONDS = 1e-3


class _LoopState:
    """One event loop's view of the completion fd: whether it watches it, how many tickets wait.

    It holds its loop weakly: states live in a weak-keyed map, and a strong reference here would
    keep every loop (``asyncio.run`` makes one per call) alive for the life of the process.
    """

    __slots__ = ("_loop", "pending", "watching", "streak_start", "__weakref__")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = weakref.ref(loop)
        self.pending = 0
        self.watching = False
        #: When the current run of inline completions began (``perf_counter``), or -1 after a loop turn.
        self.streak_start = -1.0

    def end_streak(self) -> None:
        """Runs from the loop's ready queue: the loop has turned since the streak began."""
        self.streak_start = -1.0

    def streak_expired(self) -> bool:
        """Whether inline completions have held the loop for :data:`_INLINE_STREAK_SECONDS`."""
        start = self.streak_start
        return start >= 0 and _perf_counter() - start >= _INLINE_STREAK_SECONDS

    def note_inline(self, loop: asyncio.AbstractEventLoop) -> None:
        """An await finished without suspending: start a streak unless one runs already."""
        if self.streak_start < 0:
            self.streak_start = _perf_counter()
            loop.call_soon(self.end_streak)

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The loop, or ``None`` once it has been collected."""
        return self._loop()


class NativeCore:
    """The process's engine runtime: one ``oxyde_runtime_new`` per instance."""

    def __init__(self, library_path: str | os.PathLike[str] | None = None) -> None:
        lib = _ffi.load_library(library_path)
        self._lib = lib
        runtime = ctypes.c_void_p()
        status = lib.oxyde_runtime_new(ctypes.byref(runtime))
        if status != 0 or not runtime.value:
            raise InternalError(f"oxyde_runtime_new failed with status {status}")
        self._rt: int = runtime.value
        self._free = lib.oxyde_buffer_free
        self._submit = lib.oxyde_submit
        self._execute_or_submit = lib.oxyde_execute_or_submit
        self._drain_fn = lib.oxyde_completion_drain
        self._cancel_fn = lib.oxyde_cancel
        #: Verbs whose tickets the engine can cancel (execute, tx_begin); others run to the end.
        self._cancellable = {_ffi.VERB_NUMBERS["execute"][1], _ffi.VERB_NUMBERS["tx_begin"][1]}
        #: verb -> bound export (sync path) and verb -> submit number (async path).
        self._fns = {verb: getattr(lib, sym) for verb, (sym, _) in _ffi.VERB_NUMBERS.items()}
        self._fns.update({verb: getattr(lib, sym) for verb, sym in _ffi.STATELESS_VERBS.items()})
        self._verb_no = {verb: no for verb, (_, no) in _ffi.VERB_NUMBERS.items()}
        self._tls = threading.local()
        self._fd = lib.oxyde_completion_fd(self._rt)
        if self._fd < 0:
            raise InternalError("oxyde_completion_fd returned no descriptor")
        self._lock = threading.Lock()
        #: ticket -> (future, its loop state, verb number)
        self._waiting: dict[int, tuple[asyncio.Future[Any], _LoopState, int]] = {}
        #: tickets drained before their submitter registered them: ticket -> (status, result)
        self._early: dict[int, tuple[int, Any]] = {}
        #: tickets submitted for nobody (the rollback of an abandoned begin): their results are dropped
        self._ignored: set[int] = set()
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopState] = (
            weakref.WeakKeyDictionary()
        )
        #: Spin bookkeeping (racy across threads on purpose: it is only a heuristic).
        self._spin_skip = 0
        self._spin_misses = 0

    @property
    def _slots(self) -> ThreadSlots:
        """This thread's :class:`ThreadSlots`."""
        try:
            return self._tls.slots  # type: ignore[no-any-return]
        except AttributeError:
            slots = self._tls.slots = ThreadSlots()
            return slots

    # --- sync ---------------------------------------------------------------------------------

    def call(self, verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        try:
            slots = self._tls.slots
        except AttributeError:
            slots = self._slots
        try:
            data = slots.packer.pack(request)
        except (UnicodeEncodeError, UnsendableValueError) as exc:
            raise pack_error(request.get("ir", request), exc) from None
        try:
            fn = self._fns[verb]
        except KeyError:
            raise OxydeError(f"unknown engine verb {verb!r}") from None
        status = fn(self._rt, data, len(data), slots.p_out, slots.p_out_len)
        ptr = slots.out.value
        if not ptr:
            raise InternalError(f"{verb} returned status {status} and no buffer")
        raw = _string_at(ptr, slots.out_len.value)
        slots.out.value = None
        self._free(ptr)
        try:
            result = _unpackb(raw, raw=False)
        except (UnicodeDecodeError, ValueError) as exc:
            raise undecodable(exc) from None
        if status:
            raise error_from_envelope(result)
        return result  # type: ignore[no-any-return]

    # --- async --------------------------------------------------------------------------------

    async def call_async(self, verb: str, request: Mapping[str, Any]) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        state = self._loops.get(loop)
        if state is None:
            state = self._state_for(loop)
        slots = self._slots
        try:
            data = slots.packer.pack(request)
        except (UnicodeEncodeError, UnsendableValueError) as exc:
            raise pack_error(request.get("ir", request), exc) from None
        if verb == "execute":
            # Tried on this thread first: a statement that needs no lock and fits the engine's
            # inline budget (SQLite, ~100 µs) costs less than the hand-off to a worker. An await
            # that finishes this way does not suspend, so a long run of them yields once per
            # _INLINE_STREAK_SECONDS, before starting a statement (nothing is lost if cancelled).
            if state.streak_expired():
                await _yield_to_loop()
            status = self._execute_or_submit(self._rt, data, len(data), slots.p_out, slots.p_out_len, slots.p_ticket)
            ptr = slots.out.value
            if ptr:
                raw = _string_at(ptr, slots.out_len.value)
                slots.out.value = None
                self._free(ptr)
                try:
                    result = _unpackb(raw, raw=False)
                except (UnicodeDecodeError, ValueError) as exc:
                    raise undecodable(exc) from None
                state.note_inline(loop)
                if status:
                    raise error_from_envelope(result)
                return result  # type: ignore[no-any-return]
            if status != 0:
                raise InternalError(f"oxyde_execute_or_submit failed with status {status}")
            verb_no = self._verb_no["execute"]
        else:
            try:
                verb_no = self._verb_no[verb]
            except KeyError:
                raise OxydeError(f"unknown engine verb {verb!r}") from None
            status = self._submit(self._rt, verb_no, data, len(data), slots.p_ticket)
            if status != 0:
                raise InternalError(f"oxyde_submit({verb}) failed with status {status}")
        return await self._await_ticket(loop, state, slots, slots.ticket.value, verb_no)  # type: ignore[no-any-return]

    async def _await_ticket(
        self, loop: asyncio.AbstractEventLoop, state: _LoopState, slots: ThreadSlots, ticket: int, verb_no: int
    ) -> Any:
        """The result of a submitted ticket, delivered through the completion fd."""
        future: asyncio.Future[Any] = loop.create_future()
        with self._lock:
            early = self._early.pop(ticket, None)
            if early is None:
                self._waiting[ticket] = (future, state, verb_no)
        state.pending += 1
        if early is not None:
            self._settle(state, future, verb_no, *early)
        else:
            if not state.watching:
                loop.add_reader(self._fd, self._on_readable, state)
                state.watching = True
            # A loop with nothing else to run would now sleep in the selector, and waking it costs
            # ~10 µs, more than a short query takes; poll the fd a moment first. Only CPython's
            # loop tells whether callbacks are ready (uvloop does not: no spin there).
            ready = getattr(loop, "_ready", None)
            if ready is not None and not ready and self._spin(slots):
                # The answer is in: take it now rather than one loop iteration later through the
                # reader (~4 µs), but still yield to the loop once, as a suspended await would.
                self._on_readable(state)
                if future.done():
                    try:
                        await _yield_to_loop()
                    except BaseException:
                        if not future.cancelled() and future.exception() is None:
                            self._abandon(verb_no, 0, future.result())  # a cancelled tx_begin
                        raise
        try:
            return await future
        except BaseException:
            if future.cancelled() or not future.done():
                # The caller gave up (task cancelled, wait_for timed out), so asyncio cancelled the
                # future: stop the engine's work too. A ticket still waiting for a connection or the
                # write lock ends at once; a running statement is interrupted. Whatever it still
                # completes with is abandoned in _settle (a begun transaction is rolled back).
                future.cancel()
                if verb_no in self._cancellable:
                    self._cancel_fn(self._rt, ticket)
            elif not future.cancelled() and future.exception() is None:
                # The result arrived, but the task was cancelled before it resumed: a begun
                # transaction must not stay open.
                self._abandon(verb_no, 0, future.result())
            raise

    def _spin(self, slots: ThreadSlots) -> bool:
        """Poll the completion fd for up to :data:`_SPIN_SECONDS`; whether it became readable.

        On a hit the submitter drains at once and yields to the loop once; otherwise the loop's
        reader handles the completion as usual. A miss (the work takes longer, or the worker cannot get a core) makes the next
        16, 32, ... 4096 calls skip spinning, so slow queries and busy machines pay almost nothing.
        """
        skip = self._spin_skip
        if skip:
            self._spin_skip = skip - 1
            return False
        poll = slots.poll
        if poll is None:
            poll = slots.poll = select.poll()
            poll.register(self._fd, select.POLLIN)
        poll = poll.poll
        deadline = _perf_counter() + _SPIN_SECONDS
        while not poll(0):
            if _perf_counter() >= deadline:
                misses = self._spin_misses = min(self._spin_misses + 1, 8)
                self._spin_skip = 16 << misses
                return False
        self._spin_misses = 0
        return True

    def _state_for(self, loop: asyncio.AbstractEventLoop) -> _LoopState:
        with self._lock:
            state = self._loops.get(loop)
            if state is None:
                state = self._loops[loop] = _LoopState(loop)
            return state

    def _on_readable(self, state: _LoopState) -> None:
        try:  # the drain also resets the eventfd
            completed = self._drain()
        except BaseException as exc:
            self._fail_all(exc)
            raise
        # The reader stays registered while this loop is the only one using the fd: adding and
        # removing it costs ~12 µs, as much as the query. It is dropped once this loop has nothing
        # pending and the wake-up was not (only) for it, i.e. another loop now uses the fd too.
        foreign = not completed
        for ticket, status, result in completed:
            with self._lock:
                entry = self._waiting.pop(ticket, None)
                if entry is None:
                    if ticket in self._ignored:
                        self._ignored.discard(ticket)
                    else:
                        self._early[ticket] = (status, result)
                    foreign = True
                    continue
            future, owner, verb_no = entry
            if owner is state:
                self._settle(owner, future, verb_no, status, result)
                continue
            foreign = True
            loop = owner.loop
            try:
                if loop is None:
                    raise RuntimeError("event loop collected")
                loop.call_soon_threadsafe(self._settle, owner, future, verb_no, status, result)
            except RuntimeError:  # that loop is closed: nobody awaits the future any more
                self._abandon(verb_no, status, result)
        if foreign and state.pending == 0 and state.watching:
            self._unwatch(state)

    def _unwatch(self, state: _LoopState) -> None:
        loop = state.loop
        state.watching = False
        if loop is not None and not loop.is_closed():
            loop.remove_reader(self._fd)

    def _drain(self) -> list[Any]:
        slots = self._slots
        status = self._drain_fn(self._rt, slots.p_out, slots.p_out_len)
        ptr = slots.out.value
        if not ptr:
            return []
        raw = _string_at(ptr, slots.out_len.value)
        slots.out.value = None
        self._free(ptr)
        try:
            decoded = _unpackb(raw, raw=False)
        except (UnicodeDecodeError, ValueError):
            decoded = salvage_drain(raw)
        if status:
            # The drain itself failed: nothing to hand out, but do not lose the reason.
            raise error_from_envelope(decoded)
        return decoded  # type: ignore[no-any-return]

    def _fail_all(self, exc: BaseException) -> None:
        """The completion queue is unreadable: fail every waiter rather than leave it hanging."""
        with self._lock:
            entries = list(self._waiting.values())
            self._waiting.clear()
        error = InternalError(f"oxyde_completion_drain failed: {exc}")
        for future, owner, _ in entries:
            loop = owner.loop
            try:
                if loop is not None:
                    loop.call_soon_threadsafe(self._settle_error, owner, future, error)
            except RuntimeError:
                pass

    def _settle_error(self, state: _LoopState, future: asyncio.Future[Any], error: BaseException) -> None:
        state.pending -= 1
        if not future.done():
            future.set_exception(error)
        if state.pending == 0 and state.watching:
            self._unwatch(state)

    def _settle(
        self, state: _LoopState, future: asyncio.Future[Any], verb_no: int, status: int, result: Any
    ) -> None:
        state.pending -= 1
        if future.cancelled():
            self._abandon(verb_no, status, result)
        elif status == 0:
            future.set_result(result)
        else:
            future.set_exception(error_from_envelope(result))

    def _abandon(self, verb_no: int, status: int, result: Any) -> None:
        """A result nobody waits for: roll back a transaction begun for a cancelled caller, close a
        cursor opened for one.

        The clean-up is submitted, not awaited: this runs on the loop (or in a cancelled task), and
        a worker takes it at once; its completion is dropped when drained.
        """
        if status != 0 or not isinstance(result, dict):
            return
        if verb_no == self._verb_no["tx_begin"]:
            self.post("tx_rollback", {"tx": result.get("tx")})
        elif verb_no == self._verb_no["cursor_open"]:
            self.post("cursor_close", {"cursor": result.get("cursor")})

    def post(self, verb: str, request: Mapping[str, Any]) -> None:
        """Submit ``verb`` to a worker and drop its result: clean-up nobody awaits (the rollback of
        an abandoned begin, the close of an abandoned cursor). Never blocks, never raises for the
        engine's answer; a runtime already gone has nothing left to clean up."""
        data = msgpack.packb(request, use_bin_type=True)
        ticket = ctypes.c_uint64()
        if self._submit(self._rt, self._verb_no[verb], data, len(data), ctypes.byref(ticket)) != 0:
            return
        with self._lock:
            if self._early.pop(ticket.value, None) is None:
                self._ignored.add(ticket.value)

    # --- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        """Free the runtime (closing every pool). The object is unusable afterwards."""
        rt, self._rt = self._rt, 0
        if rt:
            self._lib.oxyde_runtime_free(rt)


_core: Core | None = None
_core_lock = threading.Lock()


def get_core() -> Core:
    """The process-wide core: the one given to :func:`set_core`, else a :class:`NativeCore`."""
    core = _core
    if core is None:
        with _core_lock:
            core = _core
            if core is None:
                _set(core := NativeCore())
    return core


def _set(core: Core | None) -> Core | None:
    global _core
    _core = core
    return core


def set_core(core: Core | None) -> None:
    """Install ``core`` (a fake in tests); ``None`` makes the next :func:`get_core` load the library."""
    with _core_lock:
        _set(core)
