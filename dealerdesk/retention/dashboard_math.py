"""The manager's dashboard as arithmetic on arrays the store has gathered (issue #15).

Why arrays: every figure for 100,000 customers and a million visits must come in under
two seconds, so the store hands over plain columns (customer id, day number, a flag) and
numpy does the grouping. Every function here is pure and returns the *customers* behind
each figure, not just counts, so a bar on the dashboard opens the list it counts.

Definitions (the dashboard's "?" texts say the same in words):

- *active* on day b: at least one visit in (b - 365, b] (as ``metrics.active_at``);
- *retention* of a span: of the customers active the day before it starts, the share still
  active on its last day; *churn* = 1 - retention;
- *13-month service retention* (the carmakers' figure): of the customers serviced in the
  month(s) 13 months before, the share with a later service visit up to the span's end;
- *buyers still servicing here*: cars sold here at least 13 months ago, by age in whole
  years, with a service or repair visit in the last 13 months.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from dealerdesk.retention.metrics import active_at, customer_lifetime_value, rate

__all__ = [
    "Activity",
    "AgeRow",
    "ServiceReturn",
    "Span",
    "TierValue",
    "add_months",
    "day_number",
    "month_spans",
    "quarter_spans",
    "service_return",
    "servicing_by_age",
    "span_of",
    "tier_values",
]  # fmt: skip

EPOCH = date(1970, 1, 1)
ACTIVE_WINDOW_DAYS = 365


def day_number(d: date) -> int:
    return (d - EPOCH).days


def add_months(d: date, months: int) -> date:
    """*d* moved by whole months, the day clipped to the month's end (31 Jan + 1 = 28 Feb)."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled run of days, both ends included (a month "2026-10", a quarter "2026Q4")."""

    label: str
    first: date
    last: date


def span_of(first: date, last: date) -> Span:
    if last < first:
        raise ValueError("a period ends on or after its first day")
    return Span(f"{first.isoformat()}..{last.isoformat()}", first, last)


def month_spans(first: date, last: date) -> list[Span]:
    """The calendar months touching [first, last], each clipped to it."""
    out: list[Span] = []
    cur = first.replace(day=1)
    while cur <= last:
        nxt = add_months(cur, 1)
        out.append(Span(cur.strftime("%Y-%m"), max(cur, first), min(nxt - timedelta(1), last)))
        cur = nxt
    return out


def quarter_spans(first: date, last: date) -> list[Span]:
    """The calendar quarters touching [first, last], each clipped to it."""
    out: list[Span] = []
    cur = date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    while cur <= last:
        nxt = add_months(cur, 3)
        label = f"{cur.year}Q{(cur.month - 1) // 3 + 1}"
        out.append(Span(label, max(cur, first), min(nxt - timedelta(1), last)))
        cur = nxt
    return out


class Activity:
    """Who was active on each of a set of days (see the module docstring).

    Built once from every visit row in (earliest day - 365, latest day]; ``active(day)``
    and ``kept``/``lost`` between two of the days return customer ids (sorted).
    """

    def __init__(self, ids: np.ndarray, days: np.ndarray, boundaries: Iterable[date],
                 window_days: int = ACTIVE_WINDOW_DAYS) -> None:  # fmt: skip
        self.days = sorted(set(boundaries))
        self._col = {d: i for i, d in enumerate(self.days)}
        self.ids, codes = np.unique(np.asarray(ids, dtype=np.int64), return_inverse=True)
        bounds = np.array([day_number(d) for d in self.days], dtype=np.int64)
        if self.ids.size:
            self._m = active_at(codes, np.asarray(days, dtype=np.int64), bounds, window_days)
        else:
            self._m = np.zeros((0, len(self.days)), dtype=bool)

    def _mask(self, day: date) -> np.ndarray:
        return self._m[:, self._col[day]]

    def active(self, day: date) -> np.ndarray:
        return self.ids[self._mask(day)]

    def kept(self, start: date, end: date) -> np.ndarray:
        """Active on *start* and still on *end*."""
        return self.ids[self._mask(start) & self._mask(end)]

    def lost(self, start: date, end: date) -> np.ndarray:
        """Active on *start*, no longer on *end* (the churned)."""
        return self.ids[self._mask(start) & ~self._mask(end)]

    def span_counts(self, span: Span) -> tuple[int, int]:
        """(active the day before the span, still active on its last day)."""
        before = span.first - timedelta(1)
        return int(self._mask(before).sum()), int(
            (self._mask(before) & self._mask(span.last)).sum()
        )

    def span_retention(self, span: Span, among: np.ndarray | None = None) -> tuple[int, int]:
        """As ``span_counts``, counting only customers in *among* (e.g. one owner's)."""
        if among is None:
            return self.span_counts(span)
        inside = np.isin(self.ids, among)
        start = self._mask(span.first - timedelta(1)) & inside
        return int(start.sum()), int((start & self._mask(span.last)).sum())


def boundaries_of(spans: Sequence[Span]) -> list[date]:
    """The days an Activity needs to answer ``span_counts`` for *spans*."""
    return [d for s in spans for d in (s.first - timedelta(1), s.last)]


@dataclass(frozen=True, slots=True)
class ServiceReturn:
    """The 13-month service retention of one span: who was serviced in the base window,
    and who of them came back for service after it, by the span's end."""

    label: str
    base: np.ndarray
    returned: np.ndarray

    @property
    def value(self) -> float | None:
        return rate(self.returned.size, self.base.size)


def service_return(ids: np.ndarray, days: np.ndarray, span: Span, *, months: int = 13,
                   label: str | None = None) -> ServiceReturn:  # fmt: skip
    """The carmakers' 13-month service retention for *span*.

    *ids*/*days* are service (and repair) visits only. The base is every customer with a
    service visit in [span.first, span.last] moved 13 months back; one came back when
    they have a service visit after their last one in that window, on or before span.last.
    """
    ids = np.asarray(ids, dtype=np.int64)
    days = np.asarray(days, dtype=np.int64)
    lo = day_number(add_months(span.first, -months))
    # the day after the span, moved back, minus one: a month's end maps to a month's end
    hi = day_number(add_months(span.last + timedelta(days=1), -months)) - 1
    until = day_number(span.last)
    in_base = (days >= lo) & (days <= hi)
    base_ids = np.unique(ids[in_base])
    if not base_ids.size:
        empty = np.zeros(0, dtype=np.int64)
        return ServiceReturn(label or span.label, empty, empty)
    # the last base visit per customer, and the last service visit up to span.last
    last_base = _max_by(ids[in_base], days[in_base], base_ids)
    upto = days <= until
    last_any = _max_by(ids[upto], days[upto], base_ids)
    back = base_ids[last_any > last_base]
    return ServiceReturn(label or span.label, base_ids, back)


def _max_by(ids: np.ndarray, values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """max(values) per key of *keys* (sorted), -inf-ish for a key without rows."""
    out = np.full(keys.size, np.iinfo(np.int64).min, dtype=np.int64)
    pos = np.searchsorted(keys, ids)
    ok = (pos < keys.size) & (keys[np.minimum(pos, keys.size - 1)] == ids)
    np.maximum.at(out, pos[ok], values[ok])
    return out


@dataclass(frozen=True, slots=True)
class AgeRow:
    """Cars sold here of one age (whole years; 10 means 10 and over)."""

    age: int
    vehicles: int
    servicing: int
    servicing_customers: np.ndarray
    not_servicing_customers: np.ndarray

    @property
    def value(self) -> float | None:
        return rate(self.servicing, self.vehicles)


def servicing_by_age(customer_ids: np.ndarray, purchase_days: np.ndarray,
                     serviced: np.ndarray, *, today: date, min_months: int = 13,
                     oldest: int = 10) -> list[AgeRow]:  # fmt: skip
    """Buyers still servicing here, by the car's age (see the module docstring): one row
    per car; *serviced* says the car had a service or repair visit in the last 13 months."""
    cids = np.asarray(customer_ids, dtype=np.int64)
    bought = np.asarray(purchase_days, dtype=np.int64)
    ok = np.asarray(serviced, dtype=bool)
    keep = bought <= day_number(add_months(today, -min_months))
    cids, bought, ok = cids[keep], bought[keep], ok[keep]
    ages = np.minimum(((day_number(today) - bought) / 365.25).astype(np.int64), oldest)
    rows = []
    for age in sorted(set(ages.tolist())):
        sel = ages == age
        rows.append(AgeRow(int(age), int(sel.sum()), int((sel & ok).sum()),
                           np.unique(cids[sel & ok]), np.unique(cids[sel & ~ok])))  # fmt: skip
    return rows


@dataclass(frozen=True, slots=True)
class TierValue:
    """Customer lifetime value of one value tier.

    ``annual_value``: spend per active customer of the tier in the year to the day;
    ``retention``: of the tier's customers active a year before, the share still active;
    ``lifetime_value``: ``metrics.customer_lifetime_value`` of the two (None without data).
    """

    tier: str
    customers: np.ndarray
    annual_value: float | None
    retention: float | None
    lifetime_value: float | None


def tier_values(tiers: dict[str, np.ndarray], spend_ids: np.ndarray, spend: np.ndarray,
                active_then: np.ndarray, active_now: np.ndarray) -> list[TierValue]:  # fmt: skip
    """CLV per tier. *tiers* maps a tier to its customer ids; *spend_ids*/*spend* are each
    customer's spend in the last year; *active_then*/*active_now* the ids active a year
    before and now."""
    out = []
    spend_ids = np.asarray(spend_ids, dtype=np.int64)
    spend = np.asarray(spend, dtype=float)
    for tier, members in tiers.items():
        members = np.asarray(members, dtype=np.int64)
        now = np.intersect1d(members, active_now)
        then = np.intersect1d(members, active_then)
        kept = np.intersect1d(then, active_now).size
        spent = float(spend[np.isin(spend_ids, now)].sum())
        annual = spent / now.size if now.size else None
        retention = rate(kept, then.size)
        clv = None
        if annual is not None and retention is not None and retention < 1.0:
            clv = customer_lifetime_value(annual, retention)
        elif annual is not None and retention is not None:
            clv = customer_lifetime_value(annual, 0.99)  # nobody lost: capped, not infinite
        out.append(TierValue(tier, members, annual, retention, clv))
    return out
