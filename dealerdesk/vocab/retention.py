"""The computed words of the retention desk: lifecycle stage, value tier, segment, risk band.

Each list is defined here once; the store writes these codes into the score cache, the
services and screens read them, and the labels come from ``vocab.<list>.<code>``. They
are chosen so that no two lists say contradictory things about one customer:

* ``LifecycleStage`` says where the relationship is, from the visit rhythm (a staff
  ``CustomerStatus`` of lost/moved/deceased makes it ``gone``);
* ``RiskBand`` says how likely the customer is to stay away over the next year (from the
  fitted score); customers already gone have the band ``gone``, not a low risk;
* ``ValueTier`` says what they are worth (24-month spend, the 80/20 cut);
* ``Segment`` says how they behave (RFM). The classic RFM names that clashed with the
  other lists ("At risk", "Lost", "Can't lose them") are renamed ("Fading", "Dormant",
  "Quiet big spenders") so a segment never reads like a risk band or a status.
"""

from __future__ import annotations

from enum import StrEnum


class LifecycleStage(StrEnum):
    PROSPECT = "prospect"
    NEW = "new"
    ACTIVE = "active"
    LAPSING = "lapsing"  # overdue against their own rhythm
    LAPSED = "lapsed"
    GONE = "gone"  # no visit for three years, or marked lost / moved / deceased


class RiskBand(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    GONE = "gone"  # already gone: win-back, not prevention
    NONE = "none"  # a prospect, never seen: nothing to lose yet


class ValueTier(StrEnum):
    # Codes kept as first stored (campaign audiences name them: {"tiers": ["VIP"]}).
    VIP = "VIP"
    GOLD = "Gold"
    STANDARD = "Standard"


class Segment(StrEnum):
    CHAMPIONS = "champions"
    LOYAL = "loyal"
    PROMISING = "promising"
    FADING = "fading"
    QUIET_BIG_SPENDERS = "quiet_big_spenders"
    HIBERNATING = "hibernating"
    DORMANT = "dormant"
    PROSPECT = "prospect"


# Bands a desk acts on, most urgent first (Today and the at-risk PDF list these).
ACTIONABLE_BANDS = (RiskBand.HIGH, RiskBand.MEDIUM)
