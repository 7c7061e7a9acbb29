"""Smoke check of the published liboxyde.so through ctypes (run from any directory).

Usage: python scripts/smoke_native.py [LIB_DIR]   (default: python/oxyde/_native/lib)
Exits non-zero on the first failure; prints one line per check.
"""
from __future__ import annotations

import ctypes
import os
import select
import sys

import msgpack

HERE = os.path.dirname(os.path.abspath(__file__))
LIB_DIR = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "python", "oxyde", "_native", "lib"))

lib = ctypes.CDLL(os.path.join(LIB_DIR, "liboxyde.so"))
u8p = ctypes.POINTER(ctypes.c_uint8)
CALL = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(u8p), ctypes.POINTER(ctypes.c_size_t)]
lib.oxyde_abi_version.restype = ctypes.c_int32
lib.oxyde_runtime_new.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
lib.oxyde_runtime_free.argtypes = [ctypes.c_void_p]
lib.oxyde_buffer_free.argtypes = [u8p]
lib.oxyde_buffer_free.restype = None
for name in ("pool_open", "pool_close", "execute", "render_sql", "tx_begin", "tx_commit", "tx_rollback"):
    getattr(lib, "oxyde_" + name).argtypes = CALL
lib.oxyde_submit.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_uint64)]
lib.oxyde_execute_or_submit.argtypes = CALL + [ctypes.POINTER(ctypes.c_uint64)]
lib.oxyde_completion_fd.argtypes = [ctypes.c_void_p]
lib.oxyde_completion_drain.argtypes = [ctypes.c_void_p, ctypes.POINTER(u8p), ctypes.POINTER(ctypes.c_size_t)]


def check(label: str, ok: bool, detail: object = "") -> None:
    print(("ok   " if ok else "FAIL ") + label + (f": {detail}" if detail != "" else ""))
    if not ok:
        sys.exit(1)


def take(out: u8p, out_len: ctypes.c_size_t) -> object:
    data = ctypes.string_at(out, out_len.value)
    lib.oxyde_buffer_free(out)
    return msgpack.unpackb(data, raw=False)


def call(rt: ctypes.c_void_p, verb: str, request: dict) -> tuple[int, object]:
    payload = msgpack.packb(request, use_bin_type=True)
    out, out_len = u8p(), ctypes.c_size_t()
    status = getattr(lib, "oxyde_" + verb)(rt, payload, len(payload), ctypes.byref(out), ctypes.byref(out_len))
    return status, take(out, out_len)


os.chdir("/")  # the library must find libe_sqlite3.so beside itself, not in the working directory
check("abi version", lib.oxyde_abi_version() == 1)
rt = ctypes.c_void_p()
check("runtime_new", lib.oxyde_runtime_new(ctypes.byref(rt)) == 0 and bool(rt.value))
check("pool_open sqlite::memory:", call(rt, "pool_open", {"name": "default", "url": "sqlite::memory:", "settings": {}})[0] == 0)
raw = {"proto": 1, "type": "raw", "sql": "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)", "params": []}
check("create table", call(rt, "execute", {"pool": "default", "tx": None, "ir": raw}) == (0, {"affected": 0, "columns": [], "rows": []}))
insert = {"proto": 1, "type": "insert", "table": "t", "columns": ["name"], "rows": [["ada"], ["linus"]],
          "returning": ["id", "name"], "column_types": {"id": {"kind": "int64"}, "name": {"kind": "text"}}}
status, result = call(rt, "execute", {"pool": "default", "ir": insert})
check("insert returning", status == 0 and result == {"affected": 2, "columns": ["id", "name"], "rows": [[1, "ada"], [2, "linus"]]}, result)
sel = {"proto": 1, "type": "select", "table": "t", "columns": ["id", "name"], "column_types": {"id": {"kind": "int64"}},
       "filter_tree": {"type": "condition", "field": "name", "op": "eq", "value": "linus"}}
status, result = call(rt, "execute", {"pool": "default", "ir": sel})
check("select", status == 0 and result == {"columns": ["id", "name"], "rows": [[2, "linus"]]}, result)
status, result = call(rt, "execute", {"pool": "default", "ir": {"proto": 1, "type": "raw", "sql": "SELECT sqlite_version()", "params": []}})
check("bundled sqlite", status == 0, result["rows"][0][0] if status == 0 else result)
status, result = call(rt, "execute", {"pool": "nope", "ir": sel})
check("error envelope", status == 1 and result["name"] == "pool_not_found", result)
out, out_len = u8p(), ctypes.c_size_t()
status = lib.oxyde_execute(rt, b"\xc1garbage", 8, ctypes.byref(out), ctypes.byref(out_len))
check("garbage bytes", status == 1 and take(out, out_len)["code"] in (10, 11, 12, 13, 14))

fd = lib.oxyde_completion_fd(rt)
check("completion fd", fd >= 0, fd)
tickets = []
for _ in range(3):
    payload = msgpack.packb({"pool": "default", "ir": sel})
    ticket = ctypes.c_uint64()
    check("submit", lib.oxyde_submit(rt, 3, payload, len(payload), ctypes.byref(ticket)) == 0)
    tickets.append(ticket.value)
done: dict[int, object] = {}
while len(done) < len(tickets):
    readable, _, _ = select.select([fd], [], [], 5)
    check("eventfd readable", bool(readable))
    os.read(fd, 8)
    out, out_len = u8p(), ctypes.c_size_t()
    check("drain", lib.oxyde_completion_drain(rt, ctypes.byref(out), ctypes.byref(out_len)) == 0)
    for ticket, status, result in take(out, out_len):
        done[ticket] = (status, result)
check("async tickets", sorted(done) == sorted(tickets) and all(s == 0 for s, _ in done.values()), done)
payload = msgpack.packb({"pool": "default", "ir": sel})
out, out_len, ticket = u8p(), ctypes.c_size_t(), ctypes.c_uint64()
status = lib.oxyde_execute_or_submit(rt, payload, len(payload), ctypes.byref(out), ctypes.byref(out_len), ctypes.byref(ticket))
if out:  # answered on this thread
    check("execute_or_submit inline", status == 0 and ticket.value == 0 and take(out, out_len)["rows"] == [[2, "linus"]])
else:  # the machine preempted it past the inline budget: a ticket instead
    check("execute_or_submit ticket", status == 0 and ticket.value > 0)
check("runtime_free", lib.oxyde_runtime_free(rt) == 0)
print("smoke: all checks passed")
