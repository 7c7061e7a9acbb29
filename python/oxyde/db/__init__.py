"""Connections, transactions and schema helpers (``from oxyde import db``).

``await db.init(default="sqlite://app.db")`` opens named pools; queries pick one with ``using=``
(default ``"default"``) and join the enclosing ``transaction.atomic()`` block. Every coroutine has a
``_sync`` twin that runs on the caller's thread.
"""

from __future__ import annotations

from oxyde.db import transaction
from oxyde.db._database import AsyncDatabase
from oxyde.db._lifecycle import close, close_sync, connect, connect_sync, init, init_sync, lifespan
from oxyde.db._raw import execute_raw, execute_raw_sync, execute_script, execute_script_sync
from oxyde.db._registry import (
    ConnectionNotRegisteredError,
    disconnect_all,
    disconnect_all_sync,
    get_connection,
    get_connection_sync,
    register_connection,
    unregister_connection,
)
from oxyde.db._settings import PoolSettings
from oxyde.db.schema import create_tables, create_tables_sync, drop_tables, drop_tables_sync
from oxyde.db.transaction import (
    AsyncTransaction,
    TransactionTimeoutError,
    atomic,
    get_active_transaction,
)

__all__ = [
    "AsyncDatabase",
    "AsyncTransaction",
    "ConnectionNotRegisteredError",
    "PoolSettings",
    "TransactionTimeoutError",
    "atomic",
    "close",
    "close_sync",
    "connect",
    "connect_sync",
    "create_tables",
    "create_tables_sync",
    "disconnect_all",
    "disconnect_all_sync",
    "drop_tables",
    "drop_tables_sync",
    "execute_raw",
    "execute_raw_sync",
    "execute_script",
    "execute_script_sync",
    "get_active_transaction",
    "get_connection",
    "get_connection_sync",
    "init",
    "init_sync",
    "lifespan",
    "register_connection",
    "transaction",
    "unregister_connection",
]
