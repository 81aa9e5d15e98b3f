"""The SQL behind the intelligence: per-customer facts, the score cache, metric counts.

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

from dealerdesk.store import dialect
from dealerdesk.store.db import database

T = TypeVar("T")
_CHUNK = 500  # ids per IN (...) list when refreshing a few customers


def _years_back(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


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
# count seeks the (customer_id, at) index past that point, so it costs nothing for the
# many customers whose last contact was answered.
_CONTACTS = """
SELECT a.customer_id, substr(a.last_at, 1, 10),
  (SELECT count(*) FROM contact_log l WHERE l.customer_id = a.customer_id
     AND l.at > a.last_ok AND l.at < :tomorrow AND l.direction = 'out'
     AND l.outcome IN ('no_answer', 'left_message'))
FROM (SELECT customer_id, max(at) AS last_at,
        coalesce(max(CASE WHEN NOT (direction = 'out'
                                    AND outcome IN ('no_answer', 'left_message'))
                     THEN at END), '0001-01-01') AS last_ok
      FROM contact_log WHERE at < :tomorrow {ids} GROUP BY customer_id) a
"""
_SURVEYS = """
SELECT customer_id, date, nps FROM (
  SELECT customer_id, date, nps,
         row_number() OVER (PARTITION BY customer_id ORDER BY date DESC, id DESC) AS n
  FROM survey WHERE nps IS NOT NULL AND date <= :today {ids}) AS ranked
WHERE n = 1
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
_NO_VISITS = (None, None, None, 0, None, None, 0, None, None, 0, 0.0, 0.0, 0.0, 0.0, 0.0)
_NO_CONTACTS = (None, None, 0)
_NO_SURVEY = (None, None, None)
_NO_COMPLAINTS = (None, 0, None)


def load_customer_facts(
    today: date, customer_ids: Sequence[int] | None = None, *, factory: Callable[..., T]
) -> list[T]:
    """Every non-archived customer's facts as of ``today`` (or just ``customer_ids``),
    built with ``factory(**fields)``; fields are those of ``CustomerFacts``."""
    params = {
        "today": today.isoformat(),
        "tomorrow": (today + timedelta(days=1)).isoformat(),
        "d12": _years_back(today, 1).isoformat(),
        "d24": _years_back(today, 2).isoformat(),
    }
    out: list[T] = []
    day = _Dates()
    for ids_sql, cust_sql in _chunks(customer_ids):
        visits = {r[0]: r for r in database.execute_sql(_VISITS.format(ids=ids_sql), params)}
        side = _side_queries(ids_sql, cust_sql, params)
        contacts, surveys, complaints = ({r[0]: r for r in rows} for rows in side[:3])
        for cid, name, kind, status, owner, created in side[3]:
            v = visits.get(cid, _NO_VISITS)
            c = contacts.get(cid, _NO_CONTACTS)
            s = surveys.get(cid, _NO_SURVEY)
            k = complaints.get(cid, _NO_COMPLAINTS)
            out.append(factory(
                customer_id=cid, name=name, kind=kind, status=status, owner_id=owner,
                created_on=day[created], first_visit=day[v[1]], last_visit=day[v[2]],
                visit_days=v[3], first_purchase=day[v[4]], last_purchase=day[v[5]],
                purchase_count=v[6], first_service=day[v[7]], last_service=day[v[8]],
                service_count=v[9], spend_total=v[10], spend_24m=v[11], spend_12m=v[12],
                spend_prev_12m=v[11] - v[12], open_complaints=k[1],
                oldest_open_complaint=day[k[2]], last_nps=s[2], last_nps_on=day[s[1]],
                unanswered_streak=int(c[2]), last_contact=day[c[1]], aftersales_12m=v[14],
                aftersales_prev_12m=v[13] - v[14],
            ))  # fmt: skip
    return out


# --- metric counts ----------------------------------------------------------------------


def visit_days_between(start: date, end: date) -> tuple[np.ndarray, np.ndarray]:
    """(customer ids, days since 1970-01-01) of every visit in (start, end], one entry per
    visit (a customer may repeat). The date index finds the rows; numpy parses the dates,
    which is several times faster than ``julianday`` plus DISTINCT in SQL at 100k customers."""
    rows = database.execute_sql(
        "SELECT customer_id, date FROM visit WHERE date > ? AND date <= ?",
        (start.isoformat(), end.isoformat()),
    ).fetchall()
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ids, days = zip(*rows, strict=True)
    return (
        np.asarray(ids, dtype=np.int64),
        np.asarray(days, dtype="datetime64[D]").astype(np.int64),
    )


def service_return_counts(
    base_from: date, base_to: date, *, within_months: int = 13
) -> tuple[int, int]:
    """(customers serviced in (base_from, base_to], of whom came back for service within
    ``within_months`` of their last service in that window)."""
    row = database.execute_sql(
        f"""SELECT count(*), count(CASE WHEN EXISTS (SELECT 1 FROM visit w
                 WHERE w.customer_id = b.customer_id AND w.kind IN ('service', 'repair')
                 AND w.date > b.last AND w.date <= date(b.last, '+{int(within_months)} months')) THEN 1 END)
            FROM (SELECT customer_id, max(date) AS last FROM visit
                  WHERE kind IN ('service', 'repair') AND date > ? AND date <= ?
                  GROUP BY customer_id) b""",
        (base_from.isoformat(), base_to.isoformat()),
    ).fetchone()
    return int(row[0]), int(row[1])


def vehicles_servicing_by_age(today: date, *, months: int = 13) -> list[tuple[int, int, int]]:
    """[(age in whole years (10 = 10+), vehicles sold here, of which serviced here in the
    last ``months`` months)] for cars at least ``months`` old."""
    since = (today - timedelta(days=round(months * 30.44))).isoformat()
    return [(int(a), int(n), int(k)) for a, n, k in database.execute_sql(
        f"""SELECT min({dialect.whole(database,
                            "(julianday(?) - julianday(v.purchase_date)) / 365.25")}, 10),
                   count(*), count(CASE WHEN EXISTS (SELECT 1 FROM visit w WHERE w.vehicle_id = v.id
                       AND w.kind IN ('service', 'repair') AND w.date > ? AND w.date <= ?) THEN 1 END)
            FROM vehicle v WHERE v.sold_here = 1 AND v.archived = 0
              AND v.purchase_date IS NOT NULL AND v.purchase_date <= ?
            GROUP BY 1 ORDER BY 1""",
        (today.isoformat(), since, today.isoformat(), since))]  # fmt: skip


def declined_recapture_counts(start: date, end: date, *, within_days: int = 90) -> tuple[int, int]:
    """(service visits in (start, end] where work was declined, of which the customer came
    back for service or repair within ``within_days``)."""
    row = database.execute_sql(
        f"""SELECT count(*), count(CASE WHEN EXISTS (SELECT 1 FROM visit w
                 WHERE w.customer_id = v.customer_id AND w.kind IN ('service', 'repair')
                 AND w.date > v.date AND w.date <= date(v.date, '+{int(within_days)} days')) THEN 1 END)
            FROM visit v WHERE v.declined IS NOT NULL AND trim(v.declined) <> ''
              AND v.date > ? AND v.date <= ?""",
        (start.isoformat(), end.isoformat()),
    ).fetchone()
    return int(row[0]), int(row[1])


def repeat_purchase_counts(today: date) -> tuple[int, int]:
    """(customers who bought a car here, of whom bought more than one)."""
    row = database.execute_sql(
        """SELECT count(*), count(CASE WHEN n > 1 THEN 1 END) FROM (SELECT customer_id, count(*) AS n FROM visit
           WHERE kind = 'sale' AND date <= ? GROUP BY customer_id) AS sales""", (today.isoformat(),),
    ).fetchone()  # fmt: skip
    return int(row[0]), int(row[1])


def nps_answers(start: date, end: date) -> list[tuple[int, int]]:
    """[(NPS answer, how many)] for surveys dated in (start, end]."""
    return [(int(a), int(n)) for a, n in database.execute_sql(
        """SELECT nps, count(*) FROM survey WHERE nps IS NOT NULL AND date > ? AND date <= ?
           GROUP BY nps""", (start.isoformat(), end.isoformat()))]  # fmt: skip


def complaint_hours(start: date, end: date) -> tuple[list[float], list[float], int]:
    """For complaints opened in (start, end]: hours to first response, hours to
    resolution, and how many still have no first response."""
    rows = database.execute_sql(
        """SELECT (julianday(first_response_at) - julianday(opened_at)) * 24,
                  (julianday(resolved_at) - julianday(opened_at)) * 24
           FROM complaint WHERE opened_at >= ? AND opened_at < ?""",
        (
            (start + timedelta(days=1)).isoformat(),
            (end + timedelta(days=1)).isoformat(),
        ),
    ).fetchall()
    first = [round(r[0], 2) for r in rows if r[0] is not None]
    resolved = [round(r[1], 2) for r in rows if r[1] is not None]
    return first, resolved, sum(1 for r in rows if r[0] is None)


def referral_counts(start: date, end: date) -> tuple[int, int, int]:
    """(referrals made in (start, end], converted, of them sent by partner businesses)."""
    # issue #14: customers' referrals count as converted once the friend bought or came
    # for service; partner referrals are the customers partners sent us.
    span = (start.isoformat(), end.isoformat())
    row = database.execute_sql(
        """SELECT count(*), count(CASE WHEN status IN ('bought', 'serviced', 'rewarded') THEN 1 END)
           FROM referral WHERE date > ? AND date <= ?""", span,
    ).fetchone()  # fmt: skip
    partners = database.execute_sql(
        "SELECT count(*) FROM partner_referral WHERE direction = 'from_partner' AND date > ?"
        " AND date <= ?", span).fetchone()  # fmt: skip
    return int(row[0]), int(row[1]), int(partners[0])


def spend_per_active_customer(start: date, end: date) -> tuple[int, float]:
    """(customers with a visit in (start, end], their total spend in it)."""
    row = database.execute_sql(
        "SELECT count(DISTINCT customer_id), coalesce(sum(amount), 0) FROM visit WHERE date > ? AND date <= ?",
        (start.isoformat(), end.isoformat()),
    ).fetchone()
    return int(row[0]), float(row[1])
