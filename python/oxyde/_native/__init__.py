"""The bridge to the .NET engine (``liboxyde.so``): the ``Core`` seam and its ctypes binding."""

from __future__ import annotations

from oxyde._native.core import Core, NativeCore, get_core, set_core

__all__ = ["Core", "NativeCore", "get_core", "set_core"]
