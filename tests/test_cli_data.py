"""``dealerdesk import | export | duplicates`` through a subprocess, as a user runs them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "data" / "imports"
TODAY = "2026-12-01"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dealerdesk", *args], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}, timeout=300,
        check=False,
    )  # fmt: skip


def count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.close()
    return int(n)


def test_import_dry_run_then_import_then_reimport(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    src = str(CORPUS / "gbk_chinese_headers.csv")
    dry = run("import", src, "--db", str(db), "--dry-run", "--today", TODAY)
    assert dry.returncode == 0, dry.stderr
    assert "4 rows: 4 new customers" in dry.stdout
    assert "客户名称" in dry.stderr and "->  name" in dry.stderr
    assert count(db, "customer") == 0
    done = run("import", src, "--db", str(db), "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert "imported" in done.stdout and count(db, "customer") == 4
    again = run("import", src, "--db", str(db), "--today", TODAY)
    assert "0 new customers, 4 already here" in again.stdout
    assert count(db, "customer") == 4
    listed = run("import", "--list", "--db", str(db))
    assert "gbk_chinese_headers.csv" in listed.stdout
    audit = listed.stdout.splitlines()[1].split()[0]
    undo = run("import", "--undo", audit, "--db", str(db), "--today", TODAY)
    assert undo.returncode == 0, undo.stderr
    assert count(db, "customer") == 0


def test_import_with_errors_lists_them_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    result = run("import", str(CORPUS / "bad_rows.csv"), "--db", str(db), "--today", TODAY)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].split()[:2] == ["row", "column"]
    assert any(ln.split()[:3] == ["4", "手机", "12345"] for ln in lines)
    assert "7 errors in the file; nothing was imported" in result.stderr
    assert count(db, "customer") == 0


def test_mapping_file_and_sheet(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    saved = tmp_path / "map.json"
    src = str(CORPUS / "mixed_dates.xlsx")
    result = run("import", src, "--db", str(db), "--dry-run", "--save-mapping", str(saved),
                 "--sheet", "客户", "--today", TODAY)  # fmt: skip
    assert result.returncode == 0, result.stderr
    mapping = json.loads(saved.read_text(encoding="utf-8"))
    assert mapping["columns"]["车架号"] == "vin"
    mapping["columns"]["生日"] = ""  # edited: do not import birthdays
    saved.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    result = run("import", src, "--db", str(db), "--mapping", str(saved), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM customer WHERE birthday IS NOT NULL").fetchone() == (
        0,
    )
    con.close()
    bad = run("import", src, "--db", str(db), "--sheet", "Nope", "--today", TODAY)
    assert bad.returncode == 1 and "no sheet “Nope”" in bad.stderr


@pytest.mark.parametrize("name", ["empty.csv", "junk.csv"])
def test_unreadable_file_is_one_line(tmp_path: Path, name: str) -> None:
    result = run("import", str(CORPUS / name), "--db", str(tmp_path / "d.db"))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_export_and_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert (
        run("import", str(CORPUS / "duplicates.csv"), "--db", str(db), "--today", TODAY).returncode
        == 0
    )
    for what, fmt in (("customers", "csv"), ("followups", "xlsx"), ("complaints", "csv"),
                      ("vehicles", "xlsx")):  # fmt: skip
        out = tmp_path / f"{what}.{fmt}"
        result = run("export", what, "--db", str(db), "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"wrote {out}")
    assert (tmp_path / "customers.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (
        "wrote" in run("export", "vcards", "--db", str(db), "--out", str(tmp_path / "c.vcf")).stdout
    )
    con = sqlite3.connect(db)
    con.execute("INSERT INTO customer (name, phone2, kind, source, status, preferred_channel,"
                " birthday_lunar, archived, sort_name, created_at, updated_at) VALUES ('马云飞',"
                " '+8613600000001', 'person', 'walk_in', 'active', 'phone', 0, 0, '', '2026-01-01',"
                " '2026-01-01')")  # fmt: skip
    con.commit()
    con.close()
    listed = run("duplicates", "--db", str(db), "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert lines[0] == "id,name,phone,other_id,other_name,other_phone,reason"
    assert len(lines) == 2 and "same phone 136 0000 0001" in lines[1]
    merged = run("duplicates", "--db", str(db), "--merge", "1", "3", "--today", TODAY)
    assert merged.returncode == 0, merged.stderr
    assert count(db, "customer") == 2
    assert run("duplicates", "--db", str(db)).stdout.strip() == "nothing to show"


@pytest.mark.parametrize(
    "argv", [["import", "--help"], ["export", "--help"], ["duplicates", "--help"]]
)
def test_help(argv: list[str]) -> None:
    result = run(*argv)
    assert result.returncode == 0 and "usage: dealerdesk" in result.stdout
