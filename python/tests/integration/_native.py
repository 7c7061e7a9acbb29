"""Shared by the integration modules: skip (with the path) when liboxyde.so is not built."""

from __future__ import annotations

import pytest

from oxyde._native._ffi import default_library_path

LIBRARY = default_library_path()


def require_native() -> None:
    """Skip the calling module when the native library is missing."""
    if not LIBRARY.is_file():
        pytest.skip(
            f"liboxyde.so not built at {LIBRARY} (run scripts/build-native.sh or set OXYDE_LIB)",
            allow_module_level=True,
        )
