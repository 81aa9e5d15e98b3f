"""Per-customer event histories kept as one packed array each, current on every write.

Why: the dashboard (issue #15) and the risk facts (issue #8) need hundreds of thousands
of events (visits, contacts) at once. Asked of the event table, SQLite hands each value
over as a Python object: 400,000 rows take over a second before any arithmetic. Kept as
one little byte string per customer, the same events arrive as 100,000 rows and one
``numpy.frombuffer``.

How it stays right: triggers on the event table (insert, delete, and an update of any
column kept) put the customer's id in ``<table>_dirty`` — on SQLite and PostgreSQL
alike, so every write path (forms, imports, merges, sync, a copy between backends, even
a hand-typed SQL statement) is covered. Readers call :meth:`PackedHistory.settle` first,
which rebuilds the dirty customers' arrays and clears their marks in one transaction.
The tables are derived data: they are not in ``ALL_MODELS`` (a copy between backends
rebuilds them from the events it copies) and :meth:`PackedHistory.mark_all_dirty`
rebuilds everything. ``store.visit_history`` and ``store.contact_history`` are the two.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from peewee import Database

from dealerdesk.store import dialect
from dealerdesk.store.bulk import select_in
from dealerdesk.store.db import database

__all__ = ["PackedHistory", "customer_runs"]

# Above this many dirty customers one pass over the whole table beats id lists.
WHOLE_TABLE = 5_000


@dataclass(frozen=True, slots=True)
class PackedHistory:
    """One kind of history: ``table`` (and ``<table>_dirty``) derived from ``source``.

    ``rows(db, ids)`` reads the source rows of those customers (everyone when None) as
    tuples starting with the customer id; ``pack(rows)`` turns them into (customer ids,
    one ``record`` array) sorted by customer, then in each customer's event order."""

    table: str
    source: str
    column: str  # the blob column of ``table``
    kept: tuple[str, ...]  # source columns whose update changes the history
    record: np.dtype
    rows: Callable[[Database, Sequence[int] | None], list[Any]]
    pack: Callable[[list[Any]], tuple[np.ndarray, np.ndarray]]

    def install(self, db: Database) -> None:
        """Create the two tables and the triggers (a new file, or the migration)."""
        t, src, kept = self.table, self.source, ", ".join(self.kept)
        mark = f"INSERT OR IGNORE INTO {t}_dirty (customer_id) VALUES"
        blob = "BYTEA" if dialect.is_postgres(db) else "BLOB"
        common = (
            f"CREATE TABLE IF NOT EXISTS {t} (customer_id INTEGER PRIMARY KEY, {self.column} {blob} NOT NULL)",
        )  # fmt: skip
        sqlite = (
            f"CREATE TABLE IF NOT EXISTS {t}_dirty (customer_id INTEGER PRIMARY KEY)",
            f"CREATE TRIGGER IF NOT EXISTS {t}_insert AFTER INSERT ON {src} BEGIN "
            f"{mark} (NEW.customer_id); END",
            f"CREATE TRIGGER IF NOT EXISTS {t}_update AFTER UPDATE OF {kept} ON {src} BEGIN "
            f"{mark} (OLD.customer_id); {mark} (NEW.customer_id); END",
            f"CREATE TRIGGER IF NOT EXISTS {t}_delete AFTER DELETE ON {src} BEGIN "
            f"{mark} (OLD.customer_id); END",
        )
        # PostgreSQL: one mark row per change (no conflict on insert, see ``settle``). Its
        # key is a random UUID, not a sequence: a trigger that calls nextval() would change
        # what lastval() says the insert that fired it returned (``dialect``'s lastrowid).
        postgres = (
            f"CREATE TABLE IF NOT EXISTS {t}_dirty "
            "(mark UUID PRIMARY KEY DEFAULT gen_random_uuid(), customer_id INTEGER NOT NULL)",
            f"CREATE OR REPLACE FUNCTION {t}_mark() RETURNS trigger AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN INSERT INTO {t}_dirty (customer_id) "
            "VALUES (OLD.customer_id); END IF; "
            f"IF TG_OP <> 'DELETE' THEN INSERT INTO {t}_dirty (customer_id) "
            "VALUES (NEW.customer_id); END IF; "
            "RETURN NULL; END $$ LANGUAGE plpgsql",
            f"DROP TRIGGER IF EXISTS {t}_mark ON {src}",
            f"CREATE TRIGGER {t}_mark AFTER INSERT OR DELETE OR UPDATE OF {kept} "
            f"ON {src} FOR EACH ROW EXECUTE FUNCTION {t}_mark()",
        )
        for sql in (*common, *(postgres if dialect.is_postgres(db) else sqlite)):
            db.execute_sql(sql)

    def drop_triggers(self, db: Database) -> None:
        """Stop marking (a bulk load that will ``mark_all_dirty`` once at the end: a copy
        between backends would otherwise mark its customers once per event copied);
        ``install`` puts the triggers back. Inside the caller's transaction."""
        if dialect.is_postgres(db):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {self.table}_mark ON {self.source}")
            return
        for event in ("insert", "update", "delete"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {self.table}_{event}")

    def mark_all_dirty(self, db: Database) -> None:
        """Ask for every customer's array to be rebuilt (after the migration that adds them)."""
        db.execute_sql(f"DELETE FROM {self.table}_dirty")
        db.execute_sql(f"INSERT INTO {self.table}_dirty (customer_id) "
                       f"SELECT DISTINCT customer_id FROM {self.source}")  # fmt: skip

    def settle(self) -> int:
        """Rebuild the arrays of the customers whose events changed; how many were rebuilt.

        Costs one indexed look when nothing changed. The marks are read, the arrays
        rebuilt and the marks cleared in one write transaction. On SQLite that
        transaction is the only writer (BEGIN IMMEDIATE): an event saved meanwhile by
        another desk waits for it and marks its customer again. On PostgreSQL writers do
        not wait for it: each change adds its own mark row, and only the marks read are
        deleted, so the mark of an event committed meanwhile stays for the next settle;
        settling itself is one at a time (a transaction lock), so an older rebuild never
        overwrites a newer one. No table lock: a desk that saved an event and settles in
        the same transaction (as every form does) would otherwise wait for another desk
        doing the same, and that one for it."""
        t = self.table
        if database.execute_sql(f"SELECT 1 FROM {t}_dirty LIMIT 1").fetchone() is None:
            return 0
        server = dialect.is_postgres(database)
        with database.atomic():
            if server:
                database.execute_sql("SELECT pg_advisory_xact_lock(?)", (_lock_key(t),))
                marks = database.execute_sql(f"SELECT mark, customer_id FROM {t}_dirty").fetchall()
                dirty = sorted({int(r[1]) for r in marks})
            else:
                dirty = [int(r[0]) for r in database.execute_sql(
                    f"SELECT customer_id FROM {t}_dirty ORDER BY customer_id")]  # fmt: skip
            if not dirty:
                return 0
            whole = len(dirty) > WHOLE_TABLE
            ids, packed = self.pack(self.rows(database, None if whole else dirty))
            if whole:
                keep = np.isin(ids, dirty)
                ids, packed = ids[keep], packed[keep]
            blobs = _split(ids, packed)
            have = {cid for cid, _ in blobs}
            _delete(t, [cid for cid in dirty if cid not in have])
            dialect.executemany(
                database,
                f"INSERT INTO {t} (customer_id, {self.column}) VALUES (?, ?) "
                f"ON CONFLICT (customer_id) DO UPDATE SET {self.column} = excluded.{self.column}",
                blobs,
            )
            if server:
                database.execute_sql(f"DELETE FROM {t}_dirty WHERE mark = ANY(CAST(? AS uuid[]))",
                                     ([str(r[0]) for r in marks],))  # fmt: skip
            else:
                _delete(f"{t}_dirty", dirty)
        return len(dirty)

    def read(self, customer_ids: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(customer id per event, the events) of *customer_ids* (everyone's when None),
        by customer id then each customer's order, settled first."""
        self.settle()
        sql = f"SELECT customer_id, {self.column} FROM {self.table}"
        if customer_ids is None:
            rows = database.execute_sql(sql + " ORDER BY customer_id").fetchall()
        else:
            rows = sorted(select_in(sql + " WHERE customer_id IN ({ids})", customer_ids))
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        blobs = [r[1] for r in rows]
        counts = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
        events = np.frombuffer(b"".join(blobs), self.record)
        return np.repeat(ids, counts // self.record.itemsize), events


def _lock_key(table: str) -> int:
    """The transaction lock that makes settling one history one at a time (PostgreSQL)."""
    return zlib.crc32(f"dealerdesk.{table}".encode())


def customer_runs(customer: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each customer's run starts and ends (exclusive) in a non-empty array of
    customer ids sorted by customer (events as ``read`` returns them)."""
    starts = np.flatnonzero(np.r_[True, customer[1:] != customer[:-1]])
    return starts, np.r_[starts[1:], customer.size]


def _split(ids: np.ndarray, packed: np.ndarray) -> list[tuple[int, bytes]]:
    """[(customer id, that customer's packed events)] from rows sorted by customer."""
    if not ids.size:
        return []
    starts, ends = customer_runs(ids)
    blob, size = packed.tobytes(), packed.dtype.itemsize
    return [(int(ids[a]), blob[a * size : b * size])
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]  # fmt: skip


def _delete(table: str, ids: Sequence[int]) -> None:
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        database.execute_sql(
            f"DELETE FROM {table} WHERE customer_id IN ({','.join('?' * len(part))})", part
        )
