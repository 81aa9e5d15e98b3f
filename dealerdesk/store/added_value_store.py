"""What the added-value ("A+") rules read, and the count of offers shown, made and taken
up (issue #14). The rules themselves are pure (dealerdesk.retention.added_value)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from peewee import fn

from dealerdesk.store.convert import to_date
from dealerdesk.store.models import AddedValueOffer, Followup, Vehicle, Visit

FOLLOWUP_KIND = "added_value"


@dataclass(frozen=True, slots=True)
class VehicleFacts:
    id: int
    label: str
    purchase_date: date | None
    year: int | None
    warranty_end: date | None
    insurance_end: date | None
    mileage_km: int | None
    mileage_on: date | None


@dataclass(frozen=True, slots=True)
class VisitFacts:
    vehicle_id: int
    date: date
    kind: str
    mileage_km: int | None
    texts: tuple[str, ...]  # notes and recommended work
    declined: str


def vehicles(customer_id: int) -> list[VehicleFacts]:
    q = (Vehicle.select().where((Vehicle.customer == customer_id) & (Vehicle.archived == False))  # noqa: E712
         .order_by(Vehicle.id))  # fmt: skip
    out = []
    for v in q:
        label = v.plate or f"{v.make} {v.model}".strip()
        out.append(VehicleFacts(v.id, label, to_date(v.purchase_date), v.year,
                                to_date(v.warranty_end), to_date(v.insurance_end), v.mileage_km,
                                to_date(v.mileage_on)))  # fmt: skip
    return out


def visits(customer_id: int) -> list[VisitFacts]:
    q = (Visit.select(Visit.vehicle, Visit.date, Visit.kind, Visit.mileage_km, Visit.notes,
                      Visit.recommended, Visit.declined)
         .where((Visit.customer == customer_id) & Visit.vehicle.is_null(False))
         .order_by(Visit.date).tuples())  # fmt: skip
    out = []
    for vid, day, kind, km, notes, recommended, declined in q:
        d = to_date(day)
        assert d is not None
        out.append(VisitFacts(int(vid), d, kind, km, (notes or "", recommended or ""),
                              declined or ""))  # fmt: skip
    return out


def record_shown(offers: Iterable[tuple[str, int, int | None, str]], *, on: date) -> int:
    """Remember offers the desk was shown (source key, customer, vehicle, kind); an offer
    already recorded keeps its first day. Returns how many were new."""
    rows = [{"source_key": k, "customer": c, "vehicle": v, "kind": kind, "shown_on": on}
            for k, c, v, kind in offers]  # fmt: skip
    if not rows:
        return 0
    keys = [r["source_key"] for r in rows]
    known = {k for (k,) in AddedValueOffer.select(AddedValueOffer.source_key)
             .where(AddedValueOffer.source_key.in_(keys)).tuples()}  # fmt: skip
    new = [r for r in rows if r["source_key"] not in known]
    if new:
        AddedValueOffer.insert_many(new).on_conflict_ignore().execute()
    return len(new)


def followup_states(keys: Iterable[str]) -> dict[str, tuple[int, str, str]]:
    """(follow-up id, status, outcome) per source key that became a follow-up."""
    wanted = list(keys)
    if not wanted:
        return {}
    q = (Followup.select(Followup.source_key, Followup.id, Followup.status,
                         fn.COALESCE(Followup.outcome, ""))
         .where(Followup.source_key.in_(wanted)).tuples())  # fmt: skip
    return {k: (int(i), s, o) for k, i, s, o in q}


def shown_counts(customer_id: int | None = None) -> dict[str, int]:
    q = AddedValueOffer.select(AddedValueOffer.kind, fn.COUNT(AddedValueOffer.id))
    if customer_id is not None:
        q = q.where(AddedValueOffer.customer == customer_id)
    return {k: int(n) for k, n in q.group_by(AddedValueOffer.kind).tuples()}


def made_followups(customer_id: int | None = None) -> list[tuple[str, str, str]]:
    """(source key, status, outcome) of every follow-up made from a suggestion."""
    q = Followup.select(Followup.source_key, Followup.status, fn.COALESCE(Followup.outcome, ""))
    q = q.where(Followup.kind == FOLLOWUP_KIND)
    if customer_id is not None:
        q = q.where(Followup.customer == customer_id)
    return list(q.tuples())
