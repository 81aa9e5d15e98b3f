"""Value tiers (80/20), RFM scores and segments, lifecycle stages, strategies."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import numpy as np
import pytest

from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.segments import (
    LIFECYCLE_STAGES,
    SEGMENTS,
    STRATEGIES,
    TIERS,
    lifecycle,
    lifecycle_limits,
    rfm_breakpoints,
    rfm_scores,
    rfm_segment,
    strategy_for,
    tier_cut,
    tier_for,
    usual_service_interval,
    value_tiers,
)

TODAY = date(2026, 11, 15)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


# --- value tiers -------------------------------------------------------------------------


def test_skewed_spend_gives_an_elite_holding_most_of_it() -> None:
    # 2 fleet buyers, 3 car buyers, 15 service-only customers: the classic 80/20 shape.
    spend = {1: 400_000.0, 2: 300_000.0, 3: 200_000.0, 4: 180_000.0, 5: 150_000.0}
    spend |= {i: 2_000.0 + i for i in range(6, 21)}
    tiers = value_tiers(spend)
    top = [c for c, t in tiers.items() if t in ("VIP", "Gold")]
    assert tiers[1] == "VIP"
    assert sorted(top) == [1, 2, 3, 4]  # 20% of 20 customers, capped there
    share = sum(spend[c] for c in top) / sum(spend.values())
    assert share > 0.8
    assert all(tiers[i] == "Standard" for i in range(5, 21))


def test_vip_is_the_first_half_of_spend_within_five_percent_of_customers() -> None:
    spend = [10_000.0] * 5 + [100.0] * 95  # 5% of customers hold 84% of spend
    cut = tier_cut(spend)
    assert cut.vip_min == 10_000.0
    assert tier_for(10_000.0, cut) == "VIP"
    assert tier_for(100.0, cut) == "Standard"


def test_flat_spend_makes_nobody_special() -> None:
    # Ten equal customers: the 20% cap cannot take two of them without splitting a tie.
    assert set(value_tiers(dict.fromkeys(range(10), 500.0)).values()) == {"Standard"}


def test_ties_at_the_boundary_share_a_tier() -> None:
    spend = {1: 1000.0, 2: 500.0, 3: 500.0} | dict.fromkeys(range(4, 21), 10.0)
    tiers = value_tiers(spend)
    assert tiers[2] == tiers[3]


def test_zero_spend_is_standard_and_degenerate_inputs_work() -> None:
    assert value_tiers({}) == {}
    assert value_tiers({1: 0.0, 2: 0.0}) == {1: "Standard", 2: "Standard"}
    assert value_tiers({1: 50.0}) == {1: "VIP"}
    tiers = value_tiers({1: 100.0, 2: 0.0, 3: 0.0, 4: 0.0, 5: 0.0, 6: 0.0})
    assert tiers[1] == "VIP" and tiers[2] == "Standard"
    cut = tier_cut([])
    assert math.isinf(cut.vip_min) and tier_for(1e9, cut) == "Standard"
    assert tier_for(0.0, tier_cut([0.0, 0.0])) == "Standard"


# --- RFM ---------------------------------------------------------------------------------


def test_rfm_scores_are_quintiles_with_recency_reversed() -> None:
    recency = np.arange(100)  # days since the last visit: 0 is the most recent
    frequency = np.arange(100)
    monetary = np.arange(100) * 10.0
    breaks = rfm_breakpoints(recency, frequency, monetary)
    r, f, m = rfm_scores(breaks, recency, frequency, monetary)
    assert r[0] == 5 and r[-1] == 1
    assert f[0] == 1 and f[-1] == 5
    assert np.bincount(r)[1:].tolist() == [20, 20, 20, 20, 20]
    assert np.array_equal(f, m)


def test_rfm_ties_share_a_score_whatever_the_order() -> None:
    rng = random.Random(3)
    frequency = [1] * 50 + [2] * 30 + [5] * 20
    recency = [rng.randrange(0, 900) for _ in frequency]
    monetary = [0.0] * 40 + [1000.0] * 60
    breaks = rfm_breakpoints(recency, frequency, monetary)
    r, f, m = rfm_scores(breaks, recency, frequency, monetary)
    for value in (1, 2, 5):
        assert len({int(f[i]) for i, v in enumerate(frequency) if v == value}) == 1
    assert f.min() >= 1 and f.max() <= 5
    order = list(range(100))
    rng.shuffle(order)
    shuffled = rfm_scores(breaks, [recency[i] for i in order], [frequency[i] for i in order],
                          [monetary[i] for i in order])  # fmt: skip
    assert shuffled[1].tolist() == [int(f[i]) for i in order]
    assert shuffled[0].tolist() == [int(r[i]) for i in order]
    assert len({int(m[i]) for i in range(40)}) == 1


def test_rfm_with_one_customer_or_none() -> None:
    breaks = rfm_breakpoints([10], [3], [500.0])
    r, f, m = rfm_scores(breaks, [10], [3], [500.0])
    assert (int(r[0]), int(f[0]), int(m[0])) == (1, 1, 1)
    empty = rfm_breakpoints([], [], [])
    assert 1 <= rfm_scores(empty, [5], [1], [1.0])[1][0] <= 5


@pytest.mark.parametrize(
    ("rfm", "segment"),
    [
        ((5, 5, 5), "champions"),
        ((4, 4, 4), "champions"),
        ((3, 5, 5), "loyal"),
        ((5, 3, 4), "loyal"),
        ((5, 1, 1), "promising"),
        ((4, 2, 5), "promising"),
        ((1, 5, 5), "quiet_big_spenders"),
        ((2, 4, 4), "quiet_big_spenders"),
        ((2, 3, 1), "fading"),
        ((1, 1, 4), "fading"),
        ((2, 2, 2), "hibernating"),
        ((1, 2, 1), "dormant"),
    ],
)
def test_rfm_segments(rfm: tuple[int, int, int], segment: str) -> None:
    assert rfm_segment(*rfm) == segment


def test_every_rfm_combination_has_a_known_segment() -> None:
    names = {rfm_segment(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)}
    assert names <= set(SEGMENTS)
    assert names == set(SEGMENTS) - {"prospect"}


# --- lifecycle ---------------------------------------------------------------------------


def facts(**kw: object) -> CustomerFacts:
    return CustomerFacts(customer_id=1, name="王伟", **kw)  # type: ignore[arg-type]


def regular(last_days_ago: int, *, services: int = 8, every: int = 180) -> CustomerFacts:
    """A customer who bought a car and came back for ``services`` services exactly
    ``every`` days apart, the last one ``last_days_ago``."""
    first_days_ago = last_days_ago + services * every
    return facts(
        first_visit=ago(first_days_ago), last_visit=ago(last_days_ago), visit_days=services + 1,
        first_purchase=ago(first_days_ago), last_purchase=ago(first_days_ago), purchase_count=1,
        first_service=ago(first_days_ago - every), last_service=ago(last_days_ago),
        service_count=services,
    )  # fmt: skip


def test_usual_interval_is_the_customers_own_rhythm() -> None:
    days, own = usual_service_interval(regular(20, services=6, every=180))
    assert own and days == pytest.approx(180, abs=1)
    # One purchase and one service still give one gap.
    one = facts(first_purchase=ago(400), first_service=ago(150), last_service=ago(150),
                service_count=1, first_visit=ago(400), last_visit=ago(150), visit_days=2)  # fmt: skip
    assert usual_service_interval(one) == (250.0, True)
    # Nothing to measure: the dealership's six months.
    assert usual_service_interval(facts()) == (182.0, False)
    # Two services a week apart cannot make "usually every week".
    close = facts(first_service=ago(107), last_service=ago(100), service_count=2)
    assert usual_service_interval(close) == (91.0, True)


def test_lifecycle_stages() -> None:
    assert lifecycle(facts(), TODAY) == "prospect"
    assert lifecycle(facts(status="deceased", last_visit=ago(3)), TODAY) == "gone"
    assert lifecycle(facts(status="moved"), TODAY) == "gone"
    new = facts(first_visit=ago(100), last_visit=ago(100), visit_days=1,
                first_purchase=ago(100), last_purchase=ago(100), purchase_count=1)  # fmt: skip
    assert lifecycle(new, TODAY) == "new"
    assert lifecycle(regular(30), TODAY) == "active"
    assert lifecycle(regular(300), TODAY) == "lapsing"
    assert lifecycle(regular(700), TODAY) == "lapsed"
    assert lifecycle(regular(1200), TODAY) == "gone"


def test_lifecycle_boundaries_follow_the_rhythm() -> None:
    active_until, at_risk_until = lifecycle_limits(180.0)
    assert (active_until, at_risk_until) == (270.0, 548.0)
    assert lifecycle(regular(270), TODAY) == "active"
    assert lifecycle(regular(271), TODAY) == "lapsing"
    assert lifecycle(regular(548), TODAY) == "lapsing"
    assert lifecycle(regular(549), TODAY) == "lapsed"
    # A yearly customer is still active at 15 months; lost after 3 years whatever the rhythm.
    assert lifecycle(regular(450, every=365), TODAY) == "active"
    assert lifecycle_limits(700.0) == (1050.0, 1096.0)
    assert lifecycle(regular(1096, every=400), TODAY) == "lapsing"
    assert lifecycle(regular(1097, every=400), TODAY) == "gone"


# --- strategies --------------------------------------------------------------------------


def test_every_tier_segment_and_stage_has_a_strategy() -> None:
    for kind, names in (("tier", TIERS), ("segment", SEGMENTS), ("lifecycle", LIFECYCLE_STAGES)):
        for name in names:
            text = strategy_for(kind, name)
            assert text and text[0].isupper() and text.endswith("."), (kind, name)
    assert "deepen" in STRATEGIES["segment"]["loyal"].lower()
    assert "convert" in STRATEGIES["lifecycle"]["prospect"].lower()
    assert "build loyalty" in STRATEGIES["lifecycle"]["active"].lower()
    assert strategy_for("segment", "nonsense") == ""
