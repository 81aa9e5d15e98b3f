"""Campaign words: the kind of campaign, and why a customer is left out of its audience.

Labels: ``vocab.campaign_kind.<code>``, ``vocab.exclusion.<code>``.
"""

from __future__ import annotations

from enum import StrEnum


class CampaignKind(StrEnum):
    NEW_MODEL = "new_model"
    PROMOTION = "promotion"
    TRAINER_VISIT = "trainer_visit"
    CLUB_EVENT = "club_event"


class Exclusion(StrEnum):
    """Why a matching customer gets no invitation (checked in this order)."""

    DO_NOT_CONTACT = "do_not_contact"
    NO_CONSENT = "no_consent"
    FATIGUE = "fatigue"
