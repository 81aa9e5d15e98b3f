"""Added value ("A+", issue #14): the offers that fit a customer now, one click from a
follow-up, and the count of offers shown, made into follow-ups, and taken up.

The rules are pure (:mod:`dealerdesk.retention.added_value`); here their inputs are
read, the offers shown are remembered (the first step of the count), and a follow-up of
kind ``added_value`` is made under the offer's own ``source_key``, so a second click,
or a second desk, never makes a twin.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import render, t
from dealerdesk.retention import added_value as rules
from dealerdesk.retention.added_value import Suggestion, VehicleHistory
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import added_value_store as store
from dealerdesk.store import followup_queries as fq
from dealerdesk.store import key_account_store as ks
from dealerdesk.store.db import write_transaction
from dealerdesk.vocab.accounts import AddedValueKind
from dealerdesk.vocab.contact import Outcome

__all__ = ["FOLLOWUP_KIND", "TAKEN_UP_OUTCOMES", "Offer", "Uptake", "histories",
           "make_followup", "offers_for", "uptake"]  # fmt: skip

FOLLOWUP_KIND = store.FOLLOWUP_KIND
# A follow-up "takes up" an offer when the customer was reached or booked the work
# ("booked" is counted when the contact outcomes have it).
TAKEN_UP_OUTCOMES = frozenset(o.value for o in Outcome if o.value in {"reached", "booked"})


@dataclass(frozen=True, slots=True)
class Offer:
    """A suggestion as the detail shows it; ``followup_*``: what became of it."""

    suggestion: Suggestion
    followup_id: int | None
    followup_status: str  # '' | pending | done | skipped
    followup_outcome: str

    @property
    def kind(self) -> AddedValueKind:
        return self.suggestion.kind

    @property
    def source_key(self) -> str:
        return self.suggestion.source_key

    @property
    def made(self) -> bool:
        return self.followup_id is not None


@dataclass(frozen=True, slots=True)
class Uptake:
    """Per kind: offers shown, follow-ups made from them, and those taken up."""

    kind: AddedValueKind
    shown: int
    made: int
    taken_up: int


def histories(customer_id: int) -> list[VehicleHistory]:
    """The rules' inputs for each of the customer's vehicles."""
    visits = store.visits(customer_id)
    out = []
    for v in store.vehicles(customer_id):
        mine = [x for x in visits if x.vehicle_id == v.id]
        readings = [(x.date, x.mileage_km) for x in mine if x.mileage_km is not None]
        if v.mileage_km is not None and v.mileage_on is not None:
            readings.append((v.mileage_on, v.mileage_km))
        tyres = tuple((x.date, x.mileage_km) for x in mine
                      if rules.is_tyre_job(*x.texts, declined=x.declined))  # fmt: skip
        accessories = tuple(x.date for x in mine if x.kind == "accessory")
        out.append(VehicleHistory(v.id, v.label, v.purchase_date, v.year, v.warranty_end,
                                  v.insurance_end, tuple(readings), tyres, accessories))  # fmt: skip
    return out


def offers_for(customer_id: int, *, today: date, record: bool = True) -> list[Offer]:
    """What fits the customer today; *record*: count them as shown (the detail does)."""
    found = rules.suggestions(histories(customer_id), today)
    if record and found:
        with write_transaction():
            store.record_shown(((s.source_key, customer_id, s.vehicle_id, s.kind.value)
                                for s in found), on=today)  # fmt: skip
    states = store.followup_states(s.source_key for s in found)
    out = []
    for s in found:
        fid, status, outcome = states.get(s.source_key, (None, "", ""))
        out.append(Offer(s, fid, status, outcome))
    return out


def make_followup(customer_id: int, source_key: str, *, today: date, due: date | None = None,
                  assignee_id: int | None = None, contact_person_id: int | None = None,
                  staff_id: int | None = None) -> Changed:  # fmt: skip
    """The one click: a follow-up for the offer *source_key* (it must still fit today).
    A second click returns the same follow-up."""
    due = due or today
    if due < today:
        raise ValidationError("due", "is in the past")
    offer = next((s for s in rules.suggestions(histories(customer_id), today)
                  if s.source_key == source_key), None)  # fmt: skip
    if offer is None:
        raise ValidationError("source_key", "this offer no longer fits the customer")
    reason = t("av.followup_reason", reason=render(offer.reason))
    stamp = datetime_on(today)
    with write_transaction():
        if contact_person_id is not None:
            ks.check_person_of(customer_id, contact_person_id)
        if assignee_id is not None and not fq.staff_exists(assignee_id):
            raise ValidationError("assignee_id", f"no staff member with id {assignee_id}")
        store.record_shown([(offer.source_key, customer_id, offer.vehicle_id, offer.kind.value)],
                           on=today)  # fmt: skip
        new_id = fq.insert_followup(
            customer_id=customer_id, kind=FOLLOWUP_KIND, rule="manual", source_key=source_key,
            purpose="marketing", essential=False, due=due, reason=reason,
            assignee_id=assignee_id if assignee_id is not None else staff_id,
            vehicle_id=offer.vehicle_id, complaint_id=None, campaign_id=None, stamp=stamp,
            outcome="rescheduled",
        )  # fmt: skip
        if contact_person_id is not None:
            ks.address_followup(new_id, contact_person_id)
    return changed("followup", "added_value_offer", customers=(customer_id,),
                   followups=(new_id,), new_id=new_id)  # fmt: skip


def datetime_on(day: date) -> datetime:
    """Row stamps on the business day (no clock is read below the entry points)."""
    return datetime.combine(day, time())


def uptake(customer_id: int | None = None) -> list[Uptake]:
    """Shown → made → taken up, per kind (one customer, or the whole dealership for the
    manager's view)."""
    shown = store.shown_counts(customer_id)
    made: Counter[str] = Counter()
    taken: Counter[str] = Counter()
    for key, status, outcome in store.made_followups(customer_id):
        kind = rules.kind_of(key)
        if kind is None:
            continue
        made[kind.value] += 1
        if status == "done" and outcome in TAKEN_UP_OUTCOMES:
            taken[kind.value] += 1
    return [Uptake(k, shown.get(k.value, 0), made[k.value], taken[k.value]) for k in AddedValueKind]
