"""Words of a 4S store's after-sales desk (issue #16): contact types, pauses, policies.

A pause or a close is kept per vehicle and per contact type, so "insured elsewhere"
stops the renewal calls of one car and nothing else; ``ALL`` covers every type (a sold
car). Labels: ``vocab.contact_type.<code>``, ``vocab.pause_state.<code>``,
``vocab.policy_kind.<code>``.
"""

from __future__ import annotations

from enum import StrEnum


class ContactType(StrEnum):
    """What a vehicle's follow-up is about; each cadence rule about a car has one."""

    SERVICE = "service"  # maintenance, first service, declined work, satisfaction call
    INSURANCE = "insurance"  # 续保 renewal calls
    INSPECTION = "inspection"  # 年检
    WARRANTY = "warranty"
    SALES = "sales"  # thanks, check-in, anniversaries, trade-in
    ALL = "all"


class PauseState(StrEnum):
    """``PAUSED`` until a date (or cleared by a person); ``CLOSED`` for good (car sold)."""

    PAUSED = "paused"
    CLOSED = "closed"


class PolicyKind(StrEnum):
    """The insurance a renewal is about: compulsory 交强险, commercial 商业险, or both."""

    COMPULSORY = "compulsory"
    COMMERCIAL = "commercial"
    BOTH = "both"
