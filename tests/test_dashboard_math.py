"""issue #15: the dashboard's formulas on hand-made data (no database)."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest

from dealerdesk.retention.cadence.dates import WorkCalendar
from dealerdesk.retention.complaint_clock import Targets
from dealerdesk.retention.dashboard_math import (
    Activity,
    Span,
    add_months,
    boundaries_of,
    day_number,
    declined_recapture,
    month_spans,
    quarter_spans,
    repeat_purchase,
    service_return,
    servicing_by_age,
    tier_values,
)
from dealerdesk.retention.metrics import new_customers_needed
from dealerdesk.retention.staff_figures import (
    ComplaintFact,
    complaint_spans,
    nps_spans,
    referral_spans,
)

D = day_number


def test_months_and_quarters_are_calendar_spans_clipped_to_the_period() -> None:
    months = month_spans(date(2026, 1, 15), date(2026, 3, 10))
    assert [(m.label, m.first, m.last) for m in months] == [
        ("2026-01", date(2026, 1, 15), date(2026, 1, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2026-03", date(2026, 3, 1), date(2026, 3, 10)),
    ]
    assert [q.label for q in quarter_spans(date(2025, 12, 1), date(2026, 4, 1))] == [
        "2025Q4", "2026Q1", "2026Q2"]  # fmt: skip
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_retention_and_churn_of_a_month() -> None:
    # active = a visit in the 365 days up to the day. Customer 1 visited 2025-10-15 (still
    # active on 2026-09-30, gone by 2026-10-31: churned in October); 2 visited 2026-01-01
    # (kept); 3 first came on 2026-10-05 (not active before the month: not counted).
    ids = np.array([1, 2, 3])
    days = np.array([D(date(2025, 10, 15)), D(date(2026, 1, 1)), D(date(2026, 10, 5))])
    october = Span("2026-10", date(2026, 10, 1), date(2026, 10, 31))
    act = Activity(ids, days, boundaries_of([october]))
    assert act.span_counts(october) == (2, 1)
    assert act.lost(date(2026, 9, 30), date(2026, 10, 31)).tolist() == [1]
    assert act.kept(date(2026, 9, 30), date(2026, 10, 31)).tolist() == [2]
    assert act.is_active(date(2026, 9, 30), np.array([0, 1, 2, 3, 99])).tolist() == [
        False, True, True, False, False]  # fmt: skip
    # the boundary: a visit exactly 365 days before the day still counts (window (b-365, b])
    edge = Activity(np.array([9]), np.array([D(date(2025, 10, 31)) + 1]), [date(2026, 10, 31)])
    assert edge.active(date(2026, 10, 31)).tolist() == [9]
    gone = Activity(np.array([9]), np.array([D(date(2025, 10, 31))]), [date(2026, 10, 31)])
    assert gone.active(date(2026, 10, 31)).tolist() == []


def test_thirteen_month_service_retention_on_a_hand_made_set() -> None:
    span = Span("2026-11", date(2026, 11, 1), date(2026, 11, 30))  # base month: 2025-10
    rows = [
        (1, date(2025, 10, 1)), (1, date(2026, 4, 2)),     # base, came back: retained
        (2, date(2025, 10, 31)),                           # base, never back: lost
        (3, date(2025, 10, 20)), (3, date(2026, 12, 1)),   # back only after the span: lost
        (4, date(2025, 9, 30)), (4, date(2026, 1, 1)),     # serviced the month before: not base
        (5, date(2025, 10, 10)), (5, date(2025, 10, 25)),  # two base visits, none after: lost
        (6, date(2025, 10, 5)), (6, date(2026, 11, 30)),   # back on the span's last day: retained
    ]  # fmt: skip
    ids = np.array([r[0] for r in rows])
    days = np.array([D(r[1]) for r in rows])
    result = service_return(ids, days, span)
    assert result.base.tolist() == [1, 2, 3, 5, 6]
    assert result.returned.tolist() == [1, 6]
    assert result.lost.tolist() == [2, 3, 5]
    assert result.value == pytest.approx(2 / 5)
    # a visit exactly 13 months before the span's first day is in the base
    exact = service_return(np.array([7]), np.array([D(date(2025, 10, 1))]), span)
    assert exact.base.tolist() == [7]
    empty = service_return(np.array([], dtype=int), np.array([], dtype=int), span)
    assert empty.value is None


def test_buyers_still_servicing_by_vehicle_age() -> None:
    today = date(2026, 11, 23)
    rows = servicing_by_age(
        np.array([1, 2, 3, 4, 5]),
        np.array([D(date(2025, 10, 23)), D(date(2025, 1, 1)), D(date(2024, 6, 1)),
                  D(date(2012, 1, 1)), D(date(2026, 1, 1))]),
        np.array([True, False, True, True, True]), today=today)  # fmt: skip
    # car 5 is under 13 months old (left out); car 1 is exactly 13 months old (age 1)
    assert [(r.age, r.vehicles, r.servicing) for r in rows] == [(1, 2, 1), (2, 1, 1), (10, 1, 1)]
    assert rows[0].not_servicing_customers.tolist() == [2]


def test_lifetime_value_by_tier() -> None:
    # customers 1, 2 VIP; 3, 4, 5 Standard; 6 not scored. Active a year ago: 1-4; now: 1-3.
    ids = np.array([1, 2, 3, 4, 5, 6])
    values = tier_values(
        ["VIP", "Gold", "Standard"], np.array([0, 0, 2, 2, 2, -1]), ids,
        np.array([10_000.0, 6_000.0, 1_000.0, 0.0, 0.0, 99.0]),
        active_then=np.isin(ids, [1, 2, 3, 4]), active_now=np.isin(ids, [1, 2, 3]))  # fmt: skip
    vip, std = values  # Gold has no customers: no row
    assert vip.customers.tolist() == [1, 2] and std.customers.tolist() == [3, 4, 5]
    assert vip.annual_value == 8_000 and vip.retention == 1.0  # capped at 99%, not infinite
    assert vip.lifetime_value == pytest.approx(8_000 * 1.1 / (1.1 - 0.99))
    assert std.annual_value == 1_000 and std.retention == 0.5
    assert std.lifetime_value == pytest.approx(1_000 * 1.1 / 0.6)


def test_leaky_bucket_worked_example_growing_ten_percent_a_year() -> None:
    # A dealership with 2,000 active customers keeps 1,640 of them over a year: churn 18%.
    # To grow 10% a year it must win 2,000 x (0.10 + 0.18) = 560 new customers, not 200.
    churn = 1 - 1_640 / 2_000
    assert new_customers_needed(2_000, churn, 0.10) == 560
    assert new_customers_needed(2_000, 0.0, 0.10) == 200


def test_complaints_within_target_and_times() -> None:
    cal = WorkCalendar("CN")
    span = Span("2026-11", date(2026, 11, 1), date(2026, 11, 30))
    facts = [  # Monday 2026-11-16 09:00; response target 1 working day, resolution 7
        ComplaintFact(1, datetime(2026, 11, 16, 9), datetime(2026, 11, 16, 15),
                      datetime(2026, 11, 18, 9), 10),  # 6 h, 48 h: in target
        ComplaintFact(2, datetime(2026, 11, 16, 9), datetime(2026, 11, 18, 9), None, 10),  # late
        ComplaintFact(3, datetime(2026, 10, 30, 9), None, None, 11),  # another month
    ]  # fmt: skip
    (row,) = complaint_spans(facts, [span], now=datetime(2026, 11, 20, 12), calendar=cal,
                             targets=Targets())  # fmt: skip
    assert row.first_response.count == 2 and row.first_response.median == pytest.approx(27.0)
    assert row.resolution.count == 1 and row.resolution.median == pytest.approx(48.0)
    assert (row.within_target.part, row.within_target.whole) == (1, 2)
    assert row.late_customers == (2,)


def test_nps_and_referrals_per_span() -> None:
    span = Span("2026-11", date(2026, 11, 1), date(2026, 11, 30))
    (n,) = nps_spans([(1, date(2026, 11, 1), 10), (2, date(2026, 11, 30), 3),
                      (3, date(2026, 12, 1), 0)], [span])  # fmt: skip
    assert n.result.score == 0.0 and n.detractors == (2,)
    (r,) = referral_spans([(1, 5, date(2026, 11, 3), True), (1, None, date(2026, 11, 4), False),
                           (2, 6, date(2026, 10, 31), True)], [span])  # fmt: skip
    assert (r.made.whole, r.made.part) == (2, 1)
    assert r.referrers == (1,) and r.converted_customers == (5,)


def test_declined_work_recapture_at_its_boundaries() -> None:
    """November 2026 moved back 90 days: declined visits dated 2026-08-03 .. 2026-09-01."""
    d = day_number
    span = Span("2026-11", date(2026, 11, 1), date(2026, 11, 30))
    rows = [  # (customer, day, declined, service)
        (1, d(date(2026, 8, 3)), True, True),  # first day of the window
        (1, d(date(2026, 11, 1)), False, True),  # back exactly 90 days later: recaptured
        (2, d(date(2026, 9, 1)), True, True),  # last day of the window
        (2, d(date(2026, 11, 30)), False, True),  # back exactly 90 days later: recaptured
        (3, d(date(2026, 8, 10)), True, True),
        (3, d(date(2026, 8, 10)), False, True),  # the same day is not "after"
        (3, d(date(2026, 11, 9)), False, False),  # later but not a service (parts)
        (4, d(date(2026, 8, 2)), True, True),  # a day before the window: not counted
        (5, d(date(2026, 9, 2)), True, True),  # a day after: not counted (no 90 days yet)
        (6, d(date(2026, 8, 20)), True, True),
        (6, d(date(2026, 11, 19)), False, True),  # 91 days later: too late
    ]
    ids, days, declined, service = (np.array(c) for c in zip(*rows, strict=True))
    r = declined_recapture(ids, days, declined, service, span)
    assert (r.declined, r.recaptured) == (4, 2)
    assert r.lost.tolist() == [3, 6] and r.value == pytest.approx(0.5)
    none = declined_recapture(ids[:0], days[:0], declined[:0], service[:0], span)
    assert (none.declined, none.value, none.lost.size) == (0, None, 0)


def test_repeat_purchase_rate_on_a_day() -> None:
    d = day_number
    ids = np.array([1, 1, 2, 3, 3, 4])
    days = np.array([d(date(2020, 1, 1)), d(date(2026, 11, 30)), d(date(2021, 5, 5)),
                     d(date(2022, 1, 1)), d(date(2026, 12, 1)), d(date(2023, 3, 3))])  # fmt: skip
    sale = np.array([True, True, True, True, True, False])  # customer 4 only serviced
    r = repeat_purchase(ids, days, sale, date(2026, 11, 30))  # the second car of 3: a day late
    assert (r.buyers, r.repeat) == (3, 1) and r.once.tolist() == [2, 3]
    assert repeat_purchase(ids, days, sale, date(2026, 12, 1)).repeat == 2
