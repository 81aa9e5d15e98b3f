"""``dealerdesk complaints`` and ``dealerdesk nps`` through a subprocess."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from dealerdesk.services import complaints, customers, surveys
from dealerdesk.store import db


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dealerdesk", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=120, check=False)  # fmt: skip


def _arrange(db_path: Path) -> tuple[int, int]:
    today = date(2026, 11, 20)
    a = customers.create_customer({"name": "张伟", "phone": "13912345678"}, today=today).new_id
    b = customers.create_customer({"name": "Emma Wilson"}, today=today).new_id
    late = complaints.open_complaint(a, now=datetime(2026, 11, 2, 9), category="billing",
                                     severity="high", description="多收费").new_id  # fmt: skip
    done = complaints.open_complaint(b, now=datetime(2026, 11, 16, 9), category="waiting",
                                     severity="low", description="waited 3 h").new_id  # fmt: skip
    complaints.resolve(done, now=datetime(2026, 11, 16, 15), resolution="apologised")  # type: ignore[arg-type]
    for n, (who, score) in enumerate([(a, 10), (b, 9), (a, 3), (b, 7)]):
        surveys.record_survey(who, {"satisfaction": 4, "initiative": 3, "recommend": score,
                                    "date": date(2026, 10 + n // 2, 1 + n)}, today=today)  # fmt: skip
    db.close()
    return late, done  # type: ignore[return-value]


def test_complaints_lists_unresolved_first_with_targets(db_path: Path) -> None:
    late, done = _arrange(db_path)
    r = run("complaints", "--db", str(db_path), "--today", "2026-11-20", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [int(x["id"]) for x in rows] == [late, done]
    assert rows[0]["status"] == "Open" and rows[0]["respond_by"] == "2026-11-03"
    assert rows[0]["late"] == "First response overdue (due 3 Nov 2026)"
    assert rows[1]["status"] == "Resolved" and rows[1]["late"] == ""
    assert "2 complaints; median first response 6.0 h; 1 past target" in r.stderr
    only = run("complaints", "--db", str(db_path), "--today", "2026-11-20", "--open")
    assert only.returncode == 0 and "张伟" in only.stdout and "Emma" not in only.stdout


def test_nps_of_a_period(db_path: Path) -> None:
    _arrange(db_path)
    r = run("nps", "--db", str(db_path), "--from", "2026-10-01", "--to", "2026-10-31")
    assert r.returncode == 0, r.stderr
    # October: 10 and 9 → two promoters
    assert r.stdout.strip() == ("NPS +100 from 2 answers (2 promoters, 0 passives, 0 detractors),"
                                " 1 Oct 2026 to 31 Oct 2026")  # fmt: skip
    r = run("nps", "--db", str(db_path), "--from", "2026-10-01", "--to", "2026-11-30")
    assert "NPS +25 from 4 answers" in r.stdout
    r = run("nps", "--db", str(db_path), "--from", "2026-12-01", "--to", "2026-12-31")
    assert r.stdout.strip() == "No NPS answers from 1 Dec 2026 to 31 Dec 2026"
    bad = run("nps", "--db", str(db_path), "--from", "2026-12-31", "--to", "2026-12-01")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    usage = run("nps", "--db", str(db_path), "--from", "yesterday", "--to", "2026-12-01")
    assert usage.returncode == 2 and "is not a date" in usage.stderr
