"""Looking at a file before anything writes to it (issue #11).

``precheck`` opens the file READ-ONLY with plain sqlite3: a file from a newer DealerDesk
is refused before the pragmas switch it to WAL (which rewrites its header), and a damaged
or half-built file is named as such. ``describe_failure`` turns what SQLite and the OS
say when a write fails (disk full, read-only folder, locked, damaged) into one sentence.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from dealerdesk.errors import DamagedDatabaseError, SchemaTooNewError
from dealerdesk.i18n import t


def precheck(
    path: Path, *, latest: int, last_backup: Path | None = None, thorough: bool = False
) -> None:
    """Refuse a newer schema or a damaged file without writing a byte to it.

    Every open makes the quick probe (a truncated file, unreadable table roots, a
    half-built file: milliseconds); *thorough* runs SQLite's ``quick_check`` over every
    page (1 s warm, 7 s cold for a 500 MB, 100,000-customer file), for ``info`` and
    before a backup is trusted.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return  # db.check_path names a foreign file
    except OSError:
        return  # db.check_path names what the OS says
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # cannot even open read-only: the normal open explains it
    try:
        _check(conn, path, latest=latest, last_backup=last_backup, thorough=thorough)
    finally:
        conn.close()


def _check(
    conn: sqlite3.Connection, path: Path, *, latest: int, last_backup: Path | None,
    thorough: bool,
) -> None:  # fmt: skip
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_version" in tables:
            row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            version = int(row[0]) if row and row[0] is not None else None
            if version is not None and version > latest:
                raise SchemaTooNewError(t("safety.open.too_new", path=path, version=version,
                                          latest=latest))  # fmt: skip
        if thorough:
            result = conn.execute("PRAGMA quick_check").fetchone()
            intact = bool(result) and result[0] == "ok"
        else:
            intact = _probe(conn, path, tables)
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return  # another program writes to it: not damage
        raise _damaged(path, last_backup) from exc
    if not intact:
        raise _damaged(path, last_backup)
    if "customer" in tables and "customer_search" in tables and _half_built(conn):
        raise _damaged(path, last_backup, code="safety.open.half_built")


def _probe(conn: sqlite3.Connection, path: Path, tables: set[str]) -> bool:
    """Cheap signs of damage: a file shorter than its pages, a table root that won't read."""
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    wal = Path(f"{path}-wal")
    if path.stat().st_size < page_size * pages and not (wal.exists() and wal.stat().st_size):
        return False  # truncated: a copy or a download that stopped midway
    for table in sorted(tables):
        conn.execute(f'SELECT * FROM "{table}" LIMIT 1').fetchall()
    return True


def _half_built(conn: sqlite3.Connection) -> bool:
    """Customers but no search rows: a build that stopped before indexing (before #11)."""
    has_customers = conn.execute("SELECT 1 FROM customer LIMIT 1").fetchone() is not None
    has_index = conn.execute("SELECT 1 FROM customer_search LIMIT 1").fetchone() is not None
    return has_customers and not has_index


def _damaged(
    path: Path, last_backup: Path | None, *, code: str = "safety.open.damaged"
) -> DamagedDatabaseError:
    text = t(code, path=path)
    if last_backup is not None:
        text += " " + t("safety.open.offer_restore", backup=last_backup, path=path)
    else:
        text += " " + t("safety.open.no_backup")
    return DamagedDatabaseError(text, path=path, backup=last_backup)


def describe_failure(exc: BaseException, path: Path | None = None) -> str | None:
    """One sentence naming the cause of a failed write, or None if it is not a storage one."""
    # Both links are followed: when SQLite rolls a full disk's transaction back itself,
    # the savepoint rollbacks that follow fail, and the cause sits deep in the context.
    seen: set[int] = set()
    queue: list[BaseException] = [exc]
    while queue:
        current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        sentence = _describe_one(current, path)
        if sentence:
            return sentence
        queue.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return None


def _describe_one(exc: BaseException, path: Path | None) -> str | None:
    where = str(path) if path is not None else "—"
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno == errno.ENOSPC:
            return t("safety.fail.disk_full", path=where)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return t("safety.fail.read_only", path=exc.filename or where)
        return None
    text = str(exc).lower()
    if not isinstance(exc, sqlite3.Error) and type(exc).__module__.split(".")[0] != "peewee":
        return None
    if "disk is full" in text or "database or disk is full" in text:
        return t("safety.fail.disk_full", path=where)
    if "readonly" in text or "read-only" in text:
        return t("safety.fail.read_only", path=where)
    if "locked" in text or "busy" in text:
        return t("safety.fail.locked", path=where)
    if "malformed" in text or "not a database" in text or "disk i/o" in text:
        return t("safety.fail.damaged", path=where)
    return None
