"""Every customer's logged contacts as one packed array per customer, kept current on write.

Why (issue #8): the risk facts need each customer's last contact and how many calls in a
row went unanswered, over 340,000 contacts at 100k customers. Asked of ``contact_log``
(wide rows, notes included), that took a second, most of a full scoring run's budget;
read packed (``store.packed_history``: triggers mark the customer, readers settle first)
it takes a few hundredths.

Each contact keeps its day, its place among the customer's contacts (the rank of its
``at`` timestamp, equal timestamps sharing one, so "after the last answered call" means
exactly what ``at > last answered`` means in SQL) and whether it was an outbound call
nobody answered ("no_answer" or "left_message").
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

__all__ = ["HISTORY", "ContactArrays", "install", "mark_all_dirty", "read_contacts", "settle"]

UNANSWERED = ("no_answer", "left_message")
RECORD = np.dtype([("day", "<i4"), ("order", "<i4"), ("unanswered", "u1")])


def _contact_rows(db: Database, ids: Sequence[int] | None) -> list[Any]:
    """(customer, day, unanswered, at as text, contact id) rows, in no order."""
    day = dialect.whole(db, "julianday(substr(at, 1, 10)) - 2440587.5")
    outcomes = ", ".join(f"'{o}'" for o in UNANSWERED)
    sql = f"""SELECT customer_id, {day},
                     CASE WHEN direction = 'out' AND outcome IN ({outcomes}) THEN 1 ELSE 0 END,
                     at, id
              FROM contact_log {{where}}"""  # fmt: skip
    if ids is None:
        return db.execute_sql(sql.format(where="")).fetchall()
    return select_in(sql.format(where="WHERE customer_id IN ({ids})"), ids)


def _pack(rows: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """(customer ids, packed contacts), each customer's contacts by ``at``, then id."""
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, RECORD)
    customer, day, unanswered, at, ident = zip(*rows, strict=True)
    # Timestamps are ISO text on both backends: their text order is their time order.
    _, order = np.unique(np.array([str(a) for a in at], dtype=object), return_inverse=True)
    customers = np.array(customer, np.int64)
    ids = np.array(ident, np.int64)
    sort = np.lexsort((ids, order, customers))
    packed = np.empty(len(rows), RECORD)
    packed["day"] = np.array(day, np.int64)[sort]
    packed["order"] = order[sort]
    packed["unanswered"] = np.array(unanswered, np.int64)[sort]
    return customers[sort], packed


HISTORY = PackedHistory(
    table="contact_history", source="contact_log", column="contacts",
    kept=("customer_id", "at", "direction", "outcome"), record=RECORD,
    rows=_contact_rows, pack=_pack,
)  # fmt: skip
install, mark_all_dirty, settle = HISTORY.install, HISTORY.mark_all_dirty, HISTORY.settle


@dataclass(frozen=True, slots=True)
class ContactArrays:
    """Contacts as columns, one entry per contact, by customer then time."""

    customer: np.ndarray  # int64
    day: np.ndarray  # int64 days since 1970-01-01
    order: np.ndarray  # int64: the customer's contacts' time order (ties share one)
    unanswered: np.ndarray  # bool: outbound, nobody answered


def read_contacts(
    customer_ids: Sequence[int] | None = None, *, last: date | None = None
) -> ContactArrays:
    """The contacts of *customer_ids* (everyone's when None) on or before the day *last*
    (all when None), settled first. Archived customers' contacts are included."""
    customers, packed = HISTORY.read(customer_ids)
    day = packed["day"].astype(np.int64)
    keep = slice(None) if last is None else day <= day_number(last)
    return ContactArrays(customers[keep], day[keep], packed["order"].astype(np.int64)[keep],
                         packed["unanswered"].astype(bool)[keep])  # fmt: skip
