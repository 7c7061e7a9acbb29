"""ctypes binding of ``liboxyde.so``: one table of signatures (docs/native-abi.md).

Nothing here knows MessagePack or the verbs' meaning; :mod:`oxyde._native.core` builds on it.
The library is found at ``oxyde/_native/lib/liboxyde.so`` unless ``OXYDE_LIB`` names another file.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import POINTER, c_char_p, c_int32, c_size_t, c_uint64, c_void_p
from pathlib import Path
from typing import Any

__all__ = [
    "ABI_VERSION",
    "CALL_VERBS",
    "SIGNATURES",
    "VERB_NUMBERS",
    "NativeLibraryError",
    "default_library_path",
    "load_library",
]

#: The ABI this binding speaks; the library must report the same from ``oxyde_abi_version``.
ABI_VERSION = 3

_LIB_DIR = Path(__file__).resolve().parent / "lib"
_LIB_NAME = "liboxyde.so"

# int32 oxyde_<verb>(intptr rt, const uint8* req, nuint len, uint8** out, nuint* out_len)
_CALL_SHAPE: tuple[Any, list[Any]] = (
    c_int32,
    [c_void_p, c_char_p, c_size_t, POINTER(c_void_p), POINTER(c_size_t)],
)

#: Verb name -> (exported symbol, number for ``oxyde_submit``).
VERB_NUMBERS: dict[str, tuple[str, int]] = {
    "pool_open": ("oxyde_pool_open", 1),
    "pool_close": ("oxyde_pool_close", 2),
    "execute": ("oxyde_execute", 3),
    "render_sql": ("oxyde_render_sql", 4),
    "tx_begin": ("oxyde_tx_begin", 5),
    "tx_commit": ("oxyde_tx_commit", 6),
    "tx_rollback": ("oxyde_tx_rollback", 7),
    "tx_savepoint": ("oxyde_tx_savepoint", 8),
    "tx_release": ("oxyde_tx_release", 9),
    "tx_rollback_to": ("oxyde_tx_rollback_to", 10),
    "cursor_open": ("oxyde_cursor_open", 11),
    "cursor_fetch": ("oxyde_cursor_fetch", 12),
    "cursor_close": ("oxyde_cursor_close", 13),
}

#: Verbs that only compute (no database, no ticket): verb name -> exported symbol. Call shape, sync only.
STATELESS_VERBS: dict[str, str] = {
    "migration_diff": "oxyde_migration_diff",
    "migration_sql": "oxyde_migration_sql",
}

#: The verbs, in submit-number order.
CALL_VERBS: tuple[str, ...] = tuple(VERB_NUMBERS)

#: Every exported symbol: name -> (restype, argtypes).
SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "oxyde_abi_version": (c_int32, []),
    "oxyde_buffer_free": (None, [c_void_p]),
    "oxyde_runtime_new": (c_int32, [POINTER(c_void_p)]),
    "oxyde_runtime_free": (c_int32, [c_void_p]),
    **{symbol: _CALL_SHAPE for symbol, _ in VERB_NUMBERS.values()},
    **{symbol: _CALL_SHAPE for symbol in STATELESS_VERBS.values()},
    "oxyde_submit": (c_int32, [c_void_p, c_int32, c_char_p, c_size_t, POINTER(c_uint64)]),
    "oxyde_execute_or_submit": (
        c_int32,
        [c_void_p, c_char_p, c_size_t, POINTER(c_void_p), POINTER(c_size_t), POINTER(c_uint64)],
    ),
    "oxyde_cancel": (c_int32, [c_void_p, c_uint64]),
    "oxyde_completion_fd": (c_int32, [c_void_p]),
    "oxyde_completion_drain": (c_int32, [c_void_p, POINTER(c_void_p), POINTER(c_size_t)]),
}


class NativeLibraryError(ImportError):
    """``liboxyde.so`` is missing, incomplete or speaks another ABI version."""


def default_library_path() -> Path:
    """``$OXYDE_LIB`` when set, else ``oxyde/_native/lib/liboxyde.so``."""
    override = os.environ.get("OXYDE_LIB")
    return Path(override) if override else _LIB_DIR / _LIB_NAME


def load_library(path: str | os.PathLike[str] | None = None) -> ctypes.CDLL:
    """Load liboxyde, bind every symbol of :data:`SIGNATURES` and check the ABI version.

    Its directory goes to ``OXYDE_NATIVE_DIR`` (unless set), where the engine's resolver looks for
    ``libe_sqlite3.so``. The SQLite library is not preloaded globally: its ``sqlite3_*`` symbols
    would clash with the system ``libsqlite3`` that Python's own ``sqlite3`` module uses.
    """
    lib_path = Path(path) if path is not None else default_library_path()
    if not lib_path.is_file():
        raise NativeLibraryError(
            f"liboxyde not found at {lib_path}; build it with scripts/build-native.sh "
            "or point OXYDE_LIB at it"
        )
    native_dir = lib_path.resolve().parent
    os.environ.setdefault("OXYDE_NATIVE_DIR", str(native_dir))
    try:
        lib = ctypes.CDLL(str(lib_path))
    except OSError as exc:
        raise NativeLibraryError(f"cannot load {lib_path}: {exc}") from exc
    for symbol, (restype, argtypes) in SIGNATURES.items():
        try:
            fn = getattr(lib, symbol)
        except AttributeError as exc:
            raise NativeLibraryError(f"{lib_path} does not export {symbol}") from exc
        fn.restype = restype
        fn.argtypes = argtypes
    version = lib.oxyde_abi_version()
    if version != ABI_VERSION:
        raise NativeLibraryError(
            f"{lib_path} speaks ABI version {version}; this package needs {ABI_VERSION}"
        )
    return lib
