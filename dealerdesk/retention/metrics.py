"""Retention figures as plain arithmetic on counts the store has already gathered.

Why these figures (DESIGN.md "Why"): a dealership that does not measure churn cannot see
its leaky bucket; the carmakers judge after-sales on the 13-month service retention;
complaint speed predicts loyalty; referrals are loyalty made visible. Every function here
is pure and total: an empty denominator gives ``None`` ("no data"), never a crash or a
misleading 0%.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "NPSResult", "Ratio", "TimeStats", "active_at", "customer_lifetime_value",
    "new_customers_needed", "nps", "rate", "time_stats",
]  # fmt: skip


def rate(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    if whole <= 0:
        return None
    return part / whole


@dataclass(frozen=True, slots=True)
class Ratio:
    """A rate that keeps its counts, so a report can say "62% (1,234 of 1,990)"."""

    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return rate(self.part, self.whole)


def active_at(
    customer_codes: np.ndarray, visit_days: np.ndarray, boundaries: np.ndarray, window_days: int
) -> np.ndarray:
    """Who was an active customer at each boundary: boolean matrix [customer, boundary].

    Active at day b means at least one visit in the ``window_days`` before it, (b - w, b].
    ``customer_codes`` are 0..n-1 (one per visit row), ``visit_days`` and the sorted
    ``boundaries`` are day numbers. A visit on day d makes its customer active at every
    boundary in [d, d + w); each such run is marked with +1/-1 at its ends and summed.
    """
    codes = np.asarray(customer_codes, dtype=np.int64)
    bounds = np.asarray(boundaries, dtype=np.int64)
    n = int(codes.max()) + 1 if codes.size else 0
    width = bounds.size + 1
    days = np.asarray(visit_days, dtype=np.int64)
    # bincount over flat (customer, column) cells: the same sums as np.add.at, ~10x faster
    starts = codes * width + np.searchsorted(bounds, days, side="left")
    ends = codes * width + np.searchsorted(bounds, days + window_days, side="left")
    runs = np.bincount(starts, minlength=n * width) - np.bincount(ends, minlength=n * width)
    return np.cumsum(runs.reshape(n, width), axis=1)[:, :-1] > 0


@dataclass(frozen=True, slots=True)
class NPSResult:
    """Net Promoter Score: % promoters (9–10) minus % detractors (0–6), -100..100."""

    promoters: int
    passives: int
    detractors: int

    @property
    def responses(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> float | None:
        if not self.responses:
            return None
        return 100.0 * (self.promoters - self.detractors) / self.responses


def nps(answers: Iterable[int]) -> NPSResult:
    """Count answers 0–10 into promoters, passives and detractors (others are refused)."""
    counts = [0, 0, 0]
    for a in answers:
        if not 0 <= a <= 10:
            raise ValueError(f"an NPS answer is 0..10, not {a}")
        counts[0 if a >= 9 else 1 if a >= 7 else 2] += 1
    return NPSResult(*counts)


@dataclass(frozen=True, slots=True)
class TimeStats:
    """Durations in hours: how many, median, mean, 90th percentile, and the share within
    a target (e.g. first response within one working day = 24 h)."""

    count: int
    median: float | None
    mean: float | None
    p90: float | None
    within_target: float | None
    target_hours: float


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    # Linear interpolation between order statistics (numpy's default method).
    pos = (len(sorted_values) - 1) * q
    low = math.floor(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


def time_stats(hours: Iterable[float], *, target_hours: float) -> TimeStats:
    """Summarise response or resolution times; negative durations (data entry slips) count
    as 0 rather than flattering the mean."""
    values = sorted(max(0.0, float(h)) for h in hours)
    if not values:
        return TimeStats(0, None, None, None, None, target_hours)
    within = sum(1 for v in values if v <= target_hours) / len(values)
    return TimeStats(
        count=len(values),
        median=_percentile(values, 0.5),
        mean=sum(values) / len(values),
        p90=_percentile(values, 0.9),
        within_target=within,
        target_hours=target_hours,
    )


def customer_lifetime_value(
    annual_value: float,
    retention_rate: float,
    *,
    discount_rate: float = 0.10,
    margin: float = 1.0,
) -> float:
    """Expected value of a customer over the relationship, in today's money.

    The standard constant-retention formula (Gupta & Lehmann): a customer worth ``m`` a
    year, kept each year with probability ``r``, discounted at ``d``, is worth
    ``m * (1 + d) / (1 + d - r)`` counting this year's value — a geometric series
    m * sum((r / (1 + d))^k). With ``margin`` = 1 the value is in spend (revenue); pass the
    gross margin to get profit. At r = 0.6, d = 0.1 a 5,000-a-year customer is worth 11,000.
    """
    if not 0.0 <= retention_rate < 1.0 + discount_rate:
        raise ValueError("retention_rate must be in [0, 1] (and below 1 + discount_rate)")
    if discount_rate < 0:
        raise ValueError("discount_rate must not be negative")
    m = annual_value * margin
    return m * (1.0 + discount_rate) / (1.0 + discount_rate - retention_rate)


def new_customers_needed(current_customers: int, churn_rate: float, growth_target: float) -> int:
    """How many new customers a year it takes to grow by ``growth_target`` at this churn.

    The leaky bucket: to end the year with current x (1 + g) customers while a share c of
    today's customers leaves, the new customers must replace the leak *and* add the growth:

        needed = current x (1 + g) - current x (1 - c) = current x (g + c)

    e.g. 1,000 customers, churn 35%, target +10%: 1,000 x (0.10 + 0.35) = 450 new
    customers, 4.5 times the 100 the growth alone suggests — DESIGN.md's "to grow 10% a
    year it may need 40–50% more new customers". Rounded up (you cannot win 0.3 of a
    customer). A negative target (planned shrinkage) is allowed; the result is never
    below 0. New customers who themselves leave within the year are not counted, so this
    is a floor.
    """
    if current_customers < 0:
        raise ValueError("current_customers must not be negative")
    if not 0.0 <= churn_rate <= 1.0:
        raise ValueError("churn_rate must be between 0 and 1")
    if growth_target <= -1.0:
        raise ValueError("growth_target must be above -100%")
    needed = current_customers * (growth_target + churn_rate)
    return max(0, math.ceil(round(needed, 9)))
