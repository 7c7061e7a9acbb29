"""Oxyde's module path for the named-connection registry (implemented in ``oxyde.db._registry``).

``_CONNECTIONS`` is the registry's own dict (Oxyde's tests clear it between tests).
"""

from __future__ import annotations

from oxyde.db._registry import _CONNECTIONS as _CONNECTIONS
from oxyde.db._registry import (
    ConnectionNotRegisteredError,
    disconnect_all,
    disconnect_all_sync,
    get_connection,
    get_connection_sync,
    register_connection,
    registered_connections,
    unregister_connection,
)

__all__ = [
    "ConnectionNotRegisteredError",
    "disconnect_all",
    "disconnect_all_sync",
    "get_connection",
    "get_connection_sync",
    "register_connection",
    "registered_connections",
    "unregister_connection",
]
