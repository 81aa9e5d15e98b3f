"""Complaint words: what it is about, how serious, where it stands.

Labels: ``vocab.complaint_category.<code>``, ``vocab.complaint_severity.<code>``,
``vocab.complaint_status.<code>`` (dealerdesk/i18n/catalog_vocab_practices.py).
"""

from __future__ import annotations

from enum import StrEnum


class ComplaintCategory(StrEnum):
    SERVICE = "service"
    QUALITY = "quality"
    WAITING = "waiting"
    BILLING = "billing"
    PARTS = "parts"
    STAFF = "staff"
    SALES = "sales"
    OTHER = "other"


class ComplaintSeverity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ComplaintStatus(StrEnum):
    """open → responded → resolved → closed (closing records the customer's satisfaction)."""

    OPEN = "open"
    RESPONDED = "responded"
    RESOLVED = "resolved"
    CLOSED = "closed"


# Still the desk's to handle: the follow-up planner and the risk score count these.
UNRESOLVED = frozenset({ComplaintStatus.OPEN, ComplaintStatus.RESPONDED})
