"""Each customer's visit facts as columns, reduced with numpy from the visit histories.

Why: the visit half of the risk facts (first and last visit, distinct visit days, sales
and services, spend in the 12/24-month windows, the visit day before the last one, the
last declined work) took three GROUP BY scans of 855,000 visits, five seconds at 100k
customers, most of it SQLite handing each value over as a Python object. The same visits
read as packed arrays (``store.visit_history``, kept current by triggers) arrive in a
fifth of a second, and a handful of segment reductions (``np.*.reduceat`` over each
customer's run of visits) give every figure at once.

The figures are those of ``facts_query._VISITS`` and ``risk_facts._PREVIOUS`` /
``_DECLINED``, exactly: "service" is the kinds service and repair, after-sales spend is
every kind but sale, the windows are ``date > d24`` and ``date > d12`` with
``years_back`` (29 February goes to the 28th), sale and service counts
count visits (two on one day are two), ``visit_days`` counts distinct days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from dealerdesk.dates import day_number, years_back
from dealerdesk.store.packed_history import customer_runs
from dealerdesk.store.visit_history import VisitArrays, read_visits

__all__ = ["NO_DAY", "VisitFactColumns", "load_visit_columns", "visit_columns"]

NO_DAY = np.iinfo(np.int64).min  # "no such visit" in a day column (None in the facts)
_LATEST = np.iinfo(np.int64).max


@dataclass(frozen=True, slots=True)
class VisitFactColumns:
    """One entry per customer with a visit, in customer order. Days are days since
    1970-01-01 (``dates.day_number``), ``NO_DAY`` where there is none."""

    customer: np.ndarray  # int64, ascending
    first_visit: np.ndarray
    last_visit: np.ndarray
    visit_days: np.ndarray  # distinct days with a visit
    first_purchase: np.ndarray
    last_purchase: np.ndarray
    purchase_count: np.ndarray
    first_service: np.ndarray
    last_service: np.ndarray
    service_count: np.ndarray
    spend_total: np.ndarray  # float64
    spend_24m: np.ndarray
    spend_12m: np.ndarray
    aftersales_24m: np.ndarray
    aftersales_12m: np.ndarray
    prev_visit: np.ndarray  # the visit day before the last one (NO_DAY under two days)
    last_declined: np.ndarray  # the last day declined work was recorded


def load_visit_columns(today: date, customer_ids: Sequence[int] | None = None) -> VisitFactColumns:
    """The visit facts of *customer_ids* (everyone when None) as of ``today``."""
    return visit_columns(read_visits(customer_ids, last=today), today)


def visit_columns(v: VisitArrays, today: date) -> VisitFactColumns:
    """Reduce visits sorted by customer then day (``read_visits``' order) to per-customer
    columns; visits after ``today`` must already be left out."""
    n = v.customer.size
    if n == 0:
        empty, none = np.zeros(0, np.int64), np.zeros(0)
        return VisitFactColumns(empty, *([empty] * 9), *([none] * 5), empty, empty)
    starts, ends = customer_runs(v.customer)
    day = v.day
    # Distinct days: a visit opens one when it starts a customer or a new day.
    new_day = np.zeros(n, bool)
    new_day[starts] = True
    new_day[1:] |= day[1:] != day[:-1]
    visit_days = np.add.reduceat(new_day.astype(np.int64), starts)
    day_starts = np.flatnonzero(new_day)  # in customer order: one run per customer
    last_day_run = np.cumsum(visit_days) - 1
    prev_visit = np.where(visit_days >= 2, day[day_starts[np.maximum(last_day_run - 1, 0)]],
                          NO_DAY)  # fmt: skip
    sale, service = v.sale, v.service

    def first(mask: np.ndarray) -> np.ndarray:
        lowest = np.minimum.reduceat(np.where(mask, day, _LATEST), starts)
        return np.where(lowest == _LATEST, NO_DAY, lowest)

    def last(mask: np.ndarray) -> np.ndarray:
        return np.maximum.reduceat(np.where(mask, day, NO_DAY), starts)

    def total(mask: np.ndarray | None) -> np.ndarray:
        return np.add.reduceat(v.amount if mask is None else np.where(mask, v.amount, 0.0),
                               starts)  # fmt: skip

    in_24m = day > day_number(years_back(today, 2))
    in_12m = day > day_number(years_back(today, 1))
    return VisitFactColumns(
        customer=v.customer[starts], first_visit=day[starts], last_visit=day[ends - 1],
        visit_days=visit_days, first_purchase=first(sale), last_purchase=last(sale),
        purchase_count=np.add.reduceat(sale.astype(np.int64), starts),
        first_service=first(service), last_service=last(service),
        service_count=np.add.reduceat(service.astype(np.int64), starts),
        spend_total=total(None), spend_24m=total(in_24m), spend_12m=total(in_12m),
        aftersales_24m=total(in_24m & ~sale), aftersales_12m=total(in_12m & ~sale),
        prev_visit=prev_visit, last_declined=last(v.declined),
    )  # fmt: skip
