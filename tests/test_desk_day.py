"""The desk's day (issue #7) on a real database: capacity, batches, catch-up, fatigue, clock."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dealerdesk.errors import ValidationError
from dealerdesk.paths import ServerUrl
from dealerdesk.services import customers, desk_day, followups, settings
from dealerdesk.services.desk_day import BatchTask
from dealerdesk.store.models import ContactLog, Customer, Followup, Staff, Vehicle

TODAY = date(2027, 3, 3)  # a Wednesday; no greeted holiday within 90 days
NOW = datetime(2027, 3, 3, 10, 30)
ROOT = Path(__file__).resolve().parents[1]


def staff(name: str = "李娜", calls: int = 40) -> Staff:
    return Staff.create(name=name, username=f"u{Staff.select().count() + 1}", calls_per_day=calls)


def person(n: int, owner: Staff | None = None, **kw: object) -> Customer:
    values: dict[str, object] = {"name": f"客户{n}", "phone": f"+861390000{n:04d}",
                                 "owner": owner, "created_at": datetime(2026, 10, 1)}  # fmt: skip
    return Customer.create(**{**values, **kw})


def pending_kinds(c: Customer) -> list[str]:
    q = Followup.select().where((Followup.customer == c) & (Followup.status == "pending"))
    return sorted(f.kind for f in q)


def generate(today: date = TODAY) -> followups.GenerateResult:
    return followups.generate_followups(today=today, horizon_days=90)


# -- the fatigue cap keeps the better task, whatever the order of entry ---------------------
def _sale_new_customer_in_two_steps() -> Customer:
    new_id = customers.create_customer({"name": "王芳", "phone": "13900000001"}, today=TODAY).new_id
    assert new_id is not None
    customers.add_vehicle(new_id, {"vin": "LFV2A21K000000011", "make": "BYD", "model": "Han",
                                   "purchase_date": TODAY}, today=TODAY)  # fmt: skip
    return Customer.get_by_id(new_id)


def _sale_new_customer_in_one_run() -> Customer:
    c = Customer.create(name="王芳", phone="+8613900000002",
                        created_at=datetime.combine(TODAY, datetime.min.time()))  # fmt: skip
    Vehicle.create(customer=c, vin="LFV2A21K000000012", make="BYD", model="Han",
                   purchase_date=TODAY)  # fmt: skip
    generate()
    return c


@pytest.mark.parametrize("entry", [_sale_new_customer_in_two_steps, _sale_new_customer_in_one_run])
def test_a_new_buyer_gets_the_thank_you_and_the_check_in_in_either_order(db_path: Path,
                                                                          entry: object) -> None:  # fmt: skip
    c = entry()  # type: ignore[operator]
    generate()  # a re-run changes nothing
    kinds = pending_kinds(c)
    assert "thanks" in kinds and "checkin" in kinds and "touch" not in kinds
    # The stay-in-touch call is held back, and the customer's page can say why.
    held = followups.held_back(customer_id=c.id, today=TODAY)
    assert [h.kind for h in held] == ["touch"] and "Held back" in str(held[0].reason)


def _visit_with_declined_work(c: Customer) -> None:
    v = Vehicle.create(customer=c, vin=f"LFV2A21K0{c.id:08d}", make="BYD", model="Han",
                       purchase_date=date(2022, 5, 1))  # fmt: skip
    customers.add_visit(c.id, {"vehicle_id": v.id, "date": TODAY, "kind": "service",
                               "declined": "brake pads"}, today=TODAY)  # fmt: skip


def test_declined_work_is_called_back_in_either_order(db_path: Path) -> None:
    # Step by step: a customer in touch (planned), then a service visit with declined work.
    a = person(1)
    ContactLog.create(customer=a, at=datetime(2027, 1, 25, 9), channel="phone", outcome="reached")
    generate()
    _visit_with_declined_work(a)
    # All at once: the same facts, one run.
    b = person(2)
    ContactLog.create(customer=b, at=datetime(2027, 1, 25, 9), channel="phone", outcome="reached")
    v = Vehicle.create(customer=b, vin="LFV2A21K000000099", make="BYD", model="Han",
                       purchase_date=date(2022, 5, 1))  # fmt: skip
    from dealerdesk.store.models import Visit

    Visit.create(customer=b, vehicle=v, date=TODAY, kind="service", declined="brake pads")
    generate()
    generate()
    assert pending_kinds(a) == pending_kinds(b)
    assert "declined_work" in pending_kinds(a) and "satisfaction" in pending_kinds(a)
    held = followups.held_back(customer_id=a.id, today=TODAY)
    assert [h.kind for h in held] == ["touch"] and "at most 2" in str(held[0].reason)


# -- one clock --------------------------------------------------------------------------------
def test_a_new_customer_stays_in_touch_from_the_given_day_not_the_machines(db_path: Path) -> None:
    day = date(2031, 7, 9)  # years away from the machine's clock
    new_id = customers.create_customer({"name": "周杰", "phone": "13900000077"}, today=day).new_id
    touch = Followup.get((Followup.customer == new_id) & (Followup.kind == "touch"))
    assert touch.due == day + timedelta(days=30)
    assert Customer.get_by_id(new_id).created_at.date() == day


# -- capacity and the day's list --------------------------------------------------------------
def _overdue_touch(c: Customer, days_ago: int) -> None:
    from dealerdesk.store import followup_queries as fq

    fq.insert_followup(customer_id=c.id, kind="touch", rule="manual", source_key=f"t:{c.id}",
                       purpose="marketing", essential=False, due=TODAY - timedelta(days=days_ago),
                       reason="keep in touch", assignee_id=c.owner_id, vehicle_id=None,
                       complaint_id=None, campaign_id=None, stamp=NOW)  # fmt: skip


def test_today_is_cut_to_capacity_best_first_and_the_rest_is_later(db_path: Path) -> None:
    ana, bo = staff("Ana", calls=3), staff("Bo", calls=40)
    for n in range(1, 8):
        _overdue_touch(person(n, ana), days_ago=n)
    _overdue_touch(person(20, bo), days_ago=1)
    plan = desk_day.day_plan(today=TODAY)
    by = {p.staff_name: p for p in plan.people}
    assert [t.customer_name for t in by["Ana"].tasks] == ["客户7", "客户6", "客户5"]  # oldest first
    assert (by["Ana"].capacity, by["Ana"].later, by["Bo"].later) == (3, 4, 0)
    later = desk_day.later_page(today=TODAY, staff_id=ana.id)
    assert [t.customer_name for t in later] == ["客户4", "客户3", "客户2", "客户1"]
    assert (
        desk_day.later_page(today=TODAY, staff_id=ana.id, offset=3, limit=5)[0].customer_name
        == "客户1"
    )
    # Editable capacity, checked at its bounds.
    desk_day.set_capacity(staff_id=ana.id, calls_per_day=0, today=TODAY)
    assert desk_day.day_plan(today=TODAY, staff_id=ana.id).people[0].later == 7
    with pytest.raises(ValidationError):
        desk_day.set_capacity(staff_id=ana.id, calls_per_day=501, today=TODAY)
    with pytest.raises(ValidationError):
        desk_day.set_capacity(staff_id=9999, calls_per_day=10, today=TODAY)


# -- greetings are one batch per occasion and channel -----------------------------------------
def test_birthday_greetings_are_one_batch_per_channel_counting_once(db_path: Path) -> None:
    settings.set_value("fatigue_cap", "none")
    ana = staff("Ana", calls=3)
    for n in range(1, 4):  # reachable on WeChat and preferring it
        person(n, ana, birthday=date(1985, 3, 4), wechat=f"wx{n}", preferred_channel="wechat")
    for n in range(4, 6):  # a phone only, preferring SMS
        person(n, ana, birthday=date(1990, 3, 4), preferred_channel="sms")
    for n in range(6, 10):
        ContactLog.create(customer=person(n, ana), at=datetime(2027, 1, 1), channel="phone",
                          outcome="reached")  # fmt: skip
    generate(date(2027, 1, 2))  # planned before (no catch-up list)
    generate()
    plan = desk_day.day_plan(today=TODAY)
    (ana_day,) = plan.people
    batches = [t for t in ana_day.tasks if isinstance(t, BatchTask)]
    assert sorted((b.channel, b.count) for b in batches) == [("sms", 2), ("wechat", 3)]
    assert all(b.occasion_day == date(2027, 3, 4) for b in batches)
    assert len(ana_day.tasks) == 3 and ana_day.later == 3  # 2 batches + 1 of 4 calls
    assert ana_day.followups_today == 6
    wechat = next(b for b in batches if b.channel == "wechat")
    assert "by WeChat" in wechat.reason and wechat.customer_name == "list of 3 customers"
    members = desk_day.batch_members(wechat.followup_ids)
    assert [m.wechat for m in members] == ["wx1", "wx2", "wx3"]
    desk_day.complete_batch(followup_ids=wechat.followup_ids, now=NOW)
    logged = ContactLog.select().where(ContactLog.channel == "wechat")
    assert logged.count() == 3
    after = desk_day.day_plan(today=TODAY).people[0]
    assert [b.channel for b in after.tasks if isinstance(b, BatchTask)] == ["sms"]


def test_a_holiday_is_one_batch_per_channel_for_everyone_it_greets(db_path: Path) -> None:
    day = date(2026, 9, 24)  # the last working day before Mid-Autumn (Fri 25 Sep 2026)
    ana = staff("Ana")
    for n in range(1, 5):
        ContactLog.create(customer=person(n, ana), at=datetime(2026, 9, 1), channel="phone",
                          outcome="reached")  # fmt: skip
    generate(date(2026, 9, 2))
    generate(day)
    assert Followup.select().where(Followup.kind == "holiday", Followup.due == day).count() == 4
    plan = desk_day.day_plan(today=day)
    batches = [t for t in plan.tasks if isinstance(t, BatchTask)]
    assert [(b.kind, b.count, b.channel) for b in batches] == [("holiday", 4, "sms")]
    assert batches[0].reason == "Mid-Autumn Festival greetings for 24 Sep 2026, by SMS"
    from dealerdesk.i18n import render

    assert render(batches[0].title, "zh_CN") == "中秋节问候（2026年9月24日，短信发送）"


# -- the catch-up list ------------------------------------------------------------------------
def test_a_first_plan_puts_old_work_on_the_catch_up_list_reviewed_once(db_path: Path) -> None:
    a, b, c = person(1), person(2), person(3)
    for x in (a, b):  # last contact 200 days ago: stay-in-touch due 170 days ago
        ContactLog.create(customer=x, at=datetime(2026, 8, 15), channel="phone", outcome="reached")
    ContactLog.create(customer=c, at=datetime(2027, 1, 25), channel="phone", outcome="reached")
    generate()  # the file's first plan
    plan = desk_day.day_plan(today=TODAY)
    # 客户3's call fell due 24 Feb, within the 14 days: on Today; the two older ones wait.
    assert [t.customer_name for t in plan.tasks] == ["客户3"]
    assert plan.catchup == 2
    generate(TODAY + timedelta(days=10))  # a later re-run leaves the list alone
    assert desk_day.day_plan(today=TODAY).catchup == 2
    rows = desk_day.catchup_list(today=TODAY)
    assert sorted(r.customer_name for r in rows) == ["客户1", "客户2"]
    first = next(r for r in rows if r.customer_name == "客户1")
    second = next(r for r in rows if r.customer_name == "客户2")
    desk_day.bring_in_catchup(followup_ids=[first.id], today=TODAY)
    desk_day.dismiss_catchup(followup_ids=[second.id], now=NOW)
    plan = desk_day.day_plan(today=TODAY)
    assert sorted(t.customer_name for t in plan.tasks) == ["客户1", "客户3"]
    assert plan.catchup == 0
    nxt = Followup.get((Followup.customer == b) & (Followup.status == "pending")
                       & (Followup.kind == "touch"))  # fmt: skip
    assert nxt.due == TODAY + timedelta(days=30) and nxt.source_key == f"touch:{b.id}"
    old = Followup.get_by_id(second.id)
    assert (old.status, old.notes) == ("skipped", "Dismissed at the catch-up review")
    generate()
    assert desk_day.day_plan(today=TODAY).catchup == 0  # reviewed once: it does not come back


def test_the_days_ranking_reads_one_covering_index_without_statistics(db_path: Path) -> None:
    """At 100,000 customers Today reads tens of thousands of rows: from the covering
    partial index alone, which the planner must pick on a file never ANALYZEd."""
    if isinstance(db_path, ServerUrl):
        pytest.skip("an SQLite matter (its planner and EXPLAIN QUERY PLAN)")
    from dealerdesk.store import followup_queries as fq
    from dealerdesk.store.db import database

    for sql in (fq.RANKING_SQL, fq.RANKING_SQL + " AND f.assignee_id = ?"):
        plan = " ".join(
            str(r)
            for r in database.execute_sql(
                f"EXPLAIN QUERY PLAN {sql}", [TODAY.isoformat(), 1][: sql.count("?")]
            )
        )
        assert "COVERING INDEX followup_pending_day" in plan, plan
    plan = " ".join(str(r) for r in database.execute_sql(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM followup f WHERE f.status = 'pending'"
        " AND f.catchup = 1"))  # fmt: skip
    assert "COVERING INDEX followup_pending_day (catchup=?)" in plan, plan


def test_a_customers_open_follow_ups(db_path: Path) -> None:
    c = person(1)
    _overdue_touch(c, 3)
    rows = desk_day.customer_followups(customer_id=c.id, today=TODAY)
    assert [(r.kind, r.due) for r in rows] == [("touch", TODAY - timedelta(days=3))]
    assert desk_day.customer_followups(customer_id=c.id + 1, today=TODAY) == []


# -- the command, on the 2,000-customer demo ---------------------------------------------------
def _run(*args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run([*prefix, sys.executable, "-m", "dealerdesk", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "DEALERDESK_LANG": "en", **(env or {})})  # fmt: skip


@pytest.fixture(scope="module")
def demo_2000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    done = _run("demo", "--db", str(path), "--customers", "2000", "--today", "2027-03-03")
    assert done.returncode == 0, done.stderr
    return path


def test_dealerdesk_today_prints_each_list_within_capacity(demo_2000: Path) -> None:
    done = _run("today", "--db", str(demo_2000), "--today", "2027-03-03", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == ["staff", "#", "due", "overdue days", "customer", "phone", "follow-up",
                       "reason"]  # fmt: skip
    per_staff = Counter(r[0] for r in rows[1:])
    con = sqlite3.connect(demo_2000)
    caps = dict(con.execute("SELECT name, calls_per_day FROM staff"))
    assert per_staff and all(n <= caps.get(who, 40) for who, n in per_staff.items())
    assert "later" in done.stderr and "catch-up list" in done.stderr
    one = next(iter(per_staff))
    only = _run("today", "--db", str(demo_2000), "--today", "2027-03-03", "--format", "csv",
                "--staff", one)  # fmt: skip
    assert {r[0] for r in list(csv.reader(io.StringIO(only.stdout)))[1:]} == {one}
    bad = _run("today", "--db", str(demo_2000), "--staff", "nobody at all")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "nobody at all" in bad.stderr
    table = _run("today", "--db", str(demo_2000), "--today", "2027-03-03")
    assert table.stdout.splitlines()[0].split()[:3] == ["staff", "#", "due"]


@pytest.mark.skipif(
    shutil.which("faketime") is None, reason="needs faketime (apt install faketime)"
)
def test_nothing_reads_the_machine_clock_under_a_fixed_today(tmp_path: Path) -> None:
    """The same commands with the machine clock years away give the same files and lists."""
    out = {}
    for label, prefix in (("real", ()), ("frozen", ("faketime", "2033-11-20 08:00:00"))):
        db = tmp_path / f"{label}.db"
        made = _run("demo", "--db", str(db), "--customers", "300", "--today", "2027-03-03",
                    prefix=prefix)  # fmt: skip
        assert made.returncode == 0, made.stderr
        gen = _run("followups", "--db", str(db), "--today", "2027-03-10", "--format", "csv",
                   prefix=prefix)  # fmt: skip
        day = _run("today", "--db", str(db), "--today", "2027-03-10", "--format", "csv",
                   prefix=prefix)  # fmt: skip
        con = sqlite3.connect(db)
        table = con.execute("SELECT source_key, due, status, catchup, created_at, updated_at,"
                            " reason FROM followup ORDER BY source_key").fetchall()  # fmt: skip
        customers_ = con.execute("SELECT id, created_at FROM customer ORDER BY id").fetchall()
        con.close()
        out[label] = (gen.stdout, day.stdout, table, customers_)
    assert out["frozen"][0] == out["real"][0]
    assert out["frozen"][1] == out["real"][1]
    assert out["frozen"][2] == out["real"][2]
    assert out["frozen"][3] == out["real"][3]
