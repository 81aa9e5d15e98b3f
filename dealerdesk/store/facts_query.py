"""The facts behind the risk score: every customer's as of a day, as columns.

Why set-based: 100,000 customers with a million events must be summarised in under a
second, so every figure comes from the packed visit and contact histories
(``store.visit_history``, ``store.contact_history``) or a handful of scans, never from a
query per customer. ``_VISITS`` and ``_CONTACTS`` keep the SQL definition of the figures
the histories give (the tests and the benchmark hold the two equal).

The columns are handed to a ``factory`` (the services pass
``dealerdesk.retention.fact_columns.FactColumns``): the layers contract lets the store
import nothing above it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

import numpy as np

from dealerdesk.dates import day_number, years_back
from dealerdesk.store.contact_history import read_contacts
from dealerdesk.store.db import database
from dealerdesk.store.packed_history import customer_runs
from dealerdesk.store.visit_facts import NO_DAY, load_visit_columns, visit_columns
from dealerdesk.store.visit_history import VisitArrays

T = TypeVar("T")
_CHUNK = 500  # ids per IN (...) list when refreshing a few customers


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
# The definition of the contact facts, in SQL (scoring reads them from the contact
# histories: ``contact_columns``; the tests and the benchmark hold the two equal). The
# unanswered streak: outbound "no_answer"/"left_message" rows after the customer's last
# contact of any other kind (a reached call, a call-back, any inbound contact ends it).
# ``last_contact`` is the last logged contact of any kind, answered or not.
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
SELECT id, status FROM customer WHERE archived = 0 {ids}
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
        for sql in (_SURVEYS, _COMPLAINTS, _CUSTOMERS)
    ]  # fmt: skip


def contact_columns(today: date, customer_ids: Sequence[int] | None = None,
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """(customer ids with a contact by ``today``, the day of their last contact, their
    unanswered streak): ``_CONTACTS``' figures, from the contact histories."""
    c = read_contacts(customer_ids, last=today)
    if not c.customer.size:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    starts, ends = customer_runs(c.customer)
    last_answered = np.maximum.reduceat(np.where(c.unanswered, -1, c.order), starts)
    after = c.unanswered & (c.order > np.repeat(last_answered, ends - starts))
    return c.customer[starts], c.day[ends - 1], np.add.reduceat(after.astype(np.int64), starts)


class _DayNumbers(dict[str | None, float]):
    """ISO text -> day number (days since 1970-01-01; NaN for None), memoised: 100k
    customers share a few thousand distinct days."""

    def __missing__(self, key: str | None) -> float:
        value = math.nan if key is None else float(day_number(date.fromisoformat(key[:10])))
        self[key] = value
        return value


class _Aligned:
    """Picks, for each customer of ``ids``, their entry of a column kept for the customers
    ``have`` (ascending; ``missing`` for the others): one searchsorted, no dict lookups."""

    def __init__(self, have: np.ndarray, ids: np.ndarray) -> None:
        at = np.searchsorted(have, ids)
        self.at = np.minimum(at, max(have.size - 1, 0))
        self.seen = (have[self.at] == ids) if have.size else np.zeros(ids.size, bool)

    def take(self, column: np.ndarray, missing: float) -> np.ndarray:
        if not column.size:
            return np.full(self.at.size, missing)
        return np.where(self.seen, column[self.at], missing)


def _days(column: np.ndarray) -> np.ndarray:
    """A visit day column (``NO_DAY`` for none) as float day numbers (NaN for none)."""
    return np.where(column == NO_DAY, np.nan, column.astype(np.float64))


def _keyed(rows: dict[int, tuple[Any, ...]], ids: np.ndarray,
           columns: dict[int, Callable[[Any], float]]) -> list[np.ndarray]:  # fmt: skip
    """{customer id: row} -> one float column per converted field, aligned with ``ids``
    (NaN for customers without a row)."""
    have = np.array(sorted(rows), dtype=np.int64)
    aligned = _Aligned(have, ids)
    ordered = [rows[int(c)] for c in have]
    return [aligned.take(np.array([convert(r[k]) for r in ordered], dtype=np.float64), math.nan)
            for k, convert in columns.items()]  # fmt: skip


def load_customer_facts(
    today: date, customer_ids: Sequence[int] | None = None, *, factory: Callable[..., T],
    visits: VisitArrays | None = None,
) -> T:
    """Every non-archived customer's facts as of ``today`` (or just ``customer_ids``) as
    columns, built with ``factory(**columns)``: the fields of
    ``retention.fact_columns.FactColumns``, one numpy array each, in customer id order.

    The visit figures come from the visit histories (``store.visit_facts``: the same as
    ``_VISITS`` and ``risk_facts``' queries, at a tenth of the cost), the rest from SQL.
    *visits*: everyone's visits when the caller read them already (facts at several past
    days: each day takes the visits up to it)."""
    params = {
        "today": today.isoformat(),
        "tomorrow": (today + timedelta(days=1)).isoformat(),
        "d12": years_back(today, 1).isoformat(),
        "d24": years_back(today, 2).isoformat(),
    }
    customers: list[Any] = []
    surveys: dict[int, tuple[Any, ...]] = {}
    complaints: dict[int, tuple[Any, ...]] = {}
    for ids_sql, cust_sql in _chunks(customer_ids):
        side = _side_queries(ids_sql, cust_sql, params)
        for rows, into in zip(side[:2], (surveys, complaints), strict=True):
            into.update((r[0], r) for r in rows)  # surveys: ordered, the last one stays
        customers.extend(side[2])
    ids = np.fromiter((r[0] for r in customers), dtype=np.int64, count=len(customers))
    order = np.argsort(ids, kind="stable")
    ids = ids[order]
    status = np.array([customers[i][1] for i in order.tolist()], dtype=object)
    if visits is None or customer_ids is not None:
        by_customer = load_visit_columns(today, customer_ids)
    else:
        by_customer = visit_columns(visits.where(visits.day <= day_number(today)), today)
    rows = _Aligned(by_customer.customer, ids)
    day = _DayNumbers()
    contacted, contact_day, streak = contact_columns(today, customer_ids)
    talks = _Aligned(contacted, ids)
    (last_nps_on, last_nps), (open_complaints, oldest) = (
        _keyed(surveys, ids, {1: day.__getitem__, 2: float}),
        _keyed(complaints, ids, {1: float, 2: day.__getitem__}),
    )
    s24, s12, a24, a12 = (rows.take(c, 0.0) for c in (
        by_customer.spend_24m, by_customer.spend_12m, by_customer.aftersales_24m,
        by_customer.aftersales_12m))  # fmt: skip
    return factory(
        customer_id=ids, status=status,
        **{name: _days(rows.take(getattr(by_customer, name), NO_DAY)) for name in (
            "first_visit", "last_visit", "first_purchase", "last_purchase", "first_service",
            "last_service", "prev_visit", "last_declined")},
        **{name: rows.take(getattr(by_customer, name), 0).astype(np.int64) for name in (
            "visit_days", "purchase_count", "service_count")},
        spend_total=rows.take(by_customer.spend_total, 0.0), spend_24m=s24, spend_12m=s12,
        spend_prev_12m=s24 - s12, aftersales_12m=a12, aftersales_prev_12m=a24 - a12,
        open_complaints=np.nan_to_num(open_complaints).astype(np.int64),
        oldest_open_complaint=oldest, last_nps=last_nps, last_nps_on=last_nps_on,
        unanswered_streak=talks.take(streak, 0).astype(np.int64),
        last_contact=talks.take(contact_day.astype(np.float64), math.nan),
    )  # fmt: skip
