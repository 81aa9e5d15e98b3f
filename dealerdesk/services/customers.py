"""Customer use cases: find, read, create, edit, and record what happens to them.

The window and the CLI call these; they return plain records and ``Changed``. Time is
always passed in (``today``/``now``) so tests and ``--today`` are deterministic.

Each write and what it moves (the customer's follow-ups and score, ``aftercare.settle``)
run in ONE transaction: they land together or not at all, so a failure never leaves a
saved record the user was told had failed (and would save twice on a retry).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from dealerdesk.services.aftercare import settle
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import customer_queries as q
from dealerdesk.store import customer_writes as w
from dealerdesk.store import key_account_store
from dealerdesk.store.customer_queries import CustomerFilter
from dealerdesk.store.db import write_transaction
from dealerdesk.store.records import (
    CustomerListRow,
    CustomerRecord,
    StaffRecord,
    TimelineEntry,
)
from dealerdesk.store.validation import format_phone

VISIT_KINDS = w.VISIT_KINDS
SEVERITIES = w.SEVERITIES

__all__ = [
    "SEVERITIES", "VISIT_KINDS", "CustomerFilter",
    "CustomerListRow", "CustomerRecord", "StaffRecord", "TimelineEntry",
]  # fmt: skip


def search_customer_ids(flt: CustomerFilter) -> list[int]:
    """Ids of the whole result, sorted and filtered in SQL (the list pages over them)."""
    return q.search_customer_ids(flt)


def customer_rows(ids: Sequence[int]) -> list[CustomerListRow]:
    return q.customer_rows(ids)


def count_customers() -> int:
    return q.count_customers()


def get_customer(customer_id: int) -> CustomerRecord:
    return q.get_customer(customer_id)


def timeline(customer_id: int, *, limit: int | None = None) -> list[TimelineEntry]:
    return q.timeline(customer_id, limit=limit)


def list_staff() -> list[StaffRecord]:
    return q.list_staff()


def display_phone(e164: str | None) -> str:
    """A stored number as people read it (national format at home)."""
    return format_phone(e164, w.phone_region())


def create_customer(
    fields: Mapping[str, Any], *, today: date, staff_id: int | None = None
) -> Changed:
    with write_transaction():
        new_id = w.create_customer(fields, today=today, staff_id=staff_id)
        return settle(changed("customer", customers=(new_id,), new_id=new_id), today=today)


def update_customer(
    customer_id: int, changes: Mapping[str, Any], *, today: date, staff_id: int | None = None
) -> Changed:
    with write_transaction():
        done = w.update_customer(customer_id, changes, today=today, staff_id=staff_id)
        if not done:
            return Changed()
        return settle(changed("customer", customers=(customer_id,)), today=today)


def archive_customer(customer_id: int, *, today: date, staff_id: int | None = None) -> Changed:
    """Hide the customer (history kept); their pending follow-ups are cancelled."""
    with write_transaction():
        w.set_archived(customer_id, True, staff_id=staff_id)
        return settle(changed("customer", customers=(customer_id,)), today=today)


def mark_lost(
    customer_id: int, *, reason: str, on: date, today: date, staff_id: int | None = None
) -> Changed:
    with write_transaction():
        w.mark_lost(customer_id, reason=reason, on=on, today=today, staff_id=staff_id)
        return settle(changed("customer", customers=(customer_id,)), today=today)


def add_vehicle(customer_id: int, fields: Mapping[str, Any], *, today: date) -> Changed:
    with write_transaction():
        new_id = w.add_vehicle(customer_id, fields, today=today)
        return settle(changed("vehicle", customers=(customer_id,), new_id=new_id), today=today)


def add_visit(customer_id: int, fields: Mapping[str, Any], *, today: date) -> Changed:
    with write_transaction():
        new_id = w.add_visit(customer_id, fields, today=today)
        return settle(changed("visit", customers=(customer_id,), new_id=new_id), today=today)


def log_contact(
    customer_id: int,
    *,
    now: datetime,
    channel: str,
    outcome: str,
    direction: str = "out",
    purpose: str = "service",
    notes: str = "",
    staff_id: int | None = None,
    contact_person_id: int | None = None,
    vehicle_id: int | None = None,
    callback_on: date | None = None,
) -> Changed:
    """Log a contact; issue #16: its outcome decides the next step (see
    ``aftersales.log_outcome``): a car sold, insured or serviced elsewhere, a call back."""
    from dealerdesk.services import aftersales

    with write_transaction():
        new_id = w.log_contact(
            customer_id, at=now, channel=channel, outcome=outcome, direction=direction,
            purpose=purpose, notes=notes, staff_id=staff_id,
        )  # fmt: skip
        if contact_person_id is not None:  # issue #14: with a named person at a company
            key_account_store.check_person_of(customer_id, contact_person_id)
            key_account_store.address_contact(new_id, contact_person_id)
        aftersales.log_outcome(customer_id=customer_id, outcome=outcome, now=now,
                               vehicle_id=vehicle_id, callback_on=callback_on,
                               staff_id=staff_id, contact_id=new_id)  # fmt: skip
        done = changed("contact_log", customers=(customer_id,), new_id=new_id)
        return settle(done, today=now.date())


def record_complaint(
    customer_id: int,
    *,
    now: datetime,
    category: str,
    severity: str,
    description: str,
    vehicle_id: int | None = None,
    assignee_id: int | None = None,
) -> Changed:
    with write_transaction():
        new_id = w.open_complaint(
            customer_id, at=now, category=category, severity=severity, description=description,
            vehicle_id=vehicle_id, assignee_id=assignee_id,
        )  # fmt: skip
        return settle(
            changed("complaint", customers=(customer_id,), new_id=new_id), today=now.date()
        )


def record_survey(customer_id: int, fields: Mapping[str, Any], *, today: date) -> Changed:
    with write_transaction():
        new_id = w.record_survey(customer_id, fields, today=today)
        return settle(changed("survey", customers=(customer_id,), new_id=new_id), today=today)


def set_consent(
    customer_id: int, *, channel: str, purpose: str, granted: bool, source: str, today: date
) -> Changed:
    with write_transaction():
        w.set_consent(
            customer_id, channel=channel, purpose=purpose, granted=granted, source=source, on=today
        )
        return settle(changed("consent", customers=(customer_id,)), today=today)
