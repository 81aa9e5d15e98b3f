"""issues #8 and #15: the packed visit histories stay equal to the visit table, whatever
writes it (insert, update, a move to another customer, delete, plain SQL), on SQLite and
PostgreSQL (``DEALERDESK_TEST_DB``)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest

from dealerdesk.dates import day_number
from dealerdesk.services import scoring
from dealerdesk.store import facts_query, packed_history
from dealerdesk.store import visit_history as vh
from dealerdesk.store.db import database
from dealerdesk.store.models import ContactLog, Customer, Vehicle, Visit
from dealerdesk.store.search_index import rebuild_search


def _as_rows(v: vh.VisitArrays) -> list[tuple[int, date, int, bool, int, float]]:
    return [(c, date.fromordinal(date(1970, 1, 1).toordinal() + d), k, dec, car, amt)
            for c, d, k, dec, car, amt in zip(v.customer.tolist(), v.day.tolist(), v.kind.tolist(),
                                              v.declined.tolist(), v.vehicle.tolist(),
                                              v.amount.tolist(), strict=True)]  # fmt: skip


def _from_table() -> list[tuple[int, date, int, bool, int, float]]:
    """The same rows straight from the visit table, in the histories' order."""
    code = {"sale": vh.KIND_SALE, "service": vh.KIND_SERVICE, "repair": vh.KIND_REPAIR}
    return [(v.customer_id, v.date, code.get(v.kind, vh.KIND_OTHER), bool((v.declined or "").strip()),
             v.vehicle_id or 0, float(v.amount or 0))
            for v in Visit.select().order_by(Visit.customer, Visit.date, Visit.id)]  # fmt: skip


def _pending() -> int:
    return int(database.execute_sql("SELECT count(DISTINCT customer_id) FROM visit_history_dirty").fetchone()[0])


def test_every_kind_of_write_is_seen(db_path: Path) -> None:
    ann, bo = Customer.create(name="Ann"), Customer.create(name="Bo")
    car = Vehicle.create(
        customer=ann, vin="LSVAU2180N2000009", make="VW", model="Lavida", plate="粤B12345"
    )
    Visit.create(
        customer=ann,
        date=date(2026, 3, 1),
        kind="service",
        amount=480.5,
        vehicle=car,
        declined="  ",
    )  # blank declined text is no declined work
    Visit.create(customer=ann, date=date(2025, 1, 9), kind="sale", amount=150000)
    late = Visit.create(customer=ann, date=date(2026, 3, 1), kind="repair", amount=90,
                        declined="brake pads")  # fmt: skip
    Visit.create(customer=bo, date=date(2026, 5, 5), kind="parts", amount=12)
    assert _pending() == 2
    assert _as_rows(vh.read_visits()) == _from_table()
    assert _pending() == 0
    first = _as_rows(vh.read_visits())
    assert [r[2] for r in first if r[0] == ann.id] == [
        vh.KIND_SALE,
        vh.KIND_SERVICE,
        vh.KIND_REPAIR,
    ]
    assert [r[3] for r in first if r[0] == ann.id] == [False, False, True]
    assert [r[2] for r in first if r[0] == bo.id] == [vh.KIND_OTHER]

    # a note changes nothing kept: no customer is marked
    Visit.update(notes="washed").where(Visit.id == late.id).execute()
    assert _pending() == 0
    # moving a visit to another customer (a merge) rebuilds both
    Visit.update(customer=bo).where(Visit.id == late.id).execute()
    assert _pending() == 2
    assert _as_rows(vh.read_visits()) == _from_table()
    # plain SQL is seen too, and a customer whose last visit goes has no history left
    database.execute_sql("DELETE FROM visit WHERE customer_id = ?", (ann.id,))
    v = vh.read_visits()
    assert ann.id not in v.customer.tolist() and _as_rows(v) == _from_table()
    assert database.execute_sql("SELECT count(*) FROM visit_history").fetchone()[0] == 1


def test_last_day_and_customer_filters(db_path: Path) -> None:
    ann, bo = Customer.create(name="Ann"), Customer.create(name="Bo")
    for d in (date(2026, 11, 22), date(2026, 11, 23), date(2026, 11, 24)):
        Visit.create(customer=ann, date=d, kind="service", amount=1)
    Visit.create(customer=bo, date=date(2026, 1, 1), kind="service", amount=1)
    v = vh.read_visits(last=date(2026, 11, 23))  # the last day is included, the next is not
    assert v.day.tolist() == [day_number(date(2026, 11, 22)), day_number(date(2026, 11, 23)),
                              day_number(date(2026, 1, 1))]  # fmt: skip
    assert vh.read_visits([bo.id]).customer.tolist() == [bo.id]
    assert vh.read_visits([]).customer.size == 0
    assert vh.read_visits([ann.id, 999]).customer.tolist() == [ann.id] * 3


def test_a_full_rebuild_equals_the_one_by_one(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(7)
    people = [Customer.create(name=f"C{i}") for i in range(30)]
    kinds = ["sale", "service", "repair", "parts", "insurance"]
    for _ in range(200):
        Visit.create(customer=people[int(rng.integers(30))],
                     date=date(2020, 1, 1).fromordinal(date(2020, 1, 1).toordinal() + int(rng.integers(2000))),
                     kind=kinds[int(rng.integers(5))], amount=round(float(rng.uniform(0, 5000)), 2),
                     declined=["", None, "tyres"][int(rng.integers(3))])  # fmt: skip
    one_by_one = _as_rows(vh.read_visits())
    vh.mark_all_dirty(database)
    monkeypatch.setattr(packed_history, "WHOLE_TABLE", 5)  # 30 dirty customers: the whole-table pass
    assert vh.settle() == len({p.id for p in people if p.visits.count()})
    assert _as_rows(vh.read_visits()) == one_by_one == _from_table()


def test_a_schema_12_file_gets_its_histories(tmp_path: Path) -> None:
    import sqlite3

    from dealerdesk.store import LATEST, db, open_database

    path = tmp_path / "old.db"
    open_database(path)
    ann = Customer.create(name="Ann")
    Visit.create(customer=ann, date=date(2026, 2, 3), kind="service", amount=300)
    rebuild_search()
    db.close()
    con = sqlite3.connect(path)  # the file as schema 12 left it: no tables, no triggers
    for trigger in ("insert", "update", "delete"):
        con.execute(f"DROP TRIGGER visit_history_{trigger}")
    con.execute("DROP TABLE visit_history")
    con.execute("DROP TABLE visit_history_dirty")
    for trigger in ("insert", "update", "delete"):  # schema 15's
        con.execute(f"DROP TRIGGER contact_history_{trigger}")
    con.execute("DROP TABLE contact_history")
    con.execute("DROP TABLE contact_history_dirty")
    con.execute("ALTER TABLE customer_score DROP COLUMN sig")  # schema 14's
    con.execute("UPDATE schema_version SET version = 12")
    con.commit()
    con.close()
    opened = open_database(path)
    assert (opened.version_before, opened.version) == (12, LATEST)
    assert _as_rows(vh.read_visits()) == _from_table() and len(_from_table()) == 1
    Visit.create(customer=ann, date=date(2026, 9, 3), kind="repair", amount=80)  # triggers work
    assert _as_rows(vh.read_visits()) == _from_table() and len(_from_table()) == 2
    ContactLog.create(customer=ann, at=datetime(2026, 9, 4, 9), channel="phone", outcome="no_answer")
    customers, _, streak = facts_query.contact_columns(date(2026, 9, 5))
    assert (customers.tolist(), streak.tolist()) == ([ann.id], [1])
    summary = scoring.refresh_scores(today=date(2026, 9, 5))  # the score cache has its sig
    assert summary.rows_written == 1
    assert scoring.refresh_scores(today=date(2026, 9, 5)).rows_written == 0


def test_two_desks_saving_and_settling_at_once_do_not_wait_for_each_other(
    db_path: Path,
) -> None:
    """PostgreSQL: every form saves a visit and settles the histories in one transaction.
    Two desks doing so at the same moment must both get through (with a table lock each
    waited for the other's uncommitted mark: a deadlock), and both visits be kept."""
    import threading
    import time

    from conftest import SERVER

    if not SERVER:
        pytest.skip("a PostgreSQL matter (SQLite's writers take turns: BEGIN IMMEDIATE)")
    people = [Customer.create(name=n) for n in ("Ann", "Bo")]
    vh.settle()
    saved = [threading.Event(), threading.Event()]
    failures: list[BaseException] = []

    def desk(k: int) -> None:
        try:
            with database.atomic():
                Visit.create(customer=people[k], date=date(2026, 5, 1 + k), kind="service",
                             amount=100 + k)  # fmt: skip
                saved[k].set()
                saved[1 - k].wait(10)  # both visits saved, neither committed
                vh.settle()
        except BaseException as exc:
            failures.append(exc)
        finally:
            database.close()

    started = time.perf_counter()
    desks = [threading.Thread(target=desk, args=(k,)) for k in range(2)]
    for t in desks:
        t.start()
    for t in desks:
        t.join(timeout=30)
    assert failures == [] and time.perf_counter() - started < 5
    assert _as_rows(vh.read_visits()) == _from_table() and len(_from_table()) == 2
