"""Per-customer aggregates the churn warning needs beyond ``facts_query``'s, in portable SQL.

Kept apart from ``facts_query`` (shared with the PostgreSQL port) so both can change
without stepping on each other. Plain SQL: a join to a per-customer maximum, no window
functions or SQLite-only functions, so PostgreSQL runs it as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from dealerdesk.dates import day_number
from dealerdesk.store.db import database
from dealerdesk.store.visit_history import VisitArrays, read_visits

__all__ = ["customers_visiting_between", "last_declined_days", "previous_visit_days"]

_CHUNK = 500
_PREVIOUS = """
SELECT v.customer_id, max(v.date)
FROM visit v
JOIN (SELECT customer_id, max(date) AS last FROM visit WHERE date <= ? {ids}
      GROUP BY customer_id) m ON m.customer_id = v.customer_id AND v.date < m.last
GROUP BY v.customer_id
"""


def previous_visit_days(today: date, customer_ids: Sequence[int] | None = None) -> dict[int, str]:
    """{customer id: the visit day before their last one on or before ``today``} (ISO
    text; customers seen on fewer than two days are absent). The covering index
    (customer_id, kind, date, amount) answers both halves."""
    return _per_customer(_PREVIOUS, today, customer_ids)


_DECLINED = """
SELECT customer_id, max(date) FROM visit
WHERE declined IS NOT NULL AND trim(declined) <> '' AND date <= ? {ids}
GROUP BY customer_id
"""


def last_declined_days(today: date, customer_ids: Sequence[int] | None = None) -> dict[int, str]:
    """{customer id: the last visit day on or before ``today`` where work was declined}."""
    return _per_customer(_DECLINED, today, customer_ids)


def _per_customer(sql: str, today: date, customer_ids: Sequence[int] | None) -> dict[int, str]:
    if customer_ids is None:
        rows = database.execute_sql(sql.format(ids=""), (today.isoformat(),)).fetchall()
        return {int(c): str(d)[:10] for c, d in rows}
    out: dict[int, str] = {}
    unique = sorted(set(customer_ids))
    for i in range(0, len(unique), _CHUNK):
        part = unique[i : i + _CHUNK]
        marks = ",".join("?" * len(part))
        sql_part = sql.format(ids=f"AND customer_id IN ({marks})")
        for c, d in database.execute_sql(sql_part, (today.isoformat(), *part)).fetchall():
            out[int(c)] = str(d)[:10]
    return out


def customers_visiting_between(start: date, end: date,
                               visits: VisitArrays | None = None) -> set[int]:  # fmt: skip
    """Ids of customers with a visit in (start, end] (who "came back" after a past cutoff),
    from the visit histories: *visits* when the caller read them already (a refit asks
    this of four cutoffs; the GROUP BY took a second each at 100k customers)."""
    v = visits if visits is not None else read_visits(last=end)
    came = v.customer[(v.day > day_number(start)) & (v.day <= day_number(end))]
    return set(np.unique(came).tolist())
