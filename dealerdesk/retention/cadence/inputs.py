"""The planner's plain inputs and outputs: what a customer is, and what they should get.

The store builds the inputs (``dealerdesk.store.followup_inputs``) and reads the
outputs; tests build them by hand. Most are frozen dataclasses; the three made by the
hundred thousand in a run (pending rows, planned follow-ups) are NamedTuples, which are
just as immutable and several times cheaper to construct.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class VehicleInput:
    """A vehicle the customer still owns, with the dates and readings reminders need."""

    id: int
    label: str  # "粤B12345 BYD Han"
    purchase_date: date | None = None
    sold_here: bool = True
    year: int | None = None
    make: str = ""
    mileage_km: int | None = None
    mileage_on: date | None = None
    warranty_end: date | None = None
    insurance_end: date | None = None
    inspection_due: date | None = None
    last_service_id: int | None = None
    last_service_on: date | None = None
    last_service_km: int | None = None
    # issue #16: the renewal list's facts, and the contact types paused or closed for this
    # car now, as (contact type, pause state, reason).
    insurance_kind: str = ""
    insurer: str = ""
    insured_here: bool = True
    pauses: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class VisitInput:
    """A recent service or repair visit (satisfaction call, declined work)."""

    id: int
    day: date
    kind: str = "service"
    vehicle_id: int | None = None
    declined: str = ""
    advisor_id: int | None = None  # who served: never the one who makes the after-call


@dataclass(frozen=True, slots=True)
class ComplaintInput:
    """An open complaint and how far its follow-ups got."""

    id: int
    opened_on: date
    category: str = ""
    vehicle_id: int | None = None
    assignee_id: int | None = None
    followups_done: int = 0
    last_followup_on: date | None = None


@dataclass(frozen=True, slots=True)
class PersonalDateInput:
    id: int
    label: str
    day: date
    lunar: bool = False


class PendingInput(NamedTuple):
    """A pending follow-up already in the table.

    ``touched``: a person set its date (snoozed, rescheduled, retried, call back agreed)
    on ``touched_on``; the planner keeps that date — except that a stay-in-touch call
    follows a contact or visit made after it. ``id``, ``assignee_id`` and ``reason`` are
    for the store's reconciler, which reads the same objects (a NamedTuple: every
    pending row of the dealership is one).
    """

    key: str
    due: date
    rule: str
    essential: bool = False
    touched: bool = False
    id: int = 0
    assignee_id: int | None = None
    reason: str = ""
    touched_on: date | None = None
    catchup: bool = False  # on the catch-up list: not scheduled, so not counted for fatigue


@dataclass(frozen=True, slots=True)
class CampaignInput:
    """A campaign whose invitations fall in the horizon; ``audience`` as stored (parsed)."""

    id: int
    name: str
    starts_on: date
    invite_days_before: int = 7
    kind: str = "promotion"
    audience: Mapping[str, object] | None = None


@dataclass(frozen=True, slots=True)
class CustomerInput:
    """Everything the planner knows about one customer (see the store's loader).

    ``opted_out`` holds (channel, purpose) pairs the customer withdrew; ``reachable``
    the channels we have details for. ``recent_contacts`` are the dates of outbound,
    non-essential contacts within the fatigue window; ``closed_keys`` the source keys
    of this customer's done or skipped follow-ups that could be planned again.
    """

    id: int
    status: str = "active"
    archived: bool = False
    lapsed: bool = False
    lost_bucket: bool = False  # no visit for lost_after_days (24 months): win-back only
    created_on: date | None = None
    birthday: date | None = None
    birthday_lunar: bool = False
    last_contact: date | None = None
    last_visit: date | None = None
    lost_on: date | None = None
    lost_reason: str = ""
    owner_id: int | None = None
    preferred_channel: str = "phone"
    reachable: frozenset[str] = frozenset({"phone", "sms"})
    opted_out: frozenset[tuple[str, str]] = frozenset()
    city: str = ""
    tier: str = ""
    segment: str = ""
    vehicles: tuple[VehicleInput, ...] = ()
    visits: tuple[VisitInput, ...] = ()
    complaints: tuple[ComplaintInput, ...] = ()
    personal_dates: tuple[PersonalDateInput, ...] = ()
    winback_tries: int = 0
    winback_last_on: date | None = None
    recent_contacts: tuple[date, ...] = ()
    pending: tuple[PendingInput, ...] = ()
    closed_keys: frozenset[str] = frozenset()
    risk: int | None = None  # the cached risk score, for the priority
    first_plan: bool = False  # never planned before (a new or imported customer)


class PlannedFollowup(NamedTuple):
    """A follow-up the customer should have (new, or the pending one it confirms/moves).

    A NamedTuple, not a frozen dataclass: a first run builds half a million of them and
    a frozen dataclass is about six times slower to construct.
    """

    source_key: str
    customer_id: int
    kind: str
    due: date
    purpose: str
    essential: bool
    channel: str
    reason: str
    vehicle_id: int | None = None
    complaint_id: int | None = None
    campaign_id: int | None = None
    assignee_id: int | None = None
    catchup: bool = False  # back-dated on the customer's first plan: the catch-up list


@dataclass(frozen=True, slots=True)
class CustomerPlan:
    """``wanted`` in (due, key) order; ``dropped``: why a pending key is no longer wanted."""

    customer_id: int
    wanted: tuple[PlannedFollowup, ...]
    dropped: Mapping[str, str] = field(default_factory=dict)
    held_back: int = 0  # new ones not planned because of the fatigue cap
    held: tuple[HeldBack, ...] = ()  # what the fatigue cap held back, and why


class HeldBack(NamedTuple):
    """A follow-up the fatigue cap kept out (new, or withdrawn from pending), with why."""

    source_key: str
    kind: str
    due: date
    reason: object  # a dealerdesk.i18n.Msg
