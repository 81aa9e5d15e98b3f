"""Win-back use cases: the list of lost and lapsed customers with their tries, the reason
a customer gives for leaving, a customer won back, and "why customers leave".

The tries are the win-back follow-ups the planner makes (rule ``winback``: at most
``limit_days`` = 4 tries, 30 days apart); a try counts once the follow-up is worked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import render
from dealerdesk.retention.cadence import CadenceConfig
from dealerdesk.retention.winback import ReasonCount, TryState, breakdown, try_state
from dealerdesk.services import followups
from dealerdesk.services.aftercare import settle
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import winback_queries as q
from dealerdesk.store.db import write_transaction
from dealerdesk.store.winback_queries import WinbackRow

__all__ = ["ReasonCount", "WinbackItem", "mark_won_back", "reasons", "record_reason",
           "winback_list"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class WinbackItem:
    row: WinbackRow
    tries: TryState
    words: str  # "Try 2 of 4" / "LAST try (4 of 4): …" in the current language

    @property
    def lapsed(self) -> bool:
        return self.row.status != "lost"


def try_limit() -> int:
    rule = next(r for r in followups.cadence_rules() if r.key == "winback")
    return rule.limit_days or 4


def winback_list(*, today: date) -> list[WinbackItem]:
    """Lost customers (latest first), then lapsed ones (no visit for 12 months)."""
    limit = try_limit()
    lapsed_before = today - timedelta(days=CadenceConfig().lapsed_after_days)
    out = []
    for r in q.winback_rows(lapsed_before=lapsed_before):
        state = try_state(r.tries, limit)
        out.append(WinbackItem(r, state, render(state.words())))
    return out


def reasons(start: date, end: date) -> list[ReasonCount]:
    """Why customers who left from *start* to *end* left, most frequent first."""
    if end < start:
        raise ValidationError("to", f"{end.isoformat()} is before {start.isoformat()}")
    return breakdown(q.lost_categories(start, end))


def record_reason(
    customer_id: int, *, category: str, text: str = "", on: date, today: date,
    staff_id: int | None = None,
) -> Changed:  # fmt: skip
    with write_transaction():
        q.record_reason(customer_id, category=category, text=text, on=on, today=today,
                        staff_id=staff_id)  # fmt: skip
        return settle(changed("customer", customers=(customer_id,)), today=today)


def mark_won_back(
    customer_id: int, *, on: date, today: date, staff_id: int | None = None
) -> Changed:
    with write_transaction():
        q.won_back(customer_id, on=on, today=today, staff_id=staff_id)
        return settle(changed("customer", customers=(customer_id,)), today=today)
