"""Backups and restores of an SQLite file with SQLite's online backup API (issue #11).

A backup is written to a hidden ``.part`` name, checked (``quick_check`` and a schema
version), flushed to disk, and only then renamed to its final name: an interrupted
backup leaves at most a ``.part`` file, never a bad file beside the good ones, and the
rename replaces nothing. ``keep`` prunes all but the newest N of one database's backups.

A restore first copies the current file aside (``<name>.before-restore-<stamp>.db``),
then copies the backup INTO the live file with the backup API, which SQLite does in one
transaction of the destination: it lands whole or not at all.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dealerdesk.errors import DealerDeskError, StorageError
from dealerdesk.i18n import t
from dealerdesk.store.integrity import describe_failure

_STAMP = "%Y%m%d-%H%M%S"
PAGES_PER_STEP = 256
Step = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One finished backup: its path, when it was taken, its size."""

    path: Path
    taken_at: datetime
    size_bytes: int


def default_dir(db_path: Path) -> Path:
    """Backups live in a ``backups`` folder beside the database file."""
    return db_path.parent / "backups"


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})\.db$")


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupFile]:
    """This database's finished backups in *folder*, newest first."""
    folder = folder or default_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match and entry.is_file():
            taken = datetime.strptime(match.group(1), _STAMP)
            found.append(BackupFile(entry, taken, entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def backup_sqlite(
    db_path: Path, folder: Path, *, now: datetime, keep: int = 10, step: Step | None = None
) -> BackupFile:
    """Copy *db_path* to ``folder/<stem>-<stamp>.db``; prune to the newest *keep*."""
    if keep < 1:
        raise DealerDeskError(t("safety.backup.keep", keep=keep))
    if not db_path.is_file():
        raise DealerDeskError(t("safety.backup.no_file", path=db_path))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(describe_failure(exc, folder) or str(exc)) from exc
    final = folder / f"{db_path.stem}-{now:{_STAMP}}.db"
    n = 1
    while final.exists():
        n += 1
        final = folder / f"{db_path.stem}-{now:{_STAMP}}-{n}.db"
    part = folder / f".{final.name}.part"
    try:
        copy_database(db_path, part, step=step)
        verify(part)
        part.replace(final)
    except BaseException as exc:
        part.unlink(missing_ok=True)
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise StorageError(describe_failure(exc, final) or
                               t("safety.backup.failed", path=final, error=exc)) from exc  # fmt: skip
        raise
    prune(db_path, folder, keep=keep)
    return BackupFile(final, now, final.stat().st_size)


def copy_database(source: Path, target: Path, *, step: Step | None = None) -> None:
    """SQLite's online backup of *source* into *target* (WAL-safe), flushed to disk."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest, pages=PAGES_PER_STEP,
                       progress=(lambda _s, remaining, total: step(remaining, total))
                       if step else None)  # fmt: skip
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dest.close()
    finally:
        src.close()
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())


def verify(path: Path) -> int:
    """A backup is usable: the file is intact and holds a DealerDesk schema; its version."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA quick_check").fetchone()
        if not ok or ok[0] != "ok":
            raise DealerDeskError(t("safety.backup.not_intact", path=path))
        try:
            row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DealerDeskError(t("safety.backup.not_dealerdesk", path=path)) from exc
        if not row or row[0] is None:
            raise DealerDeskError(t("safety.backup.not_dealerdesk", path=path))
        return int(row[0])
    except sqlite3.DatabaseError as exc:
        raise DealerDeskError(t("safety.backup.not_intact", path=path)) from exc
    finally:
        conn.close()


def prune(db_path: Path, folder: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest *keep* backups of this database; return those deleted."""
    old = [b.path for b in list_backups(db_path, folder)[keep:]]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def restore_sqlite(db_path: Path, source: Path, *, now: datetime, latest: int) -> Path:
    """Replace *db_path*'s content with *source*; return where the current file was kept."""
    if not source.is_file():
        raise DealerDeskError(t("safety.backup.no_file", path=source))
    version = verify(source)
    if version > latest:
        raise DealerDeskError(t("safety.open.too_new", path=source, version=version,
                                latest=latest))  # fmt: skip
    aside = db_path.with_name(f"{db_path.stem}.before-restore-{now:{_STAMP}}{db_path.suffix}")
    building = db_path.with_name(f".{db_path.name}.restoring")
    try:
        copy_database(source, building)
        verify(building)
        if _copy_aside(db_path, aside):
            # In place, in one transaction of the live file: every open connection (the
            # window's threads, another desk) sees the restored data, not a renamed file.
            _backup_into(building, db_path)
            building.unlink()
        else:  # damaged (or missing): the file itself is moved aside, the copy takes its name
            moved = _move_aside(db_path, aside)
            try:
                building.replace(db_path)
            except OSError:
                if moved:
                    _move_aside(aside, db_path)
                raise
    except (sqlite3.Error, OSError) as exc:
        building.unlink(missing_ok=True)
        raise StorageError(describe_failure(exc, db_path) or
                           t("safety.backup.failed", path=db_path, error=exc)) from exc  # fmt: skip
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    return aside


def _copy_aside(path: Path, aside: Path) -> bool:
    """An online copy of the current file (False if it is missing or cannot be read)."""
    if not path.exists():
        return False
    try:
        copy_database(path, aside)
        verify(aside)
    except (sqlite3.Error, DealerDeskError):
        aside.unlink(missing_ok=True)
        return False
    return True


def _backup_into(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target, timeout=10)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


def _move_aside(path: Path, aside: Path) -> bool:
    """Rename the file with its WAL (committed pages not yet in the file) to *aside*."""
    if not path.exists():
        return False
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{path}{suffix}")
        if extra.exists():
            extra.replace(Path(f"{aside}{suffix}"))
    return True


def pg_dump(dsn: str, folder: Path, *, now: datetime, name: str = "dealerdesk") -> Path:
    """PostgreSQL: a custom-format ``pg_dump`` to the folder, if the tool is installed."""
    tool = shutil.which("pg_dump")
    if tool is None:
        raise DealerDeskError(t("safety.backup.no_pg_dump"))
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{name}-{now:{_STAMP}}.dump"
    part = folder / f".{final.name}.part"
    done = subprocess.run([tool, "--format=custom", "--file", str(part), dsn],
                          capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0:
        part.unlink(missing_ok=True)
        raise DealerDeskError(t("safety.backup.failed", path=final, error=done.stderr.strip()))
    part.replace(final)
    return final
