"""Every customer's visits as one packed array per customer, kept current on write.

Why and how: ``store.packed_history`` (triggers on ``visit`` mark the customer, readers
settle first). All 855,000 visits of a 100k-customer dealership arrive in about a fifth
of a second, against over a second for 400,000 through SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from peewee import Database

from dealerdesk.dates import day_number
from dealerdesk.store import dialect
from dealerdesk.store.bulk import select_in
from dealerdesk.store.packed_history import PackedHistory

__all__ = [
    "HISTORY", "KIND_OTHER", "KIND_REPAIR", "KIND_SALE", "KIND_SERVICE", "VisitArrays",
    "install", "mark_all_dirty", "read_visits", "settle",
]  # fmt: skip

KIND_OTHER, KIND_SALE, KIND_SERVICE, KIND_REPAIR = 0, 1, 2, 3
# One visit, packed (22 bytes, little-endian whatever the machine): the layout of the blob.
RECORD = np.dtype(
    [("day", "<i4"), ("kind", "u1"), ("declined", "u1"), ("vehicle", "<i8"), ("amount", "<f8")]
)


def _visit_rows(db: Database, ids: Sequence[int] | None) -> list[Any]:
    """(customer, day, kind code, declined, car, amount, visit id) rows, in no order."""
    day = dialect.whole(db, "julianday(date) - 2440587.5")
    sql = f"""SELECT customer_id, {day},
                     CASE kind WHEN 'sale' THEN {KIND_SALE} WHEN 'service' THEN {KIND_SERVICE}
                               WHEN 'repair' THEN {KIND_REPAIR} ELSE {KIND_OTHER} END,
                     CASE WHEN declined IS NOT NULL AND trim(declined) <> '' THEN 1 ELSE 0 END,
                     coalesce(vehicle_id, 0), coalesce(amount, 0), id
              FROM visit {{where}}"""  # fmt: skip
    if ids is None:
        return db.execute_sql(sql.format(where="")).fetchall()
    return select_in(sql.format(where="WHERE customer_id IN ({ids})"), ids)


def _pack(rows: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """(customer ids, packed visits), each customer's visits by day, then visit id.

    Sorted by numpy rather than ORDER BY: a full rebuild reads the table in storage order
    instead of sorting 855,000 rows in SQL first. Every column is a number (ids and day
    numbers are exact in a float64), so one conversion builds the whole table."""
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, RECORD)
    table = np.array(rows, dtype=np.float64)
    table = table[np.lexsort((table[:, 6], table[:, 1], table[:, 0]))]
    packed = np.empty(len(rows), RECORD)
    for k, name in enumerate(RECORD.names, start=1):
        packed[name] = table[:, k]
    return table[:, 0].astype(np.int64), packed


HISTORY = PackedHistory(
    table="visit_history", source="visit", column="visits",
    kept=("customer_id", "date", "kind", "amount", "declined", "vehicle_id"),
    record=RECORD, rows=_visit_rows, pack=_pack,
)  # fmt: skip
install, mark_all_dirty, settle = HISTORY.install, HISTORY.mark_all_dirty, HISTORY.settle


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

    @property
    def sale(self) -> np.ndarray:
        return self.kind == KIND_SALE

    def where(self, keep: np.ndarray) -> VisitArrays:
        return VisitArrays(self.customer[keep], self.day[keep], self.kind[keep],
                           self.declined[keep], self.vehicle[keep], self.amount[keep])  # fmt: skip




def read_visits(
    customer_ids: Sequence[int] | None = None, *, last: date | None = None
) -> VisitArrays:
    """The visits of *customer_ids* (everyone's when None) dated on or before *last* (all
    when None), settled first. Archived customers' visits are included: callers filter."""
    customers, packed = HISTORY.read(customer_ids)
    out = VisitArrays(
        customers, packed["day"].astype(np.int64), packed["kind"].copy(),
        packed["declined"].astype(bool), packed["vehicle"].astype(np.int64),
        packed["amount"].astype(np.float64),
    )  # fmt: skip
    return out if last is None else out.where(out.day <= day_number(last))
