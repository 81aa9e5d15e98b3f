"""issue #15: ``dealerdesk metrics`` and ``dealerdesk report retention`` through a
subprocess, on a hand-made dealership, reading their real output."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_dashboard_store import seed

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "dealerdesk", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300, check=False)  # fmt: skip


def target(db_path: Path) -> str:
    return str(getattr(db_path, "raw", db_path))


def test_metrics_table_and_csv(db_path: Path) -> None:
    seed()
    db = target(db_path)
    table = run("--lang", "en", "metrics", "--db", db, "--from", "2026-11-01", "--to", "2026-11-30")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["figure", "period", "comparison", "change"]
    row = next(ln for ln in lines if ln.startswith("13-month service retention  "))
    assert "50.0% (1 of 2)" in row
    assert "2026-11-01..2026-11-30 / 2026-10-02..2026-10-31" in table.stderr
    out = run("--lang", "en", "metrics", "--db", db, "--from", "2026-11-01", "--to",
              "2026-11-30", "--format", "csv")  # fmt: skip
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0] == ["figure", "period", "comparison", "change"]
    figures = {r[0]: r for r in rows[1:]}
    assert figures["Referrals made / converted"][1] == "3 / 2"
    assert figures["Staff: Ann"][1] == "100.0% (1 of 1)"
    assert "follow-ups on time 33.3% (1 of 3)" in figures["Staff: Ann"][3]
    zh = run("--lang", "zh_CN", "metrics", "--db", db, "--from", "2026-11-01", "--to", "2026-11-30")
    assert "13个月售后回厂率" in zh.stdout and "50.0%（2中的1）" in zh.stdout


def test_metrics_refuses_a_period_that_ends_before_it_starts(db_path: Path) -> None:
    seed()
    bad = run("metrics", "--db", target(db_path), "--from", "2026-11-30", "--to", "2026-11-01")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert len([ln for ln in bad.stderr.splitlines() if ln.strip()]) == 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize(("lang", "title", "figure"), [
    ("en", "Retention summary", "13-month service retention"),
    ("zh_CN", "客户保留月度汇总", "13个月售后回厂率"),
])  # fmt: skip
def test_report_retention_writes_the_pdf(db_path: Path, tmp_path: Path, lang: str, title: str,
                                         figure: str) -> None:  # fmt: skip
    seed()
    out = tmp_path / "retention.pdf"
    done = run("--lang", lang, "report", "retention", "--db", target(db_path), "--from",
               "2026-11-01", "--to", "2026-11-30", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and out.stat().st_size > 5_000
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert title in text and figure in text and "Ann" in text
