"""The SQL side of an import: what already exists, the bulk write, and its undo.

An import writes with the connection's ``executemany`` (store.bulk, the demo's path:
16x faster than peewee's ``insert_many`` at scale) and gives the new rows explicit ids
from ``max(id) + 1`` read inside the write transaction, so the batch is three contiguous
id ranges. Those ranges, with the existing customers the file added to, are the one audit
entry an undo reads back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.i18n import t
from dealerdesk.store import dialect
from dealerdesk.store.bulk import bulk_insert, select_in
from dealerdesk.store.db import database
from dealerdesk.store.models import AuditLog

CHUNK = 5000
CUSTOMER_COLUMNS = (
    "id", "name", "phone", "phone2", "wechat", "email", "gender", "birthday", "address",
    "city", "notes", "kind", "source", "status", "preferred_channel", "birthday_lunar",
    "archived", "sort_name", "created_at", "updated_at",
)  # fmt: skip
VEHICLE_COLUMNS = (
    "id", "customer_id", "vin", "plate", "make", "model", "year", "color", "purchase_date",
    "purchase_price", "sold_here", "mileage_km", "mileage_on", "warranty_end",
    "insurance_end", "inspection_due", "archived", "created_at", "updated_at",
)  # fmt: skip
VISIT_COLUMNS = (
    "id", "customer_id", "vehicle_id", "date", "kind", "amount", "mileage_km", "created_at",
    "updated_at",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Existing:
    """What the database already holds that a file row may match."""

    phones: dict[str, tuple[int, str]]  # E.164 -> (customer id, name); phone and phone2
    vins: dict[str, tuple[int, int, str]]  # VIN -> (vehicle id, customer id, owner's name)
    visits: set[tuple[int, int | None, str, str, float]]  # (customer, vehicle, date, kind, amount)


def load_existing() -> Existing:
    phones: dict[str, tuple[int, str]] = {}
    for cid, name, p1, p2 in database.execute_sql("SELECT id, name, phone, phone2 FROM customer"):
        for p in (p2, p1):  # the main phone wins over another customer's second phone
            if p:
                phones[p] = (cid, name)
    vins = {
        vin: (vid, cid, name)
        for vid, cid, vin, name in database.execute_sql(
            "SELECT v.id, v.customer_id, v.vin, c.name FROM vehicle v"
            " JOIN customer c ON c.id = v.customer_id"
        )
    }
    return Existing(phones, vins, set())


def load_visits(customer_ids: Iterable[int]) -> set[tuple[int, int | None, str, str, float]]:
    """Visit signatures of these customers, so a re-import adds no twin visit."""
    rows = select_in(
        "SELECT customer_id, vehicle_id, date, kind, amount FROM visit"
        " WHERE customer_id IN ({ids})",
        customer_ids,
    )
    return {(cid, vid, str(day), kind, round(float(amount or 0), 2))
            for cid, vid, day, kind, amount in rows}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Batch:
    """Rows to insert. Customer/vehicle references are indexes into the new lists
    (``("new", i)``) or ids of existing rows (``("id", n)``)."""

    customers: Sequence[dict[str, Any]]
    vehicles: Sequence[tuple[tuple[str, int], dict[str, Any]]]
    visits: Sequence[tuple[tuple[str, int], tuple[str, int] | None, dict[str, Any]]]
    touched: Sequence[int]  # existing customers that get new vehicles or visits


@dataclass(frozen=True, slots=True)
class Written:
    audit_id: int
    customer_ids: tuple[int, ...]
    touched: tuple[int, ...]
    vehicles: int
    visits: int


def _next_id(table: str) -> int:
    row = database.execute_sql(f"SELECT max(id) FROM {table}").fetchone()
    return int(row[0] or 0) + 1


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def write_batch(
    batch: Batch,
    *,
    details: dict[str, Any],
    today: date,
    stamp: datetime,
    staff_id: int | None,
    step: Callable[[int], None],
) -> Written:
    """Insert the batch and its audit entry; the CALLER holds the transaction.

    ``step(n)`` is called after each chunk of n rows (progress, and cancel by raising).
    """
    ts = stamp.isoformat(" ")
    dialect.lock_for_explicit_ids(database, ("customer", "vehicle", "visit"))
    c0, v0, s0 = _next_id("customer"), _next_id("vehicle"), _next_id("visit")
    customer_rows = [
        (c0 + i, c["name"], c.get("phone"), c.get("phone2"), c.get("wechat"), c.get("email"),
         c.get("gender"), _iso(c.get("birthday")), c.get("address"), c.get("city"),
         c.get("notes"), "person", "import", "active", "phone", 0, 0, "", ts, ts)
        for i, c in enumerate(batch.customers)
    ]  # fmt: skip

    def ref(r: tuple[str, int], base: int) -> int:
        return base + r[1] if r[0] == "new" else r[1]

    vehicle_rows = [
        (v0 + i, ref(cref, c0), v["vin"], v.get("plate"), v["make"], v["model"], v.get("year"),
         v.get("color"), _iso(v.get("purchase_date")), v.get("purchase_price"), 1,
         v.get("mileage_km"), today.isoformat() if v.get("mileage_km") is not None else None,
         _iso(v.get("warranty_end")), _iso(v.get("insurance_end")),
         _iso(v.get("inspection_due")), 0, ts, ts)
        for i, (cref, v) in enumerate(batch.vehicles)
    ]  # fmt: skip
    visit_rows = [
        (s0 + i, ref(cref, c0), None if vref is None else ref(vref, v0), _iso(s["date"]),
         s["kind"], s.get("amount") or 0, s.get("mileage_km"), ts, ts)
        for i, (cref, vref, s) in enumerate(batch.visits)
    ]  # fmt: skip
    for table, columns, rows in (
        ("customer", CUSTOMER_COLUMNS, customer_rows),
        ("vehicle", VEHICLE_COLUMNS, vehicle_rows),
        ("visit", VISIT_COLUMNS, visit_rows),
    ):
        for i in range(0, len(rows), CHUNK):
            bulk_insert(table, columns, rows[i : i + CHUNK])
            step(len(rows[i : i + CHUNK]))
    ranges = {
        "customers": [c0, c0 + len(customer_rows) - 1] if customer_rows else None,
        "vehicles": [v0, v0 + len(vehicle_rows) - 1] if vehicle_rows else None,
        "visits": [s0, s0 + len(visit_rows) - 1] if visit_rows else None,
        "touched": sorted(batch.touched),
    }
    audit_id = AuditLog.insert(  # through peewee: the new id on SQLite and PostgreSQL alike
        at=stamp, staff=staff_id, action="import", entity="import",
        details=json.dumps({**details, **ranges}, ensure_ascii=False, default=str),
    ).execute()  # fmt: skip
    return Written(
        int(audit_id),
        tuple(range(c0, c0 + len(customer_rows))),
        tuple(sorted(batch.touched)),
        len(vehicle_rows),
        len(visit_rows),
    )


@dataclass(frozen=True, slots=True)
class ImportEntry:
    """One import in the audit log, for the undo list."""

    audit_id: int
    at: datetime
    file: str
    customers: int
    vehicles: int
    visits: int
    undone: bool
    touched: tuple[int, ...]
    ranges: dict[str, tuple[int, int] | None]


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def import_entries() -> list[ImportEntry]:
    undone = {
        int(json.loads(d or "{}").get("import_id", 0))
        for (d,) in database.execute_sql(
            "SELECT details FROM audit_log WHERE action = 'undo_import'"
        )
    }
    out = []
    for aid, at, details in database.execute_sql(
        "SELECT id, at, details FROM audit_log WHERE action = 'import' ORDER BY id DESC"
    ):
        d = json.loads(details or "{}")
        ranges = {k: _span(d.get(k)) for k in ("customers", "vehicles", "visits")}
        count = {k: (r[1] - r[0] + 1) if r else 0 for k, r in ranges.items()}
        out.append(ImportEntry(
            aid, at if isinstance(at, datetime) else datetime.fromisoformat(str(at)),
            str(d.get("file", "")), count["customers"], count["vehicles"], count["visits"],
            aid in undone, tuple(int(x) for x in d.get("touched", ())), ranges,
        ))  # fmt: skip
    return out


def _check_untouched(entry: ImportEntry) -> None:
    """Refuse an undo that would take the desk's own later work with it: contacts,
    complaints or surveys recorded for the imported customers, or a merge that moved
    rows in or out of them. (Follow-ups and scores are derived and go with them.)"""
    span = entry.ranges["customers"]
    if span:
        work = 0
        for table in ("contact_log", "complaint", "survey"):
            row = database.execute_sql(
                f"SELECT count(*) FROM {table} WHERE customer_id BETWEEN ? AND ?", span
            ).fetchone()
            work += int(row[0])
        if work:
            raise ValidationError("import", t("import.undo_has_work", n=work))
    for (details,) in database.execute_sql(
        "SELECT details FROM audit_log WHERE action = 'merge' AND id > ?", (entry.audit_id,)
    ):
        d = json.loads(details or "{}")
        ids = {int(d.get("dropped", {}).get("id") or 0), int(d.get("kept") or 0)}
        if span and any(span[0] <= i <= span[1] for i in ids):
            raise ValidationError("import", t("import.undo_merged"))


def undo_batch(audit_id: int, *, stamp: datetime, staff_id: int | None) -> ImportEntry:
    """Delete the rows one import created (their follow-ups, scores and search rows go by
    cascade); the CALLER holds the transaction and re-plans the touched customers."""
    entry = next((e for e in import_entries() if e.audit_id == audit_id), None)
    if entry is None:
        raise NotFoundError(t("import.no_such_import", id=audit_id))
    if entry.undone:
        raise ValidationError("import", t("import.already_undone", id=audit_id))
    _check_untouched(entry)
    for table, key in (("visit", "visits"), ("vehicle", "vehicles"), ("customer", "customers")):
        span = entry.ranges[key]
        if span:
            database.execute_sql(f"DELETE FROM {table} WHERE id BETWEEN ? AND ?", span)
    AuditLog.insert(
        at=stamp, staff=staff_id, action="undo_import", entity="import", entity_id=audit_id,
        details=json.dumps({"import_id": audit_id}),
    ).execute()  # fmt: skip
    return entry
