"""Complaints: the list with its filters, one complaint's history, response times, and
the writes that move a complaint along open → responded → resolved → closed.

Every write validates first (``ValidationError`` naming the field), then changes the
complaint and appends its ``complaint_event`` row in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.store import audit
from dealerdesk.store.convert import to_date, to_datetime
from dealerdesk.store.db import database
from dealerdesk.store.models import Complaint, ComplaintEvent, Customer, Staff, Vehicle, Visit
from dealerdesk.store.validation import validate_choice, validate_text, validate_time
from dealerdesk.vocab.complaints import (
    UNRESOLVED,
    ComplaintCategory,
    ComplaintSeverity,
    ComplaintStatus,
)

S = ComplaintStatus


@dataclass(frozen=True, slots=True)
class ComplaintRow:
    """One complaint as the list and the detail show it."""

    id: int
    customer_id: int
    customer_name: str
    phone: str
    opened_at: datetime
    category: str
    severity: str
    status: str
    description: str
    vehicle_id: int | None
    vehicle: str
    visit_id: int | None
    visit: str
    assignee_id: int | None
    assignee: str
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution: str
    satisfaction: int | None

    @property
    def unresolved(self) -> bool:
        return self.status in UNRESOLVED


@dataclass(frozen=True, slots=True)
class ComplaintEventRow:
    at: datetime
    status: str  # a ComplaintStatus, or "note"
    note: str
    staff: str


@dataclass(frozen=True, slots=True)
class ComplaintFilter:
    """None means "any". ``opened_before``: only complaints opened before that day (age)."""

    statuses: tuple[str, ...] | None = None
    assignee_id: int | None = None
    category: str | None = None
    opened_before: date | None = None
    customer_id: int | None = None


@dataclass(frozen=True, slots=True)
class VisitChoice:
    id: int
    date: date
    kind: str
    vehicle_id: int | None


_SELECT = """
SELECT c.id, c.customer_id, cu.name, cu.phone, c.opened_at, c.category, c.severity, c.status,
       c.description, c.vehicle_id, v.plate, v.make, v.model, c.visit_id, vi.date, vi.kind,
       c.assignee_id, s.name, c.first_response_at, c.resolved_at, c.closed_at, c.resolution,
       c.satisfaction
FROM complaint c
JOIN customer cu ON cu.id = c.customer_id
LEFT JOIN vehicle v ON v.id = c.vehicle_id
LEFT JOIN visit vi ON vi.id = c.visit_id
LEFT JOIN staff s ON s.id = c.assignee_id
"""


def _row(r: tuple[object, ...]) -> ComplaintRow:
    vehicle = " · ".join(p for p in (str(r[10] or ""), f"{r[11] or ''} {r[12] or ''}".strip()) if p)
    visit_day = to_date(r[14])
    visit = f"{visit_day.isoformat()} {r[15]}" if visit_day else ""
    return ComplaintRow(
        id=int(r[0]), customer_id=int(r[1]), customer_name=str(r[2]), phone=str(r[3] or ""),  # type: ignore[call-overload]
        opened_at=to_datetime(r[4]), category=str(r[5]), severity=str(r[6]),  # type: ignore[arg-type]
        status=str(r[7]), description=str(r[8] or ""), vehicle_id=r[9],  # type: ignore[arg-type]
        vehicle=vehicle, visit_id=r[13], visit=visit, assignee_id=r[16],  # type: ignore[arg-type]
        assignee=str(r[17] or ""), first_response_at=to_datetime(r[18]),
        resolved_at=to_datetime(r[19]), closed_at=to_datetime(r[20]),
        resolution=str(r[21] or ""), satisfaction=r[22],  # type: ignore[arg-type]
    )  # fmt: skip


def list_complaints(flt: ComplaintFilter = ComplaintFilter()) -> list[ComplaintRow]:
    """Unresolved complaints first, oldest first; then the rest, newest first."""
    where: list[str] = ["cu.archived = 0"]
    params: list[object] = []
    if flt.statuses is not None:
        if not flt.statuses:
            return []
        where.append(f"c.status IN ({','.join('?' * len(flt.statuses))})")
        params.extend(flt.statuses)
    if flt.assignee_id is not None:
        where.append("c.assignee_id = ?")
        params.append(flt.assignee_id)
    if flt.category is not None:
        where.append("c.category = ?")
        params.append(flt.category)
    if flt.opened_before is not None:
        where.append("c.opened_at < ?")
        params.append(flt.opened_before.isoformat())
    if flt.customer_id is not None:
        where.append("c.customer_id = ?")
        params.append(flt.customer_id)
    sql = (_SELECT + " WHERE " + " AND ".join(where)
           + " ORDER BY CASE WHEN c.status IN ('open', 'responded') THEN 0 ELSE 1 END,"
           " CASE WHEN c.status IN ('open', 'responded') THEN c.opened_at END, c.opened_at DESC,"
           " c.id")  # fmt: skip
    return [_row(r) for r in database.execute_sql(sql, params)]


def get_complaint(complaint_id: int) -> ComplaintRow:
    rows = list(database.execute_sql(_SELECT + " WHERE c.id = ?", [complaint_id]))
    if not rows:
        raise NotFoundError(f"Complaint {complaint_id} does not exist.")
    return _row(rows[0])


def history(complaint_id: int) -> list[ComplaintEventRow]:
    """The complaint's steps, oldest first. Complaints recorded before their history was
    kept (schema < 9, the demo) get theirs from the timestamps on the complaint."""
    rows = [
        ComplaintEventRow(to_datetime(r[0]), str(r[1]), str(r[2] or ""), str(r[3] or ""))  # type: ignore[arg-type]
        for r in database.execute_sql(
            "SELECT e.at, e.status, e.note, s.name FROM complaint_event e"
            " LEFT JOIN staff s ON s.id = e.staff_id WHERE e.complaint_id = ? ORDER BY e.at, e.id",
            [complaint_id],
        )
    ]
    if rows:
        return rows
    c = get_complaint(complaint_id)
    out = [ComplaintEventRow(c.opened_at, S.OPEN, c.description, "")]
    if c.first_response_at:
        out.append(ComplaintEventRow(c.first_response_at, S.RESPONDED, "", ""))
    if c.resolved_at:
        out.append(ComplaintEventRow(c.resolved_at, S.RESOLVED, c.resolution, ""))
    if c.closed_at:
        out.append(ComplaintEventRow(c.closed_at, S.CLOSED, "", ""))
    return out


def visits_of(customer_id: int, limit: int = 30) -> list[VisitChoice]:
    """The customer's latest visits, for "which visit is this about"."""
    return [
        VisitChoice(int(r[0]), to_date(r[1]), str(r[2]), r[3])  # type: ignore[arg-type]
        for r in database.execute_sql(
            "SELECT id, date, kind, vehicle_id FROM visit WHERE customer_id = ?"
            " ORDER BY date DESC, id DESC LIMIT ?", [customer_id, limit])
    ]  # fmt: skip


# -- writes ----------------------------------------------------------------------------
def open_complaint(
    customer_id: int, *, at: datetime, category: str, severity: str, description: str,
    vehicle_id: int | None = None, visit_id: int | None = None, assignee_id: int | None = None,
    staff_id: int | None = None,
) -> int:  # fmt: skip
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None or customer.archived:
        raise ValidationError("customer_id", "choose a customer")
    values = {
        "customer": customer_id,
        "opened_at": validate_time(at, "at"),
        "category": validate_choice(category, "category", tuple(ComplaintCategory)),
        "severity": validate_choice(severity, "severity", tuple(ComplaintSeverity)),
        "description": validate_text(description, "description", required=True, max_len=4000),
        "vehicle": _own(Vehicle, vehicle_id, customer_id, "vehicle_id"),
        "visit": _own(Visit, visit_id, customer_id, "visit_id"),
        "assignee": _staff(assignee_id, "assignee_id"),
        "status": S.OPEN.value,
    }
    with database.atomic():
        row = Complaint.create(**values)
        _event(row.id, at, S.OPEN, "", staff_id)
    return int(row.id)


def respond(complaint_id: int, *, at: datetime, note: str, staff_id: int | None = None) -> int:
    """The first answer to the customer; returns the customer id."""
    c = _complaint(complaint_id)
    if c.status != S.OPEN:
        raise ValidationError("status", f"complaint #{complaint_id} is already {c.status}")
    note = validate_text(note, "note", required=True, max_len=2000)
    _not_before(at, c.opened_at)
    with database.atomic():
        Complaint.update(status=S.RESPONDED.value, first_response_at=at.replace(microsecond=0),
                         updated_at=at).where(Complaint.id == complaint_id).execute()  # fmt: skip
        _event(complaint_id, at, S.RESPONDED, note, staff_id)
    return int(c.customer_id)  # type: ignore[attr-defined]


def resolve(
    complaint_id: int, *, at: datetime, resolution: str, staff_id: int | None = None
) -> int:
    """Record what was done; a complaint resolved before any answer is answered now too."""
    c = _complaint(complaint_id)
    if c.status not in UNRESOLVED:
        raise ValidationError("status", f"complaint #{complaint_id} is already {c.status}")
    resolution = validate_text(resolution, "resolution", required=True, max_len=4000)
    _not_before(at, c.opened_at)
    stamp = at.replace(microsecond=0)
    with database.atomic():
        Complaint.update(status=S.RESOLVED.value, resolved_at=stamp, resolution=resolution,
                         first_response_at=c.first_response_at or stamp,
                         updated_at=at).where(Complaint.id == complaint_id).execute()  # fmt: skip
        _event(complaint_id, at, S.RESOLVED, resolution, staff_id)
    return int(c.customer_id)  # type: ignore[attr-defined]


def close(
    complaint_id: int, *, at: datetime, satisfaction: int | None, note: str = "",
    staff_id: int | None = None,
) -> int:  # fmt: skip
    """Close a resolved complaint with the customer's 1–5 satisfaction with the resolution."""
    c = _complaint(complaint_id)
    if c.status != S.RESOLVED:
        raise ValidationError("status", f"complaint #{complaint_id} is {c.status}, not resolved")
    if satisfaction is not None and not (isinstance(satisfaction, int) and 1 <= satisfaction <= 5):
        raise ValidationError("satisfaction", f"{satisfaction} is not 1–5")
    note = validate_text(note, "note", max_len=2000)
    with database.atomic():
        Complaint.update(status=S.CLOSED.value, closed_at=at.replace(microsecond=0),
                         satisfaction=satisfaction, updated_at=at,
                         ).where(Complaint.id == complaint_id).execute()  # fmt: skip
        _event(complaint_id, at, S.CLOSED, note, staff_id)
    return int(c.customer_id)  # type: ignore[attr-defined]


def pending_followup(complaint_id: int) -> int | None:
    """The complaint's open follow-up on Today ("respond within…"), if any."""
    row = database.execute_sql(
        "SELECT id FROM followup WHERE complaint_id = ? AND status = 'pending' ORDER BY due, id",
        [complaint_id],
    ).fetchone()
    return None if row is None else int(row[0])


def _event(complaint_id: int, at: datetime, status: str, note: str, staff_id: int | None) -> None:
    ComplaintEvent.create(complaint=complaint_id, at=at.replace(microsecond=0), status=str(status),
                          note=note or None, staff=_staff(staff_id, "staff_id"))  # fmt: skip
    audit.record(str(status), "complaint", complaint_id, {}, staff_id)  # issue #11


def _complaint(complaint_id: int) -> Complaint:
    c = Complaint.get_or_none(Complaint.id == complaint_id)
    if c is None:
        raise NotFoundError(f"Complaint {complaint_id} does not exist.")
    return c


def _not_before(at: datetime, opened: object) -> None:
    start = to_datetime(opened)
    if start is not None and at < start:
        raise ValidationError("at", f"is before the complaint was opened ({start:%Y-%m-%d %H:%M})")


def _own(model: type[Vehicle] | type[Visit], row_id: int | None, customer_id: int,
         field: str) -> int | None:  # fmt: skip
    if row_id is None:
        return None
    if not model.select().where((model.id == row_id) & (model.customer == customer_id)).exists():
        raise ValidationError(field, f"{field.split('_')[0]} {row_id} is not this customer's")
    return row_id


def _staff(staff_id: int | None, field: str) -> int | None:
    if staff_id is not None and not Staff.select().where(Staff.id == staff_id).exists():
        raise ValidationError(field, f"no staff member with id {staff_id}")
    return staff_id


def response_hours(since: datetime, until: datetime) -> list[float]:
    """Hours from opening to the first answer, for complaints opened in [since, until)
    that have one (portable: computed in Python, not with julianday)."""
    out = []
    for opened, answered in database.execute_sql(
        "SELECT opened_at, first_response_at FROM complaint WHERE opened_at >= ?"
        " AND opened_at < ? AND first_response_at IS NOT NULL",
        [since.isoformat(sep=" "), until.isoformat(sep=" ")],
    ):
        a, b = to_datetime(opened), to_datetime(answered)
        if a is not None and b is not None:
            out.append((b - a).total_seconds() / 3600)
    return out
