"""Writing customers and what happens to them, validated, one transaction per call.

Every function validates *all* its input before writing anything, raises
``ValidationError`` naming the field, and records an audit row in the same transaction.
The search haystack of the touched customer is refreshed inside that transaction too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from peewee import IntegrityError

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.store import audit
from dealerdesk.store.db import database
from dealerdesk.store.models import (
    Complaint,
    Consent,
    ContactLog,
    Customer,
    Staff,
    Survey,
    Vehicle,
    Visit,
)
from dealerdesk.store.search_index import rebuild_search
from dealerdesk.store.settings_store import get_setting
from dealerdesk.store.validation import (
    normalize_phone,
    validate_amount,
    validate_choice,
    validate_date,
    validate_email,
    validate_text,
    validate_time,
    validate_vin,
    validate_whole,
)
from dealerdesk.vocab.complaints import ComplaintSeverity
from dealerdesk.vocab.contact import Channel, Outcome
from dealerdesk.vocab.customer import CustomerStatus
from dealerdesk.vocab.people import Gender

KINDS = ("person", "company")
# The word lists are dealerdesk.vocab's; the store validates against them.
STATUSES: tuple[str, ...] = tuple(CustomerStatus)
CHANNELS: tuple[str, ...] = tuple(Channel)
OUTCOMES: tuple[str, ...] = tuple(Outcome)
CONSENT_CHANNELS: tuple[str, ...] = tuple(c for c in Channel if c != Channel.VISIT)
DIRECTIONS = ("out", "in")
VISIT_KINDS = ("sale", "service", "repair", "parts", "accessory", "insurance")
SEVERITIES = tuple(s.value for s in ComplaintSeverity)
PURPOSES = ("service", "marketing")
_TEXT_FIELDS = {
    "name": 120, "name_alt": 120, "wechat": 60, "email": 120, "address": 200, "city": 60,
    "source": 20, "lost_reason": 500, "notes": 4000, "gender": 1,
}  # fmt: skip


def phone_region() -> str:
    return get_setting("phone_region", "CN")


def clean_customer_fields(
    changes: Mapping[str, Any], *, today: date, creating: bool, customer_id: int | None = None
) -> dict[str, Any]:
    """Validate a dict of customer fields; return the values to store."""
    known = set(_TEXT_FIELDS) | {
        "kind", "phone", "phone2", "birthday", "birthday_lunar", "owner_id", "status",
        "lost_on", "preferred_channel",
    }  # fmt: skip
    unknown = sorted(set(changes) - known)
    if unknown:
        raise ValidationError(unknown[0], "is not a customer field")
    region = phone_region()
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key in _TEXT_FIELDS and key != "gender":
            text = validate_text(value, key, required=key == "name", max_len=_TEXT_FIELDS[key])
            out[key] = text if text or key == "name" else None
        elif key in ("phone", "phone2"):
            out[key] = normalize_phone(value, region, field=key)
        elif key in ("birthday", "lost_on"):
            out[key] = validate_date(value, key, not_after=today)
        elif key == "kind":
            out[key] = validate_choice(value, key, KINDS)
        elif key == "status":
            out[key] = validate_choice(value, key, STATUSES)
        elif key == "preferred_channel":
            out[key] = validate_choice(value, key, CHANNELS)
        elif key == "birthday_lunar":
            out[key] = bool(value)
        elif key == "gender":  # issue #11: one of the stored letters, or nothing
            text = validate_text(value, key, max_len=1).upper()
            out[key] = validate_choice(text, key, tuple(Gender)) if text else None
        elif key == "owner_id":
            if value is not None and not Staff.select().where(Staff.id == value).exists():
                raise ValidationError(key, f"no staff member with id {value}")
            out[key] = value
    if creating and not out.get("name"):
        raise ValidationError("name", "is required")
    if out.get("email"):
        validate_email(out["email"])
    for key in ("phone", "phone2"):
        if out.get(key):
            _check_phone_free(out[key], customer_id, key)
    return out


def _check_phone_free(phone: str, customer_id: int | None, field: str) -> None:
    other = (
        Customer.select(Customer.id, Customer.name)
        .where((Customer.phone == phone) & (Customer.id != (customer_id or 0)))
        .first()
    )
    if other is not None:
        raise ValidationError(field, f"{phone} already belongs to {other.name} (#{other.id})")


def create_customer(fields: Mapping[str, Any], *, today: date, staff_id: int | None = None) -> int:
    clean = clean_customer_fields(fields, today=today, creating=True)
    with database.atomic(), _unique_as_validation("phone", clean.get("phone")):
        # issue #7: "customer since" is the business day, not the machine's clock (the
        # first stay-in-touch call counts from it).
        stamp = datetime.combine(today, datetime.min.time())
        customer = Customer.create(**clean, created_at=stamp, updated_at=stamp)
        _audit("create", "customer", customer.id, clean, staff_id)
        rebuild_search([customer.id])
    return int(customer.id)


def update_customer(
    customer_id: int, changes: Mapping[str, Any], *, today: date, staff_id: int | None = None
) -> dict[str, Any]:
    """Apply *changes*; return the stored values that actually changed."""
    current = _customer(customer_id)
    clean = clean_customer_fields(changes, today=today, creating=False, customer_id=customer_id)
    changed = {k: v for k, v in clean.items() if getattr(current, k) != v}
    if not changed:
        return {}
    with database.atomic(), _unique_as_validation("phone", changed.get("phone")):
        Customer.update(**changed, updated_at=datetime.now().replace(microsecond=0)).where(
            Customer.id == customer_id
        ).execute()
        _audit("update", "customer", customer_id, changed, staff_id)
        rebuild_search([customer_id])
    return changed


def set_archived(customer_id: int, archived: bool, *, staff_id: int | None = None) -> None:
    _customer(customer_id)
    with database.atomic():
        Customer.update(archived=archived).where(Customer.id == customer_id).execute()
        _audit("archive" if archived else "restore", "customer", customer_id, {}, staff_id)


def mark_lost(
    customer_id: int, *, reason: str, on: date, today: date, staff_id: int | None = None
) -> None:
    reason = validate_text(reason, "lost_reason", required=True, max_len=500)
    update_customer(
        customer_id,
        {"status": "lost", "lost_reason": reason, "lost_on": on},
        today=today,
        staff_id=staff_id,
    )


def add_vehicle(customer_id: int, fields: Mapping[str, Any], *, today: date) -> int:
    _customer(customer_id)
    vin = validate_vin(fields.get("vin"))
    if Vehicle.select().where(Vehicle.vin == vin).exists():
        raise ValidationError("vin", f"{vin} is already registered")
    year = _whole(fields.get("year"), "year")
    if year is not None and not (1950 <= year <= today.year + 1):
        raise ValidationError("year", f"{year} is not a plausible model year")
    values = {
        "customer": customer_id,
        "vin": vin,
        "plate": validate_text(fields.get("plate"), "plate", max_len=12).upper() or None,
        "make": validate_text(fields.get("make"), "make", required=True, max_len=40),
        "model": validate_text(fields.get("model"), "model", required=True, max_len=60),
        "year": year,
        "color": validate_text(fields.get("color"), "color", max_len=20) or None,
        "purchase_date": validate_date(
            fields.get("purchase_date"), "purchase_date", not_after=today
        ),
        "purchase_price": validate_amount(fields.get("purchase_price"), "purchase_price") or None,
        "mileage_km": _km(fields.get("mileage_km"), "mileage_km"),
        "warranty_end": validate_date(fields.get("warranty_end"), "warranty_end"),
        "insurance_end": validate_date(fields.get("insurance_end"), "insurance_end"),
        "inspection_due": validate_date(fields.get("inspection_due"), "inspection_due"),
    }
    with database.atomic(), _unique_as_validation("vin", vin):
        vehicle = Vehicle.create(**values)
        _audit("create", "vehicle", vehicle.id, {"vin": vin, "customer": customer_id}, None)
        rebuild_search([customer_id])
    return int(vehicle.id)


def add_visit(customer_id: int, fields: Mapping[str, Any], *, today: date) -> int:
    _customer(customer_id)
    vehicle_id = fields.get("vehicle_id")
    _check_vehicle_of(customer_id, vehicle_id)
    values = {
        "customer": customer_id,
        "vehicle": vehicle_id,
        "date": validate_date(fields.get("date"), "date", required=True, not_after=today),
        "kind": validate_choice(fields.get("kind", "service"), "kind", VISIT_KINDS),
        "amount": validate_amount(fields.get("amount"), "amount"),
        "mileage_km": _km(fields.get("mileage_km"), "mileage_km"),
        "recommended": validate_text(fields.get("recommended"), "recommended", max_len=500) or None,
        "declined": validate_text(fields.get("declined"), "declined", max_len=500) or None,
        "notes": validate_text(fields.get("notes"), "notes", max_len=2000) or None,
    }
    with database.atomic():
        visit = Visit.create(**values)
        _audit("create", "visit", visit.id, {"customer": customer_id}, None)
    return int(visit.id)


def log_contact(
    customer_id: int,
    *,
    at: datetime,
    channel: str,
    outcome: str,
    direction: str = "out",
    purpose: str = "service",
    notes: str = "",
    staff_id: int | None = None,
    followup_id: int | None = None,
) -> int:
    _customer(customer_id)
    _check_staff(staff_id, "staff_id")
    values = {
        "customer": customer_id,
        "at": validate_time(at, "at"),
        "channel": validate_choice(channel, "channel", CHANNELS),
        "outcome": validate_choice(outcome, "outcome", OUTCOMES),
        "direction": validate_choice(direction, "direction", DIRECTIONS),
        "purpose": validate_choice(purpose, "purpose", PURPOSES),
        "notes": validate_text(notes, "notes", max_len=4000) or None,
        "staff": staff_id,
        "followup": followup_id,
    }
    with database.atomic():
        row = ContactLog.create(**values)
        audit.record("create", "contact", row.id, {"customer": customer_id,  # issue #11
                     "channel": values["channel"], "outcome": values["outcome"]}, staff_id)  # fmt: skip
    return int(row.id)


def open_complaint(
    customer_id: int,
    *,
    at: datetime,
    category: str,
    severity: str,
    description: str,
    vehicle_id: int | None = None,
    assignee_id: int | None = None,
) -> int:
    _customer(customer_id)
    _check_vehicle_of(customer_id, vehicle_id)
    _check_staff(assignee_id, "assignee_id")
    values = {
        "customer": customer_id,
        "opened_at": validate_time(at, "at"),
        "category": validate_text(category, "category", required=True, max_len=20),
        "severity": validate_choice(severity, "severity", SEVERITIES),
        "description": validate_text(description, "description", required=True, max_len=4000),
        "vehicle": vehicle_id,
        "assignee": assignee_id,
    }
    with database.atomic():
        row = Complaint.create(**values)
        _audit("create", "complaint", row.id, {"customer": customer_id}, assignee_id)
    return int(row.id)


def record_survey(customer_id: int, fields: Mapping[str, Any], *, today: date) -> int:
    _customer(customer_id)
    values: dict[str, Any] = {
        "customer": customer_id,
        "date": validate_date(fields.get("date", today), "date", required=True, not_after=today),
        "kind": validate_choice(fields.get("kind", "service"), "kind",
                                ("sale", "service", "periodic", "exit")),
        "comment": validate_text(fields.get("comment"), "comment", max_len=2000) or None,
    }  # fmt: skip
    for key in ("satisfaction", "initiative", "repurchase", "recommend", "resistance"):
        values[key] = _score(fields.get(key), key, 1, 5)
    values["nps"] = _score(fields.get("nps"), "nps", 0, 10)
    if all(values[k] is None for k in ("satisfaction", "nps")):
        raise ValidationError("nps", "give at least the NPS or the satisfaction score")
    with database.atomic():
        row = Survey.create(**values)
        audit.record("create", "survey", row.id, {"customer": customer_id})  # issue #11
    return int(row.id)


def set_consent(
    customer_id: int, *, channel: str, purpose: str, granted: bool, source: str, on: date
) -> None:
    _customer(customer_id)
    validate_choice(channel, "channel", CONSENT_CHANNELS)
    validate_choice(purpose, "purpose", PURPOSES)
    source = validate_text(source, "source", required=True, max_len=60)
    with database.atomic():
        Consent.insert(
            customer=customer_id, channel=channel, purpose=purpose, granted=granted,
            source=source, recorded_on=on,
        ).on_conflict(
            conflict_target=[Consent.customer, Consent.channel, Consent.purpose],
            update={Consent.granted: granted, Consent.source: source, Consent.recorded_on: on},
        ).execute()  # fmt: skip
        _audit("consent", "customer", customer_id,
               {"channel": channel, "purpose": purpose, "granted": granted, "source": source},
               None)  # fmt: skip


def _whole(value: Any, field: str) -> int | None:
    """A whole number, or None for empty; 7.9, True or "abc" is refused, never truncated."""
    return validate_whole(value, field)


@contextmanager
def _unique_as_validation(field: str, value: object) -> Iterator[None]:
    """Two desks saving the same phone or VIN at once: the loser gets a field message."""
    try:
        yield
    except IntegrityError as exc:
        if "UNIQUE" not in str(exc).upper():
            raise
        raise ValidationError(field, f"{value} was just registered at another desk") from exc


def _check_vehicle_of(customer_id: int, vehicle_id: int | None) -> None:
    if (
        vehicle_id is not None
        and not Vehicle.select()
        .where((Vehicle.id == vehicle_id) & (Vehicle.customer == customer_id))
        .exists()
    ):
        raise ValidationError("vehicle_id", f"vehicle {vehicle_id} is not this customer's")


def _check_staff(staff_id: int | None, field: str) -> None:
    if staff_id is not None and not Staff.select().where(Staff.id == staff_id).exists():
        raise ValidationError(field, f"no staff member with id {staff_id}")


def _score(value: Any, field: str, low: int, high: int) -> int | None:
    number = _whole(value, field)
    if number is None:
        return None
    if not low <= number <= high:
        raise ValidationError(field, f"{number} is outside {low}–{high}")
    return number


def _km(value: Any, field: str) -> int | None:
    km = validate_whole(value, field)  # issue #11: 7.9 km is refused, not stored as 7
    if km is None:
        return None
    if not 0 <= km <= 2_000_000:
        raise ValidationError(field, f"{km} km is not plausible")
    return km


def _customer(customer_id: int) -> Customer:
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFoundError(f"Customer {customer_id} does not exist.")
    return customer


def _audit(action: str, entity: str, entity_id: int, details: Mapping[str, Any],
           staff_id: int | None) -> None:  # fmt: skip
    audit.record(action, entity, entity_id, details, staff_id)  # issue #11: the actor too
