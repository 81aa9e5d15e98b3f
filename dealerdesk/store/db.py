"""The one database handle and how it is opened.

``database`` is deferred: models bind to it at import time and ``open_database`` points
it at a file once the composition root (app or CLI) knows which. Every connection, on
every thread, gets the same pragmas: WAL so the GUI can read while the worker writes,
enforced foreign keys, and a busy timeout instead of "database is locked".
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import DatabaseError, OperationalError, SqliteDatabase

from dealerdesk.errors import DatabaseOpenError

PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("cache_size", -64000),
    ("synchronous", "normal"),
)

database = SqliteDatabase(None)


def check_path(path: Path, *, create: bool) -> None:
    """Refuse, with one clear sentence, the paths SQLite would fail on obscurely."""
    try:
        _check_path(path, create=create)
    except OSError as exc:  # a folder on the way we may not enter, a dead network drive…
        raise DatabaseOpenError(f"Cannot open {path}: {exc.strerror or exc}.") from exc


def _check_path(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    if not path.parent.is_dir():
        raise DatabaseOpenError(f"The folder {path.parent} does not exist.")
    if not path.exists():
        if not create:
            raise DatabaseOpenError(
                f"There is no database at {path}. Create one with: dealerdesk demo --db {path}"
            )
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseOpenError(f"Cannot read {path}: {exc.strerror}.") from exc
    if header and header != b"SQLite format 3\x00":
        raise DatabaseOpenError(f"{path} is not a DealerDesk database (not an SQLite file).")
    if not os.access(path, os.W_OK):
        raise DatabaseOpenError(
            f"{path} is read-only; DealerDesk needs to write to it (check its permissions)."
        )


def connect(path: Path, *, create: bool = True) -> SqliteDatabase:
    """Point the shared ``database`` at *path* and open a first connection."""
    path = Path(path)
    check_path(path, create=create)
    if not database.is_closed():
        database.close()
    database.init(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (OperationalError, DatabaseError, sqlite3.Error) as exc:
        database.close()
        raise DatabaseOpenError(explain_sqlite_error(path, exc)) from exc
    return database


def explain_sqlite_error(path: Path, exc: BaseException) -> str:
    """Turn SQLite's terse messages into a sentence a dealership can act on."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only; DealerDesk needs to write to it (check its permissions)."
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return f"{path} is not a DealerDesk database (the file is damaged or of another kind)."
    if "unable to open" in text:
        return f"Cannot open {path}: the folder is missing or not writable."
    if "locked" in text or "busy" in text:
        return f"{path} is busy in another program; close it and try again."
    return f"Cannot open {path}: {exc}"


def close() -> None:
    """Close this thread's connection (the worker calls it when it stops)."""
    if not database.is_closed():
        database.close()


def current_path() -> Path:
    """The file the shared handle points at (raises if nothing was opened)."""
    if database.database is None:
        raise DatabaseOpenError("No database is open.")
    return Path(database.database)


@contextmanager
def write_transaction() -> Iterator[None]:
    """One write = one transaction: all of it lands, or none of it does."""
    with database.atomic():
        yield
