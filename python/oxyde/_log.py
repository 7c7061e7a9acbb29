"""Debug logging switched on by ``OXYDE_LOG=debug`` (logger ``"oxyde"``).

Callers test :data:`ENABLED` (read once at import) before building any message, so logging costs
one global lookup when it is off. The engine logs SQL itself, to stderr.
"""

from __future__ import annotations

import logging
import os
import sys

__all__ = ["ENABLED", "logger", "set_enabled"]

logger = logging.getLogger("oxyde")

ENABLED: bool = os.environ.get("OXYDE_LOG", "").strip().lower() == "debug"


def set_enabled(enabled: bool) -> None:
    """Turn query logging on or off at run time (tests, REPL sessions)."""
    global ENABLED
    ENABLED = enabled
    if enabled:
        logger.setLevel(logging.DEBUG)
        if not logger.handlers and not logging.getLogger().handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s oxyde %(message)s"))
            logger.addHandler(handler)


if ENABLED:
    set_enabled(True)
