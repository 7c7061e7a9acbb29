"""Forged runtime handles get status 2, never a crash (issue 12, defect 9; docs/native-abi.md).

The calls run in a child interpreter, so an access violation shows up as a failed test instead of
taking pytest down with it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from ._native import LIBRARY, require_native

require_native()

SCRIPT = r"""
import ctypes, json, random, sys
import msgpack
from ctypes import POINTER, byref, c_size_t, c_uint64, c_void_p
from oxyde._native._ffi import STATELESS_VERBS, VERB_NUMBERS, load_library

lib = load_library(sys.argv[1])
rng = random.Random(12)
MASK = (1 << 64) - 1

def new_runtime():
    handle = c_void_p()
    assert lib.oxyde_runtime_new(byref(handle)) == 0
    return handle.value

live = new_runtime()
freed = new_runtime()
assert lib.oxyde_runtime_free(freed) == 0

memory = ctypes.create_string_buffer(bytes(rng.getrandbits(8) for _ in range(4096)))
words = (ctypes.c_uint64 * 4)(live, live, live, live)
forged = [
    freed,
    live + 1,
    live - 1,
    live ^ (1 << 40),
    (live & 0xFFFFFFFF) | (rng.getrandbits(32) << 32),
    live & 0xFFFFFFFF,
    ctypes.addressof(memory),
    ctypes.addressof(memory) + 8,
    ctypes.addressof(words),
    id(memory),
    id(None),
    MASK,
    1 << 63,
    *(rng.getrandbits(64) for _ in range(200)),
    *(rng.getrandbits(32) for _ in range(50)),
]
forged = [h for h in forged if h not in (0, live)]
request = msgpack.packb({"pool": "p", "name": "p", "url": "sqlite::memory:", "tx": 1, "ir": {}})
calls = 0

def expect(status, what, handle):
    global calls
    calls += 1
    if status != 2:
        raise SystemExit(f"{what} with handle {handle:#x} returned status {status}")

def envelope(out, size, what):
    if not out.value:
        raise SystemExit(f"{what}: no error envelope")
    data = ctypes.string_at(out.value, size.value)
    lib.oxyde_buffer_free(out.value)
    env = msgpack.unpackb(data)
    if not isinstance(env, dict) or not env.get("message"):
        raise SystemExit(f"{what}: not an error envelope: {env!r}")

for handle in forged:
    for symbol in [*(sym for sym, _ in VERB_NUMBERS.values()), *STATELESS_VERBS.values()]:
        out, size = c_void_p(), c_size_t()
        expect(getattr(lib, symbol)(handle, request, len(request), byref(out), byref(size)), symbol, handle)
        envelope(out, size, symbol)
    out, size, ticket = c_void_p(), c_size_t(), c_uint64()
    expect(lib.oxyde_execute_or_submit(handle, request, len(request), byref(out), byref(size), byref(ticket)), "execute_or_submit", handle)
    envelope(out, size, "execute_or_submit")
    out, size = c_void_p(), c_size_t()
    expect(lib.oxyde_completion_drain(handle, byref(out), byref(size)), "completion_drain", handle)
    envelope(out, size, "completion_drain")
    for verb in range(1, 11):
        expect(lib.oxyde_submit(handle, verb, request, len(request), byref(ticket)), "submit", handle)
    fd = lib.oxyde_completion_fd(handle)
    if fd != -1:
        raise SystemExit(f"completion_fd with handle {handle:#x} returned {fd}")
    expect(lib.oxyde_runtime_free(handle), "runtime_free", handle)

# The live runtime is untouched by all of it.
out, size = c_void_p(), c_size_t()
assert lib.oxyde_pool_open(live, request, len(request), byref(out), byref(size)) == 0
lib.oxyde_buffer_free(out.value)
assert lib.oxyde_runtime_free(live) == 0
expect(lib.oxyde_runtime_free(live), "runtime_free twice", live)
print(json.dumps({"handles": len(forged), "calls": calls}))
"""


def test_forged_handles_get_status_2_on_every_export() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(LIBRARY)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"exit {done.returncode}: {done.stdout}{done.stderr}"
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["handles"] > 250
