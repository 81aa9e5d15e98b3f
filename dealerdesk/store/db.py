"""The one database handle and how it is opened.

``database`` is a proxy: models bind to it at import time and ``connect`` points it at
an SQLite file or a PostgreSQL server once the composition root (app or CLI) knows which.

SQLite with several desks on one PC: every write transaction starts ``BEGIN IMMEDIATE``
(``ImmediateSqliteDatabase``), so a second writer waits for the first (the busy timeout is
the retry deadline) instead of failing at once with SQLITE_BUSY_SNAPSHOT, which a
deferred transaction that reads and then writes cannot wait for. Past the deadline the
caller gets one sentence, ``DatabaseBusyError``, naming the desk or job that holds the
database (from a small note beside the file, written by whoever takes the write lock).

Every connection, on every thread, gets the same pragmas: WAL so a desk can read while
another writes, enforced foreign keys, and the busy timeout.
"""

from __future__ import annotations

import getpass
import os
import random
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from peewee import Database, DatabaseError, DatabaseProxy, OperationalError, SqliteDatabase

from dealerdesk.errors import DatabaseBusyError, DatabaseOpenError
from dealerdesk.i18n import Msg
from dealerdesk.paths import ServerUrl, is_server_url
from dealerdesk.store import dialect

BUSY_DEADLINE_S = 10.0  # how long a write waits for another desk before giving up
# SQLite's own busy handler sleeps in growing steps (up to 100 ms) and does not queue
# waiters: with several busy desks one of them could keep missing the moments the lock
# is free. So SQLite waits only a short slice and we retry, polling every few ms, until
# the deadline.
BUSY_SLICE_MS = 20


def pragmas() -> tuple[tuple[str, object], ...]:
    return (
        ("busy_timeout", BUSY_SLICE_MS),  # first: the pragmas below may wait
        ("journal_mode", "wal"),
        ("foreign_keys", 1),
        ("cache_size", -64000),
        ("synchronous", "normal"),
    )


class _Handle(DatabaseProxy):
    """The proxy; setting an attribute sets it on the database behind (tests patch
    ``database.execute_sql`` to count queries)."""

    __slots__ = ()

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr in DatabaseProxy.__slots__:
            object.__setattr__(self, attr, value)
        else:
            setattr(self.obj, attr, value)

    def __delattr__(self, attr: str) -> None:
        delattr(self.obj, attr)


database: Any = _Handle()

# --- who is writing ----------------------------------------------------------------------


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment (a service account…)
        return "a user"


_who = {"desk": f"{_user()} on {socket.gethostname()}"}
_jobs = threading.local()


def set_desk(name: str) -> None:
    """Name this process in busy messages ("the DealerDesk window of wang on RECEPTION")."""
    _who["desk"] = name


@contextmanager
def job(name: str) -> Iterator[None]:
    """Name the long job this thread runs (scoring, follow-up generation) while it runs."""
    stack = getattr(_jobs, "stack", None) or []
    _jobs.stack = [*stack, name]
    try:
        yield
    finally:
        _jobs.stack = stack


def current_writer() -> str:
    stack = getattr(_jobs, "stack", None)
    return f"{stack[-1]} ({_who['desk']})" if stack else _who["desk"]


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _note_path(path: str) -> Path:
    return Path(f"{path}-writer")


class ImmediateSqliteDatabase(SqliteDatabase):
    """SQLite whose transactions all begin IMMEDIATE, with busy errors made readable."""

    def __init__(self, path: str, **kwargs: Any) -> None:
        super().__init__(path, lock_type="IMMEDIATE", **kwargs)
        self._note = _note_path(path)

    def begin(self, lock_type: str | None = None) -> None:
        self._retrying(lambda: super(ImmediateSqliteDatabase, self).begin(lock_type))
        with suppress(OSError):  # best effort: a note for the desks that will wait on us
            self._note.write_text(f"{current_writer()}\n{os.getpid()}\n", encoding="utf-8")

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        if self.in_transaction():  # holds the write lock already (or only reads)
            try:
                return super().execute_sql(sql, params)
            except OperationalError as exc:
                raise self._busy(exc) from exc
        # A statement on its own is its own transaction: retrying a busy one is safe.
        return self._retrying(lambda: super(ImmediateSqliteDatabase, self).execute_sql(sql, params))

    def _retrying(self, attempt: Callable[[], Any]) -> Any:
        deadline = time.monotonic() + BUSY_DEADLINE_S
        while True:
            try:
                return attempt()
            except OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise self._busy(exc) from exc
            time.sleep(random.uniform(0.0005, 0.003))

    def _busy(self, exc: OperationalError) -> Exception:
        if not _is_busy(exc):
            return exc
        try:
            holder = self._note.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError):
            holder = ""
        if holder:
            msg = Msg("store.busy_by", {"holder": holder, "seconds": int(BUSY_DEADLINE_S)})
        else:
            msg = Msg("store.busy", {"seconds": int(BUSY_DEADLINE_S)})
        return DatabaseBusyError(msg)


# --- opening -----------------------------------------------------------------------------


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


def connect(target: Path | str, *, create: bool = True) -> Database:
    """Point the shared ``database`` at *target* (a file or a postgresql:// URL) and open
    a first connection."""
    close()
    if isinstance(target, str) and is_server_url(target):
        return _connect_server(ServerUrl(target))
    path = Path(target)
    check_path(path, create=create)
    db = ImmediateSqliteDatabase(str(path), pragmas=pragmas(), check_same_thread=False)
    database.initialize(db)
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (OperationalError, DatabaseError, sqlite3.Error) as exc:
        database.close()
        raise DatabaseOpenError(explain_sqlite_error(path, exc)) from exc
    return db


def make_database(target: Path | ServerUrl) -> Database:
    """A second, independent handle (``dealerdesk copy`` reads one while writing another)."""
    if isinstance(target, ServerUrl):
        pg = dialect.PgDatabase(target.raw, connect_timeout=5, application_name="DealerDesk")
        pg.busy_deadline_s = BUSY_DEADLINE_S
        pg.on_busy = lambda _exc: DatabaseBusyError(
            Msg("store.busy", {"seconds": int(BUSY_DEADLINE_S)})
        )
        pg.on_lost = lambda _exc: DatabaseBusyError(Msg("store.pg_lost", {"server": target.server}))
        return pg
    return ImmediateSqliteDatabase(str(target), pragmas=pragmas(), check_same_thread=False)


def size_bytes() -> int:
    """The database's size on disk (file plus WAL, or the server database)."""
    target = current_target()
    if isinstance(target, ServerUrl):
        row = database.execute_sql("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0])
    wal = target.with_name(target.name + "-wal")
    return sum(p.stat().st_size for p in (target, wal) if p.exists())


def drop_everything() -> None:
    """A server database only: drop DealerDesk's tables (``demo --replace``)."""
    from dealerdesk.store.models import ALL_MODELS

    database.drop_tables(ALL_MODELS, cascade=True)


def _connect_server(url: ServerUrl) -> Database:
    if dialect.psycopg2 is None:  # pragma: no cover - psycopg2-binary is a dependency
        raise DatabaseOpenError(Msg("store.pg_driver", {}))
    db = make_database(url)
    database.initialize(db)
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT 1").fetchone()
    except (OperationalError, DatabaseError) as exc:
        if not database.is_closed():
            database.close()
        raise DatabaseOpenError(explain_server_error(url, exc)) from exc
    return db


def explain_server_error(url: ServerUrl, exc: BaseException) -> Msg:
    """One sentence for what went wrong reaching the server."""
    text = str(exc).lower()
    values = {"server": url.server, "name": url.name, "user": url.user}
    if "password" in text:
        return Msg("store.pg_auth", values)
    if "does not exist" in text and "database" in text:
        return Msg("store.pg_no_database", values)
    if "role" in text and "does not exist" in text:
        return Msg("store.pg_no_user", values)
    if any(s in text for s in ("could not connect", "connection refused", "timeout",
                               "could not translate host", "server closed")):  # fmt: skip
        return Msg("store.pg_down", values)
    return Msg("store.pg_other", {**values, "detail": str(exc).strip().splitlines()[0]})


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


def explain_error(target: Path | str, exc: BaseException) -> str | Msg:
    if isinstance(target, str) and is_server_url(target):
        return explain_server_error(ServerUrl(target), exc)
    return explain_sqlite_error(Path(target), exc)


def is_open() -> bool:
    return database.obj is not None


def close() -> None:
    """Close this thread's connection (the worker calls it when it stops)."""
    if database.obj is not None and not database.is_closed():
        database.close()


def current_target() -> Path | ServerUrl:
    """The file or server the shared handle points at (raises if nothing was opened)."""
    if database.obj is None:
        raise DatabaseOpenError("No database is open.")
    if dialect.is_postgres(database):
        return ServerUrl(database.obj.database)
    return Path(database.obj.database)


def current_path() -> Path:
    """The SQLite file the shared handle points at (raises if none is open)."""
    target = current_target()
    if isinstance(target, ServerUrl):
        raise DatabaseOpenError("The open database is a server, not a file.")
    return target


@contextmanager
def write_transaction() -> Iterator[None]:
    """One write = one transaction: all of it lands, or none of it does."""
    with database.atomic():
        yield


def batches_pause() -> None:
    """Between two batches of a long job: let a waiting desk in (SQLite's busy handler
    polls; a moment without the lock is enough for a waiting writer to take it)."""
    time.sleep(BUSY_SLICE_MS / 1000)
