"""Where a customer stands on the books, as the staff record it.

``CustomerStatus`` is what a person at the desk sets (someone told us they moved, or
asked not to be called again); it is not computed. The computed words — lifecycle stage,
value tier, RFM segment, risk band — live in :mod:`dealerdesk.vocab.retention` and are
named so that none of them repeats a status word with another meaning.
"""

from __future__ import annotations

from enum import StrEnum


class CustomerStatus(StrEnum):
    ACTIVE = "active"  # shown as "On the books": the status says nothing about recency
    LOST = "lost"  # staff marked the customer lost (with a reason)
    MOVED = "moved"
    DECEASED = "deceased"


# Statuses that end retention work whatever the arithmetic says.
GONE_STATUSES = frozenset({CustomerStatus.LOST, CustomerStatus.MOVED, CustomerStatus.DECEASED})
