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
    _ = date
