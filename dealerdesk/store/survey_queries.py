"""Loyalty surveys as the practices read them: one customer's over time, NPS answers of
a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dealerdesk.store.convert import to_date
from dealerdesk.store.db import database


@dataclass(frozen=True, slots=True)
class SurveyAnswers:
    id: int
    customer_id: int
    day: date
    kind: str
    satisfaction: int | None
    initiative: int | None
    repurchase: int | None
    recommend_1_5: int | None
    resistance: int | None
    nps: int | None
    comment: str


_COLUMNS = ("id, customer_id, date, kind, satisfaction, initiative, repurchase, recommend,"
            " resistance, nps, comment")  # fmt: skip


def _row(r: tuple[object, ...]) -> SurveyAnswers:
    return SurveyAnswers(int(r[0]), int(r[1]), to_date(r[2]), str(r[3]), *r[4:10],  # type: ignore[arg-type, call-overload, call-arg]
                         str(r[10] or ""))  # fmt: skip


def surveys_of(customer_id: int) -> list[SurveyAnswers]:
    """Oldest first."""
    sql = f"SELECT {_COLUMNS} FROM survey WHERE customer_id = ? ORDER BY date, id"
    return [_row(r) for r in database.execute_sql(sql, [customer_id])]


def nps_answers(start: date, end: date) -> list[int]:
    """Every 0–10 answer given from *start* to *end*, both days included."""
    sql = "SELECT nps FROM survey WHERE nps IS NOT NULL AND date >= ? AND date <= ?"
    return [int(r[0]) for r in database.execute_sql(sql, [start.isoformat(), end.isoformat()])]
