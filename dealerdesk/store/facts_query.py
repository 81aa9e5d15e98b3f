"""The SQL behind the risk score: every customer's facts as of a day.

Why set-based: 100,000 customers with a million events must be summarised in about a
second, so every figure comes from a handful of GROUP BY scans (the visit aggregate rides
the covering index (customer_id, kind, date, amount)), never from a query per customer.

The facts are built through a ``factory`` (the services pass
``dealerdesk.retention.facts.CustomerFacts``): the layers contract lets the store import
nothing above it, and the factory spares a second pass that would copy 100k records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

import numpy as np

from dealerdesk.store.db import database
from dealerdesk.store.visit_facts import NO_DAY, load_visit_columns, years_back

T = TypeVar("T")
_CHUNK = 500  # ids per IN (...) list when refreshing a few customers


class _Dates(dict[str | None, date | None]):
    """ISO text -> date, memoised: 100k customers share a few thousand distinct days, and a
    dict subscript is several times cheaper than parsing (None stays None)."""

    def __missing__(self, key: str | None) -> date | None:
        value = None if key is None else date.fromisoformat(key[:10])
        self[key] = value
        return value


_VISITS = """
SELECT customer_id, min(date), max(date), count(DISTINCT date),
  min(CASE WHEN kind = 'sale' THEN date END), max(CASE WHEN kind = 'sale' THEN date END),
  count(CASE WHEN kind = 'sale' THEN 1 END),
  min(CASE WHEN kind IN ('service', 'repair') THEN date END),
  max(CASE WHEN kind IN ('service', 'repair') THEN date END),
  count(CASE WHEN kind IN ('service', 'repair') THEN 1 END),
  coalesce(sum(amount), 0), coalesce(sum(CASE WHEN date > :d24 THEN amount END), 0) AS s24,
  coalesce(sum(CASE WHEN date > :d12 THEN amount END), 0) AS s12,
  coalesce(sum(CASE WHEN kind <> 'sale' AND date > :d24 THEN amount END), 0) AS a24,
  coalesce(sum(CASE WHEN kind <> 'sale' AND date > :d12 THEN amount END), 0) AS a12
FROM visit WHERE date <= :today {ids} GROUP BY customer_id
"""
# The unanswered streak: outbound "no_answer"/"left_message" rows after the customer's
# last contact of any other kind (a reached call, a call-back, any inbound contact ends
# it). ``last_contact`` is the last logged contact of any kind, answered or not. The
# count seeks the (customer_id, at) index past that point, and is not even tried for the
# many customers whose last contact was answered.
_CONTACTS = """
SELECT a.customer_id, substr(a.last_at, 1, 10),
  CASE WHEN a.last_at > a.last_ok THEN
  (SELECT count(*) FROM contact_log l WHERE l.customer_id = a.customer_id
     AND l.at > a.last_ok AND l.at < :tomorrow AND l.direction = 'out'
     AND l.outcome IN ('no_answer', 'left_message')) ELSE 0 END
FROM (SELECT customer_id, max(at) AS last_at,
        coalesce(max(CASE WHEN NOT (direction = 'out'
                                    AND outcome IN ('no_answer', 'left_message'))
                     THEN at END), '0001-01-01') AS last_ok
      FROM contact_log WHERE at < :tomorrow {ids} GROUP BY customer_id) a
"""
# Every answered survey in order: the dict built from the rows keeps each customer's last
# (latest date, then highest id), a third of the cost of a window function picking it.
_SURVEYS = """
SELECT customer_id, date, nps FROM survey WHERE nps IS NOT NULL AND date <= :today {ids}
ORDER BY customer_id, date, id
"""
_COMPLAINTS = """
SELECT customer_id, count(*), substr(min(opened_at), 1, 10) FROM complaint
WHERE status IN ('open', 'responded') AND opened_at < :tomorrow {ids} GROUP BY customer_id
"""
_CUSTOMERS = """
SELECT id, name, kind, status, owner_id, substr(created_at, 1, 10) FROM customer
WHERE archived = 0 {ids} ORDER BY id
"""


def _chunks(ids: Sequence[int] | None) -> Iterator[tuple[str, str]]:
    """(filter for the event tables, filter for customer) per chunk of ids; one unfiltered
    pass when ids is None."""
    if ids is None:
        yield "", ""
        return
    unique = sorted(set(ids))
    for i in range(0, len(unique), _CHUNK):
        part = unique[i : i + _CHUNK]
        marks = ",".join(str(int(x)) for x in part)  # ints only: safe to inline
        yield f"AND customer_id IN ({marks})", f"AND id IN ({marks})"


def _side_queries(ids_sql: str, cust_sql: str, params: dict[str, str]) -> list[list[Any]]:
    return [
        database.execute_sql(sql.format(ids=cust_sql if sql is _CUSTOMERS else ids_sql),
                             params).fetchall()
        for sql in (_CONTACTS, _SURVEYS, _COMPLAINTS, _CUSTOMERS)
    ]  # fmt: skip


# What a customer without rows in a table looks like (saves a branch per table).
_NO_CONTACTS = (None, None, 0)
_NO_SURVEY = (None, None, None)
_NO_COMPLAINTS = (None, 0, None)


class _Days(dict[int, date | None]):
    """Day number (``visit_history.day_number``) -> date, memoised like ``_Dates``."""

    _EPOCH = date(1970, 1, 1).toordinal()

    def __missing__(self, key: int) -> date | None:
        value = None if key == NO_DAY else date.fromordinal(key + self._EPOCH)
        self[key] = value
        return value


class _Aligned:
    """Picks, for each customer of ``ids``, their entry of a visit column (``missing`` for
    customers without visits): one searchsorted instead of a dict lookup per customer."""

    def __init__(self, have: np.ndarray, ids: np.ndarray) -> None:
        at = np.searchsorted(have, ids)
        self.at = np.minimum(at, max(have.size - 1, 0))
        self.seen = (have[self.at] == ids) if have.size else np.zeros(ids.size, bool)

    def take(self, column: np.ndarray, missing: float) -> list[Any]:
        if not column.size:
            return [missing] * self.at.size
        return np.where(self.seen, column[self.at], missing).tolist()  # type: ignore[no-any-return]


def load_customer_facts(
    today: date, customer_ids: Sequence[int] | None = None, *, factory: Callable[..., T]
) -> list[T]:
    """Every non-archived customer's facts as of ``today`` (or just ``customer_ids``),
    built with ``factory(**fields)``; fields are those of ``CustomerFacts``.

    The visit figures come from the visit histories (``store.visit_facts``: the same as
    ``_VISITS`` and ``risk_facts``' queries, at a tenth of the cost), the rest from SQL."""
    params = {
        "today": today.isoformat(),
        "tomorrow": (today + timedelta(days=1)).isoformat(),
        "d12": years_back(today, 1).isoformat(),
        "d24": years_back(today, 2).isoformat(),
    }
    out: list[T] = []
    day, number = _Dates(), _Days()
    visits = load_visit_columns(today, customer_ids)
    for ids_sql, cust_sql in _chunks(customer_ids):
        side = _side_queries(ids_sql, cust_sql, params)
        contacts, surveys, complaints = ({r[0]: r for r in rows} for rows in side[:3])
        customers = side[3]
        ids = np.fromiter((r[0] for r in customers), dtype=np.int64, count=len(customers))
        rows = _Aligned(visits.customer, ids)
        first_visit, last_visit, first_purchase, last_purchase, first_service, last_service, \
            prev_visit, last_declined = ([number[x] for x in rows.take(c, NO_DAY)] for c in (
                visits.first_visit, visits.last_visit, visits.first_purchase,
                visits.last_purchase, visits.first_service, visits.last_service,
                visits.prev_visit, visits.last_declined))  # fmt: skip
        visit_days, purchase_count, service_count = (rows.take(c, 0) for c in (
            visits.visit_days, visits.purchase_count, visits.service_count))  # fmt: skip
        spend_total, s24, s12, a24, a12 = (rows.take(c, 0.0) for c in (
            visits.spend_total, visits.spend_24m, visits.spend_12m, visits.aftersales_24m,
            visits.aftersales_12m))  # fmt: skip
        for i, (cid, name, kind, status, owner, created) in enumerate(customers):
            c = contacts.get(cid, _NO_CONTACTS)
            s = surveys.get(cid, _NO_SURVEY)
            k = complaints.get(cid, _NO_COMPLAINTS)
            out.append(factory(
                customer_id=cid, name=name, kind=kind, status=status, owner_id=owner,
                created_on=day[created], first_visit=first_visit[i], last_visit=last_visit[i],
                visit_days=visit_days[i], first_purchase=first_purchase[i],
                last_purchase=last_purchase[i], purchase_count=purchase_count[i],
                first_service=first_service[i], last_service=last_service[i],
                service_count=service_count[i], spend_total=spend_total[i],
                spend_24m=s24[i], spend_12m=s12[i], spend_prev_12m=s24[i] - s12[i],
                open_complaints=k[1], oldest_open_complaint=day[k[2]], last_nps=s[2],
                last_nps_on=day[s[1]], unanswered_streak=int(c[2]), last_contact=day[c[1]],
                aftersales_12m=a12[i], aftersales_prev_12m=a24[i] - a12[i],
                prev_visit=prev_visit[i], last_declined=last_declined[i],
            ))  # fmt: skip
    return out
