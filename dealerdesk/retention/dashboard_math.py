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
  years, with a service or repair visit in the last 13 months;
- *declined-work recapture*: of the visits where recommended work was declined, the share
  followed by a service or repair visit within 90 days (the window moved back 90 days, so
  every visit counted has had its 90 days);
- *repeat purchase rate*: of the customers who bought a car here, the share who bought
  more than one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from dealerdesk.dates import day_number
from dealerdesk.retention.metrics import active_at, customer_lifetime_value, rate

__all__ = [
    "Activity",
    "AgeRow",
    "Recapture",
    "RepeatPurchase",
    "ServiceReturn",
    "Span",
    "TierValue",
    "add_months",
    "day_number",
    "declined_recapture",
    "month_spans",
    "quarter_spans",
    "repeat_purchase",
    "service_return",
    "servicing_by_age",
    "span_of",
    "tier_values",
]  # fmt: skip

ACTIVE_WINDOW_DAYS = 365
RECAPTURE_DAYS = 90  # dealers win back about one in five declined jobs within it (DESIGN.md)




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
        ids = np.asarray(ids, dtype=np.int64)
        bounds = np.array([day_number(d) for d in self.days], dtype=np.int64)
        # Customer ids are dense (1..n), so a row per id from the smallest to the largest
        # replaces a hash of 400,000 visit rows; ids without a visit are rows never active.
        self._low = int(ids.min()) if ids.size else 0
        self.ids = np.arange(self._low, int(ids.max()) + 1 if ids.size else 0, dtype=np.int64)
        if ids.size:
            self._m = active_at(ids - self._low, np.asarray(days, dtype=np.int64), bounds,
                                window_days)  # fmt: skip
        else:
            self._m = np.zeros((0, len(self.days)), dtype=bool)

    def is_active(self, day: date, ids: np.ndarray) -> np.ndarray:
        """For each of *ids*: active on *day*?"""
        rows = np.asarray(ids, dtype=np.int64) - self._low
        ok = (rows >= 0) & (rows < self.ids.size)
        out = np.zeros(rows.size, dtype=bool)
        out[ok] = self._mask(day)[rows[ok]]
        return out

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
    lost: np.ndarray  # base customers who did not come back

    @property
    def value(self) -> float | None:
        return rate(self.returned.size, self.base.size)


class ServiceVisits:
    """Service (and repair) visits indexed once for many ``returned`` questions: sorted by
    day (to slice a base window) and as sorted (customer, day) keys (to ask "a later visit
    by then?" with two binary searches per customer)."""

    _SHIFT = 1 << 21  # days since 1970 stay far below it until the year 7700

    def __init__(self, ids: np.ndarray, days: np.ndarray) -> None:
        ids = np.asarray(ids, dtype=np.int64)
        days = np.asarray(days, dtype=np.int64)
        order = np.argsort(days, kind="stable")
        self._days = days[order]
        self._ids = ids[order]
        self._keys = np.sort(ids * self._SHIFT + days)

    def returned(self, span: Span, *, months: int = 13, label: str | None = None) -> ServiceReturn:
        """The carmakers' 13-month service retention for *span* (see ``service_return``)."""
        lo = day_number(add_months(span.first, -months))
        # the day after the span, moved back, minus one: a month's end maps to a month's end
        hi = day_number(add_months(span.last + timedelta(days=1), -months)) - 1
        until = day_number(span.last)
        a = int(np.searchsorted(self._days, lo, side="left"))
        b = int(np.searchsorted(self._days, hi, side="right"))
        if b <= a:
            empty = np.zeros(0, dtype=np.int64)
            return ServiceReturn(label or span.label, empty, empty, empty)
        keys = np.sort(self._ids[a:b] * self._SHIFT + self._days[a:b])
        who = keys // self._SHIFT
        last = keys[np.r_[who[1:] != who[:-1], True]]  # each customer's last base visit
        base = last // self._SHIFT
        after = np.searchsorted(self._keys, last, side="right")
        by_then = np.searchsorted(self._keys, base * self._SHIFT + until, side="right")
        back = by_then > after
        return ServiceReturn(label or span.label, base, base[back], base[~back])

    def recaptured(self, ids: np.ndarray, days: np.ndarray, declined: np.ndarray, span: Span,
                   *, within_days: int = RECAPTURE_DAYS) -> Recapture:  # fmt: skip
        """Of the visits (aligned *ids*, *days*, *declined*) with declined work dated in
        *span* moved back *within_days* (so each has had its whole window by the span's
        last day), those followed by a service or repair visit of the same customer after
        that day and at most *within_days* later."""
        ids = np.asarray(ids, dtype=np.int64)
        days = np.asarray(days, dtype=np.int64)
        lo = day_number(span.first) - within_days
        hi = day_number(span.last) - within_days
        base = np.asarray(declined, dtype=bool) & (days >= lo) & (days <= hi)
        start = ids[base] * self._SHIFT + days[base]
        after = np.searchsorted(self._keys, start, side="right")  # the first service after
        back = after < self._keys.size
        back[back] = self._keys[after[back]] <= start[back] + within_days
        return Recapture(span.label, int(base.sum()), int(back.sum()),
                         np.unique(ids[base][~back]))  # fmt: skip


def service_return(ids: np.ndarray, days: np.ndarray, span: Span, *, months: int = 13,
                   label: str | None = None) -> ServiceReturn:  # fmt: skip
    """The carmakers' 13-month service retention for *span*.

    *ids*/*days* are service (and repair) visits only. The base is every customer with a
    service visit in [span.first, span.last] moved 13 months back; one came back when
    they have a service visit after their last one in that window, on or before span.last.
    (One question; ``ServiceVisits`` answers many on the same visits.)
    """
    return ServiceVisits(ids, days).returned(span, months=months, label=label)


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
    ``lifetime_value``: ``metrics.customer_lifetime_value`` of the two (None without data;
    a tier that lost nobody is valued at 99% retention, not infinity).
    """

    tier: str
    customers: np.ndarray
    annual_value: float | None
    retention: float | None
    lifetime_value: float | None


def tier_values(names: Sequence[str], tier_of: np.ndarray, ids: np.ndarray, spend: np.ndarray,
                active_then: np.ndarray, active_now: np.ndarray) -> list[TierValue]:  # fmt: skip
    """CLV per tier. Per customer (aligned arrays): *tier_of* an index into *names* (-1:
    none), *ids*, *spend* in the last year, and whether active a year before and now."""
    tier_of = np.asarray(tier_of, dtype=np.int64)
    out = []
    for i, name in enumerate(names):
        mine = tier_of == i
        if not mine.any():
            continue
        now = mine & active_now
        then = mine & active_then
        annual = float(spend[now].sum()) / int(now.sum()) if now.any() else None
        retention = rate(int((then & active_now).sum()), int(then.sum()))
        clv = None
        if annual is not None and retention is not None:
            clv = customer_lifetime_value(annual, min(retention, 0.99))
        out.append(TierValue(name, ids[mine], annual, retention, clv))
    return out


@dataclass(frozen=True, slots=True)
class Recapture:
    """Declined-work recapture of a span: visits where the customer declined recommended
    work (``declined`` of them) and, of those, followed by a service or repair visit
    within the window (``recaptured``); ``lost`` are the customers of the others."""

    label: str
    declined: int
    recaptured: int
    lost: np.ndarray

    @property
    def value(self) -> float | None:
        return rate(self.recaptured, self.declined)


def declined_recapture(ids: np.ndarray, days: np.ndarray, declined: np.ndarray,
                       service: np.ndarray, span: Span, *,
                       within_days: int = RECAPTURE_DAYS) -> Recapture:  # fmt: skip
    """Declined-work recapture of *span* (see ``ServiceVisits.recaptured``) from aligned
    arrays, one entry per visit. (One question; ``ServiceVisits`` answers many.)"""
    ids = np.asarray(ids, dtype=np.int64)
    days = np.asarray(days, dtype=np.int64)
    service = np.asarray(service, dtype=bool)
    return ServiceVisits(ids[service], days[service]).recaptured(
        ids, days, declined, span, within_days=within_days
    )


@dataclass(frozen=True, slots=True)
class RepeatPurchase:
    """Customers who bought a car here by a day, and of them, those who bought again."""

    buyers: int
    repeat: int
    once: np.ndarray  # the buyers of one car: the next purchase to win

    @property
    def value(self) -> float | None:
        return rate(self.repeat, self.buyers)


def repeat_purchase(
    ids: np.ndarray, days: np.ndarray, sale: np.ndarray, as_of: date
) -> RepeatPurchase:
    """Repeat purchase rate on *as_of*: of the customers with a sale visit on or before
    it, the share with two or more (on different visits; aligned arrays per visit)."""
    ids = np.asarray(ids, dtype=np.int64)
    mine = np.asarray(sale, dtype=bool) & (np.asarray(days, dtype=np.int64) <= day_number(as_of))
    buyers, counts = np.unique(ids[mine], return_counts=True)
    return RepeatPurchase(int(buyers.size), int((counts > 1).sum()), buyers[counts == 1])
