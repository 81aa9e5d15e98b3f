"""issue #8: the packed contact histories give exactly the contact facts of the SQL
(``facts_query._CONTACTS``: the last contact's day, the unanswered streak), whatever
writes ``contact_log``, on SQLite and PostgreSQL (``DEALERDESK_TEST_DB``)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from test_scoring_service import TODAY, ago, contact, customer

from dealerdesk.store import contact_history, packed_history
from dealerdesk.store import facts_query as q
from dealerdesk.store.db import database
from dealerdesk.store.models import ContactLog, Customer


def sql_facts(today: date) -> dict[int, tuple[date, int]]:
    """{customer: (day of the last contact, unanswered streak)} as the SQL defines them."""
    params = {"tomorrow": (today + timedelta(days=1)).isoformat()}
    rows = database.execute_sql(q._CONTACTS.format(ids=""), params).fetchall()
    return {int(r[0]): (date.fromisoformat(str(r[1])[:10]), int(r[2])) for r in rows}


def history_facts(today: date, ids: Any = None) -> dict[int, tuple[date, int]]:
    customers, days, streaks = q.contact_columns(today, ids)
    epoch = date(1970, 1, 1).toordinal()
    return {c: (date.fromordinal(epoch + d), s)
            for c, d, s in zip(customers.tolist(), days.tolist(), streaks.tolist(), strict=True)}  # fmt: skip


def test_the_streak_counts_unanswered_calls_after_the_last_answered_one(db_path: Path) -> None:
    ann, bo, cy, di = (customer(n) for n in ("Ann", "Bo", "Cy", "Di"))
    contact(ann, ago(9), "reached")
    contact(ann, ago(5), "no_answer")
    contact(ann, ago(3), "left_message")
    contact(ann, ago(1), "no_answer", direction="in")  # inbound: they called, it ends it
    contact(bo, ago(9), "reached")
    contact(bo, ago(5), "no_answer")
    contact(bo, ago(3), "left_message")
    contact(bo, TODAY + timedelta(days=1), "reached")  # tomorrow: not yet
    contact(cy, ago(2), "no_answer")  # never reached: every unanswered call counts
    contact(cy, ago(1), "no_answer")
    # One timestamp for an answered and an unanswered call (an import without times):
    # "after the last answered" is strictly after, as in SQL.
    contact(di, ago(4), "reached", hour=0)
    contact(di, ago(4), "no_answer", hour=0)
    contact(di, ago(2), "no_answer")
    expected = {ann: (ago(1), 0), bo: (ago(3), 2), cy: (ago(1), 2), di: (ago(2), 1)}
    assert history_facts(TODAY) == sql_facts(TODAY) == expected
    assert history_facts(ago(4)) == sql_facts(ago(4)) == {ann: (ago(5), 1), bo: (ago(5), 1),
                                                           di: (ago(4), 0)}  # fmt: skip
    assert history_facts(TODAY, [bo, 999]) == {bo: (ago(3), 2)}


def test_the_histories_equal_the_sql_on_random_contacts(db_path: Path) -> None:
    rng = random.Random(21)
    outcomes = ("reached", "no_answer", "left_message", "call_back", "wrong_number")
    for n in range(50):
        cid = customer(f"c{n}")
        for _ in range(rng.randrange(0, 9)):
            when = datetime.combine(ago(rng.randrange(-3, 60)), datetime.min.time())
            ContactLog.create(customer=cid, at=when + timedelta(hours=rng.choice([0, 0, 9, 15])),
                              channel="phone", direction=rng.choice(["out", "out", "in"]),
                              outcome=rng.choice(outcomes))  # fmt: skip
    for day in (TODAY, ago(20), ago(59)):
        assert history_facts(day) == sql_facts(day)
    assert sum(s > 0 for _, s in history_facts(TODAY).values()) > 5


def test_every_kind_of_write_is_seen(db_path: Path) -> None:
    ann, bo = customer("Ann"), customer("Bo")
    contact(ann, ago(5), "no_answer")
    assert history_facts(TODAY) == {ann: (ago(5), 1)}
    row = ContactLog.get(ContactLog.customer == ann)
    ContactLog.update(outcome="reached").where(ContactLog.id == row.id).execute()
    assert history_facts(TODAY) == {ann: (ago(5), 0)}
    ContactLog.update(notes="a note").where(ContactLog.id == row.id).execute()
    assert database.execute_sql("SELECT count(*) FROM contact_history_dirty").fetchone()[0] == 0
    ContactLog.update(customer=bo).where(ContactLog.id == row.id).execute()  # a merge moves it
    assert history_facts(TODAY) == {bo: (ago(5), 0)}
    database.execute_sql("DELETE FROM contact_log")
    assert history_facts(TODAY) == {}
    assert database.execute_sql("SELECT count(*) FROM contact_history").fetchone()[0] == 0


def test_a_full_rebuild_equals_the_one_by_one(db_path: Path, monkeypatch: Any) -> None:
    people = [customer(f"p{k}") for k in range(12)]
    rng = random.Random(4)
    for _ in range(80):
        contact(rng.choice(people), ago(rng.randrange(0, 40)), rng.choice(["reached", "no_answer"]),
                hour=rng.randrange(8, 18))  # fmt: skip
    one_by_one = history_facts(TODAY)
    contact_history.mark_all_dirty(database)
    monkeypatch.setattr(packed_history, "WHOLE_TABLE", 5)  # 12 dirty: the whole-table pass
    assert contact_history.settle() == len(one_by_one)
    assert history_facts(TODAY) == one_by_one == sql_facts(TODAY)
    assert Customer.select().count() == 12


def test_a_saved_event_s_id_is_its_own(db_path: Path) -> None:
    """The triggers that mark a customer must not change the id a save reports (on
    PostgreSQL the store's raw inserts read it with ``lastval()``: a mark keyed by a
    sequence made it the mark's, and a desk that lost a follow-up to another desk named
    itself as the one who completed it)."""
    from dealerdesk.store import followup_queries as fq

    cids = [customer(f"c{k}") for k in range(3)]
    for k in range(5):
        contact(cids[k % 2], ago(10 + k), "no_answer")
    # An update marks twice (before and after): marks and contacts no longer in step.
    ContactLog.update(outcome="reached").where(ContactLog.customer == cids[0]).execute()
    with database.atomic():
        mine = fq.insert_contact(customer_id=cids[2], at=datetime(2026, 11, 15, 9),
                                 channel="phone", outcome="reached", purpose="service",
                                 staff_id=None, followup_id=None, notes="mine")  # fmt: skip
    assert ContactLog.get_by_id(mine).notes == "mine"
