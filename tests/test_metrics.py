"""Retention arithmetic: rates, NPS, response times, CLV and the leaky bucket."""

from __future__ import annotations

import numpy as np
import pytest

from dealerdesk.retention.metrics import (
    NPSResult,
    Ratio,
    active_at,
    customer_lifetime_value,
    new_customers_needed,
    nps,
    rate,
    time_stats,
)


def test_rates_say_none_when_there_is_nothing_to_divide() -> None:
    assert rate(1, 4) == 0.25
    assert rate(0, 0) is None
    assert Ratio(62, 100).value == 0.62
    assert Ratio(0, 0).value is None


def test_nps() -> None:
    result = nps([10, 9, 9, 8, 7, 6, 3, 0, 10, 10])
    assert result == NPSResult(promoters=5, passives=2, detractors=3)
    assert result.responses == 10
    assert result.score == pytest.approx(20.0)
    assert nps([]).score is None
    assert nps([0, 6]).score == -100.0
    with pytest.raises(ValueError, match=r"0\.\.10"):
        nps([11])


def test_time_stats() -> None:
    stats = time_stats([2.0, 30.0, 4.0, 1.0, 100.0, -3.0], target_hours=24.0)
    assert stats.count == 6
    assert stats.median == pytest.approx(3.0)
    assert stats.mean == pytest.approx(137 / 6)
    assert stats.p90 == pytest.approx(65.0)
    assert stats.within_target == pytest.approx(4 / 6)
    empty = time_stats([], target_hours=24.0)
    assert (empty.count, empty.median, empty.within_target) == (0, None, None)
    assert time_stats([5.0], target_hours=1.0).p90 == 5.0


def test_customer_lifetime_value() -> None:
    assert customer_lifetime_value(5_000, 0.6) == pytest.approx(11_000)
    assert customer_lifetime_value(5_000, 0.0) == pytest.approx(5_000)
    # Profit instead of revenue, and no discounting: m / (1 - r).
    assert customer_lifetime_value(10_000, 0.8, discount_rate=0.0, margin=0.2) == pytest.approx(
        10_000
    )
    with pytest.raises(ValueError):
        customer_lifetime_value(1.0, -0.1)
    with pytest.raises(ValueError):
        customer_lifetime_value(1.0, 0.5, discount_rate=-0.1)


def test_leaky_bucket() -> None:
    # DESIGN.md: growing 10% at 35% churn takes 45% new customers, not 10%.
    assert new_customers_needed(1000, 0.35, 0.10) == 450
    assert new_customers_needed(1000, 0.0, 0.10) == 100
    assert new_customers_needed(333, 0.0, 0.10) == 34  # 33.3 rounds up
    assert new_customers_needed(100, 0.1, 0.2) == 30  # no float dust: 100 * 0.3 is 30
    assert new_customers_needed(1000, 0.05, -0.20) == 0  # planned shrinkage
    assert new_customers_needed(0, 0.3, 0.1) == 0
    for bad in ((-1, 0.1, 0.1), (10, 1.2, 0.1), (10, 0.1, -1.0)):
        with pytest.raises(ValueError):
            new_customers_needed(*bad)  # type: ignore[arg-type]


def test_active_at_marks_who_visited_in_the_window_before_each_boundary() -> None:
    # Customer 0 visits on day 100; customer 1 on days 10 and 400; customer 2 never in range.
    codes = np.array([0, 1, 1])
    days = np.array([100, 10, 400])
    bounds = np.array([50, 150, 400, 470])
    active = active_at(codes, days, bounds, window_days=365)
    assert active.tolist() == [
        [False, True, True, False],  # day 100 counts for boundaries 100..464
        [True, True, True, True],  # day 10 covers 10..374, day 400 covers 400..764
    ]
    assert active_at(np.array([], dtype=int), np.array([]), bounds, 365).shape == (0, 4)
