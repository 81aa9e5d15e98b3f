"""Rows for the export files: plain tuples in a fixed column order, no peewee objects.

Customers come one row per vehicle (a customer without a vehicle gets one row), so the
customer file is also an import file: exporting and importing it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from dealerdesk.store.db import database

CUSTOMER_FIELDS = (
    "name", "phone", "phone2", "wechat", "email", "gender", "birthday", "address", "city",
    "notes", "vin", "plate", "make", "model", "year", "color", "purchase_date",
    "purchase_price", "mileage_km", "warranty_end", "insurance_end", "inspection_due",
)  # fmt: skip
_CUSTOMER_SQL = """
    SELECT c.id, c.name, c.phone, c.phone2, c.wechat, c.email, c.gender, c.birthday,
           c.address, c.city, c.notes, v.vin, v.plate, v.make, v.model, v.year, v.color,
           v.purchase_date, v.purchase_price, v.mileage_km, v.warranty_end, v.insurance_end,
           v.inspection_due
    FROM customer c LEFT JOIN vehicle v ON v.customer_id = c.id AND v.archived = 0
    WHERE c.id IN ({ids})
    ORDER BY c.id, v.id
"""


def all_customer_ids(*, include_archived: bool = False) -> list[int]:
    where = "" if include_archived else " WHERE archived = 0"
    return [r[0] for r in database.execute_sql(f"SELECT id FROM customer{where} ORDER BY id")]


def customer_rows(ids: Sequence[int]) -> Iterator[tuple[Any, ...]]:
    """Rows in the order of *ids* (the list's order), vehicles in the order they came."""
    order = {cid: i for i, cid in enumerate(ids)}
    for start in range(0, len(ids), 500):
        part = ",".join(str(int(x)) for x in ids[start : start + 500])  # ints: safe inline
        rows = database.execute_sql(_CUSTOMER_SQL.format(ids=part)).fetchall()
        rows.sort(key=lambda r: order[r[0]])
        for r in rows:
            yield r[1:]


VEHICLE_FIELDS = ("vin", "plate", "make", "model", "year", "color", "purchase_date",
                  "purchase_price", "mileage_km", "warranty_end", "insurance_end",
                  "inspection_due", "name", "phone")  # fmt: skip


def vehicle_rows() -> Iterator[tuple[Any, ...]]:
    yield from database.execute_sql(
        "SELECT v.vin, v.plate, v.make, v.model, v.year, v.color, v.purchase_date,"
        " v.purchase_price, v.mileage_km, v.warranty_end, v.insurance_end, v.inspection_due,"
        " c.name, c.phone FROM vehicle v JOIN customer c ON c.id = v.customer_id"
        " WHERE v.archived = 0 ORDER BY v.id"
    )


FOLLOWUP_FIELDS = ("due", "status", "kind", "reason", "name", "phone", "assignee", "outcome",
                   "completed_at")  # fmt: skip


def followup_rows(
    *, status: str | None = "pending", assignee_id: int | None = None, since: date | None = None
) -> Iterator[tuple[Any, ...]]:
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    if status:
        where.append("f.status = ?")
        params.append(status)
    if assignee_id is not None:
        where.append("f.assignee_id = ?")
        params.append(assignee_id)
    if since is not None:
        where.append("f.due >= ?")
        params.append(since.isoformat())
    yield from database.execute_sql(
        "SELECT f.due, f.status, f.kind, f.reason, c.name, c.phone, s.name, f.outcome,"
        " f.completed_at FROM followup f JOIN customer c ON c.id = f.customer_id"
        " LEFT JOIN staff s ON s.id = f.assignee_id"
        f" WHERE {' AND '.join(where)} ORDER BY f.due, f.id",
        params,
    )


COMPLAINT_FIELDS = ("opened_at", "status", "severity", "category", "description", "name",
                    "phone", "vin", "first_response_at", "resolved_at", "resolution",
                    "assignee")  # fmt: skip


def complaint_rows() -> Iterator[tuple[Any, ...]]:
    yield from database.execute_sql(
        "SELECT k.opened_at, k.status, k.severity, k.category, k.description, c.name, c.phone,"
        " v.vin, k.first_response_at, k.resolved_at, k.resolution, s.name"
        " FROM complaint k JOIN customer c ON c.id = k.customer_id"
        " LEFT JOIN vehicle v ON v.id = k.vehicle_id LEFT JOIN staff s ON s.id = k.assignee_id"
        " ORDER BY k.opened_at, k.id"
    )


def staff_followups(staff_id: int, *, since: date) -> list[tuple[Any, ...]]:
    """(id, due, kind, reason, customer name, phone) of one person's pending follow-ups."""
    rows: list[tuple[Any, ...]] = database.execute_sql(
        "SELECT f.id, f.due, f.kind, f.reason, c.name, c.phone FROM followup f"
        " JOIN customer c ON c.id = f.customer_id"
        " WHERE f.assignee_id = ? AND f.status = 'pending' AND f.due >= ? ORDER BY f.due, f.id",
        (staff_id, since.isoformat()),
    ).fetchall()
    return rows


def staff_name(staff_id: int) -> str | None:
    row = database.execute_sql("SELECT name FROM staff WHERE id = ?", (staff_id,)).fetchone()
    return None if row is None else str(row[0])
