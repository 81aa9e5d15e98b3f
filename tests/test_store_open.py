"""Opening: new files, migrations from schema 1, newer files refused, bad paths explained."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dealerdesk.errors import DatabaseOpenError, SchemaTooNewError
from dealerdesk.services import customers
from dealerdesk.store import LATEST, db, open_database

FIXTURE = Path(__file__).parent / "data" / "schema_v1.db"


def _schema(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    # (name, type, not null, primary key) per column; order and DDL defaults may differ
    out = {
        t: sorted((r[1], r[2], r[3], r[5]) for r in con.execute(f"PRAGMA table_info({t})"))
        for t in tables
    }
    out["__indexes__"] = sorted(
        con.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")
    )
    con.close()
    return out


def test_new_file_gets_latest_schema_and_pragmas(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "new.db")
    assert opened.created and opened.version == LATEST
    assert db.database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.database.execute_sql("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_SLICE_MS
    db.close()


def test_schema_1_file_is_upgraded_in_place_with_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    opened = open_database(path)
    assert (opened.version_before, opened.version) == (1, LATEST)
    assert opened.upgraded
    # data kept, new search index filled from it
    assert customers.count_customers() == 3
    assert len(customers.get_customer(1).vehicles) == 1  # no cascade from the table rebuild
    assert len(customers.timeline(1)) == 2
    assert customers.search_customer_ids(customers.CustomerFilter(text="zw")) == [1]
    assert customers.search_customer_ids(customers.CustomerFilter(text="粤b123")) == [1]
    assert customers.get_customer(1).preferred_channel == "phone"
    db.close()
    backups = list(tmp_path.glob("old.schema1.bak*.db"))
    assert len(backups) == 1
    # the upgraded file has exactly the schema of a brand-new one
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    db.close()
    assert _schema(path) == _schema(fresh)
    # a second open does nothing
    again = open_database(path)
    assert not again.upgraded
    db.close()


def test_failed_upgrade_leaves_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dealerdesk.store import migrations

    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    before = _schema(path)

    def boom(_database: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(migrations.STEPS, LATEST, boom)
    with pytest.raises(RuntimeError):
        open_database(path)
    db.close()
    assert _schema(path) == before


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path)
    db.database.execute_sql("INSERT INTO schema_version (version, applied_at, app_version)"
                            " VALUES (99, '2030-01-01', '9.0')")  # fmt: skip
    db.close()
    with pytest.raises(SchemaTooNewError, match="newer DealerDesk"):
        open_database(path)


def test_foreign_sqlite_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseOpenError, match="not a DealerDesk one"):
        open_database(path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing" / "x.db", "does not exist"),
        (lambda p: (p / "junk.db").write_text("hello") and p / "junk.db", "not an SQLite file"),
        (lambda p: p, "is a folder"),
    ],
)
def test_bad_paths_explained(tmp_path: Path, make: object, message: str) -> None:
    with pytest.raises(DatabaseOpenError, match=message):
        open_database(make(tmp_path))  # type: ignore[operator]


def test_missing_file_not_created_when_asked(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="There is no database"):
        open_database(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()


def test_read_only_file_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores file modes, so the permission answer is what the store must act on."""
    import os

    path = tmp_path / "ro.db"
    open_database(path)
    db.close()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with pytest.raises(DatabaseOpenError, match="read-only"):
        open_database(path)


def test_folder_that_cannot_be_entered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Path.exists() raises PermissionError there; the user still gets one sentence."""

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "is_dir", denied)
    with pytest.raises(DatabaseOpenError, match=r"Cannot open .*Permission denied"):
        open_database(tmp_path / "x.db")
