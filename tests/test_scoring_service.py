"""Facts SQL, the score cache and the scoring use cases, on a fresh database per test."""

from __future__ import annotations

import json
import math
import random
import statistics
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from dealerdesk.i18n import render
from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.services import scoring
from dealerdesk.services.changes import changed
from dealerdesk.store import contact_history, scores, visit_history
from dealerdesk.store import facts_query as q
from dealerdesk.store.db import database
from dealerdesk.store.models import (
    Complaint,
    ContactLog,
    Customer,
    Referral,
    Setting,
    Staff,
    Survey,
    Vehicle,
    Visit,
)

TODAY = date(2026, 11, 15)
NOW = datetime(2026, 11, 15, 18, 0)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def customer(name: str, **kw: object) -> int:
    return int(Customer.create(name=name, **kw).id)


def visits(cid: int, *rows: tuple[date, str, float], vehicle: int | None = None,
           declined: dict[date, str] | None = None) -> None:  # fmt: skip
    declined = declined or {}
    Visit.insert_many([
        {"customer": cid, "date": d, "kind": k, "amount": a, "vehicle": vehicle,
         "declined": declined.get(d)} for d, k, a in rows
    ]).execute()  # fmt: skip


def contact(cid: int, day: date, outcome: str, direction: str = "out", hour: int = 10) -> None:
    ContactLog.create(customer=cid, at=at(day, hour), channel="phone", direction=direction,
                      outcome=outcome)  # fmt: skip


def rhythm(
    start_ago: int, every: int, until_ago: int, amount: float = 1500.0
) -> list[tuple[date, str, float]]:
    """A sale, then services every ``every`` days while they are at least ``until_ago`` ago."""
    out = [(ago(start_ago), "sale", 200_000.0)]
    day = start_ago - every
    while day >= until_ago:
        out.append((ago(day), "service", amount))
        day -= every
    return out


@pytest.fixture
def pair(db_path: Path) -> tuple[int, int]:
    """A steady customer and a drifting one, as the desk would have recorded them."""
    owner = Staff.create(name="李娜", username="lina")
    steady = customer("王伟", phone="+8613912345678", owner=owner)
    visits(steady, *rhythm(2400, 180, 40))
    contact(steady, ago(20), "reached")
    Survey.create(customer=steady, date=ago(30), nps=9)
    drifting = customer("张敏", phone="+8613812345678", owner=owner)
    visits(drifting, *rhythm(2400, 180, 900),
           (ago(650), "service", 900.0), (ago(426), "service", 400.0))  # fmt: skip
    for days in (70, 40, 12):
        contact(drifting, ago(days), "no_answer")
    Complaint.create(customer=drifting, opened_at=at(ago(12)), description="异响未解决")
    Survey.create(customer=drifting, date=ago(61), nps=3)
    return steady, drifting


def test_facts_are_computed_in_a_few_set_based_queries(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = customer("陈静")
    visits(cid, (ago(800), "sale", 150_000.0), (ago(800), "accessory", 2_000.0),
           (ago(600), "service", 1_000.0), (ago(500), "repair", 5_000.0),
           (ago(300), "service", 1_200.0), (ago(100), "parts", 300.0),
           (ago(10), "service", 900.0), (TODAY + timedelta(days=3), "service", 99.0))  # fmt: skip
    contact(cid, ago(100), "reached")
    contact(cid, ago(50), "no_answer")
    contact(cid, ago(40), "reached", direction="in")  # the customer called back: streak over
    contact(cid, ago(30), "no_answer")
    contact(cid, ago(5), "left_message")
    Complaint.create(customer=cid, opened_at=at(ago(90)), description="a", status="resolved")
    Complaint.create(customer=cid, opened_at=at(ago(12)), description="b", status="open")
    Complaint.create(customer=cid, opened_at=at(ago(5)), description="c", status="responded")
    Survey.create(customer=cid, date=ago(200), nps=8)
    Survey.create(customer=cid, date=ago(61), nps=3)
    Survey.create(customer=cid, date=ago(20), nps=None, satisfaction=4)
    prospect = customer("Lead Zhou")
    customer("Archived", archived=True)
    calls: list[str] = []
    execute = database.execute_sql

    def counting(sql: str, *args: object, **kw: object) -> object:
        calls.append(sql)
        return execute(sql, *args, **kw)  # type: ignore[arg-type]

    visit_history.settle()  # as any earlier reader leaves them (settling is tested there)
    contact_history.settle()
    monkeypatch.setattr(database, "execute_sql", counting)
    columns = q.load_customer_facts(TODAY, factory=FactColumns)
    monkeypatch.undo()
    facts = columns.rows(np.arange(len(columns)))
    # one scan per table, whatever the number of customers; the visits and the contacts
    # are their histories' (one look for changed customers, one read each)
    assert len(calls) == 7
    assert [f.customer_id for f in facts] == [cid, prospect]
    f = facts[0]
    assert (f.first_visit, f.last_visit, f.visit_days) == (ago(800), ago(10), 6)
    assert (f.first_purchase, f.last_purchase, f.purchase_count) == (ago(800), ago(800), 1)
    assert (f.first_service, f.last_service, f.service_count) == (ago(600), ago(10), 4)
    assert f.spend_total == 160_400.0
    # The sale was 800 days ago: outside both windows; the future visit is not counted.
    assert (f.spend_24m, f.spend_12m, f.spend_prev_12m) == (8_400.0, 2_400.0, 6_000.0)
    assert (f.aftersales_12m, f.aftersales_prev_12m) == (2_400.0, 6_000.0)
    assert (f.open_complaints, f.oldest_open_complaint) == (2, ago(12))
    assert (f.last_nps, f.last_nps_on) == (3, ago(61))
    assert (f.unanswered_streak, f.last_contact) == (2, ago(5))
    assert f.status == "active"
    p = facts[1]
    assert (p.visit_days, p.last_visit, p.spend_total, p.last_contact) == (0, None, 0.0, None)
    assert (p.aftersales_12m, p.unanswered_streak, p.open_complaints) == (0.0, 0, 0)
    only = q.load_customer_facts(TODAY, [prospect, 999], factory=FactColumns)
    assert only.customer_id.tolist() == [prospect]


def test_a_drifting_customer_ranks_above_a_steady_one(pair: tuple[int, int]) -> None:
    steady, drifting = pair
    summary = scoring.refresh_scores(today=TODAY)
    assert summary.customers == 2 and not summary.partial
    assert summary.model_source == "default"  # two customers cannot identify the model
    assert "not enough" in summary.model_note
    rows = scoring.top_at_risk(today=TODAY, limit=10)
    assert [r.customer_id for r in rows] == [drifting, steady]
    top = rows[0]
    assert top.band in ("medium", "high") and rows[1].band == "low"
    said = [render(r) for r in top.reasons]
    assert "complaint open 12 days" in said, said
    assert "3 calls unanswered in a row" in said
    assert any(
        s.startswith(("no service for 14 months", "no visit for 14 months")) for s in said
    ), said
    assert render(top.action).startswith("Call today about the open complaint")
    assert render(top.action, "zh_CN").startswith("今天就投诉回电")
    assert (top.name, top.owner, top.last_contact) == ("张敏", "李娜", ago(12))
    assert top.phone == "138 1234 5678"  # national format for display
    assert top.lifecycle == "lapsing" and top.p_alive is not None
    assert top.tier in ("VIP", "Gold", "Standard") and len(top.rfm) == 3
    stored = json.loads(Setting.get_by_id("scoring_model").value)
    assert stored["unit"] == "weeks" and stored["source"] == "default"


def test_the_model_is_fitted_on_enough_histories(db_path: Path) -> None:
    # Steady regulars, drifters whose gaps widen, and leavers (some after one or two
    # visits: without early leavers nobody's dropout can be told apart and BG/NBD degenerates).
    rng = random.Random(0)
    labels: dict[int, str] = {}
    for i in range(240):
        kind = ("steady", "steady", "drifting", "gone", "steady", "once")[i % 6]
        cid = customer(f"c{i}")
        labels[cid] = kind
        every = max(60, min(int(rng.lognormvariate(math.log(200), 0.6)), 700))
        start = rng.randrange(1200, 2600)
        stop = {"steady": rng.randrange(0, 60), "gone": rng.randrange(400, 1000),
                "once": start - every * rng.randrange(0, 3) - 1}.get(kind, 0)  # fmt: skip
        rows = [(ago(start), "sale", 180_000.0)]
        day, gap = start - every, float(every)
        while day >= stop:
            rows.append((ago(day), "service", 1500.0 if kind != "drifting" or day > 700 else 500.0))
            if kind == "drifting" and day < 900:
                gap *= 1.6
            day -= int(gap * rng.uniform(0.6, 1.4))
        visits(cid, *rows)
        if kind == "drifting":
            for d in (50, 30, 10):
                contact(cid, ago(d), "no_answer")
        elif kind == "steady":
            contact(cid, ago(rng.randrange(5, 50)), "reached")
    summary = scoring.refresh_scores(today=TODAY)
    assert summary.model_source == "fit", summary.model_note
    assert summary.params.converged and not summary.params.degenerate
    assert summary.seconds_total < 5
    rows = scoring.top_at_risk(today=TODAY, limit=240)
    ranked = [labels[r.customer_id] for r in rows]
    steady_scores = sorted(r.score for r in rows if labels[r.customer_id] == "steady")
    drifting_scores = sorted(r.score for r in rows if labels[r.customer_id] == "drifting")
    # Fitted on the history as it stood a year ago: drifters rank above steady regulars.
    assert summary.model_source == "fit"
    assert statistics.median(drifting_scores) > statistics.median(steady_scores) + 20
    assert ranked[:20].count("steady") <= 2
    # A partial refresh reuses the stored model rather than refitting on one customer.
    one = next(c for c, k in labels.items() if k == "steady")
    again = scoring.refresh_scores(today=TODAY, customer_ids=[one])
    assert again.partial and again.customers == 1 and again.params == summary.params


def test_a_change_refreshes_just_that_customer(pair: tuple[int, int]) -> None:
    steady, drifting = pair
    scoring.refresh_scores(today=TODAY)
    before = scores.score_of(steady)
    assert before is not None and before.band == "low"
    tomorrow = TODAY + timedelta(days=1)
    Complaint.create(customer=steady, opened_at=at(TODAY), description="划痕")
    assert (
        scoring.refresh_for_changes(changed("followup", customers=(steady,)), today=tomorrow)
        is None
    )
    summary = scoring.refresh_for_changes(changed("complaint", customers=(steady,)), today=tomorrow)
    assert summary is not None and summary.partial and summary.customers == 1
    after = scores.score_of(steady)
    assert after is not None and after.computed_on == tomorrow
    assert after.score > before.score
    assert "complaint open 1 day" in [render(r) for r in after.reasons]
    untouched = scores.score_of(drifting)
    assert untouched is not None and untouched.computed_on == TODAY
    # Archived customers leave the cache when they are refreshed.
    Customer.update(archived=True).where(Customer.id == steady).execute()
    scoring.refresh_scores(today=tomorrow, customer_ids=[steady])
    assert scores.score_of(steady) is None


def test_reads_refresh_stale_scores(pair: tuple[int, int]) -> None:
    _, drifting = pair
    row = scoring.customer_risk(customer_id=drifting, today=TODAY)  # nothing cached yet
    assert row is not None and row.computed_on == TODAY
    assert scoring.customer_risk(customer_id=12345, today=TODAY) is None
    later = TODAY + timedelta(days=30)
    rows = scoring.top_at_risk(today=later)  # the last full refresh is a month old
    assert {r.computed_on for r in rows} == {later}


def test_lost_customers_prospects_and_filters(pair: tuple[int, int]) -> None:
    steady, drifting = pair
    lost = customer("已流失", status="lost")
    visits(lost, *rhythm(2000, 180, 400))
    prospect = customer("潜在客户")
    scoring.refresh_scores(today=TODAY)
    lost_row, prospect_row = scores.score_of(lost), scores.score_of(prospect)
    assert lost_row is not None and prospect_row is not None
    assert (lost_row.band, lost_row.score, lost_row.segment) == ("gone", 0, "dormant")
    assert (prospect_row.segment, prospect_row.rfm, prospect_row.lifecycle) == (
        "prospect",
        "",
        "prospect",
    )
    ids = [r.customer_id for r in scoring.top_at_risk(today=TODAY)]
    assert lost not in ids and prospect not in ids  # gone, and never seen: not "at risk"
    staff_id = Staff.get(Staff.username == "lina").id
    assert {r.customer_id for r in scoring.top_at_risk(today=TODAY, staff_id=staff_id)} == {
        steady,
        drifting,
    }
    assert drifting not in {r.customer_id for r in scoring.top_at_risk(today=TODAY, band="low")}
    histogram = scores.score_histogram()
    assert [label for label, _ in histogram][:2] == ["0–9", "10–19"]
    assert histogram[-1][0] == "90–100"
    assert sum(n for _, n in histogram) == 2  # neither the lost customer nor the prospect
    from dealerdesk.store import dialect

    indexes = len(dialect.plain_indexes(database, "customer_score"))
    assert indexes == 4  # the full refresh put back the indexes it set aside


@pytest.mark.usefixtures("pair")
def test_at_risk_report_data() -> None:
    report = scoring.at_risk_report_data(today=TODAY, top=10, mask_phones=True, min_score=0)
    assert report.dealership == "DealerDesk"
    assert [r.rank for r in report.rows] == [1, 2]
    assert report.rows[0].name == "张敏" and report.rows[0].reasons
    assert report.total_customers == 2 and report.at_risk_count == 2
    assert report.mask_phones and report.spend_at_stake == pytest.approx(
        sum(r.spend_24m for r in report.rows)
    )
    assert sum(n for _, n in report.score_histogram) == 2
    strict = scoring.at_risk_report_data(today=TODAY, dealership="星河汽车", min_score=101)
    assert strict.rows == () and strict.at_risk_count == 0 and strict.dealership == "星河汽车"


def test_the_dashboard_s_figures_on_a_hand_made_set(db_path: Path) -> None:
    """The manager's figures (issue #15; they replaced ``scoring.retention_metrics``)."""
    a, b, c, d, e = (customer(n) for n in "ABCDE")
    car = Vehicle.create(customer=a, vin="LSVAB2BM0LN000001", make="VW", model="Lavida",
                         purchase_date=date(2020, 1, 1))  # fmt: skip
    visits(a, (date(2025, 6, 1), "service", 1000.0), (date(2026, 5, 1), "service", 1000.0),
           (date(2026, 6, 15), "service", 1000.0), (date(2026, 10, 1), "service", 1000.0),
           vehicle=car.id, declined={date(2026, 5, 1): "brakes"})  # fmt: skip
    visits(b, (date(2025, 3, 1), "service", 800.0))
    visits(c, (date(2026, 8, 1), "sale", 200_000.0))
    visits(d, (date(2024, 12, 1), "service", 700.0), (date(2025, 10, 1), "service", 700.0),
           declined={date(2025, 10, 1): "tyres"})  # fmt: skip
    visits(e, (date(2020, 1, 1), "sale", 150_000.0), (date(2021, 1, 1), "sale", 160_000.0))
    for score in (10, 9, 3):
        Survey.create(customer=a, date=date(2026, 3, 1), nps=score)
    Complaint.create(customer=b, opened_at=datetime(2026, 2, 1, 9), description="x",
                     first_response_at=datetime(2026, 2, 1, 11),
                     resolved_at=datetime(2026, 2, 3, 9), status="resolved")  # fmt: skip
    Complaint.create(customer=d, opened_at=datetime(2026, 11, 10, 9), description="y")
    Referral.create(referrer=a, referred=c, referred_name="C", date=date(2026, 7, 1),
                    status="bought")  # fmt: skip
    Referral.create(referred_name="Z", date=date(2026, 9, 1), partner=None)
    from dealerdesk.services import dashboard

    board = dashboard.dashboard(dashboard.default_period(TODAY), now=NOW)
    m = board.now
    assert (m.retention.whole, m.retention.part) == (3, 1)  # A, B, D; only A stayed
    assert m.annual_churn == pytest.approx(2 / 3, rel=1e-3)
    assert m.active_at_end == 2  # A and the new buyer C
    assert len(board.months) == 13 and board.months[-1][0] == "2026-11"
    assert all(r.part <= r.whole for _, r in board.months)
    assert (m.service_13m.part, m.service_13m.whole) == (1, 3)
    assert [(age, r.part, r.whole) for age, r in board.by_age] == [(6, 1, 1)]
    assert (m.declined_recapture.part, m.declined_recapture.whole) == (1, 2)
    assert (m.repeat_purchase.part, m.repeat_purchase.whole) == (1, 2)
    assert (m.nps.promoters, m.nps.detractors) == (2, 1)
    assert m.first_response_median_h == pytest.approx(2.0)
    assert m.resolution_median_h == pytest.approx(48.0)
    assert dashboard.desk_figures(TODAY, now=NOW).awaiting_response == 1
    assert (m.referrals.part, m.referrals.whole) == (1, 2)
    assert dashboard.leaky_bucket(m.active_at_end, m.annual_churn, 0.10) == 2  # 2 x 0.77, up
    empty = dashboard.dashboard(dashboard.default_period(date(2000, 1, 1)), now=NOW).now
    assert empty.annual_churn is None and dashboard.leaky_bucket(0, None, 0.1) is None


def test_an_empty_database_scores_nothing_without_failing(db_path: Path) -> None:
    summary = scoring.refresh_scores(today=TODAY)
    assert (summary.customers, summary.model_source) == (0, "default")
    assert scoring.top_at_risk(today=TODAY) == []
    report = scoring.at_risk_report_data(today=TODAY)
    assert (report.rows, report.total_customers, report.at_risk_count) == ((), 0, 0)
    from dealerdesk.services import dashboard

    figures = dashboard.desk_figures(TODAY, now=NOW)
    assert figures.retention.whole == 0 and figures.retention.value is None
    assert figures.nps.score is None and figures.first_response_median_h is None
