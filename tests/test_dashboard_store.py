"""issue #15: the dashboard's store reads and the service on small hand-made data,
with the boundaries (a visit exactly 13 months ago, a follow-up done on its due day)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from dealerdesk.services import dashboard as svc
from dealerdesk.services.dashboard import Period
from dealerdesk.store import dashboard_queries as q
from dealerdesk.store.models import (
    Complaint,
    ContactLog,
    Customer,
    Followup,
    Referral,
    Staff,
    Survey,
    Vehicle,
    Visit,
)
from dealerdesk.store.search_index import rebuild_search

NOW = datetime(2026, 11, 30, 23, 59, 59)


def _customer(name: str, owner: Staff | None = None) -> Customer:
    return Customer.create(name=name, owner=owner)


def seed() -> dict[str, int]:
    ann = Staff.create(name="Ann", username="ann")
    bo = Staff.create(name="Bo", username="bo")
    a = _customer("Alice", ann)  # serviced exactly 13 months before Nov 2026, came back
    b = _customer("Bob", ann)  # serviced in the base month, never back
    c = _customer("Chen", bo)  # new this month: not in any base
    Visit.create(customer=a, date=date(2025, 10, 1), kind="service", amount=500)
    Visit.create(customer=a, date=date(2026, 11, 30), kind="service", amount=700)
    Visit.create(customer=b, date=date(2025, 10, 31), kind="service", amount=300)
    Visit.create(customer=c, date=date(2026, 11, 2), kind="sale", amount=150_000)
    car = Vehicle.create(customer=a, vin="LSVAU2180N2000001", make="VW", model="Lavida",
                         purchase_date=date(2025, 10, 30), sold_here=True)  # fmt: skip
    Visit.create(customer=a, vehicle=car, date=date(2026, 6, 1), kind="repair", amount=1)
    Survey.create(customer=a, date=date(2026, 11, 1), nps=10)
    Survey.create(customer=b, date=date(2026, 11, 30), nps=2)
    Survey.create(customer=c, date=date(2026, 12, 1), nps=0)  # after the period
    Referral.create(referrer=a, referred=c, referred_name="Chen", date=date(2026, 11, 1),
                    status="bought")  # fmt: skip
    Referral.create(referrer=a, referred_name="Dan", date=date(2026, 11, 5), status="referred")
    Referral.create(referrer=b, referred_name="Eve", date=date(2026, 11, 6), status="rewarded")
    Referral.create(referrer=b, referred_name="Fay", date=date(2026, 10, 31), status="bought")
    for due, done_at in ((date(2026, 11, 10), datetime(2026, 11, 10, 18)),  # on its due day
                         (date(2026, 11, 11), datetime(2026, 11, 12, 9)),  # a day late
                         (date(2026, 11, 12), None)):  # fmt: skip
        Followup.create(customer=a, kind="call", rule="manual", source_key=f"k{due}",
                        due=due, assignee=ann, status="done" if done_at else "pending",
                        completed_at=done_at)  # fmt: skip
    ContactLog.create(customer=a, at=datetime(2026, 11, 30, 23, 0), channel="phone",
                      outcome="reached", staff=ann)  # fmt: skip
    ContactLog.create(customer=a, at=datetime(2026, 12, 1, 0, 0), channel="phone",
                      outcome="reached", staff=ann)  # after the period  # fmt: skip
    ContactLog.create(customer=b, at=datetime(2026, 11, 3, 10), channel="sms",
                      outcome="reached", staff=ann)  # not a call  # fmt: skip
    Complaint.create(customer=b, opened_at=datetime(2026, 11, 16, 9), description="noise",
                     first_response_at=datetime(2026, 11, 16, 12),
                     resolved_at=datetime(2026, 11, 17, 9), assignee=bo)  # fmt: skip
    rebuild_search()  # as the services do: a file without its index is "half-built"
    return {"ann": ann.id, "bo": bo.id, "a": a.id, "b": b.id, "c": c.id}


def test_store_reads_respect_their_boundaries(db_path: Path) -> None:
    ids = seed()
    v = q.visits(date(2025, 10, 31), date(2026, 11, 2), spend_after=date(2025, 10, 31),
                 vehicles_from=date(2026, 6, 1))  # fmt: skip
    assert sorted(v.customer.tolist()) == [ids["a"], ids["b"], ids["c"]]  # both ends included
    # amounts after 2025-10-31 only (the sale and the repair); the car of the repair on the
    # first day of its window
    assert v.service.sum() == 2 and v.amount.sum() == 150_000 + 1
    assert sorted(v.day.tolist())[0] == (date(2025, 10, 31) - date(1970, 1, 1)).days
    assert sorted(v.vehicle.tolist())[:2] == [0, 0] and v.vehicle.max() > 0
    facet_ids, _tiers, facet_owners = q.customer_facets(["VIP", "Gold", "Standard"])
    assert facet_owners[facet_ids == ids["c"]].tolist() == [ids["bo"]]
    assert q.followups_on_time(date(2026, 11, 1), date(2026, 11, 30)) == {ids["ann"]: (3, 1)}
    assert q.calls_by_staff(date(2026, 11, 1), date(2026, 11, 30)) == {ids["ann"]: 1}
    refs = q.referral_rows(date(2026, 11, 1), date(2026, 11, 30))
    assert sorted((r[2].day, r[3]) for r in refs) == [(1, True), (5, False), (6, True)]
    assert "rewarded" in q.CONVERTED_REFERRAL_STATUSES
    assert [r[2] for r in q.nps_rows(date(2026, 11, 1), date(2026, 11, 30))] == [10, 2]


def test_the_dashboard_of_november_and_its_drill_down(db_path: Path) -> None:
    ids = seed()
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    board = svc.dashboard(period, now=NOW)
    assert board.compare == Period(date(2026, 10, 2), date(2026, 10, 31))
    # 13-month service retention: Alice (exactly 13 months before) came back, Bob did not
    assert (board.now.service_13m.part, board.now.service_13m.whole) == (1, 2)
    assert svc.drill_ids(board, "service13:2026-11:lost").tolist() == [ids["b"]]
    lines = svc.drill_lines(svc.drill_ids(board, "service13:2026-11:lost"))
    assert [line.name for line in lines.lines] == ["Bob"] and lines.total == 1
    assert board.now.nps.score == 0.0
    assert (board.now.referrals.whole, board.now.referrals.part) == (3, 2)
    assert (board.now.complaints_in_target.part, board.now.complaints_in_target.whole) == (1, 1)
    assert board.now.first_response_median_h == pytest.approx(3.0)
    # active the day before November (a visit in (2025-10-31, 2026-10-31]): Alice only;
    # Bob's visit is exactly 365 days before, one day too old
    assert (board.now.retention.part, board.now.retention.whole) == (1, 1)
    ann = next(s for s in board.staff if s.name == "Ann")
    assert (ann.followups_on_time.part, ann.followups_on_time.whole) == (1, 3)
    assert ann.calls == 1 and (ann.retention.part, ann.retention.whole) == (1, 1)
    bo = next(s for s in board.staff if s.name == "Bo")
    assert (bo.complaints_in_target.part, bo.complaints_in_target.whole) == (1, 1)
    # the car bought 2025-10-30 is 13 months old on 2026-11-30, repaired in June: servicing
    assert [(a, r.part, r.whole) for a, r in board.by_age] == [(1, 1, 1)]


def test_band_snapshots_keep_the_month_s_last_run(db_path: Path) -> None:
    q.save_band_snapshot(date(2026, 9, 3), {"low": 5, "high": 1})
    q.save_band_snapshot(date(2026, 9, 28), {"low": 4, "high": 2})
    q.save_band_snapshot(date(2026, 10, 30), {"low": 3})
    assert q.band_snapshots() == [("2026-09", date(2026, 9, 28), {"high": 2, "low": 4}),
                                  ("2026-10", date(2026, 10, 30), {"low": 3})]  # fmt: skip
    board = svc.dashboard(Period(date(2026, 11, 1), date(2026, 11, 30)), now=NOW)
    assert [m for m, _ in board.bands] == ["2026-09", "2026-10", "2026-11"]


def test_leaky_bucket_from_the_service() -> None:
    assert svc.leaky_bucket(2_000, 0.18, 0.10) == 560
    assert svc.leaky_bucket(2_000, None, 0.10) is None


def test_a_whole_scoring_run_keeps_its_month_s_band_counts(db_path: Path) -> None:
    from dealerdesk.services import scoring

    seed()
    scoring.refresh_scores(today=date(2026, 11, 30), customer_ids=[1])  # a change: no snapshot
    assert q.band_snapshots() == []
    summary = scoring.refresh_scores(today=date(2026, 11, 30))
    ((month, day, counts),) = q.band_snapshots()
    assert (month, day) == ("2026-11", date(2026, 11, 30))
    assert counts == dict(summary.by_band) and sum(counts.values()) == 3


def test_today_s_key_figures_are_the_dashboard_s(db_path: Path) -> None:
    """issue #15: Today shows the dashboard's own figures for the 12 months ending today,
    and counts as unanswered only a complaint neither answered nor resolved."""
    ids = seed()
    Complaint.create(
        customer=ids["a"],
        opened_at=datetime(2026, 11, 20, 9),
        description="late",
        resolved_at=datetime(2026, 11, 21, 9),
    )  # resolved without a first answer
    Complaint.create(customer=ids["c"], opened_at=datetime(2026, 11, 25, 9), description="rude")
    Complaint.create(customer=ids["c"], opened_at=datetime(2025, 11, 30, 9),
                     description="a year and a day ago: before the period")  # fmt: skip
    today = date(2026, 11, 30)
    desk = svc.desk_figures(today, now=NOW)
    board = svc.dashboard(svc.default_period(today), now=NOW)
    assert desk.retention == board.now.retention and desk.nps == board.now.nps
    assert desk.first_response_median_h == board.now.first_response_median_h
    assert desk.awaiting_response == 1
    # active on 2025-11-30: Alice (2025-10-01) and Bob (2025-10-31); on 2026-11-30 Alice
    # only (Bob never came back); Chen's first visit is inside the period: 1 of 2 kept
    assert (desk.retention.part, desk.retention.whole) == (1, 2)


def test_declined_work_and_repeat_purchases_on_the_dashboard(db_path: Path) -> None:
    """DESIGN.md's last two metrics, from the visits, with the customers behind them."""
    ids = seed()
    a, b = Customer.get_by_id(ids["a"]), Customer.get_by_id(ids["b"])
    # November moved back 90 days: declined visits dated 2026-08-03 .. 2026-09-01
    Visit.create(customer=b, date=date(2026, 8, 20), kind="service", amount=300,
                 declined="brake pads")  # never back: lost  # fmt: skip
    Visit.create(customer=a, date=date(2026, 8, 3), kind="service", amount=300,
                 declined="tyres")  # fmt: skip
    Visit.create(customer=a, date=date(2026, 8, 4), kind="repair", amount=900)  # won back
    Visit.create(customer=a, date=date(2026, 9, 2), kind="service", amount=1,
                 declined=" ")  # blank: nothing was declined  # fmt: skip
    Visit.create(customer=b, date=date(2019, 3, 1), kind="sale", amount=90_000)
    Visit.create(customer=b, date=date(2026, 11, 30), kind="sale", amount=120_000)
    board = svc.dashboard(Period(date(2026, 11, 1), date(2026, 11, 30)), now=NOW)
    assert (board.now.declined_recapture.part, board.now.declined_recapture.whole) == (1, 2)
    label = board.period.span.label
    assert svc.drill_ids(board, f"declined:{label}:lost").tolist() == [ids["b"]]
    # buyers on 2026-11-30: Bob (two cars, the second that day) and Chen (one)
    assert (board.now.repeat_purchase.part, board.now.repeat_purchase.whole) == (1, 2)
    assert svc.drill_ids(board, f"repeat:{label}:once").tolist() == [ids["c"]]
    assert (board.before.repeat_purchase.part, board.before.repeat_purchase.whole) == (0, 1)
