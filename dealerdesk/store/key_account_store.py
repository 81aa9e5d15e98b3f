"""Key accounts (大客户) in the database (issue #14): contact people, the next fleet
purchase, who drives which vehicle, and calls addressed to a named person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import JOIN, fn

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.store import audit
from dealerdesk.store.convert import to_date
from dealerdesk.store.models import (
    ContactLog,
    ContactPerson,
    Customer,
    Followup,
    KeyAccount,
    Vehicle,
    VehicleDriver,
)


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    customer_id: int
    name: str
    role: str
    phone: str
    email: str
    notes: str


@dataclass(frozen=True, slots=True)
class StageRow:
    customer_id: int
    stage: str
    expected_on: date | None
    fleet_size: int | None
    notes: str


@dataclass(frozen=True, slots=True)
class FleetVehicleRow:
    """One of a company's vehicles with its driver ('' and None when not known)."""

    vehicle_id: int
    plate: str
    make: str
    model: str
    year: int | None
    purchase_date: date | None
    mileage_km: int | None
    driver_id: int | None
    driver: str


@dataclass(frozen=True, slots=True)
class AccountRow:
    """A company on the key-accounts list."""

    customer_id: int
    name: str
    stage: str
    expected_on: date | None
    fleet_size: int | None
    vehicles: int
    people: int
    decision_maker: str


def company(customer_id: int) -> Customer:
    """The customer, which must be a company (people are for companies only)."""
    c = Customer.get_or_none(Customer.id == customer_id)
    if c is None or c.archived:
        raise NotFoundError(f"Customer {customer_id} does not exist.")
    if c.kind != "company":
        raise ValidationError("customer_id", "contact people and fleet purchases are for companies")
    return c


def people(customer_id: int) -> list[PersonRow]:
    q = (ContactPerson.select().where(ContactPerson.customer == customer_id)
         .order_by(ContactPerson.id))  # fmt: skip
    return [PersonRow(p.id, customer_id, p.name, p.role, p.phone or "", p.email or "",
                      p.notes or "") for p in q]  # fmt: skip


def person(person_id: int) -> ContactPerson:
    p = ContactPerson.get_or_none(ContactPerson.id == person_id)
    if p is None:
        raise NotFoundError(f"There is no contact person #{person_id}.")
    return p


def insert_person(customer_id: int, values: dict[str, Any], *, staff_id: int | None) -> int:
    p = ContactPerson.create(customer=customer_id, **values)
    audit.record("create", "contact_person", p.id, {"customer": customer_id, "role": values["role"]},
                 staff_id)  # fmt: skip
    return int(p.id)


def update_person(person_id: int, values: dict[str, Any], *, staff_id: int | None) -> None:
    p = person(person_id)
    for key, value in values.items():
        setattr(p, key, value)
    p.save()
    audit.record("update", "contact_person", p.id, {k: str(v) for k, v in values.items()}, staff_id)


def delete_person(person_id: int, *, staff_id: int | None) -> int:
    """Remove the person; calls addressed to them stay, addressed to the company."""
    p = person(person_id)
    customer_id = int(p.customer_id)
    p.delete_instance()  # FKs: follow-ups and contacts SET NULL, driver rows CASCADE
    audit.record("delete", "contact_person", person_id, {"customer": customer_id}, staff_id)
    return customer_id


def check_person_of(
    customer_id: int, person_id: int | None, field: str = "contact_person_id"
) -> None:
    if person_id is None:
        return
    if not ContactPerson.select().where((ContactPerson.id == person_id)
                                        & (ContactPerson.customer == customer_id)).exists():  # fmt: skip
        raise ValidationError(field, f"contact person {person_id} is not at this customer")


def address_followup(followup_id: int, person_id: int | None) -> None:
    Followup.update(contact_person=person_id).where(Followup.id == followup_id).execute()


def address_contact(contact_id: int, person_id: int | None) -> None:
    ContactLog.update(contact_person=person_id).where(ContactLog.id == contact_id).execute()


def followup_person(followup_id: int) -> int | None:
    row = (
        Followup.select(Followup.contact_person).where(Followup.id == followup_id).tuples().first()
    )
    return None if row is None or row[0] is None else int(row[0])


def stage_of(customer_id: int) -> StageRow | None:
    k = KeyAccount.get_or_none(KeyAccount.customer == customer_id)
    if k is None:
        return None
    return StageRow(customer_id, k.stage, to_date(k.expected_on), k.fleet_size, k.notes or "")


def save_stage(customer_id: int, values: dict[str, Any], *, staff_id: int | None) -> None:
    KeyAccount.insert(customer=customer_id, **values).on_conflict(
        conflict_target=[KeyAccount.customer], update=values).execute()  # fmt: skip
    audit.record("update", "key_account", customer_id, {k: str(v) for k, v in values.items()},
                 staff_id)  # fmt: skip


def fleet(customer_id: int) -> list[FleetVehicleRow]:
    q = (
        Vehicle.select(
            Vehicle.id,
            fn.COALESCE(Vehicle.plate, ""),
            Vehicle.make,
            Vehicle.model,
            Vehicle.year,
            Vehicle.purchase_date,
            Vehicle.mileage_km,
            ContactPerson.id,
            fn.COALESCE(ContactPerson.name, ""),
        )
        .join(VehicleDriver, JOIN.LEFT_OUTER, on=(VehicleDriver.vehicle == Vehicle.id))
        .join(ContactPerson, JOIN.LEFT_OUTER, on=(ContactPerson.id == VehicleDriver.contact_person))
        .where((Vehicle.customer == customer_id) & (Vehicle.archived == False))  # noqa: E712
        .order_by(Vehicle.purchase_date, Vehicle.id)
        .tuples()
    )
    return [FleetVehicleRow(r[0], r[1], r[2], r[3], r[4], to_date(r[5]), r[6], r[7], r[8])
            for r in q]  # fmt: skip


def set_driver(vehicle_id: int, person_id: int | None, *, staff_id: int | None) -> int:
    """Who drives the vehicle (None: not known); returns the vehicle's customer."""
    v = Vehicle.get_or_none(Vehicle.id == vehicle_id)
    if v is None:
        raise NotFoundError(f"There is no vehicle #{vehicle_id}.")
    check_person_of(int(v.customer_id), person_id, "driver_id")
    VehicleDriver.delete().where(VehicleDriver.vehicle == vehicle_id).execute()
    if person_id is not None:
        VehicleDriver.create(vehicle=vehicle_id, contact_person=person_id)
    audit.record("update", "vehicle", vehicle_id, {"driver": person_id}, staff_id)
    return int(v.customer_id)


def accounts(stage: str | None = None) -> list[AccountRow]:
    """Companies with their purchase stage (none when never set), most advanced first."""
    vehicles = (Vehicle.select(fn.COUNT(Vehicle.id)).where((Vehicle.customer == Customer.id)
                & (Vehicle.archived == False)))  # noqa: E712  # fmt: skip
    count_people = ContactPerson.select(fn.COUNT(ContactPerson.id)).where(
        ContactPerson.customer == Customer.id
    )
    dm = (ContactPerson.select(fn.MIN(ContactPerson.name))
          .where((ContactPerson.customer == Customer.id) & (ContactPerson.role == "decision_maker")))  # fmt: skip
    q = (
        Customer.select(Customer.id, Customer.name, fn.COALESCE(KeyAccount.stage, "none"),
                        KeyAccount.expected_on, KeyAccount.fleet_size, vehicles, count_people, dm)
        .join(KeyAccount, JOIN.LEFT_OUTER, on=(KeyAccount.customer == Customer.id))
        .where((Customer.kind == "company") & (Customer.archived == False))  # noqa: E712
    )  # fmt: skip
    if stage:
        q = q.where(fn.COALESCE(KeyAccount.stage, "none") == stage)
    return [AccountRow(r[0], r[1], r[2], to_date(r[3]), r[4], int(r[5] or 0), int(r[6] or 0),
                       r[7] or "") for r in q.order_by(Customer.sort_name, Customer.id).tuples()]  # fmt: skip


def people_names(ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    q = ContactPerson.select(ContactPerson.id, ContactPerson.name).where(ContactPerson.id.in_(ids))
    return {int(i): n for i, n in q.tuples()}
