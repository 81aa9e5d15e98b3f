"""A generation re-run skips the customers whose plan is settled (issue #7: 100k in
under 5 s), and gives exactly what planning everyone gives."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dealerdesk.services import followups, settings
from dealerdesk.services.demo import create_demo
from dealerdesk.store import db, open_database
from dealerdesk.store import followup_queries as fq
from dealerdesk.store.db import database
from dealerdesk.store.models import ContactLog, FollowupPlan, Vehicle

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("settled") / "demo.db"
    create_demo(path, customers=150, seed=11, today=TODAY)
    db.close()
    return path


def table() -> list[tuple[object, ...]]:
    return list(database.execute_sql("SELECT * FROM followup ORDER BY id"))


def generate(day: date) -> followups.GenerateResult:
    return followups.generate_followups(today=day, horizon_days=90)


def test_a_same_day_rerun_plans_nobody_and_changes_nothing(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.db"
    shutil.copy(demo, path)
    open_database(path)
    first = generate(TODAY)
    before = table()
    assert FollowupPlan.select().count() > 100  # most customers' plans are settled
    planned: list[int] = []
    real_plan = followups.plan

    def counting(customers: list[object], ctx: object) -> object:
        planned.append(len(customers))
        return real_plan(customers, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(followups, "plan", counting)
    again = generate(TODAY)
    assert again == first  # the same counts, held-back ones included
    assert table() == before
    unsettled = 150 - FollowupPlan.select().count()
    assert planned == [unsettled] and unsettled < 50
    # The next day every customer is planned again: the day is part of the fingerprint.
    generate(TODAY + timedelta(days=1))
    assert planned[-1] == 150
    db.close()


@pytest.mark.parametrize("rewrite_from", [5000, 0])
def test_skipping_settled_customers_gives_what_planning_everyone_gives(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rewrite_from: int
) -> None:
    """The same steps on two copies: one skips settled customers, the other forgets
    them before every run (every customer planned, as before the cache). Both ways of
    recording who is settled: row by row, and rewriting the table (a new day at 100k)."""
    monkeypatch.setattr(followups, "REWRITE_FROM", rewrite_from)
    copies = {"skip": tmp_path / "skip.db", "all": tmp_path / "all.db"}
    for p in copies.values():
        shutil.copy(demo, p)
    someone = None

    def contact_logged() -> None:
        nonlocal someone
        someone = someone or ContactLog.select().first().customer_id
        ContactLog.create(customer=someone, at=datetime(2026, 11, 23, 9), channel="phone",
                          outcome="reached")  # fmt: skip

    def insurance_moved() -> None:
        v = Vehicle.select().order_by(Vehicle.id).first()
        Vehicle.update(insurance_end=TODAY + timedelta(days=20)).where(Vehicle.id == v.id).execute()

    def cap_changed() -> None:
        settings.set_value("fatigue_cap", "1")

    steps: list[tuple[date, Callable[[], None] | None]] = [
        (TODAY, None), (TODAY, None), (TODAY, contact_logged), (TODAY, insurance_moved),
        (TODAY + timedelta(days=1), None), (TODAY + timedelta(days=1), None),
        (TODAY + timedelta(days=40), None), (TODAY + timedelta(days=40), cap_changed),
        (TODAY + timedelta(days=40), None),
    ]  # fmt: skip
    skipped = 0
    for day, change in steps:
        seen = {}
        for name, p in copies.items():
            db.close()
            open_database(p)
            if change is not None:
                change()
            if name == "all":
                FollowupPlan.delete().execute()
            else:
                skipped += len(fq.settled_plans())
            seen[name] = (generate(day), table())
        assert seen["skip"] == seen["all"], (day, change)
    assert skipped > 500  # the cache was really used
    db.close()
