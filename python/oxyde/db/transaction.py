"""Transactions (``from oxyde.db import transaction``; ``transaction.atomic()``)."""

from __future__ import annotations

from oxyde.db._atomic import Atomic, atomic
from oxyde.db._transaction import ISOLATION_LEVELS, AsyncTransaction, get_active_transaction
from oxyde.exceptions import TransactionTimeoutError

#: Oxyde's name for the object ``atomic()`` returns.
AtomicTransactionContext = Atomic

__all__ = [
    "ISOLATION_LEVELS",
    "AsyncTransaction",
    "Atomic",
    "AtomicTransactionContext",
    "TransactionTimeoutError",
    "atomic",
    "get_active_transaction",
]
