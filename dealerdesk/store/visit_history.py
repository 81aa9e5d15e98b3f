"""Every customer's visits as one packed array per customer, kept current on write.

Why: the dashboard (issue #15) and the risk facts (issue #8) both need the dates, kinds
and amounts of hundreds of thousands of visits at once. Asked of the ``visit`` table,
SQLite hands each value over as a Python object: 400,000 visits take over a second
before any arithmetic. Kept as one little byte string per customer (``visit_history``),
the same visits arrive as 100,000 rows and one ``numpy.frombuffer``: all 855,000 visits
of a 100k-customer dealership in about a fifth of a second.

How it stays right: triggers on ``visit`` (insert, delete, and an update of any column
kept here) put the customer's id in ``visit_history_dirty`` — on SQLite and PostgreSQL
alike, so every write path (forms, imports, merges, sync, a copy between backends, even
a hand-typed SQL statement) is covered. Readers call :func:`settle` first, which rebuilds
the dirty customers' arrays and clears their marks in one transaction. The tables are
derived data: they are not in ``ALL_MODELS`` (a copy between backends rebuilds them from
the visits it copies) and :func:`mark_all_dirty` rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from peewee import Database

from dealerdesk.store import dialect
from dealerdesk.store.bulk import select_in
from dealerdesk.store.db import database

__all__ = [
    "KIND_OTHER", "KIND_REPAIR", "KIND_SALE", "KIND_SERVICE", "VisitArrays", "day_number",
    "install", "mark_all_dirty", "read_visits", "settle",
]  # fmt: skip

KIND_OTHER, KIND_SALE, KIND_SERVICE, KIND_REPAIR = 0, 1, 2, 3
# One visit, packed (22 bytes, little-endian whatever the machine): the layout of the blob.
RECORD = np.dtype(
    [("day", "<i4"), ("kind", "u1"), ("declined", "u1"), ("vehicle", "<i8"), ("amount", "<f8")]
)
_EPOCH = date(1970, 1, 1)
# Above this many dirty customers one ordered pass over the whole table beats id lists.
_WHOLE_TABLE = 5_000
_KEPT = ("customer_id", "date", "kind", "amount", "declined", "vehicle_id")

_SQLITE = (
    "CREATE TABLE IF NOT EXISTS visit_history "
    "(customer_id INTEGER PRIMARY KEY, visits BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS visit_history_dirty (customer_id INTEGER PRIMARY KEY)",
    "CREATE TRIGGER IF NOT EXISTS visit_history_insert AFTER INSERT ON visit BEGIN "
    "INSERT OR IGNORE INTO visit_history_dirty (customer_id) VALUES (NEW.customer_id); END",
    f"CREATE TRIGGER IF NOT EXISTS visit_history_update AFTER UPDATE OF {', '.join(_KEPT)} "
    "ON visit BEGIN "
    "INSERT OR IGNORE INTO visit_history_dirty (customer_id) VALUES (OLD.customer_id); "
    "INSERT OR IGNORE INTO visit_history_dirty (customer_id) VALUES (NEW.customer_id); END",
    "CREATE TRIGGER IF NOT EXISTS visit_history_delete AFTER DELETE ON visit BEGIN "
    "INSERT OR IGNORE INTO visit_history_dirty (customer_id) VALUES (OLD.customer_id); END",
)
_POSTGRES = (
    "CREATE TABLE IF NOT EXISTS visit_history "
    "(customer_id INTEGER PRIMARY KEY, visits BYTEA NOT NULL)",
    "CREATE TABLE IF NOT EXISTS visit_history_dirty (customer_id INTEGER PRIMARY KEY)",
    "CREATE OR REPLACE FUNCTION visit_history_mark() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP <> 'INSERT' THEN INSERT INTO visit_history_dirty (customer_id) "
    "VALUES (OLD.customer_id) ON CONFLICT DO NOTHING; END IF; "
    "IF TG_OP <> 'DELETE' THEN INSERT INTO visit_history_dirty (customer_id) "
    "VALUES (NEW.customer_id) ON CONFLICT DO NOTHING; END IF; "
    "RETURN NULL; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS visit_history_mark ON visit",
    f"CREATE TRIGGER visit_history_mark AFTER INSERT OR DELETE OR UPDATE OF {', '.join(_KEPT)} "
    "ON visit FOR EACH ROW EXECUTE FUNCTION visit_history_mark()",
)


def install(db: Database) -> None:
    """Create the two tables and the triggers (a new file, or migration 13)."""
    for sql in _POSTGRES if dialect.is_postgres(db) else _SQLITE:
        db.execute_sql(sql)


def mark_all_dirty(db: Database) -> None:
    """Ask for every customer's array to be rebuilt (after the migration that adds them)."""
    db.execute_sql("DELETE FROM visit_history_dirty")
    db.execute_sql(
        "INSERT INTO visit_history_dirty (customer_id) SELECT DISTINCT customer_id FROM visit"
    )


@dataclass(frozen=True, slots=True)
class VisitArrays:
    """Visits as columns, one entry per visit, sorted by customer, then day, then visit id."""

    customer: np.ndarray  # int64
    day: np.ndarray  # int64 days since 1970-01-01
    kind: np.ndarray  # uint8: KIND_OTHER, KIND_SALE, KIND_SERVICE, KIND_REPAIR
    declined: np.ndarray  # bool: the customer declined recommended work (non-blank text)
    vehicle: np.ndarray  # int64, 0 = no car named
    amount: np.ndarray  # float64

    @property
    def service(self) -> np.ndarray:
        """True for service and repair visits (what the cadence counts as servicing)."""
        return (self.kind == KIND_SERVICE) | (self.kind == KIND_REPAIR)

    def where(self, keep: np.ndarray) -> VisitArrays:
        return VisitArrays(self.customer[keep], self.day[keep], self.kind[keep],
                           self.declined[keep], self.vehicle[keep], self.amount[keep])  # fmt: skip


def day_number(d: date) -> int:
    """Days since 1970-01-01, the unit of ``VisitArrays.day``."""
    return (d - _EPOCH).days


def _visit_rows(db: Database, ids: Sequence[int] | None) -> list[Any]:
    day = dialect.whole(db, "julianday(date) - 2440587.5")
    sql = f"""SELECT customer_id, {day},
                     CASE kind WHEN 'sale' THEN {KIND_SALE} WHEN 'service' THEN {KIND_SERVICE}
                               WHEN 'repair' THEN {KIND_REPAIR} ELSE {KIND_OTHER} END,
                     CASE WHEN declined IS NOT NULL AND trim(declined) <> '' THEN 1 ELSE 0 END,
                     coalesce(vehicle_id, 0), coalesce(amount, 0)
              FROM visit {{where}} ORDER BY customer_id, date, id"""  # fmt: skip
    if ids is None:
        return db.execute_sql(sql.format(where="")).fetchall()
    return select_in(sql.format(where="WHERE customer_id IN ({ids})"), ids)


def _pack(rows: list[Any]) -> list[tuple[int, bytes]]:
    """[(customer id, packed visits)] from rows ordered by customer (see ``_visit_rows``)."""
    if not rows:
        return []
    table = np.array(rows, dtype=object)
    ids = table[:, 0].astype(np.int64)
    packed = np.empty(len(rows), RECORD)
    packed["day"] = table[:, 1].astype(np.int64)
    packed["kind"] = table[:, 2].astype(np.int64)
    packed["declined"] = table[:, 3].astype(np.int64)
    packed["vehicle"] = table[:, 4].astype(np.int64)
    packed["amount"] = table[:, 5].astype(float)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], ids.size]
    blob, size = packed.tobytes(), RECORD.itemsize
    return [(int(ids[a]), blob[a * size : b * size])
            for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]  # fmt: skip


def settle() -> int:
    """Rebuild the arrays of the customers whose visits changed; how many were rebuilt.

    Costs one indexed look when nothing changed. The marks are read, the arrays rebuilt
    and the marks cleared in one write transaction: a visit saved meanwhile by another
    desk waits for it and marks its customer again, so no change is ever lost."""
    if database.execute_sql("SELECT 1 FROM visit_history_dirty LIMIT 1").fetchone() is None:
        return 0
    with database.atomic():
        if dialect.is_postgres(database):
            # A visit written by another desk but not yet committed has tried to mark its
            # customer (a no-op if already marked) and holds the table until it commits:
            # wait for it, so the visits read below include it.
            database.execute_sql("LOCK TABLE visit_history_dirty IN EXCLUSIVE MODE")
        dirty = [int(r[0]) for r in database.execute_sql(
            "SELECT customer_id FROM visit_history_dirty ORDER BY customer_id")]  # fmt: skip
        if not dirty:
            return 0
        if len(dirty) > _WHOLE_TABLE:
            rows = _visit_rows(database, None)
            wanted = set(dirty)
            packed = [p for p in _pack(rows) if p[0] in wanted]
        else:
            packed = _pack(_visit_rows(database, dirty))
        have = {cid for cid, _ in packed}
        _delete("visit_history", [cid for cid in dirty if cid not in have])
        dialect.executemany(
            database,
            "INSERT INTO visit_history (customer_id, visits) VALUES (?, ?) "
            "ON CONFLICT (customer_id) DO UPDATE SET visits = excluded.visits",
            packed,
        )
        _delete("visit_history_dirty", dirty)
    return len(dirty)


def _delete(table: str, ids: Sequence[int]) -> None:
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        database.execute_sql(
            f"DELETE FROM {table} WHERE customer_id IN ({','.join('?' * len(part))})", part
        )


def read_visits(
    customer_ids: Sequence[int] | None = None, *, last: date | None = None
) -> VisitArrays:
    """The visits of *customer_ids* (everyone's when None) dated on or before *last* (all
    when None), settled first. Archived customers' visits are included: callers filter."""
    settle()
    sql = "SELECT customer_id, visits FROM visit_history"
    if customer_ids is None:
        rows = database.execute_sql(sql + " ORDER BY customer_id").fetchall()
    else:
        rows = sorted(select_in(sql + " WHERE customer_id IN ({ids})", customer_ids))
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    blobs = [r[1] for r in rows]
    counts = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)) // RECORD.itemsize
    packed = np.frombuffer(b"".join(blobs), RECORD)
    out = VisitArrays(
        np.repeat(ids, counts), packed["day"].astype(np.int64), packed["kind"].copy(),
        packed["declined"].astype(bool), packed["vehicle"].astype(np.int64),
        packed["amount"].astype(np.float64),
    )  # fmt: skip
    return out if last is None else out.where(out.day <= day_number(last))
