"""Issue #16 through the ``dealerdesk`` command on the demo: first-service and renewal
follow-ups are listed with their reasons, and nothing for a car marked sold."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

TODAY = "2026-11-23"
WORKTREE = str(Path(__file__).resolve().parents[1])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": WORKTREE, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "dealerdesk", *args], capture_output=True,
                          text=True, env=env, timeout=300, check=False, cwd=WORKTREE)  # fmt: skip


def test_followups_csv_on_the_demo_has_first_service_and_renewals_and_no_sold_car(
    tmp_path: Path,
) -> None:
    db = tmp_path / "demo.db"
    made = run("demo", "--db", str(db), "--customers", "400", "--seed", "7", "--today", TODAY)
    assert made.returncode == 0, made.stderr
    out = run("followups", "--db", str(db), "--today", TODAY, "--days", "30", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    kinds = {r["kind"] for r in rows}
    assert {"First-service reminder", "Insurance renewal call"} <= kinds, kinds
    first = next(r for r in rows if r["kind"] == "First-service reminder")
    assert "First service (首保)" in first["reason"] and "no service since" in first["reason"]
    renewal = next(r for r in rows if r["kind"] == "Insurance renewal call")
    assert "Renewal (续保) call" in renewal["reason"] and "last year with" in renewal["reason"]
    con = sqlite3.connect(db)
    sold = [p for (p,) in con.execute(
        "SELECT v.plate FROM contact_pause p JOIN vehicle v ON v.id = p.vehicle_id"
        " WHERE p.state = 'closed' AND p.contact_type = 'all'")]  # fmt: skip
    open_for_sold = {kind for (kind,) in con.execute(
        "SELECT f.kind FROM followup f JOIN contact_pause p ON p.vehicle_id = f.vehicle_id"
        " WHERE p.state = 'closed' AND f.status = 'pending'")}  # fmt: skip
    con.close()
    assert sold, "the demo has sold cars"
    assert open_for_sold == {"new_owner"}  # no reminder: only "who bought it?" calls
    about_sold = [r for r in rows for plate in sold if plate in r["reason"]]
    assert about_sold and {r["kind"] for r in about_sold} == {"Record the new owner"}
    # In Chinese, the same follow-ups in the desk's words.
    zh = run("--lang", "zh_CN", "followups", "--db", str(db), "--today", TODAY, "--days", "30",
             "--format", "csv")  # fmt: skip
    assert zh.returncode == 0, zh.stderr
    zh_rows = list(csv.reader(io.StringIO(zh.stdout)))
    assert {"首保提醒", "续保提醒"} <= {r[4] for r in zh_rows[1:]}
    assert any(r[4] == "首保提醒" and "首保提醒：" in r[5] for r in zh_rows[1:])
