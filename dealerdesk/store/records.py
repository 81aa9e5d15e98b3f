"""Frozen dataclasses the store hands upward instead of peewee rows.

A Qt ``data()`` call on one of these can never trigger a lazy query, and the services
and window can be tested without a database connection in hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from dealerdesk.i18n import Msg


@dataclass(frozen=True, slots=True)
class CustomerListRow:
    """One line of the customer list."""

    id: int
    name: str
    name_alt: str
    kind: str
    phone: str  # E.164 or ""
    city: str
    status: str
    owner: str
    plate: str
    tier: str
    segment: str
    score: int | None
    band: str
    last_contact: date | None
    reasons: tuple[Msg | str, ...] = ()  # the score record's, for the risk tooltip


@dataclass(frozen=True, slots=True)
class VehicleRecord:
    id: int
    customer_id: int
    vin: str
    plate: str
    make: str
    model: str
    year: int | None
    color: str
    purchase_date: date | None
    purchase_price: float | None
    mileage_km: int | None
    warranty_end: date | None
    insurance_end: date | None
    inspection_due: date | None

    @property
    def label(self) -> str:
        parts = [p for p in (self.plate, f"{self.make} {self.model}".strip()) if p]
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class ContactPersonRecord:
    id: int
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    channel: str
    purpose: str
    granted: bool
    source: str
    recorded_on: date


@dataclass(frozen=True, slots=True)
class ScoreRecord:
    """A customer's cached score: the one shape written by scoring and read by the list,
    the detail, Today, the CLI and the at-risk PDF (``dealerdesk.store.scores``).

    ``band``, ``tier``, ``segment`` and ``lifecycle`` are codes of ``dealerdesk.vocab``;
    ``reasons`` and ``action`` are messages (``Msg``; a plain ``str`` only for free text).
    The last five fields are who to call; scoring leaves them empty, readers fill them.
    """

    customer_id: int
    computed_on: date
    score: int
    band: str
    reasons: tuple[Msg | str, ...]
    p_alive: float | None
    expected_visits: float | None
    tier: str
    rfm: str
    segment: str
    lifecycle: str
    spend_24m: float
    action: Msg | str
    name: str = ""
    phone: str = ""
    owner_id: int | None = None
    owner: str = ""
    last_contact: date | None = None


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """Everything the detail screen shows about one customer."""

    id: int
    kind: str
    name: str
    name_alt: str
    gender: str
    phone: str
    phone2: str
    wechat: str
    email: str
    birthday: date | None
    birthday_lunar: bool
    address: str
    city: str
    source: str
    owner_id: int | None
    owner: str
    status: str
    lost_reason: str
    lost_on: date | None
    preferred_channel: str
    notes: str
    archived: bool
    updated_at: datetime
    vehicles: tuple[VehicleRecord, ...] = ()
    contact_people: tuple[ContactPersonRecord, ...] = ()
    consents: tuple[ConsentRecord, ...] = ()
    score: ScoreRecord | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event in a customer's history, whatever its table."""

    at: datetime
    kind: str  # sale | service | repair | … | contact | complaint | survey
    title: str
    detail: str
    amount: float | None = None
    ref_id: int = 0
    staff: str = ""


@dataclass(frozen=True, slots=True)
class StaffRecord:
    id: int
    name: str
    username: str
    role: str


@dataclass(frozen=True, slots=True)
class TableCount:
    table: str
    rows: int


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    path: str
    schema_version: int
    size_bytes: int
    counts: tuple[TableCount, ...] = field(default_factory=tuple)
