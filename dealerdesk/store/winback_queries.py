"""The win-back list, the reasons customers gave for leaving, and the two win-back writes
(a reason recorded, a customer won back)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.store.convert import to_date
from dealerdesk.store.db import database
from dealerdesk.store.models import AuditLog, Customer
from dealerdesk.store.validation import validate_choice, validate_date, validate_text
from dealerdesk.vocab.winback import LostReason


@dataclass(frozen=True, slots=True)
class WinbackRow:
    customer_id: int
    name: str
    phone: str
    status: str  # lost | active (then lapsed)
    lost_on: date | None
    lost_category: str
    lost_reason: str
    last_visit: date | None
    tries: int  # win-back follow-ups already worked (done or skipped)
    next_due: date | None  # the pending win-back call, if any
    owner: str


# Lost customers, and active ones with no visit (or, never having visited, created)
# before the lapse day (and not won back since): the people the planner gives win-back calls.
# Every subquery goes through the customer's own rows (a plain "status = 'pending'" made
# SQLite walk every pending follow-up for each customer: minutes at 100k).
_LIST = """
SELECT c.id, c.name, c.phone, c.status, c.lost_on, c.lost_category, c.lost_reason,
       (SELECT max(v.date) FROM visit v WHERE v.customer_id = c.id),
       (SELECT count(*) FROM followup f WHERE f.customer_id = c.id AND f.rule = 'winback'
          AND f.status <> 'pending'),
       (SELECT min(CASE WHEN f.status = 'pending' THEN f.due END) FROM followup f
          WHERE f.customer_id = c.id AND f.rule = 'winback'),
       s.name
FROM customer c
LEFT JOIN staff s ON s.id = c.owner_id
WHERE c.archived = 0 AND (c.status = 'lost' OR (c.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = c.id AND v.date >= ?)
      AND substr(c.created_at, 1, 10) < ?
      AND (c.won_back_on IS NULL OR c.won_back_on < ?)))
"""


def winback_rows(*, lapsed_before: date) -> list[WinbackRow]:
    """Lost customers (latest first), then lapsed ones (most recent visit first)."""
    rows = [
        WinbackRow(
            int(r[0]),
            str(r[1]),
            str(r[2] or ""),
            str(r[3]),
            to_date(r[4]),
            str(r[5] or ""),
            str(r[6] or ""),
            to_date(r[7]),
            int(r[8]),
            to_date(r[9]),
            str(r[10] or ""),
        )
        for r in database.execute_sql(_LIST, [lapsed_before.isoformat()] * 3)
    ]
    rows.sort(key=lambda w: (w.status != "lost",
                             -((w.lost_on if w.status == "lost" else w.last_visit)
                               or date.min).toordinal(), w.customer_id))  # fmt: skip
    return rows


def lost_categories(start: date, end: date) -> list[str | None]:
    """The reason code of every customer who left from *start* to *end* (both included),
    won back since or not: they did leave."""
    sql = "SELECT lost_category FROM customer WHERE lost_on >= ? AND lost_on <= ?"
    return [r[0] for r in database.execute_sql(sql, [start.isoformat(), end.isoformat()])]


def record_reason(
    customer_id: int, *, category: str, text: str, on: date, today: date,
    staff_id: int | None = None,
) -> None:  # fmt: skip
    """The customer left (or said why they left): status lost, with the reason."""
    c = _customer(customer_id)
    values = {
        "lost_category": validate_choice(category, "lost_category", tuple(LostReason)),
        "lost_reason": validate_text(text, "lost_reason", max_len=500) or None,
        "lost_on": c.lost_on if c.status == "lost" and c.lost_on else validate_date(
            on, "lost_on", required=True, not_after=today),
        "status": "lost",
        "won_back_on": None,
    }  # fmt: skip
    with database.atomic():
        Customer.update(**values).where(Customer.id == customer_id).execute()
        _audit("lost", customer_id, values, staff_id)


def won_back(customer_id: int, *, on: date, today: date, staff_id: int | None = None) -> None:
    """A lost or lapsed customer is back: active again, with the day recorded."""
    c = _customer(customer_id)
    day = validate_date(on, "won_back_on", required=True, not_after=today)
    if c.status not in ("lost", "active"):
        raise ValidationError("status", f"a {c.status} customer cannot be won back")
    if c.lost_on is not None and day < to_date(c.lost_on):  # type: ignore[operator]
        raise ValidationError("won_back_on", "is before the customer left")
    with database.atomic():
        Customer.update(status="active", won_back_on=day).where(
            Customer.id == customer_id
        ).execute()
        _audit("won_back", customer_id, {"won_back_on": day}, staff_id)


def _customer(customer_id: int) -> Customer:
    c = Customer.get_or_none(Customer.id == customer_id)
    if c is None or c.archived:
        raise NotFoundError(f"Customer {customer_id} does not exist.")
    return c


def _audit(
    action: str, customer_id: int, details: Mapping[str, object], staff_id: int | None
) -> None:
    AuditLog.create(action=action, entity="customer", entity_id=customer_id, staff=staff_id,
                    details=json.dumps(dict(details), default=str, ensure_ascii=False))  # fmt: skip
