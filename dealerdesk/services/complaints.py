"""Complaint use cases: open, respond, resolve (which plans the satisfaction call), close;
the list with each complaint against its working-day targets, and the speed figures.

Targets come from settings ``complaint_response_days`` (default 1 working day) and
``complaint_resolve_days`` (default 7), working days of the dealership's ``country``.
Every write is one transaction with its aftercare (the customer's follow-ups re-planned,
the score refreshed), like the other customer writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.retention.cadence.dates import WorkCalendar
from dealerdesk.retention.complaint_clock import ComplaintClock, Targets, clock, response_stats
from dealerdesk.services import customers, followups, settings
from dealerdesk.services.aftercare import settle
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import complaint_queries as q
from dealerdesk.store.complaint_queries import (
    ComplaintEventRow,
    ComplaintFilter,
    ComplaintRow,
    VisitChoice,
)
from dealerdesk.store.db import write_transaction
from dealerdesk.store.records import VehicleRecord
from dealerdesk.vocab.complaints import UNRESOLVED, ComplaintCategory

__all__ = [
    "ComplaintDetail",
    "ComplaintEventRow",
    "ComplaintFilter",
    "ComplaintItem",
    "ComplaintList",
    "ComplaintRow",
    "CustomerChoice",
    "FormChoices",
    "VisitChoice",
    "close",
    "detail",
    "find_customers",
    "form_choices",
    "list_complaints",
    "open_complaint",
    "resolve",
    "respond",
    "targets",
    "visits_of",
]  # fmt: skip

STATS_DAYS = 90
SATISFACTION_CALL_AFTER = 2  # working days after the resolution


def targets() -> Targets:
    def days(key: str, default: int) -> int:
        text = settings.get(key).strip()
        try:
            return int(text) if text else default
        except ValueError as exc:
            raise ValidationError(key, f"“{text}” is not a whole number") from exc

    try:
        return Targets(days("complaint_response_days", 1), days("complaint_resolve_days", 7))
    except ValueError as exc:
        raise ValidationError("complaint_response_days", str(exc)) from exc


def work_calendar() -> WorkCalendar:
    return WorkCalendar(settings.get("country") or "CN")


@dataclass(frozen=True, slots=True)
class ComplaintItem:
    """A complaint and where it stands against its targets (``late``: why it is marked)."""

    row: ComplaintRow
    clock: ComplaintClock
    late: str


@dataclass(frozen=True, slots=True)
class ComplaintList:
    """The screen's rows and its two speed figures.

    Attributes:
        median_response_hours: median hours to the first answer, complaints opened in
            the last 90 days (None: none answered).
        past_target: unresolved complaints past a target now (whatever the filters).
        answered: how many answered complaints the median is over.
    """

    items: tuple[ComplaintItem, ...]
    median_response_hours: float | None
    past_target: int
    answered: int


def _items(rows: list[ComplaintRow], now: datetime) -> list[ComplaintItem]:
    cal, tg = work_calendar(), targets()
    out = []
    for r in rows:
        c = clock(opened_at=r.opened_at, first_response_at=r.first_response_at,
                  resolved_at=r.resolved_at, now=now, calendar=cal, targets=tg)  # fmt: skip
        why = c.why()
        out.append(ComplaintItem(r, c, render(why) if why else ""))
    return out


def list_complaints(
    flt: ComplaintFilter = ComplaintFilter(),  # noqa: B008 - frozen
    *, now: datetime, min_age_days: int | None = None, overdue_only: bool = False,
) -> ComplaintList:  # fmt: skip
    """Unresolved first (oldest first), then the rest (newest first); *min_age_days* keeps
    those at least that old."""
    if min_age_days is not None:
        flt = ComplaintFilter(flt.statuses, flt.assignee_id, flt.category,
                              now.date() - timedelta(days=min_age_days - 1), flt.customer_id)  # fmt: skip
    items = _items(q.list_complaints(flt), now)
    if overdue_only:
        items = [i for i in items if i.clock.overdue]
    waiting = _items(q.list_complaints(ComplaintFilter(statuses=tuple(UNRESOLVED))), now)
    stats = response_stats(q.response_hours(now - timedelta(days=STATS_DAYS), now), targets())
    return ComplaintList(tuple(items), stats.median, sum(1 for i in waiting if i.clock.overdue),
                         stats.count)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ComplaintDetail:
    item: ComplaintItem
    history: tuple[ComplaintEventRow, ...]


def detail(complaint_id: int, *, now: datetime) -> ComplaintDetail:
    row = q.get_complaint(complaint_id)
    return ComplaintDetail(_items([row], now)[0], tuple(q.history(complaint_id)))


def visits_of(customer_id: int) -> list[VisitChoice]:
    return q.visits_of(customer_id)


def open_complaint(
    customer_id: int | None, *, now: datetime, category: str, severity: str, description: str,
    vehicle_id: int | None = None, visit_id: int | None = None, assignee_id: int | None = None,
    staff_id: int | None = None,
) -> Changed:  # fmt: skip
    """Record a complaint; its follow-up (respond within the target) is planned at once."""
    if customer_id is None:
        raise ValidationError("customer_id", "choose a customer")
    with write_transaction():
        new_id = q.open_complaint(
            customer_id, at=now, category=category, severity=severity, description=description,
            vehicle_id=vehicle_id, visit_id=visit_id, assignee_id=assignee_id, staff_id=staff_id,
        )  # fmt: skip
        return settle(changed("complaint", customers=(customer_id,), new_id=new_id),
                      today=now.date())  # fmt: skip


def respond(complaint_id: int, *, now: datetime, note: str, staff_id: int | None = None) -> Changed:
    """The first answer. It is a contact with the customer: the complaint's follow-up on
    Today ("respond within 1 working day") is completed with it, and the planner moves on
    to "keep in touch until it is resolved"."""
    with write_transaction():
        cid = q.respond(complaint_id, at=now, note=note, staff_id=staff_id)
        done = changed("complaint", customers=(cid,), new_id=complaint_id)
        task = q.pending_followup(complaint_id)
        if task is not None:
            done = done.merge(followups.complete_followup(
                followup_id=task, outcome="reached", notes=note.strip()[:4000],
                staff_id=staff_id, now=now,
            ))  # fmt: skip
        return settle(done, today=now.date())


def resolve(
    complaint_id: int, *, now: datetime, resolution: str, staff_id: int | None = None
) -> Changed:
    """Resolve, and plan the satisfaction call (two working days later, to whoever owns
    the complaint): a complaint handled well is only a win if the customer agrees."""
    with write_transaction():
        cid = q.resolve(complaint_id, at=now, resolution=resolution, staff_id=staff_id)
        row = q.get_complaint(complaint_id)
        due: date = work_calendar().add_working_days(now.date(), SATISFACTION_CALL_AFTER)
        reason = render(Msg("practices.complaint.satisfaction_call", {
            "id": complaint_id, "category": Msg(f"vocab.complaint_category.{row.category}")
            if row.category in ComplaintCategory._value2member_map_ else row.category}))  # fmt: skip
        call = followups.schedule_followup(customer_id=cid, due=due, reason=reason[:200],
                                           today=now.date(), assignee_id=row.assignee_id)  # fmt: skip
        done = changed("complaint", customers=(cid,), new_id=complaint_id).merge(call)
        return settle(done, today=now.date())


def close(
    complaint_id: int, *, now: datetime, satisfaction: int | None, note: str = "",
    staff_id: int | None = None,
) -> Changed:  # fmt: skip
    with write_transaction():
        cid = q.close(complaint_id, at=now, satisfaction=satisfaction, note=note,
                      staff_id=staff_id)  # fmt: skip
        return settle(changed("complaint", customers=(cid,), new_id=complaint_id), today=now.date())


@dataclass(frozen=True, slots=True)
class CustomerChoice:
    id: int
    name: str
    phone: str
    plate: str


def find_customers(text: str, *, limit: int = 12) -> list[CustomerChoice]:
    """Customers matching any fragment (name, pinyin initials, phone, plate, VIN), for
    opening a complaint from the Complaints screen: the customer search, first *limit*."""
    if not text.strip():
        return []
    ids = customers.search_customer_ids(customers.CustomerFilter(text=text.strip()))[:limit]
    return [CustomerChoice(r.id, r.name, customers.display_phone(r.phone), r.plate)
            for r in customers.customer_rows(ids)]  # fmt: skip


@dataclass(frozen=True, slots=True)
class FormChoices:
    """What the complaint dialog offers once the customer is known."""

    vehicles: tuple[VehicleRecord, ...]
    visits: tuple[VisitChoice, ...]


def form_choices(customer_id: int) -> FormChoices:
    return FormChoices(customers.get_customer(customer_id).vehicles,
                       tuple(q.visits_of(customer_id)))  # fmt: skip
