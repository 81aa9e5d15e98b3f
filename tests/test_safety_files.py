"""issue #11 items 1, 2, 3, 7: files are looked at before written; backups, restores, failures."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from test_cli import one_clear_line, run

from dealerdesk import cli
from dealerdesk.errors import DamagedDatabaseError, SchemaTooNewError, StorageError
from dealerdesk.services import backups, customers
from dealerdesk.services.demo import create_demo
from dealerdesk.store import backup as store_backup
from dealerdesk.store import db, open_database
from dealerdesk.store.bulk import customer_count, table_counts
from dealerdesk.store.migrations import LATEST

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 18, 0)


def _files_only(db_path: Path) -> None:
    if not isinstance(db_path, Path):  # the PostgreSQL run: its backups are pg_dump's
        pytest.skip("file backups")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _rows(path: Path, sql: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def _future_file(tmp_path: Path) -> Path:
    """A file from a newer DealerDesk, in rollback-journal mode as an older build leaves it."""
    path = tmp_path / "future.db"
    open_database(path)
    db.database.execute_sql("INSERT INTO schema_version (version, applied_at, app_version)"
                            " VALUES (?, '2030-01-01', '9.0')", [LATEST + 1])  # fmt: skip
    db.database.execute_sql("PRAGMA journal_mode=DELETE")
    db.close()
    return path


def test_newer_file_byte_identical_after_refusal(tmp_path: Path) -> None:
    path = _future_file(tmp_path)
    before = _files(tmp_path)
    assert path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    with pytest.raises(SchemaTooNewError, match="newer DealerDesk"):
        open_database(path)
    assert _files(tmp_path) == before  # same bytes, and no -wal/-shm beside it
    line = one_clear_line(run("info", "--db", str(path)))
    assert "newer DealerDesk" in line
    assert _files(tmp_path) == before


def test_arguments_checked_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=60, seed=3, today=TODAY)
    db.close()
    before = _files(tmp_path)
    line = one_clear_line(
        run("followups", "--db", str(path), "--days", "-5", "--today", "2026-11-30")
    )
    assert "-5 cannot be negative" in line
    for bad in ("9999-12-31", "0001-01-01", "1969-12-31", "2200-01-01"):
        line = one_clear_line(run("followups", "--db", str(path), "--today", bad))
        assert f"{bad} is outside 1970-01-01 – 2199-12-31" in line
    assert _files(tmp_path) == before
    missing = tmp_path / "new.db"
    one_clear_line(run("demo", "--db", str(missing), "--today", "0001-01-01"))
    assert not missing.exists()


def test_failed_demo_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dealerdesk.services import demo

    def boom() -> None:
        raise RuntimeError("indexing failed")

    monkeypatch.setattr(demo, "rebuild_search", boom)
    path = tmp_path / "demo.db"
    with pytest.raises(RuntimeError):
        create_demo(path, customers=50, seed=1, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def _complete(path: Path, n: int) -> None:
    assert _rows(path, "SELECT count(*) FROM customer") == n
    assert _rows(path, "SELECT count(*) FROM customer_search") == n
    assert _rows(path, "SELECT count(*) FROM customer_score") == n
    assert _rows(path, "SELECT count(*) FROM followup") > 0
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    con.close()


@pytest.mark.parametrize("moment", ["… generating", "… loading", "… indexing", "… analysing"])
def test_demo_killed_leaves_no_file_or_a_complete_one(tmp_path: Path, moment: str) -> None:
    path = tmp_path / "demo.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "dealerdesk", "demo", "--db", str(path), "--customers", "1500",
         "--today", "2026-11-23"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.strip() == moment:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert not path.exists()
    # the next build starts over and finishes, whatever the killed one left behind
    done = run("demo", "--db", str(path), "--customers", "1500", "--today", "2026-11-23")
    assert done.returncode == 0, done.stderr
    _complete(path, 1500)
    left = {p.name for p in tmp_path.iterdir()}
    assert left - {"demo.db-writer"} == {"demo.db"}  # the writer note of issue #9 may stay


def test_demo_finished_then_killed_is_complete(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    done = run("demo", "--db", str(path), "--customers", "300", "--today", "2026-11-23")
    assert done.returncode == 0
    _complete(path, 300)


@pytest.mark.slow
def test_backup_restore_round_trip_10k(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=10_000, seed=5, today=TODAY)
    counts = dict(table_counts())
    made = backups.backup_now(path, now=NOW)
    assert made.path.name == "desk-20261123-180000.db"
    assert store_backup.verify(made.path) == LATEST
    customers.create_customer({"name": "备份后新客户"}, today=TODAY)
    assert customer_count() == 10_001
    done = backups.restore(path, made.path, now=datetime(2026, 11, 24, 9))
    after = dict(table_counts())
    assert after.pop("audit_log") == counts.pop("audit_log") + 1  # the restore is audited
    assert after == counts
    from dealerdesk.store.audit import audit_rows

    assert audit_rows()[-1].action == "restore"
    assert customer_count() == 10_000
    assert _rows(done.aside, "SELECT count(*) FROM customer") == 10_001  # kept aside
    db.close()
    line = run("info", "--db", str(path))
    assert "10,000" in line.stdout


def test_cli_backup_and_restore(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=40, seed=2, today=TODAY)
    db.close()
    out = tmp_path / "elsewhere"
    made = run("backup", "--db", str(path), "--to", str(out))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"backed up to {out}/desk-")
    copy = next(out.glob("desk-*.db"))
    restored = run("restore", "--db", str(path), "--from", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert "kept at" in restored.stdout
    assert len(list(tmp_path.glob("desk.before-restore-*.db"))) == 1
    bad = run("restore", "--db", str(path), "--from", str(tmp_path / "nope.db"))
    assert "There is no database file" in one_clear_line(bad)


def test_keep_last_n_and_at_most_once_a_day(db_path: Path) -> None:
    _files_only(db_path)
    for day in range(1, 6):
        backups.backup_now(db_path, now=datetime(2026, 11, day, 18), keep=3)
    kept = [b.taken_at.day for b in store_backup.list_backups(db_path)]
    assert kept == [5, 4, 3]
    assert backups.auto_backup(db_path, now=datetime(2026, 11, 5, 20), keep=3) is None
    again = backups.auto_backup(db_path, now=datetime(2026, 11, 6, 8), keep=3)
    assert again is not None
    assert [b.taken_at.day for b in store_backup.list_backups(db_path)] == [6, 5, 4]


def test_interrupted_backup_never_replaces_a_good_one(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files_only(db_path)
    customers.create_customer({"name": "王芳"}, today=TODAY)
    good = backups.backup_now(db_path, now=NOW)
    good_bytes = good.path.read_bytes()
    monkeypatch.setattr(store_backup, "PAGES_PER_STEP", 1)
    calls: list[int] = []

    def interrupt(remaining: int, total: int) -> None:
        calls.append(remaining)
        if len(calls) == 3:
            raise KeyboardInterrupt

    folder = good.path.parent
    with pytest.raises(KeyboardInterrupt):
        store_backup.backup_sqlite(db_path, folder, now=NOW, step=interrupt)
    assert calls and calls[-1] > 0  # stopped midway
    assert sorted(p.name for p in folder.iterdir()) == [good.path.name]  # no .part, no new file
    assert good.path.read_bytes() == good_bytes


def test_damaged_file_named_with_the_last_good_backup(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=200, seed=4, today=TODAY)
    good = backups.backup_now(path, now=NOW)
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(3, len(data) // page, 2):  # scribble over every other page's header
        data[n * page : n * page + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError) as err:
        open_database(path)
    assert err.value.backup == good.path
    line = one_clear_line(run("info", "--db", str(path)))
    assert f"{path} is damaged" in line
    assert f"dealerdesk restore --db {path} --from {good.path}" in line
    assert run("restore", "--db", str(path), "--from", str(good.path)).returncode == 0
    assert "200" in run("info", "--db", str(path)).stdout


def test_half_built_file_named(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    create_demo(path, customers=30, seed=4, today=TODAY)
    db.database.execute_sql("DELETE FROM customer_search")  # as a pre-#11 build killed early
    db.close()
    line = one_clear_line(run("info", "--db", str(path)))
    assert "half-built" in line and "no backup" in line


def test_disk_full_is_one_sentence_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=80, seed=6, today=TODAY)
    before = dict(table_counts())
    from dealerdesk.services import followups

    def full_disk(**_kw: object) -> None:
        # fault injection: the file may not grow by a page, as on a full disk
        pages = db.database.execute_sql("PRAGMA page_count").fetchone()[0]
        db.database.execute_sql(f"PRAGMA max_page_count = {pages}")
        with db.database.atomic():
            for n in range(2000):
                customers.create_customer({"name": f"客户{n}", "notes": "x" * 3000}, today=TODAY)

    monkeypatch.setattr(followups, "generate_followups", full_disk)
    code = cli.main(["followups", "--db", str(path), "--today", "2026-11-23"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == cli.EXIT_ERROR
    assert err == [f"dealerdesk: The disk is full: {path} could not be written; "
                   "nothing saved before was lost."]  # fmt: skip
    db.close()
    open_database(path)
    assert dict(table_counts()) == before


def test_backup_to_a_place_that_refuses(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _files_only(db_path)

    def no_room(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_backup, "copy_database", no_room)
    with pytest.raises(StorageError, match="The disk is full"):
        backups.backup_now(db_path, now=NOW)
    assert store_backup.list_backups(db_path) == []


def test_upgrade_without_room_for_its_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "schema_v1.db", path)
    before = path.read_bytes()

    def no_room(source: Path, target: Path, **_k: object) -> None:
        target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # half a copy, then full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_backup, "copy_database", no_room)
    with pytest.raises(StorageError, match="The disk is full"):
        open_database(path)
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "bak" in p.name) == []
    assert _rows(path, "SELECT max(version) FROM schema_version") == 1  # not upgraded
    assert len(before) > 0
    monkeypatch.undo()
    assert open_database(path).upgraded
    assert [p.name for p in tmp_path.iterdir() if "bak" in p.name] == ["old.schema1.bak.db"]


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (OSError(28, "No space left on device"), "The disk is full: "),
        (OSError(30, "Read-only file system"), "is in a read-only place"),
        (PermissionError(13, "Permission denied"), "is in a read-only place"),
        (sqlite3.OperationalError("database or disk is full"), "The disk is full: "),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only place"),
        (sqlite3.OperationalError("database is locked"), "is locked by another program"),
        (sqlite3.DatabaseError("database disk image is malformed"), "is damaged"),
    ],
)
def test_each_cause_is_one_sentence(error: BaseException, sentence: str) -> None:
    from dealerdesk.store.integrity import describe_failure

    try:
        try:
            raise error
        except BaseException as inner:
            raise RuntimeError("wrapped, as peewee and the services do") from inner
    except RuntimeError as outer:
        text = describe_failure(outer, Path("/srv/desk.db"))
    assert text is not None and sentence in text and "\n" not in text
    assert describe_failure(ValueError("not a storage problem")) is None


def test_truncated_file_found_by_the_quick_probe(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=60, seed=4, today=TODAY)
    db.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a copy that stopped halfway
    with pytest.raises(DamagedDatabaseError, match="is damaged"):
        open_database(path)
    assert len(path.read_bytes()) == len(data) // 2  # refused untouched
