"""The SQL of issue #16: contact pauses per vehicle, outcome delays, the renewal list.

Reads return frozen dataclasses; writes run in the caller's transaction (services hold
it) and are audited like the other writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dealerdesk.errors import ValidationError
from dealerdesk.store import audit
from dealerdesk.store.convert import to_date
from dealerdesk.store.db import database
from dealerdesk.store.models import ContactPause, Setting

DELAY_PREFIX = "outcome_delay."


@dataclass(frozen=True, slots=True)
class PauseRecord:
    id: int
    vehicle_id: int
    contact_type: str
    state: str
    reason: str
    outcome: str
    since: date
    until: date | None


@dataclass(frozen=True, slots=True)
class VehicleFacts:
    """A vehicle as the pause panel and the first-service state need it."""

    id: int
    label: str
    purchase_date: date | None
    sold_here: bool
    last_service_on: date | None
    insurance_end: date | None
    insurance_kind: str
    insurer: str
    insured_here: bool


@dataclass(frozen=True, slots=True)
class RenewalRecord:
    """One line of the renewal list (续保)."""

    vehicle_id: int
    customer_id: int
    customer_name: str
    phone: str
    vehicle: str
    insurance_end: date
    insurance_kind: str
    insurer: str
    insured_here: bool
    services_here: bool  # a service visit on file
    paused_reason: str  # the renewal calls are paused or closed: why ("" if not)


# -- outcome delays ------------------------------------------------------------------------
def outcome_delays() -> dict[str, int]:
    """{outcome code: days} as stored (codes never edited are absent)."""
    rows = database.execute_sql(
        "SELECT key, value FROM setting WHERE key LIKE ?", [f"{DELAY_PREFIX}%"]
    )
    out = {}
    for key, value in rows:
        try:
            out[str(key)[len(DELAY_PREFIX) :]] = int(value)
        except ValueError:
            continue
    return out


def set_outcome_delay(code: str, days: int, *, staff_id: int | None) -> None:
    key = f"{DELAY_PREFIX}{code}"
    with database.atomic():
        Setting.insert(key=key, value=str(days)).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: str(days)}
        ).execute()
        audit.record("set", "setting", None, {key: days}, staff_id)


# -- pauses --------------------------------------------------------------------------------
def vehicle_of(customer_id: int, vehicle_id: int) -> VehicleFacts:
    """The customer's vehicle; ValidationError naming ``vehicle_id`` when it is not theirs."""
    found = vehicles_of(customer_id, vehicle_id)
    if not found:
        raise ValidationError("vehicle_id", f"vehicle {vehicle_id} is not this customer's")
    return found[0]


def vehicles_of(customer_id: int, vehicle_id: int | None = None) -> list[VehicleFacts]:
    """The customer's vehicles (not archived) with their last service, by id."""
    sql = (
        "SELECT x.id, coalesce(x.plate, ''), x.make, x.model, x.purchase_date, x.sold_here,"
        " (SELECT max(v.date) FROM visit v WHERE v.vehicle_id = x.id AND v.kind = 'service'),"
        " x.insurance_end, coalesce(x.insurance_kind, ''), coalesce(x.insurer, ''),"
        " x.insured_here FROM vehicle x WHERE x.customer_id = ? AND x.archived = 0"
    )
    params: list[Any] = [customer_id]
    if vehicle_id is not None:
        sql += " AND x.id = ?"
        params.append(vehicle_id)
    out = []
    for r in database.execute_sql(sql + " ORDER BY x.id", params):
        label = " · ".join(x for x in (r[1], f"{r[2]} {r[3]}".strip()) if x)
        out.append(VehicleFacts(r[0], label, to_date(r[4]), bool(r[5]), to_date(r[6]),
                                to_date(r[7]), r[8], r[9], r[10] != 0))  # fmt: skip
    return out


def active_pauses(customer_id: int, *, on: date) -> list[PauseRecord]:
    """The customer's pauses and closes in force on *on*, closes first."""
    rows = database.execute_sql(
        "SELECT id, vehicle_id, contact_type, state, reason, coalesce(outcome, ''), since, until"
        " FROM contact_pause WHERE customer_id = ? AND cleared_at IS NULL"
        " AND (until IS NULL OR until > ?) ORDER BY state, id",
        [customer_id, on.isoformat()],
    )  # fmt: skip
    return [PauseRecord(r[0], r[1], r[2], r[3], r[4], r[5], to_date(r[6]) or on, to_date(r[7]))
            for r in rows]  # fmt: skip


def add_pause(
    *, customer_id: int, vehicle_id: int, contact_type: str, state: str, reason: str,
    since: date, until: date | None, outcome: str | None, staff_id: int | None, stamp: datetime,
) -> int:  # fmt: skip
    row = ContactPause.create(
        created_at=stamp, updated_at=stamp, customer=customer_id, vehicle=vehicle_id,
        contact_type=contact_type, state=state, reason=reason[:200], outcome=outcome,
        since=since, until=until, staff=staff_id,
    )  # fmt: skip
    audit.record("pause", "vehicle", vehicle_id, {"type": contact_type, "state": state,
                 "reason": reason[:200], "until": until.isoformat() if until else None},
                 staff_id)  # fmt: skip
    return int(row.id)


def clear_pause(pause_id: int, *, stamp: datetime, staff_id: int | None) -> tuple[int, int]:
    """Clear a pause; returns (customer id, vehicle id). NotFound as ValidationError."""
    row = database.execute_sql(
        "SELECT customer_id, vehicle_id FROM contact_pause WHERE id = ? AND cleared_at IS NULL",
        [pause_id],
    ).fetchone()
    if row is None:
        raise ValidationError("pause_id", f"there is no pause #{pause_id} in force")
    database.execute_sql(
        "UPDATE contact_pause SET cleared_at = ?, updated_at = ? WHERE id = ?",
        [stamp.replace(microsecond=0).isoformat(" "), stamp.replace(microsecond=0).isoformat(" "),
         pause_id],
    )  # fmt: skip
    audit.record("unpause", "vehicle", int(row[1]), {"pause": pause_id}, staff_id)
    return int(row[0]), int(row[1])


def set_insured_elsewhere(vehicle_id: int) -> None:
    database.execute_sql("UPDATE vehicle SET insured_here = 0 WHERE id = ?", [vehicle_id])


def set_policy(vehicle_id: int, fields: Mapping[str, Any]) -> None:
    """Write validated renewal fields (insurance_end, insurance_kind, insurer, insured_here)."""
    sets = ", ".join(f"{k} = ?" for k in fields)
    database.execute_sql(f"UPDATE vehicle SET {sets} WHERE id = ?", [*fields.values(), vehicle_id])
    audit.record("update", "vehicle", vehicle_id, {k: str(v) for k, v in fields.items()})


# -- the renewal list ----------------------------------------------------------------------
def renewal_rows(*, start: date, end: date, elsewhere_only: bool) -> list[RenewalRecord]:
    """Vehicles whose policy ends in [start, end], soonest first; *elsewhere_only*: those
    serviced here but insured elsewhere."""
    sql = (
        "SELECT x.id, c.id, c.name, coalesce(c.phone, ''), coalesce(x.plate, ''), x.make,"
        " x.model, x.insurance_end, coalesce(x.insurance_kind, ''), coalesce(x.insurer, ''),"
        " x.insured_here, EXISTS (SELECT 1 FROM visit v WHERE v.vehicle_id = x.id"
        " AND v.kind = 'service'),"
        " (SELECT p.reason FROM contact_pause p WHERE p.vehicle_id = x.id AND p.cleared_at IS NULL"
        " AND (p.until IS NULL OR p.until > ?) AND p.contact_type IN ('insurance', 'all')"
        " ORDER BY p.state, p.id LIMIT 1)"
        " FROM vehicle x JOIN customer c ON c.id = x.customer_id"
        " WHERE x.archived = 0 AND c.archived = 0 AND x.insurance_end BETWEEN ? AND ?"
    )
    if elsewhere_only:
        sql += (" AND x.insured_here = 0 AND EXISTS (SELECT 1 FROM visit v WHERE"
                " v.vehicle_id = x.id AND v.kind = 'service')")  # fmt: skip
    sql += " ORDER BY x.insurance_end, c.name, x.id"
    out = []
    for r in database.execute_sql(sql, [start.isoformat(), start.isoformat(), end.isoformat()]):
        vehicle = " · ".join(x for x in (r[4], f"{r[5]} {r[6]}".strip()) if x)
        ends = to_date(r[7])
        assert ends is not None
        out.append(RenewalRecord(r[0], r[1], r[2], r[3], vehicle, ends, r[8], r[9], r[10] != 0,
                                 bool(r[11]), r[12] or ""))  # fmt: skip
    return out
