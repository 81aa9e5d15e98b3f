"""The five-factor loyalty survey: record one, a customer's loyalty trend, NPS of a period.

The loyalty index formula is in ``dealerdesk.retention.loyalty``. The form's
"willingness to recommend" is the 0–10 NPS question, stored in ``survey.nps``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import Msg
from dealerdesk.retention.loyalty import NPSResult, TrendPoint, loyalty_index, nps, trend_words
from dealerdesk.services import customers
from dealerdesk.services.changes import Changed
from dealerdesk.store import survey_queries as q

__all__ = ["FACTORS", "LoyaltyTrend", "NPSResult", "customer_trend", "nps_for", "record_survey"]

# (field, lowest, highest) in the order the form asks them.
FACTORS: tuple[tuple[str, int, int], ...] = (
    ("satisfaction", 1, 5),
    ("initiative", 1, 5),
    ("repurchase", 1, 5),
    ("recommend", 0, 10),
    ("resistance", 1, 5),
)


def record_survey(customer_id: int, answers: Mapping[str, Any], *, today: date) -> Changed:
    """Store the five answers (None: not answered), kind, date and comment.

    ``recommend`` is the 0–10 answer; at least three factors must be answered so the
    survey yields a loyalty index.
    """
    given = {k: answers.get(k) for k, _lo, _hi in FACTORS}
    if sum(v is not None for v in given.values()) < 3:
        raise ValidationError("satisfaction", "answer at least three of the five questions")
    fields = {k: v for k, v in given.items() if k != "recommend"}
    fields["nps"] = given["recommend"]
    for key in ("kind", "date", "comment"):
        if key in answers:
            fields[key] = answers[key]
    return customers.record_survey(customer_id, fields, today=today)


def _index(s: q.SurveyAnswers) -> int | None:
    return loyalty_index(satisfaction=s.satisfaction, initiative=s.initiative,
                         repurchase=s.repurchase, recommend=s.nps, resistance=s.resistance,
                         recommend_1_5=s.recommend_1_5)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LoyaltyTrend:
    points: tuple[TrendPoint, ...]
    words: Msg | None


def customer_trend(customer_id: int) -> LoyaltyTrend:
    points = tuple(TrendPoint(s.day, _index(s), s.nps) for s in q.surveys_of(customer_id))
    return LoyaltyTrend(points, trend_words(points))


def nps_for(start: date, end: date) -> NPSResult:
    """NPS of the answers given from *start* to *end* inclusive."""
    if end < start:
        raise ValidationError("to", f"{end.isoformat()} is before {start.isoformat()}")
    return nps(q.nps_answers(start, end))
