"""The ``dealerdesk`` command, driven through a subprocess as a scheduled job would."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

TODAY = "2026-11-23"
SKIP_COLUMNS = {"created_at", "updated_at", "applied_at"}  # bookkeeping clocks, not data


def run(*args: str, env: dict[str, str] | None = None, user: int | None = None
        ) -> subprocess.CompletedProcess[str]:  # fmt: skip
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "dealerdesk", *args],
        capture_output=True, text=True, env=full_env, timeout=300,
        user=user, check=False,
    )  # fmt: skip


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    out = {}
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        cols = [
            r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in SKIP_COLUMNS
        ]
        out[table] = con.execute(f"SELECT {','.join(cols)} FROM {table} ORDER BY rowid").fetchall()
    con.close()
    return out


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    result = run("demo", "--db", str(path), "--customers", "400", "--seed", "7", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert "created" in result.stdout and "400 customers" in result.stdout
    return path


def test_info_prints_counts(demo_db: Path) -> None:
    result = run("info", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    counts = {}
    for line in result.stdout.splitlines():
        name, _, value = line.rpartition(" ")
        counts[name.strip()] = value
    assert counts["customer"] == "400"
    assert int(counts["visit"].replace(",", "")) > 2000
    assert int(counts["vehicle"].replace(",", "")) >= 400
    assert "schema version" in result.stdout


def test_same_seed_same_data(demo_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    result = run("demo", "--db", str(again), "--customers", "400", "--seed", "7", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert dump(again) == dump(demo_db)
    other = tmp_path / "other.db"
    run("demo", "--db", str(other), "--customers", "400", "--seed", "8", "--today", TODAY)
    assert dump(other)["customer"] != dump(demo_db)["customer"]


def test_demo_refuses_to_overwrite(demo_db: Path) -> None:
    line = one_clear_line(run("demo", "--db", str(demo_db), "--customers", "5"))
    assert "already holds 400 customers" in line


def test_missing_folder(tmp_path: Path) -> None:
    line = one_clear_line(run("info", "--db", str(tmp_path / "nowhere" / "x.db")))
    assert "does not exist" in line
    line = one_clear_line(run("demo", "--db", str(tmp_path / "nowhere" / "x.db")))
    assert "does not exist" in line


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("shopping list")
    assert "not a DealerDesk database" in one_clear_line(run("info", "--db", str(junk)))
    assert junk.read_text() == "shopping list"


def test_read_only_file(demo_db: Path, tmp_path: Path) -> None:
    user = None
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    # As root, file modes are ignored, so the command runs as "nobody"; its files live
    # in a folder every user can enter (pytest's own temp folders are root-only).
    base = Path(tempfile.mkdtemp(prefix="dealerdesk-ro-")) if root else tmp_path
    try:
        base.chmod(0o755)
        ro = base / "ro.db"
        con = sqlite3.connect(demo_db)
        con.execute(f"VACUUM INTO '{ro}'")
        con.close()
        ro.chmod(0o444)
        data = base / "data"
        data.mkdir()
        data.chmod(0o777)
        if root:
            user = 65534
            try:
                usable = subprocess.run([sys.executable, "-c", "pass"], user=user, check=False,
                                        capture_output=True).returncode == 0  # fmt: skip
            except OSError:
                usable = False
            if not usable:
                pytest.skip(
                    "running as root and 'nobody' cannot run this Python: see the unit test"
                )
        line = one_clear_line(
            run("info", "--db", str(ro), env={"DEALERDESK_DATA": str(data)}, user=user)
        )
        assert "read-only" in line
    finally:
        if root:
            shutil.rmtree(base, ignore_errors=True)


def test_unreachable_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.db").write_bytes(b"")
    locked.chmod(0o000)
    try:
        if os.access(locked / "x.db", os.R_OK):
            pytest.skip("this user can enter any folder (root)")
        line = one_clear_line(run("info", "--db", str(locked / "x.db")))
        assert "Cannot open" in line or "does not exist" in line
    finally:
        locked.chmod(0o755)


def test_env_var_names_the_database(demo_db: Path) -> None:
    result = run("info", env={"DEALERDESK_DB": str(demo_db)})
    assert result.returncode == 0, result.stderr
    assert str(demo_db) in result.stdout


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    line = one_clear_line(run("demo", "--db", str(tmp_path / "x.db"), "--customers", "zero"))
    assert "not a whole number" in line
    line = one_clear_line(run("risk", "--db", str(tmp_path / "x.db"), "--today", "23/11/2026"))
    assert "YYYY-MM-DD" in line
    assert one_clear_line(run("frobnicate"))
    # in the chosen language, even though --lang is read with the refused argument
    line = one_clear_line(run("--lang", "zh_CN", "risk", "--db", str(tmp_path / "x.db"),
                              "--top", "0"))  # fmt: skip
    assert "0 不能小于1" in line
    line = one_clear_line(run("--lang=zh_CN", "demo", "--db", str(tmp_path / "x.db"),
                              "--customers", "zero"))  # fmt: skip
    assert "“zero”不是整数" in line


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["demo", "--help"], ["info", "--help"], ["followups", "--help"],
     ["risk", "--help"], ["report", "--help"], ["report", "at-risk", "--help"],
     ["report", "agenda", "--help"]],
)  # fmt: skip
def test_every_subcommand_has_help(argv: list[str]) -> None:
    result = run(*argv)
    assert result.returncode == 0
    assert "usage: dealerdesk" in result.stdout


def test_risk_lists_band_reasons_and_action_in_the_locale(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    assert run("demo", "--db", db, "--customers", "300", "--today", "2026-11-23").returncode == 0
    out = run("risk", "--db", db, "--today", "2026-11-23", "--top", "5", "--format", "csv")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "rank,score,band,customer,tier,phone,owner,reasons,action"
    assert len(lines) == 6 and "High risk" in lines[1] and "{" not in out.stdout
    zh = run("risk", "--db", db, "--today", "2026-11-23", "--top", "5", "--format", "csv",
             env={**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": ""})  # fmt: skip
    assert zh.returncode == 0 and "高风险" in zh.stdout and "未到店" in zh.stdout
