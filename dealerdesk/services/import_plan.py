"""The dry run's second half: rows matched with each other and with the database.

Rows are one customer each, matched on the normalised phone or the VIN: a row whose phone
or VIN is already known adds to that customer (new vehicles and visits only; stored
details are never overwritten), an exact twin of an earlier row is skipped, and a row
that would give one phone or VIN to two different people is an error. The result is an
:class:`ImportPlan`: the counts the preview shows and the batch the import writes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dealerdesk.i18n import Msg
from dealerdesk.services import settings
from dealerdesk.services.import_rows import CleanRow, RowError
from dealerdesk.store import import_store as st


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A row that is the same customer as an earlier row or a stored customer."""

    row: int
    reason: Msg


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The dry run's verdict. ``ok``: no errors and something to do."""

    rows: int
    errors: tuple[RowError, ...]
    duplicates: tuple[Duplicate, ...]
    customers_new: int
    customers_matched: int
    customers_updated: int
    vehicles_new: int
    visits_new: int
    batch: st.Batch | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    def summary(self) -> Msg:
        return Msg("import.summary", {
            "rows": self.rows, "new": self.customers_new, "matched": self.customers_matched,
            "updated": self.customers_updated, "vehicles": self.vehicles_new,
            "visits": self.visits_new, "errors": self.error_rows,
            "duplicates": len(self.duplicates),
        })  # fmt: skip


def _norm_name(name: str) -> str:
    return re.sub(r"\s+", "", name or "").lower()


@dataclass(slots=True)
class _Customer:
    """A customer the file speaks of: a stored one (``cid``) or a new one (``index``)."""

    name: str
    first_row: int
    cid: int | None = None
    index: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    adds: bool = False

    @property
    def ref(self) -> tuple[str, int]:
        return ("id", self.cid) if self.cid is not None else ("new", self.index or 0)


def plan_rows(
    clean: list[CleanRow], errors: list[RowError], total: int, header_of: dict[str, str]
) -> ImportPlan:
    existing = st.load_existing()
    by_phone: dict[str, _Customer] = {}
    by_vin: dict[str, tuple[_Customer, int]] = {}  # VIN -> (customer, first row)
    stored: dict[int, _Customer] = {}
    new: list[_Customer] = []
    seen_rows: dict[tuple[tuple[str, str], ...], int] = {}
    duplicates: list[Duplicate] = []
    vehicles: list[tuple[_Customer, dict[str, Any]]] = []
    vehicle_ref: dict[str, tuple[str, int]] = {}  # VIN -> ("id", vehicle id) | ("new", i)
    visits: list[tuple[_Customer, str | None, dict[str, Any]]] = []

    def err(bad: CleanRow, key: str, code: str, **params: Any) -> None:
        value = (bad.vin or "") if key == "vin" else (bad.customer.get(key) or "")
        errors.append(RowError(bad.row, header_of.get(key, key), value, Msg(code, params)))

    for row in clean:
        signature = row.signature
        if signature in seen_rows:
            duplicates.append(
                Duplicate(row.row, Msg("import.dup_row", {"row": seen_rows[signature]}))
            )
            continue
        seen_rows[signature] = row.row
        name = row.customer["name"]
        who: _Customer | None = None
        by = "phone"
        phone, vin = row.phone, row.vin
        if phone and phone in by_phone:
            who = by_phone[phone]
        elif phone and phone in existing.phones:
            cid, stored_name = existing.phones[phone]
            who = stored.setdefault(cid, _Customer(stored_name, row.row, cid=cid))
        if vin and vin in by_vin:
            owner, first = by_vin[vin]
            if who is None:
                who, by = owner, "vin"
            elif who is not owner:
                err(row, "vin", "import.vin_twice", row=first)
                continue
        elif vin and vin in existing.vins:
            _vid, cid, owner_name = existing.vins[vin]
            if who is None:
                who, by = stored.setdefault(cid, _Customer(owner_name, row.row, cid=cid)), "vin"
            elif who.cid != cid:
                err(row, "vin", "import.vin_other_customer", name=owner_name)
                continue
        if who is not None and _norm_name(who.name) != _norm_name(name):
            if by == "vin":
                err(row, "vin", "import.vin_other_customer", name=who.name)
            elif who.cid is None:
                err(row, "phone", "import.phone_other_name", name=who.name, row=who.first_row)
            else:
                err(row, "phone", "import.phone_stored_name", name=who.name)
            continue
        if who is None:
            who = _Customer(name, row.row, index=len(new), fields=dict(row.customer))
            new.append(who)
        elif who.first_row != row.row:
            if who.cid is None:  # a later row of a new customer may know more (a phone…)
                for key, value in row.customer.items():
                    if value and not who.fields.get(key):
                        who.fields[key] = value
            duplicates.append(Duplicate(row.row, Msg(
                "import.dup_customer" if who.cid is None else "import.dup_stored",
                {"row": who.first_row, "name": who.name})))  # fmt: skip
        if phone:
            by_phone.setdefault(phone, who)
        other = row.customer.get("phone2")
        if other and who.cid is None and other in existing.phones:
            err(row, "phone2", "import.phone2_stored", name=existing.phones[other][1])
            continue
        if vin:
            by_vin.setdefault(vin, (who, row.row))
            if vin not in vehicle_ref:
                if vin in existing.vins:
                    vehicle_ref[vin] = ("id", existing.vins[vin][0])
                else:
                    vehicle_ref[vin] = ("new", len(vehicles))
                    vehicles.append((who, row.vehicle or {}))
                    who.adds = True
        visits.extend((who, vin, v) for v in row.visits)
    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return ImportPlan(total, tuple(errors), tuple(duplicates), len(new), len(stored), 0, 0, 0)
    known = st.load_visits(stored) if stored else set()
    planned: set[tuple[Any, ...]] = set()
    visit_rows = []
    for who, vin, v in visits:
        vref = vehicle_ref.get(vin) if vin else None
        day, kind, amount = v["date"].isoformat(), v["kind"], round(float(v.get("amount") or 0), 2)
        key = (who.ref, vref, day, kind, amount)
        if key in planned:
            continue  # the same purchase or visit on two rows of the file
        planned.add(key)
        if who.cid is not None:
            if (who.cid, vref[1] if vref and vref[0] == "id" else None, day, kind, amount) in known:
                continue
            who.adds = True
        visit_rows.append((who.ref, vref, v))
    touched = sorted(c.cid for c in stored.values() if c.adds and c.cid is not None)
    batch = st.Batch(
        customers=[c.fields for c in new],
        vehicles=[(who.ref, v) for who, v in vehicles],
        visits=visit_rows,
        touched=touched,
    )
    return ImportPlan(
        total, (), tuple(duplicates), len(new), len(stored), len(touched), len(vehicles),
        len(visit_rows), batch,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class NewCustomerPreview:
    name: str
    phone: str
    vehicles: int
    visits: int


def new_customers_preview(plan: ImportPlan, *, limit: int = 1000) -> list[NewCustomerPreview]:
    """The first customers the import would create, for the preview."""
    if plan.batch is None:
        return []
    region = settings.get("phone_region") or "CN"
    from dealerdesk.store.validation import format_phone

    vehicles = Counter(ref[1] for ref, _v in plan.batch.vehicles if ref[0] == "new")
    visits = Counter(ref[1] for ref, _vr, _v in plan.batch.visits if ref[0] == "new")
    return [
        NewCustomerPreview(c["name"], format_phone(c.get("phone"), region), vehicles[i], visits[i])
        for i, c in enumerate(plan.batch.customers[:limit])
    ]
