"""Per-thread objects of the native calls: a packer and the ctypes out-parameters."""

from __future__ import annotations

import ctypes
from typing import Any

import msgpack

from oxyde._native._wire import wire_default

__all__ = ["ThreadSlots"]


class ThreadSlots:
    """Per-thread packer and out-parameters, so the sync path allocates nothing but the request.

    A plain object reached through one ``threading.local`` attribute: every attribute read on a
    ``threading.local`` subclass goes through the thread's dict (~30 ns more each).
    """

    __slots__ = ("packer", "out", "out_len", "p_out", "p_out_len", "ticket", "p_ticket", "poll")

    def __init__(self) -> None:
        self.packer = msgpack.Packer(use_bin_type=True, default=wire_default)
        self.out = ctypes.c_void_p()
        self.out_len = ctypes.c_size_t()
        self.p_out = ctypes.pointer(self.out)
        self.p_out_len = ctypes.pointer(self.out_len)
        self.ticket = ctypes.c_uint64()
        self.p_ticket = ctypes.pointer(self.ticket)
        self.poll: Any = None  # select.poll() on the completion fd, made on first use
