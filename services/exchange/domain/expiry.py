"""When FOOD credits expire, and how much.

Credits from each allocation last the network's ``credit_lifetime_days``.
A household spends its oldest credits first, so on a given day what has
expired and is still unspent is: what was allocated with an expiry up to
that day, minus everything the household has used so far (spent, expired
before, or given back), never more than its balance.
"""

from __future__ import annotations


def expired_unspent(allocated_expiring: int, used: int, balance: int) -> int:
    """Credits of allocations expired by now that the household has not used."""
    return max(0, min(allocated_expiring - used, balance))
