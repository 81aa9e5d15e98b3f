"""The one score record: written once, read the same way by the list, detail, Today, PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from test_ui_customers import TODAY, seed

from dealerdesk.i18n import render
from dealerdesk.services import customers, scoring
from dealerdesk.store import db, open_database, scores
from dealerdesk.store.db import database


def test_every_reader_shows_the_same_band_and_reasons(db_path: Path) -> None:
    ids = seed(score=True).ids
    cid = ids["王芳"]
    record = scores.score_of(cid)
    assert record is not None and record.reasons
    listed = customers.customer_rows([cid])[0]
    detail = customers.get_customer(cid).score
    today = next(r for r in scoring.top_at_risk(today=TODAY, limit=50) if r.customer_id == cid)
    report = scoring.at_risk_report_data(today=TODAY, top=50, min_score=0)
    printed = next(r for r in report.rows if r.name == record.name)
    assert (listed.band, listed.score, listed.reasons) == (
        record.band,
        record.score,
        record.reasons,
    )
    assert detail is not None and detail.reasons == record.reasons and detail.band == record.band
    assert (today.band, today.reasons, today.action) == (record.band, record.reasons, record.action)
    assert (printed.score, printed.reasons) == (record.score, record.reasons)
    assert all(render(m) for m in record.reasons)  # codes, rendered by whoever shows them


def test_schema_6_empties_an_old_cache(db_path: Path) -> None:
    seed(score=True)
    assert database.execute_sql("SELECT count(*) FROM customer_score").fetchone()[0] > 0
    database.execute_sql("UPDATE customer_score SET reasons = '[\"no service for 14 months\"]'")
    database.execute_sql("UPDATE schema_version SET version = 4")  # as a schema-4 file
    db.close()
    opened = open_database(db_path)
    assert (opened.version_before, opened.version) == (4, opened.version)
    assert database.execute_sql("SELECT count(*) FROM customer_score").fetchone()[0] == 0
    assert database.execute_sql(
        "SELECT count(*) FROM setting WHERE key = 'scoring_model'").fetchone()[0] == 0  # fmt: skip
    # the next read rescores everyone in the new shape
    rows = scoring.top_at_risk(today=TODAY, limit=5)
    assert all(r.computed_on == TODAY for r in rows)


def test_risk_facts_for_some_customers_equal_those_for_all(db_path: Path) -> None:
    from dealerdesk.store import risk_facts

    ids = seed().ids
    cid = ids["王芳"]
    customers.add_visit(cid, {"date": date(2026, 6, 1), "kind": "service", "amount": 500,
                              "declined": "刹车油更换"}, today=TODAY)  # fmt: skip
    everyone = risk_facts.previous_visit_days(TODAY)
    assert everyone[cid] == "2025-03-02"  # the visit before the last one (2026-06-01)
    assert risk_facts.previous_visit_days(TODAY, [cid]) == {cid: "2025-03-02"}
    assert risk_facts.previous_visit_days(date(2025, 3, 2), [cid]) == {cid: "2021-05-01"}
    assert risk_facts.last_declined_days(TODAY) == {cid: "2026-06-01"}
    assert risk_facts.last_declined_days(date(2026, 5, 31)) == {}
    assert cid in risk_facts.customers_visiting_between(date(2026, 5, 31), date(2026, 6, 1))
    assert cid not in risk_facts.customers_visiting_between(date(2026, 6, 1), TODAY)
    facts = scoring._load_facts(TODAY, [cid]).row(0)
    assert (facts.prev_visit, facts.last_declined) == (date(2025, 3, 2), date(2026, 6, 1))


def test_top_scores_skip_archived_and_other_owners_and_still_fill_the_list(db_path: Path) -> None:
    from dealerdesk.store.models import Customer
    from dealerdesk.store.records import ScoreRecord

    staff = seed().staff
    ids = [customers.create_customer({"name": f"客户{i}", "owner_id": staff["刘洋"] if i % 5 == 0
                                      else None}, today=TODAY).new_id for i in range(300)]  # fmt: skip
    database.execute_sql("DELETE FROM customer_score")  # only these 300 are scored
    scores.save_scores([ScoreRecord(int(c), TODAY, 100 - i % 90, "high", (), None, None,
                                    "Standard", "", "fading", "active", float(i), "")
                        for i, c in enumerate(ids)], [1] * len(ids))  # fmt: skip
    top = [r.customer_id for r in scores.top_scores(10)]
    ranked = sorted(ids, key=lambda c: (-(100 - ids.index(c) % 90), -ids.index(c)))
    assert top == ranked[:10]  # score, then more spend first
    # Archive the 200 best: the list must look past them and still show ten.
    Customer.update(archived=True).where(Customer.id.in_(ranked[:200])).execute()
    assert [r.customer_id for r in scores.top_scores(10)] == ranked[200:210]
    mine = scores.top_scores(10, staff_id=staff["刘洋"])
    assert len(mine) == 10 and {r.owner for r in mine} == {"刘洋"}
    assert all(r.customer_id not in ranked[:200] for r in mine)
