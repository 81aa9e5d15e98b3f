"""Schema 10 (issue #16) reaches an existing file: the new cadence rows, the changed
defaults where the manager had not changed them, the renewal columns, contact_pause."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dealerdesk.services import followups
from dealerdesk.store import LATEST, db, open_database


def test_a_schema_9_file_gets_the_4s_rules_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_database(path)
    followups.ensure_cadence_rules()
    db.close()
    # Make it the file schema 9 wrote: the old defaults, one edited by the manager.
    con = sqlite3.connect(path)
    con.execute("DROP TABLE contact_pause")
    for column in ("insurance_kind", "insurer", "insured_here"):
        con.execute(f"ALTER TABLE vehicle DROP COLUMN {column}")
    con.execute("DELETE FROM cadence_rule WHERE key IN ('insurance_2', 'insurance_3',"
                " 'first_service', 'first_lapsed')")  # fmt: skip
    con.execute("UPDATE cadence_rule SET offset_days = -30 WHERE key = 'insurance'")
    con.execute("UPDATE cadence_rule SET offset_days = 200 WHERE key = 'service_due'")  # edited
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version, applied_at, app_version)"
                " VALUES (9, '2026-11-01 09:00:00', 'old')")  # fmt: skip
    con.commit()
    con.close()
    opened = open_database(path)
    assert (opened.version_before, opened.version) == (9, LATEST) and LATEST >= 10
    rules = {r.key: r for r in followups.cadence_rules()}
    assert rules["insurance"].offset_days == -45  # the old default moves to the new one
    assert rules["service_due"].offset_days == 200  # a manager's edit is kept
    assert (rules["first_service"].offset_days, rules["first_service"].limit_days) == (90, 30)
    assert (rules["insurance_2"].offset_days, rules["insurance_3"].offset_days) == (-33, -30)
    assert rules["first_lapsed"].offset_days == 365
    cols = {c.name for c in db.database.get_columns("vehicle")}
    assert {"insurance_kind", "insurer", "insured_here"} <= cols
    assert "contact_pause" in db.database.get_tables()
    db.close()
