"""Fleet and key accounts (大客户, issue #14).

The seeds' key-account advice: for a company, know the buying process and who plays
which role (decision maker, finance, user, gatekeeper), and keep a relationship with
each. So a company has contact people with roles, follow-ups and contacts can be
addressed to one of them, its vehicles are listed together with who drives each, and
its next purchase moves through a small pipeline (``PurchaseStage``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dealerdesk.errors import ValidationError
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import key_account_store as ks
from dealerdesk.store.customer_writes import phone_region
from dealerdesk.store.db import write_transaction
from dealerdesk.store.key_account_store import AccountRow, FleetVehicleRow, PersonRow, StageRow
from dealerdesk.store.validation import (
    format_phone,
    normalize_phone,
    validate_date,
    validate_email,
    validate_text,
    validate_whole,
)
from dealerdesk.vocab.accounts import ContactRole, PurchaseStage

__all__ = ["AccountRow", "FleetVehicleRow", "KeyAccount", "PersonRow", "StageRow",
           "add_person", "check_person", "clean_person", "fleet", "key_account", "key_accounts",
           "people", "remove_person", "set_driver", "set_stage", "update_person"]  # fmt: skip

MAX_FLEET = 10_000


@dataclass(frozen=True, slots=True)
class KeyAccount:
    """A company's page data: its people, its next purchase, its vehicles and drivers."""

    customer_id: int
    people: tuple[PersonRow, ...]
    stage: StageRow
    fleet: tuple[FleetVehicleRow, ...]
    phones: Mapping[int, str]  # person id → the phone as the desk dials it ("139 1234 5678")


def clean_person(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Check a contact person's fields; raises ValidationError naming the field.

    A name (≤80) and a role from ``ContactRole`` are required; phone (normalised),
    e-mail and notes are optional.
    """
    role = str(fields.get("role") or "")
    if role not in tuple(ContactRole):
        raise ValidationError("role", f"“{role}” is not one of {', '.join(ContactRole)}")
    return {
        "name": validate_text(fields.get("name"), "name", required=True, max_len=80),
        "role": role,
        "phone": normalize_phone(fields.get("phone") or None, phone_region(), "phone"),
        "email": validate_email((fields.get("email") or "").strip() or None, "email"),
        "notes": validate_text(fields.get("notes"), "notes", max_len=1000) or None,
    }


def people(customer_id: int) -> list[PersonRow]:
    return ks.people(customer_id)


def add_person(customer_id: int, fields: Mapping[str, Any], *,
               staff_id: int | None = None) -> Changed:  # fmt: skip
    values = clean_person(fields)
    with write_transaction():
        ks.company(customer_id)
        new_id = ks.insert_person(customer_id, values, staff_id=staff_id)
    return changed("contact_person", customers=(customer_id,), new_id=new_id)


def update_person(person_id: int, fields: Mapping[str, Any], *,
                  staff_id: int | None = None) -> Changed:  # fmt: skip
    values = clean_person(fields)
    with write_transaction():
        customer_id = int(ks.person(person_id).customer_id)
        ks.update_person(person_id, values, staff_id=staff_id)
    return changed("contact_person", customers=(customer_id,), new_id=person_id)


def remove_person(person_id: int, *, staff_id: int | None = None) -> Changed:
    """Remove someone who left the company; their past calls stay (to the company)."""
    with write_transaction():
        customer_id = ks.delete_person(person_id, staff_id=staff_id)
    return changed("contact_person", "followup", "contact_log", customers=(customer_id,))


def check_person(customer_id: int, person_id: int | None) -> None:
    """A follow-up or contact may be addressed only to someone at that customer."""
    ks.check_person_of(customer_id, person_id)


def set_stage(customer_id: int, *, stage: str, expected_on: date | str | None = None,
              fleet_size: int | None = None, notes: str = "", today: date,
              staff_id: int | None = None) -> Changed:  # fmt: skip
    """The next purchase's stage, expected date and fleet size (how many vehicles)."""
    if stage not in tuple(PurchaseStage):
        raise ValidationError("stage", f"“{stage}” is not one of {', '.join(PurchaseStage)}")
    size = validate_whole(fleet_size, "fleet_size")
    if size is not None and not 1 <= size <= MAX_FLEET:
        raise ValidationError("fleet_size", f"{size} is outside 1–{MAX_FLEET}")
    values = {
        "stage": stage,
        "expected_on": validate_date(
            expected_on, "expected_on", not_after=date(today.year + 10, 12, 31)
        ),
        "fleet_size": size,
        "notes": validate_text(notes, "notes", max_len=1000) or None,
    }
    with write_transaction():
        ks.company(customer_id)
        ks.save_stage(customer_id, values, staff_id=staff_id)
    return changed("key_account", customers=(customer_id,))


def set_driver(vehicle_id: int, person_id: int | None, *, staff_id: int | None = None) -> Changed:
    with write_transaction():
        customer_id = ks.set_driver(vehicle_id, person_id, staff_id=staff_id)
    return changed("vehicle", customers=(customer_id,))


def fleet(customer_id: int) -> list[FleetVehicleRow]:
    return ks.fleet(customer_id)


def key_account(customer_id: int) -> KeyAccount:
    """Everything the company's panel shows, read together."""
    ks.company(customer_id)
    stage = ks.stage_of(customer_id) or StageRow(customer_id, PurchaseStage.NONE, None, None, "")
    people = tuple(ks.people(customer_id))
    region = phone_region()
    phones = {p.id: format_phone(p.phone, region) for p in people if p.phone}
    return KeyAccount(customer_id, people, stage, tuple(ks.fleet(customer_id)), phones)


def key_accounts(stage: str | None = None) -> list[AccountRow]:
    """Companies with their purchase stage, most advanced stage first, then by name."""
    if stage and stage not in tuple(PurchaseStage):
        raise ValidationError("stage", f"“{stage}” is not one of {', '.join(PurchaseStage)}")
    order = {s.value: i for i, s in enumerate(PurchaseStage)}
    rows = ks.accounts(stage)
    # delivered is done: it sorts after the open stages, with "none" last
    rank = {**order, PurchaseStage.DELIVERED.value: -1, PurchaseStage.NONE.value: -2}
    return sorted(rows, key=lambda r: -rank.get(r.stage, -3))
