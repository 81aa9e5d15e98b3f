"""Issue #8, scoring at 100k: the visit facts from the histories, the write of only the
changed cache rows, and the fit kept on unchanged histories."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from test_scoring_service import ago, contact, customer, rhythm, visits

from dealerdesk.dates import years_back
from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.services import scoring
from dealerdesk.store import facts_query as q
from dealerdesk.store import risk_facts, scores, visit_facts
from dealerdesk.store.db import database
from dealerdesk.store.models import Customer, Visit
from dealerdesk.store.visit_history import VisitArrays

TODAY = date(2026, 11, 15)
VISIT_FIELDS = ("first_visit", "last_visit", "visit_days", "first_purchase", "last_purchase",
                "purchase_count", "first_service", "last_service", "service_count",
                "spend_total", "spend_24m", "spend_12m", "spend_prev_12m", "aftersales_12m",
                "aftersales_prev_12m", "prev_visit", "last_declined")  # fmt: skip


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def sql_visit_facts(today: date) -> dict[int, tuple[Any, ...]]:
    """The visit figures as the SQL used to compute them (``_VISITS``, ``risk_facts``)."""
    d12, d24 = years_back(today, 1), years_back(today, 2)
    params = {"today": today.isoformat(), "d12": d12.isoformat(), "d24": d24.isoformat()}
    prev = risk_facts.previous_visit_days(today)
    declined = risk_facts.last_declined_days(today)
    out = {}
    for r in database.execute_sql(q._VISITS.format(ids=""), params).fetchall():
        cid = int(r[0])
        out[cid] = (_day(r[1]), _day(r[2]), r[3], _day(r[4]), _day(r[5]), r[6], _day(r[7]),
                    _day(r[8]), r[9], float(r[10]), float(r[11]), float(r[12]),
                    float(r[11]) - float(r[12]), float(r[14]), float(r[13]) - float(r[14]),
                    _day(prev.get(cid)), _day(declined.get(cid)))  # fmt: skip
    return out


def loaded_facts(today: date) -> list[CustomerFacts]:
    columns = q.load_customer_facts(today, factory=FactColumns)
    return columns.rows(np.arange(len(columns)))


def history_visit_facts(today: date) -> dict[int, tuple[Any, ...]]:
    return {f.customer_id: tuple(getattr(f, n) for n in VISIT_FIELDS)
            for f in loaded_facts(today) if f.last_visit is not None}  # fmt: skip


@pytest.fixture
def edges(db_path: Path) -> dict[str, int]:
    """Visits on every boundary the SQL draws."""
    d12, d24 = years_back(TODAY, 1), years_back(TODAY, 2)
    ids = {name: customer(name) for name in ("edges", "same_day", "declined", "kinds",
                                             "prospect", "once")}  # fmt: skip
    ids["archived"] = customer("archived", archived=True)
    visits(ids["edges"], (d24, "service", 100.0), (d24 + timedelta(days=1), "service", 200.0),
           (d12, "repair", 400.0), (d12 + timedelta(days=1), "sale", 8_000.0),
           (TODAY, "parts", 16.5), (TODAY + timedelta(days=1), "service", 32.0))  # fmt: skip
    # Three visits on one day (one distinct day, three services), then two on another.
    visits(ids["same_day"], (ago(300), "service", 10.0), (ago(300), "service", 20.25),
           (ago(300), "repair", 30.0), (ago(30), "sale", 1.0), (ago(30), "service", 2.0))  # fmt: skip
    visits(ids["declined"], (ago(500), "service", 1.0), (ago(400), "service", 1.0),
           (ago(300), "service", 1.0), (ago(200), "service", 1.0),
           declined={ago(500): "刹车片", ago(400): "   ", ago(300): "", ago(200): " "})  # fmt: skip
    visits(ids["kinds"], (ago(900), "sale", 150_000.0), (ago(800), "accessory", 2_000.0),
           (ago(700), "parts", 300.0), (ago(600), "insurance", 4_000.0),
           (ago(20), "repair", 700.0), (ago(10), "sale", 90_000.0))  # fmt: skip
    visits(ids["once"], (ago(5), "sale", 120_000.0))
    visits(ids["archived"], (ago(50), "service", 500.0), (ago(40), "service", 500.0))
    return ids


def test_facts_from_histories_equal_the_sql_facts(edges: dict[str, int]) -> None:
    history, sql = history_visit_facts(TODAY), sql_visit_facts(TODAY)
    assert edges["archived"] in sql and edges["archived"] not in history  # not scored
    assert edges["prospect"] not in history and edges["prospect"] not in sql
    del sql[edges["archived"]]
    assert history == sql
    e = history[edges["edges"]]
    # d24 and d12 themselves are outside their windows (date > d); tomorrow is not counted
    assert e[VISIT_FIELDS.index("spend_24m")] == 200.0 + 400.0 + 8_000.0 + 16.5
    assert e[VISIT_FIELDS.index("spend_12m")] == 8_000.0 + 16.5
    assert e[VISIT_FIELDS.index("aftersales_12m")] == 16.5
    same = history[edges["same_day"]]
    assert same[:3] == (ago(300), ago(30), 2)
    assert same[VISIT_FIELDS.index("service_count")] == 4  # visits, not days
    assert same[VISIT_FIELDS.index("prev_visit")] == ago(300)
    assert history[edges["declined"]][VISIT_FIELDS.index("last_declined")] == ago(500)
    kinds = history[edges["kinds"]]
    assert kinds[VISIT_FIELDS.index("purchase_count")] == 2
    assert kinds[VISIT_FIELDS.index("service_count")] == 1  # the repair; parts are not service
    assert history[edges["once"]][VISIT_FIELDS.index("prev_visit")] is None


@pytest.mark.parametrize("today", [date(2028, 2, 29), date(2027, 2, 28), date(2026, 3, 1)])
def test_facts_from_histories_on_29_february(db_path: Path, today: date) -> None:
    cid = customer("leap")
    rows = [(date(2025, 2, 27) + timedelta(days=k), "service", float(k + 1)) for k in range(5)]
    rows += [(date(2026, 2, 26) + timedelta(days=k), "parts", float(10 * k)) for k in range(5)]
    rows += [(date(2027, 2, 26) + timedelta(days=k), "sale", float(100 * k)) for k in range(5)]
    visits(cid, *rows)
    assert history_visit_facts(today) == sql_visit_facts(today)


def test_facts_from_histories_equal_the_sql_facts_on_random_histories(db_path: Path) -> None:
    rng = random.Random(8)
    kinds = ("sale", "service", "repair", "parts", "accessory")
    for n in range(60):
        cid = customer(f"c{n}")
        days = sorted(rng.randrange(-5, 2_000) for _ in range(rng.randrange(0, 12)))
        visits(cid, *[(ago(d), rng.choice(kinds), round(rng.uniform(0, 5_000), 2)) for d in days],
               declined={ago(d): rng.choice(["", " ", "轮胎"]) for d in days[:3]})  # fmt: skip
    history, sql = history_visit_facts(TODAY), sql_visit_facts(TODAY)
    assert history.keys() == sql.keys() and len(history) > 40
    money = [i for i, v in enumerate(VISIT_FIELDS) if v.startswith(("spend", "after"))]
    for cid, facts in history.items():  # money sums may differ in the last bit (order)
        sums = [facts[i] for i in money]
        assert sums == pytest.approx([sql[cid][i] for i in money], rel=1e-12), cid
        assert [v for i, v in enumerate(facts) if i not in money] == [
            v for i, v in enumerate(sql[cid]) if i not in money
        ], cid


def test_visit_columns_of_no_visits() -> None:
    empty = np.zeros(0, np.int64)
    none = VisitArrays(empty, empty, empty.astype(np.uint8), empty.astype(bool), empty,
                       empty.astype(float))  # fmt: skip
    columns = visit_facts.visit_columns(none, TODAY)
    assert columns.customer.size == 0 and columns.spend_24m.size == 0


# --- writing only what changed ----------------------------------------------------------


def _desk(n: int = 30) -> list[int]:
    """A small dealership (too small to fit BG/NBD: the default parameters score it)."""
    rng = random.Random(15)
    ids = []
    for k in range(n):
        cid = customer(f"客户{k}", phone=f"+86139{k:08d}")
        visits(cid, *rhythm(rng.randrange(800, 2_400), rng.randrange(120, 400),
                            rng.randrange(0, 700)))  # fmt: skip
        ids.append(cid)
    ids.append(customer("Prospect"))
    return ids


def _cache() -> dict[int, tuple[Any, ...]]:
    return {r[0]: r for r in database.execute_sql("SELECT * FROM customer_score")}


def test_a_same_day_rerun_writes_nothing(db_path: Path) -> None:
    ids = _desk()
    first = scoring.refresh_scores(today=TODAY)
    assert first.rows_written == len(ids)
    before = _cache()
    again = scoring.refresh_scores(today=TODAY)
    assert (again.rows_written, again.customers, again.by_band) == (0, len(ids), first.by_band)
    assert _cache() == before


def _content() -> dict[int, tuple[Any, ...]]:
    """The cache without ``computed_on`` (a row a full run left alone keeps its own)."""
    return {cid: (*row[:1], *row[2:]) for cid, row in _cache().items()}


@pytest.mark.parametrize("days", [1, 7, 40, 400])
def test_a_new_day_rewrites_exactly_the_rows_that_moved(db_path: Path, days: int) -> None:
    """Whatever a full run leaves alone says what a run writing every row would write."""
    ids = _desk(60)
    scoring.refresh_scores(today=TODAY)
    before = _content()
    later = TODAY + timedelta(days=days)
    summary = scoring.refresh_scores(today=later)
    moved = {cid for cid, row in _content().items() if row != before[cid]}
    assert summary.rows_written == len(moved) < len(ids) or days == 400
    assert moved  # the silence grew: some scores and reasons moved
    kept = _content()
    database.execute_sql("DELETE FROM customer_score")
    assert scoring.refresh_scores(today=later).rows_written == len(ids)
    assert _content() == kept
    # Every row reads as current on the new day, written or not.
    assert {scores.score_of(c).computed_on for c in ids} == {later}  # type: ignore[union-attr]


def test_a_row_rescored_meanwhile_by_another_desk_is_kept(db_path: Path) -> None:
    """A full run writes a row only if it still holds the signature the run compared with:
    a desk that rescored the customer meanwhile (after a visit) keeps its newer row."""
    ids = _desk(3)
    scoring.refresh_scores(today=TODAY)
    stored = scores.score_of(ids[0])
    assert stored is not None
    saw = dict(zip(*(a.tolist() for a in scores.stored_signatures()), strict=True))[ids[0]]
    scores.save_scores([replace(stored, score=99)], [12345])  # the other desk's refresh
    ours = replace(stored, score=1)
    scores.save_scores([ours], [777], replacing=[saw], current_on=TODAY)
    assert scores.score_of(ids[0]).score == 99  # type: ignore[union-attr]
    scores.save_scores([ours], [777], replacing=[12345], current_on=TODAY)
    assert scores.score_of(ids[0]).score == 1  # type: ignore[union-attr]


def test_a_signature_tells_every_column_apart() -> None:
    rng = np.random.default_rng(8)
    columns = [rng.integers(-5, 5, 1_000) for _ in range(6)]
    base = scores.signature(columns)
    assert np.array_equal(base, scores.signature([c.copy() for c in columns]))
    assert not np.any(base == 0)
    for k in range(6):
        moved = [c.copy() for c in columns]
        moved[k][3] += 1
        changed = scores.signature(moved) != base
        assert changed[3] and changed.sum() == 1
    swapped = scores.signature([columns[1], columns[0], *columns[2:]])
    apart = columns[0] != columns[1]
    assert np.array_equal(swapped != base, apart)  # column order matters


def test_a_changed_visit_rewrites_exactly_that_customer(db_path: Path) -> None:
    ids = _desk()
    scoring.refresh_scores(today=TODAY)
    before = _cache()
    cid = ids[3]
    last = Visit.select().where(Visit.customer == cid).order_by(Visit.date.desc()).get()
    Visit.update(declined="刹车片").where(Visit.id == last.id).execute()  # declined work
    contact(ids[5], ago(1), "no_answer")
    summary = scoring.refresh_scores(today=TODAY)
    after = _cache()
    assert summary.rows_written == 2
    assert {c for c in ids if after[c] != before[c]} == {cid, ids[5]}
    assert scores.score_of(cid).reasons != ()  # type: ignore[union-attr]


def test_a_gone_customer_row_goes(db_path: Path) -> None:
    ids = _desk()
    scoring.refresh_scores(today=TODAY)
    Customer.update(archived=True).where(Customer.id == ids[0]).execute()
    Visit.delete().where(Visit.customer == ids[1]).execute()
    Customer.delete().where(Customer.id == ids[1]).execute()
    summary = scoring.refresh_scores(today=TODAY)
    after = _cache()
    assert ids[0] not in after and ids[1] not in after
    assert set(after) == set(ids[2:])
    assert summary.rows_written >= 1  # the archived row; the deleted one went with its customer


def test_the_fit_is_kept_on_unchanged_histories(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(3)
    for k in range(150):  # regulars, and leavers after a visit or a few (BG/NBD needs both)
        start, every = rng.randrange(600, 2_400), rng.randrange(90, 400)
        stop = start - every * rng.randrange(0, 4) - 1 if k % 3 == 0 else rng.randrange(0, 90)
        visits(customer(f"c{k}"), *rhythm(start, every, max(stop, 0)))
    first = scoring.refresh_scores(today=TODAY)
    assert first.model_source == "fit", first.model_note
    fits: list[object] = []
    real = scoring.fit_bgnbd
    monkeypatch.setattr(scoring, "fit_bgnbd", lambda *a, **k: fits.append(a) or real(*a, **k))
    again = scoring.refresh_scores(today=TODAY)
    assert (fits, again.params, again.rows_written) == ([], first.params, 0)
    visits(customer("new"), (ago(3), "sale", 100_000.0), (ago(1), "service", 500.0))
    moved = scoring.refresh_scores(today=TODAY)
    assert len(fits) == 1 and moved.params != first.params
    x, t_x, age, weights = _fit_input()
    cold = real(x, t_x, age, weights=weights, initial=scoring.DEFAULT_PARAMS)
    for name in ("r", "alpha", "a", "b"):  # the kept fit is the fit, to a millionth
        assert getattr(first.params, name) == pytest.approx(getattr(cold, name), rel=1e-6)


def _fit_input() -> tuple[np.ndarray, ...]:
    """The histories of the first refresh, as ``_fit`` hands them to ``fit_bgnbd``."""
    from dealerdesk.retention.churn import bgnbd_arrays

    columns = q.load_customer_facts(TODAY, factory=FactColumns)
    new = Customer.get(Customer.name == "new").id
    x, t_x, age = bgnbd_arrays(columns.take(columns.seen & (columns.customer_id != new)), TODAY)
    rows, weights = np.unique(np.column_stack([x, t_x, age]), axis=0, return_counts=True)
    return rows[:, 0], rows[:, 1], rows[:, 2], weights
