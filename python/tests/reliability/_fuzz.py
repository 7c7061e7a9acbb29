"""The fuzzer's child process: feeds every liboxyde export through ctypes (docs/reliability.md).

``python -m tests.reliability._fuzz corpus DIR``
    runs a real workload through the package with a recording core and writes ``DIR/corpus.msgpack``
    (every request the package sent, verb by verb) and ``DIR/template.db`` (the database it left).
``python -m tests.reliability._fuzz run DIR SEED START COUNT``
    fuzzes requests ``START .. START+COUNT-1``. Request ``i`` is drawn from ``Random((SEED << 32) | i)``:
    a valid corpus request, a structural mutation of one, a byte-level mutation of one, or generated
    MessagePack; sent through the verb's export, ``oxyde_submit`` or ``oxyde_execute_or_submit``.
    Before each call the child writes the index, a call counter and the request bytes into
    ``DIR/watch-START.shm``, so the parent can name the input of a crash or a hang. Figures go to
    ``DIR/report-START.json`` after every batch and at the end.
``python -m tests.reliability._fuzz handles DIR SEED COUNT``
    calls every export with forged, zero and freed runtime handles (docs/native-abi.md: status 2).
"""

from __future__ import annotations

import ctypes
import json
import math
import mmap
import os
import random
import select
import shutil
import struct
import sys
import time
from pathlib import Path
from typing import Any

import msgpack

from oxyde._native import _ffi
from oxyde.exceptions import _BY_CODE

#: Codes an envelope may carry (ErrorCode.cs, mirrored by oxyde.exceptions).
KNOWN_CODES = frozenset(_BY_CODE)
INTERNAL = 1

#: Requests per batch: at each batch end the child collects every ticket and rolls back its transactions.
BATCH = 200
#: Every this many requests the runtime is freed, a new one made and the database restored.
RECYCLE = 10_000
#: Watch file layout: index (q), calls finished (q), request length (q), then the request bytes.
WATCH_HEADER = struct.Struct("<qqq")
WATCH_SIZE = 1 << 20

POOL = "default"
POOL_SETTINGS = {
    "max_connections": 4,
    "acquire_timeout": 2.0,
    "transaction_timeout": 20.0,
    "transaction_cleanup_interval": 1.0,  # the sweep's period before it became a setting
    "sqlite_busy_timeout": 1,
}

#: Vocabulary for key swaps, unknown keys and enum confusion: the IR's own words.
WORDS = [
    "pool", "tx", "ir", "name", "url", "settings", "dialect", "savepoint", "proto", "type", "table",
    "model", "columns", "column_types", "filter_tree", "order_by", "limit", "offset", "distinct",
    "count", "exists", "values", "rows", "returning", "sql", "params", "kind", "children", "child",
    "field", "op", "value", "select", "insert", "update", "delete", "raw", "create_table",
    "drop_table", "create_index", "drop_index", "and", "or", "not", "condition", "eq", "in",
    "between", "isnull", "contains", "int64", "string", "decimal", "datetime_tz", "json", "array",
    "enum", "asc", "desc", "sqlite", "postgres", "mysql", "", "default", "sp_1", "id", "*",
]
INTERESTING_NUMBERS: list[Any] = [
    0, -1, 1, 2**31 - 1, -(2**31), 2**32, 2**53 + 1, 2**63 - 1, -(2**63), 2**64 - 1,
    1e308, -1e308, 5e-324, math.nan, math.inf, -math.inf, -0.0,
]
INVALID_UTF8 = [b"\xff", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xf0\x28\x8c\xbc", b"\xed\xa0\x80", b"a\x80b"]
BOGUS_HEADERS = [
    b"\xdd\xff\xff\xff\xff", b"\xdf\xff\xff\xff\xff", b"\xdb\xff\xff\xff\xff", b"\xc6\xff\xff\xff\xff",
    b"\xdc\xff\xff", b"\xde\xff\xff", b"\xc1", b"\xd4\x00", b"\xc7\xff\x01", b"\xd9",
]


# --- packing with raw splices -------------------------------------------------------------------


class Raw:
    """Bytes spliced verbatim into a packed document (invalid UTF-8, bogus headers, deep nesting)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


def pack(obj: Any, has_raw: bool) -> bytes:
    """MessagePack of ``obj``; :class:`Raw` values (also as map keys) are spliced in unchanged."""
    if not has_raw:
        return msgpack.packb(obj, use_bin_type=True)
    raws: list[bytes] = []

    def sub(o: Any) -> Any:
        if isinstance(o, Raw):
            raws.append(o.data)
            return f"\x00oxyde-fuzz-raw-{len(raws) - 1}\x00"
        if isinstance(o, dict):
            return {sub(k): sub(v) for k, v in o.items()}
        if isinstance(o, list):
            return [sub(x) for x in o]
        return o

    data = msgpack.packb(sub(obj), use_bin_type=True)
    for n, raw in enumerate(raws):
        data = data.replace(msgpack.packb(f"\x00oxyde-fuzz-raw-{n}\x00"), raw, 1)
    return data


# --- generators and mutators --------------------------------------------------------------------


def gen_value(rng: random.Random, depth: int = 0) -> Any:
    """A random MessagePack-able value (plus :class:`Raw` splices)."""
    roll = rng.random()
    if depth > 4 or roll < 0.45:
        pick = rng.randrange(10)
        if pick == 0:
            return None
        if pick == 1:
            return rng.random() < 0.5
        if pick == 2:
            return rng.choice(INTERESTING_NUMBERS)
        if pick == 3:
            return rng.randint(-1000, 1000)
        if pick == 4:
            return rng.choice(WORDS)
        if pick == 5:
            return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x2FFF), 0])) for _ in range(rng.randrange(12)))
        if pick == 6:
            return rng.randbytes(rng.randrange(16))
        if pick == 7:
            return Raw(bytes([0xA0 | 2]) + rng.choice(INVALID_UTF8)[:2].ljust(2, b"\xff"))
        if pick == 8:
            body = rng.randbytes(rng.choice([1, 2, 4, 8, 12, 3]))
            if rng.random() < 0.5:  # negative types (-1 is the timestamp extension) as raw bytes
                return Raw(b"\xc7" + bytes([len(body), rng.randrange(128, 256)]) + body)
            return msgpack.ExtType(rng.randrange(128), body)
        return rng.random() * 10 ** rng.randrange(-5, 20)
    if roll < 0.75:
        return {rng.choice(WORDS): gen_value(rng, depth + 1) for _ in range(rng.randrange(6))}
    return [gen_value(rng, depth + 1) for _ in range(rng.randrange(6))]


def deep(rng: random.Random) -> Raw:
    """A value nested ``depth`` levels: arrays, maps or ``not`` filter nodes."""
    depth = rng.choice([16, 64, 65, 200, 1000, 10_000, 100_000])
    shape = rng.randrange(3)
    if shape == 0:
        return Raw(b"\x91" * depth + b"\xc0")
    if shape == 1:
        return Raw(b"\x81\xa1k" * depth + b"\xc0")
    node = msgpack.packb({"type": "condition", "field": "id", "op": "eq", "value": 1})
    return Raw(b"\x82\xa4type\xa3not\xa5child" * depth + node)


def slots(obj: Any, out: list[tuple[Any, Any]]) -> None:
    """Every (container, key) pair of a decoded document, depth first."""
    if isinstance(obj, dict):
        for k in list(obj):
            out.append((obj, k))
            slots(obj[k], out)
    elif isinstance(obj, list):
        for i in range(len(obj)):
            out.append((obj, i))
            slots(obj[i], out)


def mutate_structure(rng: random.Random, doc: Any) -> tuple[Any, bool]:
    """One to three structural mutations of a decoded request; returns it and whether it holds Raw."""
    has_raw = False
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        found: list[tuple[Any, Any]] = []
        slots(doc, found)
        if not found:
            return gen_value(rng), True
        parent, key = rng.choice(found)
        op = rng.randrange(14)
        if op == 0 and isinstance(parent, dict):
            del parent[key]
        elif op == 1 and isinstance(parent, dict) and len(parent) > 1:
            other = rng.choice(list(parent))
            parent[key], parent[other] = parent[other], parent[key]
        elif op == 2 and isinstance(parent, dict):
            parent[rng.choice(WORDS)] = parent.pop(key)
        elif op == 3:
            parent[key] = gen_value(rng)
            has_raw = True
        elif op == 4:
            parent[key] = rng.choice(INTERESTING_NUMBERS)
        elif op == 5:
            parent[key] = deep(rng)
            has_raw = True
        elif op == 6:
            parent[key] = rng.choice("x\u00e9\u6f22\U0001f680'\"\\%_\x00") * rng.choice([255, 256, 4096, 65_536, 1 << 20])
        elif op == 7:
            parent[key] = Raw(b"\xd9\x03" + rng.choice(INVALID_UTF8)[:3].ljust(3, b"\xfe"))
            has_raw = True
        elif op == 8 and isinstance(parent, dict):
            parent[Raw(b"\xa2" + rng.choice(INVALID_UTF8)[:2].ljust(2, b"\xff")) if rng.random() < 0.2 else rng.choice(WORDS) + "_x"] = gen_value(rng)
            has_raw = True
        elif op == 9:
            parent[key] = rng.choice(WORDS)
        elif op == 10:
            n = rng.choice([1000, 70_000, 1 << 20])  # a long array of small ints, as bytes
            parent[key] = Raw(b"\xdd" + n.to_bytes(4, "big") + bytes([rng.randrange(128)]) * n)
            has_raw = True
        elif op == 11:
            parent[key] = Raw(rng.choice(BOGUS_HEADERS))
            has_raw = True
        elif op == 12:
            parent[key] = [parent[key]] if rng.random() < 0.5 else {rng.choice(WORDS): parent[key]}
        else:
            value = parent[key]
            if isinstance(value, str):
                parent[key] = value.encode() if rng.random() < 0.5 else value[: rng.randrange(len(value) + 1)]
            elif isinstance(value, bool):
                parent[key] = int(value)
            elif isinstance(value, int):
                parent[key] = rng.choice([str(value), float(value), value + rng.choice([-1, 1]) * 2**rng.randrange(64), -value])
            elif isinstance(value, (list, dict)) and value:
                parent[key] = value[:-1] if isinstance(value, list) else dict(list(value.items())[1:])
            else:
                parent[key] = None
    return doc, has_raw


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """One to four byte-level mutations: flips, interesting bytes, truncation, splices."""
    buf = bytearray(data)
    for _ in range(rng.randrange(1, 5)):
        op = rng.randrange(7)
        n = len(buf)
        if n == 0:
            buf += rng.randbytes(rng.randrange(1, 8))
            continue
        at = rng.randrange(n)
        if op == 0:
            buf[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[at] = rng.choice([0x00, 0xFF, 0xC1, 0x7F, 0x80, 0xDC, 0xDE, 0xD9, 0xC0, 0x90, 0xCF, 0xD3])
        elif op == 2:
            del buf[at:]
        elif op == 3:
            buf[at:at] = rng.randbytes(rng.randrange(1, 9))
        elif op == 4:
            del buf[at : at + rng.randrange(1, 9)]
        elif op == 5:
            end = min(n, at + rng.randrange(1, 64))
            buf[at:at] = buf[at:end]
        else:
            buf += rng.choice(BOGUS_HEADERS + [rng.randbytes(4)])
    return bytes(buf)


def has_surrogates(obj: Any) -> bool:
    """Whether a value decoded with ``surrogateescape`` held invalid UTF-8 somewhere."""
    if isinstance(obj, str):
        return any("\udc80" <= ch <= "\udcff" for ch in obj)
    if isinstance(obj, dict):
        return any(has_surrogates(k) or has_surrogates(v) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return any(has_surrogates(x) for x in obj)
    return False


# --- the engine, through ctypes -------------------------------------------------------------------


class Engine:
    """One runtime and the bookkeeping a fuzz child keeps about it."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib
        self.out = ctypes.c_void_p()
        self.out_len = ctypes.c_size_t()
        self.p_out = ctypes.byref(self.out)
        self.p_out_len = ctypes.byref(self.out_len)
        self.ticket = ctypes.c_uint64()
        self.p_ticket = ctypes.byref(self.ticket)
        self.fns = {verb: getattr(lib, sym) for verb, (sym, _) in _ffi.VERB_NUMBERS.items()}
        self.rt = 0
        self.fd = -1
        self.poller = select.poll()

    def start(self) -> None:
        rt = ctypes.c_void_p()
        status = self.lib.oxyde_runtime_new(ctypes.byref(rt))
        if status != 0 or not rt.value:
            raise RuntimeError(f"oxyde_runtime_new failed: {status}")
        self.rt = rt.value
        self.fd = self.lib.oxyde_completion_fd(self.rt)
        self.poller = select.poll()
        self.poller.register(self.fd, select.POLLIN)

    def stop(self) -> None:
        if self.rt:
            status = self.lib.oxyde_runtime_free(self.rt)
            if status != 0:
                raise RuntimeError(f"oxyde_runtime_free failed: {status}")
        self.rt = 0

    def take(self) -> bytes | None:
        ptr = self.out.value
        if not ptr:
            return None
        raw = ctypes.string_at(ptr, self.out_len.value)
        self.out.value = None
        self.lib.oxyde_buffer_free(ptr)
        return raw

    def harness(self, verb: str, request: dict[str, Any]) -> tuple[int, Any]:
        """A call the harness itself needs (not counted): status and decoded result."""
        data = msgpack.packb(request)
        status = self.fns[verb](self.rt, data, len(data), self.p_out, self.p_out_len)
        raw = self.take()
        return status, (msgpack.unpackb(raw, raw=False) if raw is not None else None)


class Stats:
    """Outcome counters and the first few reproducers of each kind of defect."""

    DEFECTS = ("internal", "untyped", "bad_status", "undecodable", "no_buffer", "drain_failed")

    def __init__(self) -> None:
        self.requests = 0
        self.outcomes: dict[str, int] = {}
        self.codes: dict[str, int] = {}
        self.modes: dict[str, int] = {}
        self.categories: dict[str, int] = {}
        self.examples: list[dict[str, Any]] = []
        self.max_call_seconds = 0.0
        self.max_call_index = -1

    def bump(self, table: dict[str, int], key: str) -> None:
        table[key] = table.get(key, 0) + 1

    def outcome(self, kind: str, index: int, verb: str, mode: str, detail: Any = None) -> None:
        self.bump(self.outcomes, kind)
        if kind in self.DEFECTS + ("database_restored",) and sum(1 for e in self.examples if e["kind"] == kind) < 5:
            self.examples.append({"kind": kind, "index": index, "verb": verb, "mode": mode, "detail": repr(detail)[:300]})

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "outcomes": self.outcomes,
            "codes": self.codes,
            "modes": self.modes,
            "categories": self.categories,
            "examples": self.examples,
            "max_call_seconds": round(self.max_call_seconds, 4),
            "max_call_index": self.max_call_index,
        }


def classify(stats: Stats, index: int, verb: str, mode: str, status: int, raw: bytes | None, want_map: bool = True) -> Any:
    """Count one answer; returns the decoded result for status 0, else ``None``."""
    if raw is None:
        if status in (1, 2) and mode.endswith("null-out"):
            stats.outcome("rejected_no_out", index, verb, mode)
        else:
            stats.outcome("no_buffer", index, verb, mode, status)
        return None
    try:
        decoded = msgpack.unpackb(raw, raw=False, strict_map_key=False)
    except Exception as exc:  # invalid UTF-8 or broken MessagePack from the engine
        stats.outcome("undecodable", index, verb, mode, exc)
        return None
    return judge(stats, index, verb, mode, status, decoded, want_map)


def judge(stats: Stats, index: int, verb: str, mode: str, status: int, decoded: Any, want_map: bool = True) -> Any:
    if status == 0:
        if want_map and not isinstance(decoded, dict):
            stats.outcome("bad_status", index, verb, mode, ("status 0, not a map", decoded))
            return None
        stats.outcome("ok", index, verb, mode)
        return decoded
    if status not in (1, 2):
        stats.outcome("bad_status", index, verb, mode, status)
        return None
    code = decoded.get("code") if isinstance(decoded, dict) else None
    if not isinstance(code, int) or code not in KNOWN_CODES or not isinstance(decoded.get("name"), str):
        stats.outcome("untyped", index, verb, mode, decoded)
        return None
    stats.bump(stats.codes, str(code))
    if status == 2:  # bad arguments (null pointers): docs/native-abi.md; the envelope says internal
        stats.outcome("bad_arguments", index, verb, mode)
    elif code == INTERNAL:
        stats.outcome("internal", index, verb, mode, decoded.get("message"))
    else:
        stats.outcome("typed", index, verb, mode)
    return None


class Fuzzer:
    def __init__(self, workdir: Path, seed: int, start: int) -> None:
        self.workdir = workdir
        self.seed = seed
        self.start_index = start
        with open(workdir / "corpus.msgpack", "rb") as fh:
            self.corpus: list[tuple[str, bytes]] = [(v, bytes(d)) for v, d in msgpack.unpackb(fh.read(), raw=False)]
        self.engine = Engine(_ffi.load_library())
        self.stats = Stats()
        self.live_tx: list[int] = []
        self.pending: dict[int, tuple[int, str, str]] = {}
        self.reset_pool = False
        watch_path = workdir / f"watch-{start}.shm"
        with open(watch_path, "wb") as fh:
            fh.truncate(WATCH_SIZE)
        self.watch_fh = open(watch_path, "r+b")
        self.watch = mmap.mmap(self.watch_fh.fileno(), WATCH_SIZE)
        self.report_path = workdir / f"report-{start}.json"
        self.calls = 0
        self.last_index = -1

    # --- lifecycle ---

    def fresh_runtime(self) -> None:
        if self.engine.rt:
            self.collect(wait=True)
            self.engine.stop()
        shutil.copyfile(self.workdir / "template.db", self.workdir / "fuzz.db")
        for suffix in ("-wal", "-shm"):
            (self.workdir / f"fuzz.db{suffix}").unlink(missing_ok=True)
        self.engine.start()
        self.live_tx.clear()
        self.open_pool()

    def open_pool(self) -> None:
        self.engine.harness("pool_close", {"name": POOL})
        status, result = self.engine.harness("pool_open", {"name": POOL, "url": "sqlite://fuzz.db", "settings": POOL_SETTINGS})
        if status != 0:
            raise RuntimeError(f"cannot open the fuzz pool: {result}")
        self.live_tx.clear()
        self.reset_pool = False

    def end_batch(self) -> None:
        self.collect(wait=True)
        for tx in self.live_tx:
            self.engine.harness("tx_rollback", {"tx": tx})
        self.live_tx.clear()
        self.restore_pool()
        self.write_report()

    def restore_pool(self) -> None:
        """After a fuzzed pool_open/pool_close succeeded: the harness's own pool again, at once (a
        fuzzed pool with one connection and a 30 s acquire timeout would make later calls wait)."""
        if not self.reset_pool:
            return
        try:
            self.open_pool()
        except RuntimeError as exc:
            # Fuzzed pools on the same file (other journal modes, settings) can leave it unusable
            # for a new pool; start over from the template, and say so in the figures.
            self.stats.outcome("database_restored", self.last_index, "pool_open", "harness", exc)
            self.fresh_runtime()

    def write_report(self) -> None:
        tmp = self.report_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.stats.as_dict()))
        os.replace(tmp, self.report_path)

    # --- requests ---

    def draw(self, rng: random.Random) -> tuple[str, str, bytes]:
        """(category, verb, request bytes) for one index."""
        verb, base = self.corpus[rng.randrange(len(self.corpus))]
        try:
            return self.draw_from(rng, verb, base)
        except (OverflowError, ValueError, TypeError):  # not packable (an int past 64 bits): mutate bytes
            return "bytes", verb, mutate_bytes(rng, base)

    def draw_from(self, rng: random.Random, verb: str, base: bytes) -> tuple[str, str, bytes]:
        roll = rng.random()
        if roll < 0.12:
            category = "valid"
            doc = msgpack.unpackb(base, raw=False)
            self.adapt(rng, verb, doc)
            data = msgpack.packb(doc, use_bin_type=True)
        elif roll < 0.57:
            category = "structural"
            doc = msgpack.unpackb(base, raw=False)
            self.adapt(rng, verb, doc)
            doc, has_raw = mutate_structure(rng, doc)
            data = pack(doc, has_raw)
        elif roll < 0.85:
            category = "bytes"
            data = mutate_bytes(rng, base)
        else:
            category = "generated"
            if rng.random() < 0.2:
                data = rng.randbytes(rng.randrange(64))
            else:
                data = pack(gen_value(rng), True)
        if rng.random() < 0.08:
            verb = rng.choice(_ffi.CALL_VERBS)
        return category, verb, data

    def adapt(self, rng: random.Random, verb: str, doc: Any) -> None:
        """Point a corpus request at this child's live transactions (ids differ per runtime)."""
        if isinstance(doc, dict) and "tx" in doc and doc["tx"] is not None and self.live_tx and rng.random() < 0.8:
            doc["tx"] = rng.choice(self.live_tx)

    def one(self, index: int) -> None:
        rng = random.Random((self.seed << 32) | index)
        self.last_index = index
        category, verb, data = self.draw(rng)
        stats = self.stats
        stats.requests += 1
        stats.bump(stats.categories, category)
        eng = self.engine
        watch = self.watch
        n = min(len(data), WATCH_SIZE - WATCH_HEADER.size)
        WATCH_HEADER.pack_into(watch, 0, index, self.calls, len(data))
        watch[WATCH_HEADER.size : WATCH_HEADER.size + n] = data[:n]
        mode_roll = rng.random()
        began = time.perf_counter()
        if mode_roll < 0.015:
            mode = self.null_call(rng, index, verb, data)
        elif mode_roll < 0.55:
            mode = "direct"
            status = eng.fns[verb](eng.rt, data, len(data), eng.p_out, eng.p_out_len)
            result = classify(stats, index, verb, mode, status, eng.take())
            self.note(verb, result)
        elif mode_roll < 0.85:
            mode = "submit"
            verb_no = _ffi.VERB_NUMBERS[verb][1]
            if rng.random() < 0.03:
                verb_no = rng.choice([0, 11, -1, 2**31 - 1, -(2**31)])
            status = eng.lib.oxyde_submit(eng.rt, verb_no, data, len(data), eng.p_ticket)
            if status == 0:
                self.pending[eng.ticket.value] = (index, verb, mode)
                stats.outcome("submitted", index, verb, mode)
            elif status == 2 and not 1 <= verb_no <= 10:
                stats.outcome("rejected_verb", index, verb, mode)
            else:
                stats.outcome("bad_status", index, verb, mode, ("submit", verb_no, status))
        else:
            mode = "execute_or_submit"
            status = eng.lib.oxyde_execute_or_submit(eng.rt, data, len(data), eng.p_out, eng.p_out_len, eng.p_ticket)
            raw = eng.take()
            if raw is None and status == 0:
                self.pending[eng.ticket.value] = (index, "execute", mode)
                stats.outcome("submitted", index, verb, mode)
            else:
                classify(stats, index, "execute", mode, status, raw)
        elapsed = time.perf_counter() - began
        if elapsed > stats.max_call_seconds:
            stats.max_call_seconds = elapsed
            stats.max_call_index = index
        stats.bump(stats.modes, mode)
        self.calls += 1
        if self.pending and self.calls % 16 == 0:
            self.collect(wait=False)
        if len(self.live_tx) > 3:
            eng.harness("tx_rollback", {"tx": self.live_tx.pop(0)})
        self.restore_pool()

    def null_call(self, rng: random.Random, index: int, verb: str, data: bytes) -> str:
        """A call with a null pointer argument: status 2, an envelope when ``out`` is given."""
        eng = self.engine
        pick = rng.randrange(4)
        if pick == 0:
            status = eng.fns[verb](eng.rt, None, len(data) or 1, eng.p_out, eng.p_out_len)
            classify(self.stats, index, verb, "null-req", status, eng.take())
            return "null-req"
        if pick == 1:
            status = eng.fns[verb](eng.rt, data, len(data), None, eng.p_out_len)
            classify(self.stats, index, verb, "null-out", status, None)
            return "null-out"
        if pick == 2:
            status = eng.lib.oxyde_submit(eng.rt, _ffi.VERB_NUMBERS[verb][1], data, len(data), None)
            classify(self.stats, index, verb, "submit-null-out", status, None)
            return "submit-null-out"
        status = eng.lib.oxyde_completion_drain(eng.rt, None, None)
        classify(self.stats, index, "completion_drain", "drain-null-out", status, None)
        return "drain-null-out"

    def note(self, verb: str, result: Any) -> None:
        """Track what a successful call changed: new transactions, pools opened or closed."""
        if result is None:
            return
        if verb == "tx_begin" and isinstance(result.get("tx"), int):
            self.live_tx.append(result["tx"])
        elif verb in ("pool_open", "pool_close"):
            self.reset_pool = True

    def collect(self, wait: bool) -> None:
        """Drain finished tickets; with ``wait``, until none is pending (the parent's watchdog bounds it)."""
        eng = self.engine
        while self.pending:
            if wait:
                eng.poller.poll(100)
            status = eng.lib.oxyde_completion_drain(eng.rt, eng.p_out, eng.p_out_len)
            raw = eng.take()
            if status != 0 or raw is None:
                self.stats.outcome("drain_failed", -1, "completion_drain", "drain", (status, raw))
                if not wait:
                    return
                continue
            try:
                entries = msgpack.unpackb(raw, raw=False, strict_map_key=False)
            except UnicodeDecodeError:
                # Some result holds invalid UTF-8: decode anyway and blame the entries that do.
                entries = msgpack.unpackb(raw, raw=False, strict_map_key=False, unicode_errors="surrogateescape")
            for ticket, st, result in entries:
                index, verb, mode = self.pending.pop(ticket, (-1, "?", "?"))
                if has_surrogates(result):
                    self.stats.outcome("undecodable", index, verb, mode, "invalid UTF-8 in a completion")
                    continue
                decoded = judge(self.stats, index, verb, mode, st, result)
                self.note(verb, decoded)
            if not wait:
                return

    def run(self, count: int) -> None:
        self.fresh_runtime()
        end = self.start_index + count
        for index in range(self.start_index, end):
            self.one(index)
            done = index + 1 - self.start_index
            if done % RECYCLE == 0 and index + 1 < end:
                self.end_batch()
                self.fresh_runtime()
            elif done % BATCH == 0:
                self.end_batch()
        self.end_batch()
        self.engine.stop()
        WATCH_HEADER.pack_into(self.watch, 0, end, self.calls, 0)
        self.write_report()


# --- the corpus -------------------------------------------------------------------------------------


def build_corpus(workdir: Path) -> None:
    """Run a workload touching every verb through the package; keep each request it sent."""
    import asyncio
    import datetime as dt
    import uuid
    from decimal import Decimal

    import oxyde.db as db
    from oxyde import F, Q
    from oxyde._native._wire import wire_default
    from oxyde._native.core import get_core, set_core
    from oxyde.exceptions import OxydeError

    from ._models import FzAuthor, FzEvery, FzPost, Mood

    os.chdir(workdir)
    for stale in workdir.glob("fuzz.db*"):
        stale.unlink()
    inner = get_core()
    calls: list[tuple[str, bytes]] = []

    class Recorder:
        def call(self, verb: str, request: Any) -> dict[str, Any]:
            calls.append((verb, msgpack.packb(request, default=wire_default, use_bin_type=True)))
            return inner.call(verb, request)

        async def call_async(self, verb: str, request: Any) -> dict[str, Any]:
            calls.append((verb, msgpack.packb(request, default=wire_default, use_bin_type=True)))
            return await inner.call_async(verb, request)

    set_core(Recorder())
    settings = db.PoolSettings(
        max_connections=4, acquire_timeout=2, sqlite_busy_timeout=1, transaction_timeout=20, transaction_cleanup_interval=1
    )
    db.init_sync(default="sqlite://fuzz.db", settings=settings)
    db.create_tables_sync(models=[FzAuthor, FzPost, FzEvery])
    authors = [FzAuthor.objects.create_sync(name=f"author {n}", age=20 + n) for n in range(5)]
    FzAuthor.objects.bulk_create_sync([FzAuthor(name=f"bulk {n}", age=n) for n in range(20)])
    for n in range(5):
        FzPost.objects.create_sync(title=f"post {n}", views=n, author=authors[n % 2], published_at=dt.datetime(2024, 1, n + 1, 12))
    FzEvery.objects.create_sync(
        flag=True, ratio=0.5, label="x", text="t\u00e9xt", data=b"\x00\xff", at=dt.datetime(2024, 5, 6, 7, 8, 9, 123),
        at_tz=dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=5))), day=dt.date(2024, 5, 6),
        clock=dt.time(7, 8, 9), span=dt.timedelta(days=1, microseconds=5), uid=uuid.UUID(int=7),
        price=Decimal("12.3400"), meta={"a": 1}, tags=["a", "b"], amounts=[Decimal("1.5")], mood=Mood.SAD,
    )
    queries = [
        FzAuthor.objects.filter(age__gte=21, name__startswith="author").order_by("-age", "name").limit(3).offset(1),
        FzAuthor.objects.filter(Q(age__lt=3) | ~Q(name__icontains="BULK")).exclude(age__in=[1, 2, 3]),
        FzAuthor.objects.filter(age__between=(1, 9), name__iendswith="1").distinct(),
        FzAuthor.objects.filter(name__isnull=False, name__iexact="Author 1"),
        FzAuthor.objects.filter(age__range=(0, 100), name__contains="%_'", name__endswith="x"),
        FzPost.objects.filter(author_id=1, published_at__gt=dt.datetime(2024, 1, 2)).order_by("published_at"),
        FzEvery.objects.filter(price__gt=Decimal("1"), at_tz__lt=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc), uid=uuid.UUID(int=7)),
        FzEvery.objects.filter(day__lte=dt.date(2025, 1, 1), clock__gte=dt.time(1), span__gt=dt.timedelta(0), mood=Mood.SAD, flag=True),
        FzAuthor.objects.values("id", "name"),
        FzAuthor.objects.values_list("name", flat=True),
    ]
    for qs in queries:
        qs.all_sync()
        qs.count_sync()
        qs.exists_sync()
        qs.first_sync()
        for dialect in ("sqlite", "postgres", "mysql"):
            qs.sql(dialect)
    FzAuthor.objects.get_sync(id=1)
    FzAuthor.objects.get_or_none_sync(id=999)
    FzAuthor.objects.last_sync()
    FzAuthor.objects.filter(age__lt=5).update_sync(age=F("age") * 2 + 1)
    FzAuthor.objects.filter(id=1).increment_sync("age", by=3)
    FzAuthor.objects.get_or_create_sync(name="goc", defaults={"age": 1})
    FzAuthor.objects.update_or_create_sync(name="uoc", defaults={"age": 2})
    author = FzAuthor.objects.get_sync(id=2)
    author.age = 77
    author.save_sync()
    author.refresh_sync()
    FzPost.objects.filter(views=4).delete_sync()
    with db.atomic():
        FzAuthor.objects.create_sync(name="in tx", age=1)
        with db.atomic():
            FzAuthor.objects.filter(name="in tx").update_sync(age=2)
        try:
            with db.atomic():
                FzAuthor.objects.create_sync(name="rolled back", age=3)
                raise KeyError("roll back this savepoint")
        except KeyError:
            pass
    with db.atomic() as tx:
        FzAuthor.objects.create_sync(name="set_rollback", age=4)
        tx.set_rollback(True)
    try:
        FzAuthor.objects.create_sync(name="author 1", age=1)
    except OxydeError:
        pass
    db.execute_raw_sync("SELECT id, name FROM fz_authors WHERE age > ? AND name LIKE ?", [1, "a%"])
    db.execute_raw_sync("UPDATE fz_authors SET age = age + ? WHERE id = ?", [1, 1])

    async def async_part() -> None:
        await FzAuthor.objects.filter(age__gt=1).all()
        await FzAuthor.objects.filter(id=1).update(age=F("age") + 1)
        async with db.atomic():
            await FzAuthor.objects.create(name="async tx", age=5)
            await FzAuthor.objects.filter(name="async tx").count()

    asyncio.run(async_part())
    with db.connect_sync("sqlite::memory:", name="mem", settings=db.PoolSettings(max_connections=1)):
        db.create_tables_sync(using="mem", models=[FzAuthor])
        db.drop_tables_sync(using="mem", models=[FzAuthor])
    db.close_sync()
    shutil.copyfile(workdir / "fuzz.db", workdir / "template.db")
    (workdir / "corpus.msgpack").write_bytes(msgpack.packb(calls, use_bin_type=True))
    verbs: dict[str, int] = {}
    for verb, _ in calls:
        verbs[verb] = verbs.get(verb, 0) + 1
    print(json.dumps({"requests": len(calls), "verbs": verbs}))


# --- forged handles ----------------------------------------------------------------------------------


def run_handles(workdir: Path, seed: int, count: int) -> None:
    """Every export with handles that are not a live runtime: each must answer status 2 (or -1 for the fd)."""
    lib = _ffi.load_library()
    rng = random.Random(seed)
    live = ctypes.c_void_p()
    lib.oxyde_runtime_new(ctypes.byref(live))
    freed = ctypes.c_void_p()  # made while ``live`` exists, so its value is not ``live``'s
    lib.oxyde_runtime_new(ctypes.byref(freed))
    lib.oxyde_runtime_free(freed.value)
    zeros = ctypes.create_string_buffer(4096)
    ones = ctypes.create_string_buffer(b"\xff" * 4096, 4096)
    handles: list[tuple[str, int]] = [("zero", 0), ("freed", freed.value or 0)]
    handles += [("small", v) for v in (1, 2, 3, 7, 8, 64, 4096)]
    handles += [("zeros-buffer", ctypes.addressof(zeros)), ("ff-buffer", ctypes.addressof(ones))]
    handles += [("live+8", (live.value or 0) + 8), ("live-8", (live.value or 0) - 8), ("live^1", (live.value or 0) ^ 1)]
    while len(handles) < count:
        handles.append(("random", rng.getrandbits(64) & ~(1 << 63) if rng.random() < 0.5 else rng.getrandbits(48)))
    handles = handles[:count] if count >= 14 else handles
    req = msgpack.packb({"pool": "default", "ir": {"proto": 1, "type": "raw", "sql": "SELECT 1"}})
    out = ctypes.c_void_p()
    out_len = ctypes.c_size_t()
    ticket = ctypes.c_uint64()
    watch_path = workdir / "watch-handles.shm"
    with open(watch_path, "wb") as fh:
        fh.truncate(WATCH_SIZE)
    watch_fh = open(watch_path, "r+b")
    watch = mmap.mmap(watch_fh.fileno(), WATCH_SIZE)
    wrong: list[dict[str, Any]] = []
    calls = 0
    for n, (label, handle) in enumerate(handles):
        for export in ["pool_open", "execute", "tx_begin", "submit", "execute_or_submit", "completion_fd", "completion_drain", "runtime_free"]:
            note = f"{label} {handle:#x} {export}".encode()
            WATCH_HEADER.pack_into(watch, 0, n, calls, len(note))
            watch[WATCH_HEADER.size : WATCH_HEADER.size + len(note)] = note
            if export in ("pool_open", "execute", "tx_begin"):
                status = getattr(lib, f"oxyde_{export}")(handle, req, len(req), ctypes.byref(out), ctypes.byref(out_len))
            elif export == "submit":
                status = lib.oxyde_submit(handle, 3, req, len(req), ctypes.byref(ticket))
            elif export == "execute_or_submit":
                status = lib.oxyde_execute_or_submit(handle, req, len(req), ctypes.byref(out), ctypes.byref(out_len), ctypes.byref(ticket))
            elif export == "completion_fd":
                status = lib.oxyde_completion_fd(handle)
            elif export == "completion_drain":
                status = lib.oxyde_completion_drain(handle, ctypes.byref(out), ctypes.byref(out_len))
            else:
                status = lib.oxyde_runtime_free(handle)
            if out.value:
                lib.oxyde_buffer_free(out.value)
                out.value = None
            expected = -1 if export == "completion_fd" else 2
            if status != expected:
                wrong.append({"handle": label, "value": hex(handle), "export": export, "status": status})
            calls += 1
    lib.oxyde_runtime_free(live.value)
    WATCH_HEADER.pack_into(watch, 0, len(handles), calls, 0)
    print(json.dumps({"handles": len(handles), "calls": calls, "wrong": wrong[:20], "wrong_count": len(wrong)}))


def main(argv: list[str]) -> None:
    mode, workdir = argv[0], Path(argv[1])
    if mode == "corpus":
        build_corpus(workdir)
    elif mode == "run":
        seed, start, count = int(argv[2]), int(argv[3]), int(argv[4])
        os.chdir(workdir)
        fuzzer = Fuzzer(workdir, seed, start)
        fuzzer.run(count)
        print(json.dumps(fuzzer.stats.as_dict()))
    elif mode == "handles":
        run_handles(workdir, int(argv[2]), int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
