"""Referral and partner words: where a customer-to-customer referral stands, what kind
of business a partner is, and which way a customer went between us and a partner.

Labels: ``vocab.referral_status.<code>``, ``vocab.partner_kind.<code>``,
``vocab.partner_direction.<code>`` (dealerdesk/i18n/catalog_referrals.py). The moves
between statuses are a domain rule: dealerdesk/services/referral_rules.py.
"""

from __future__ import annotations

from enum import StrEnum


class ReferralStatus(StrEnum):
    """referred → bought or serviced → rewarded; lost when the friend never came."""

    REFERRED = "referred"
    BOUGHT = "bought"
    SERVICED = "serviced"
    REWARDED = "rewarded"
    LOST = "lost"


class PartnerKind(StrEnum):
    """What kind of business a partner is (the seeds' insurer, car wash, tyre shop…)."""

    INSURER = "insurer"
    CAR_WASH = "car_wash"
    TYRE_SHOP = "tyre_shop"
    DRIVING_SCHOOL = "driving_school"
    CLUB = "club"
    OTHER = "other"


class PartnerDirection(StrEnum):
    """A customer the partner sent us, or one of ours we sent to the partner."""

    FROM_PARTNER = "from_partner"
    TO_PARTNER = "to_partner"


# A referral that brought the friend in: counted as converted in the figures.
CONVERTED = frozenset({ReferralStatus.BOUGHT, ReferralStatus.SERVICED, ReferralStatus.REWARDED})
