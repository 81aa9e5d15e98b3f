"""Backups and restores as use cases (issue #11): the CLI, the window's exit and Settings.

SQLite files are copied with the online backup API (``store.backup``); a restore closes
this process's connections, keeps the current file aside, and reopens the restored one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dealerdesk.store import backup as store_backup
from dealerdesk.store import db, open_database
from dealerdesk.store.audit import record
from dealerdesk.store.migrations import LATEST
from dealerdesk.store.settings_store import get_setting

DEFAULT_KEEP = 10


@dataclass(frozen=True, slots=True)
class BackupResult:
    """A finished backup and how many of this database's backups are kept."""

    path: Path
    size_bytes: int
    kept: int


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """The restored file, the backup it came from, and where the old content was kept."""

    path: Path
    source: Path
    aside: Path


def backup_keep() -> int:
    """How many backups to keep (the ``backup_keep`` setting, default 10)."""
    try:
        return max(1, int(get_setting("backup_keep", str(DEFAULT_KEEP))))
    except ValueError:
        return DEFAULT_KEEP


def backup_now(
    db_path: Path, *, now: datetime, folder: Path | None = None, keep: int | None = None
) -> BackupResult:
    """Back up *db_path* now (to its ``backups`` folder unless *folder* is given).

    A PostgreSQL address is dumped with ``pg_dump`` when it is installed (and says so
    when it is not) into *folder*, else the data folder's ``backups``.
    """
    if not isinstance(db_path, Path):
        from dealerdesk.paths import data_dir

        target = folder or data_dir() / "backups"
        dumped = store_backup.pg_dump(str(db_path), target, now=now)
        return BackupResult(path=dumped, size_bytes=dumped.stat().st_size, kept=1)
    folder = folder or store_backup.default_dir(db_path)
    made = store_backup.backup_sqlite(
        db_path, folder, now=now, keep=keep if keep is not None else DEFAULT_KEEP
    )
    kept = len(store_backup.list_backups(db_path, folder))
    return BackupResult(path=made.path, size_bytes=made.size_bytes, kept=kept)


def auto_backup(db_path: Path, *, now: datetime, keep: int | None = None) -> BackupResult | None:
    """On exit: back up at most once a day; None when today's backup already exists.

    Not for a server database: its backups are the server's (or ``dealerdesk backup``).
    """
    if not isinstance(db_path, Path):
        return None
    existing = store_backup.list_backups(db_path)
    if existing and existing[0].taken_at.date() == now.date():
        return None
    return backup_now(db_path, now=now, keep=keep)


def last_backup(db_path: Path) -> Path | None:
    """The newest finished backup of *db_path*, if any."""
    found = list_backups(db_path)
    return found[0].path if found else None


def list_backups(db_path: Path) -> list[store_backup.BackupFile]:
    """A file's backups, newest first (none listed for a server database: its dumps are
    the administrator's)."""
    if not isinstance(db_path, Path):
        return []
    return store_backup.list_backups(db_path)


def describe_failure(exc: BaseException) -> str | None:
    """One sentence naming a storage failure (disk full, read-only, locked, damaged) of
    the open database, or None when *exc* is not one (for the window's error dialog)."""
    from dealerdesk.store.integrity import describe_failure as describe

    try:
        target: Path | None = Path(str(db.current_target()))
    except Exception:  # nothing open: the sentence names no file
        target = None
    return describe(exc, target)


def check_thoroughly(db_path: Path) -> None:
    """SQLite's quick_check over every page (``info``): a damaged file is named, with the
    last good backup; nothing is written. Nothing to do for a server database."""
    if not isinstance(db_path, Path) or not db_path.exists():
        return
    from dealerdesk.store.integrity import precheck

    precheck(db_path, latest=LATEST, last_backup=last_backup(db_path), thorough=True)


def restore(db_path: Path, source: Path, *, now: datetime, damaged: bool = False) -> RestoreResult:
    """Replace *db_path*'s content with the backup *source*; the current file kept aside."""
    from dealerdesk.errors import DealerDeskError
    from dealerdesk.i18n import t
    from dealerdesk.services import auth
    from dealerdesk.vocab.staff import Permission

    if not damaged:  # a damaged file has no staff to ask: whoever holds it may recover it
        auth.require(Permission.RESTORE)
    if not isinstance(db_path, Path):
        raise DealerDeskError(t("safety.backup.pg_restore"))
    db.close()
    aside = store_backup.restore_sqlite(db_path, source, now=now, latest=LATEST)
    open_database(db_path, create=False)
    record("restore", "database", None, {"from": str(source), "aside": str(aside)})
    return RestoreResult(path=db_path, source=source, aside=aside)
