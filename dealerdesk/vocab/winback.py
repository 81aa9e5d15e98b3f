"""Why a customer left, as the win-back call records it (DESIGN: "ask people who left why").

Labels: ``vocab.lost_reason.<code>``.
"""

from __future__ import annotations

from enum import StrEnum


class LostReason(StrEnum):
    PRICE = "price"
    SERVICE_QUALITY = "service_quality"
    DISTANCE = "distance"
    MOVED_AWAY = "moved_away"
    OTHER_BRAND = "other_brand"
    COMPLAINT_UNRESOLVED = "complaint_unresolved"
    SOLD_CAR = "sold_car"
    WAITING_TIME = "waiting_time"
    OTHER = "other"
