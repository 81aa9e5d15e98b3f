"""The SQL of follow-ups: cadence rules, reconciling, lists, single-row writes.

The planner inputs are loaded by ``followup_inputs`` (re-exported here). Why it looks
like this:
- Generation must handle 100,000 customers in seconds, so the writes are
  ``executemany`` calls in one transaction, and reads are raw tuples.
- Inserts use ``ON CONFLICT (source_key) DO NOTHING``: a second desk generating at the
  same moment, or a closed row the loader did not look at, can never cause a duplicate.
- A pending row whose date a person set (snoozed, rescheduled, retried) carries an
  ``outcome`` (see ``TOUCHED_OUTCOMES``); the planner then keeps that date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any, Protocol

from dealerdesk.errors import NotFoundError
from dealerdesk.store import audit
from dealerdesk.store.bulk import indexes_rebuilt_after, run_many, select_in
from dealerdesk.store.db import database
from dealerdesk.store.followup_inputs import (
    TOUCHED_OUTCOMES,
    InputFactories,
    PlannerData,
    desk_staff,
    load_campaigns,
    load_planner_data,
    to_date,
)
from dealerdesk.store.models import CadenceRule

__all__ = [
    "TOUCHED_OUTCOMES", "CadenceRuleRecord", "FollowupRef", "FollowupRow", "InputFactories",
    "PlannerData", "ReconcileCounts", "desk_staff", "load_campaigns", "load_planner_data",
    "settled_plans",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class CadenceRuleRecord:
    key: str
    label: str
    offset_days: int
    limit_days: int | None
    purpose: str
    essential: bool
    enabled: bool


class PendingLike(Protocol):
    """A pending row as loaded (built by ``InputFactories.pending``) and reconciled."""

    @property
    def due(self) -> date: ...
    @property
    def id(self) -> int: ...
    @property
    def assignee_id(self) -> int | None: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True, slots=True)
class FollowupRef:
    """One follow-up with every column an action (complete, snooze…) needs."""

    id: int
    customer_id: int
    kind: str
    rule: str
    source_key: str
    status: str
    due: date
    purpose: str
    essential: bool
    attempt: int
    reason: str
    vehicle_id: int | None
    complaint_id: int | None
    campaign_id: int | None
    assignee_id: int | None


@dataclass(frozen=True, slots=True)
class FollowupRow:
    """One line of the follow-up lists (Today, agenda, CLI, PDF)."""

    id: int
    customer_id: int
    customer_name: str
    phone: str  # E.164 or ""
    kind: str
    kind_label: str
    due: date
    overdue_days: int
    reason: str
    vehicle: str
    assignee: str
    last_contact: date | None
    status: str
    assignee_id: int | None = None
    essential: bool = False
    purpose: str = "service"
    attempt: int = 1
    outcome: str = ""
    tier: str = ""  # the customer's value tier and risk score, for the priority
    risk: int | None = None
    channel: str = ""
    source_key: str = ""
    contact_person: str = ""  # issue #14: the named person at a company to call


@dataclass(frozen=True, slots=True)
class ReconcileCounts:
    created: int
    moved: int
    cancelled: int
    unchanged: int
    created_ids: tuple[int, ...] = ()
    touched_ids: tuple[int, ...] = ()  # moved or cancelled


class WantedLike(Protocol):
    """What the reconciler reads from a planned follow-up (read-only, as in a NamedTuple)."""

    # fmt: off
    @property
    def source_key(self) -> str: ...
    @property
    def customer_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def due(self) -> date: ...
    @property
    def purpose(self) -> str: ...
    @property
    def essential(self) -> bool: ...
    @property
    def reason(self) -> str: ...
    @property
    def vehicle_id(self) -> int | None: ...
    @property
    def complaint_id(self) -> int | None: ...
    @property
    def campaign_id(self) -> int | None: ...
    @property
    def assignee_id(self) -> int | None: ...
    @property
    def channel(self) -> str: ...
    @property
    def catchup(self) -> bool: ...
    # fmt: on


# -- cadence rules ---------------------------------------------------------------------
def seed_cadence_rules(defaults: Iterable[Mapping[str, object]]) -> int:
    """Insert the rules not yet stored (never overwrite a manager's edits); return how many."""
    with database.atomic():
        have = {r[0] for r in database.execute_sql("SELECT key FROM cadence_rule")}
        rows = [dict(d) for d in defaults if d["key"] not in have]
        if rows:
            CadenceRule.insert_many(rows).execute()
    return len(rows)


def cadence_rules() -> list[CadenceRuleRecord]:
    rows = database.execute_sql(
        "SELECT key, label, offset_days, limit_days, purpose, essential, enabled"
        " FROM cadence_rule ORDER BY id"
    )
    return [CadenceRuleRecord(k, lb, off, lim, pu, bool(es), bool(en))
            for k, lb, off, lim, pu, es, en in rows]  # fmt: skip


def update_cadence_rule(key: str, changes: Mapping[str, object]) -> bool:
    """Apply validated *changes* to one rule; False if there is no such rule."""
    with database.atomic():
        n = (
            CadenceRule.update(**changes, updated_at=datetime.now().replace(microsecond=0))
            .where(CadenceRule.key == key)
            .execute()
        )
        audit.record("update", "cadence_rule", None, {"rule": key, **changes})  # issue #11
    return bool(n)


# -- reconciling -------------------------------------------------------------------------
_INSERT = (
    "INSERT INTO followup (created_at, updated_at, customer_id, vehicle_id, complaint_id,"
    " campaign_id, kind, rule, source_key, purpose, essential, due, status, assignee_id,"
    " reason, attempt, channel, catchup) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'pending',?,?,1,?,?)"
    " ON CONFLICT (source_key) DO NOTHING"
)


def reconcile(
    wanted: Iterable[WantedLike],
    cancel: Iterable[tuple[str, str]],
    pending: Mapping[str, PendingLike],
    *,
    stamp: datetime,
    settle: Iterable[tuple[int, str, int, int]] = (),
    unsettle: Iterable[int] = (),
    settle_all: bool = False,
) -> ReconcileCounts:
    """Make the table match the plan, in one transaction.

    In the same transaction, *settle* records (customer id, fingerprint, wanted, held)
    in ``followup_plan`` and *unsettle* forgets customers (see ``settled_plans``);
    with *settle_all*, *settle* replaces the whole table (faster when most rows change,
    as on a new day).

    *wanted* follow-ups not pending are inserted; pending ones whose date, assignee or
    reason differ are updated (a changed date counts as moved). *cancel* holds
    (source key, note) of pending rows no longer wanted: they become ``skipped`` with the
    note, and their key is renamed ``key@id`` so the trigger may bring a new one later —
    only a person's skip or completion is final. Done or skipped rows are never touched.
    """
    ts = stamp.replace(microsecond=0).isoformat(" ")
    inserts: list[tuple[object, ...]] = []
    updates: list[tuple[object, ...]] = []
    moved = unchanged = 0
    touched: list[int] = []
    get = pending.get
    fetch = getattr(pending, "fetch", None)  # the loader's index builds rows on demand
    for w in wanted:
        row = get(w.source_key)
        if row is None and fetch is not None:
            row = fetch(w.source_key)
        if row is None:
            inserts.append((ts, ts, w.customer_id, w.vehicle_id, w.complaint_id, w.campaign_id,
                            w.kind, w.kind, w.source_key, w.purpose, int(w.essential),
                            w.due.isoformat(), w.assignee_id, w.reason, w.channel or None,
                            int(w.catchup)))  # fmt: skip
        elif row.due != w.due or row.assignee_id != w.assignee_id or row.reason != w.reason:
            updates.append((w.due.isoformat(), w.assignee_id, w.reason, ts, row.id))
            if row.due != w.due:
                moved += 1
                touched.append(row.id)
            else:
                unchanged += 1
        else:
            unchanged += 1
    cancels = []
    for key, note in cancel:
        row = get(key) or (fetch(key) if fetch is not None else None)
        if row is not None:
            cancels.append((f"{key}@{row.id}"[:80], f"Cancelled: {note}"[:4000], ts, ts, row.id))
            touched.append(row.id)
    # A first plan of a large file inserts hundreds of thousands of rows: index after.
    with database.atomic(), indexes_rebuilt_after("followup", enabled=len(inserts) > 50_000):
        first_new = _max_id()
        # In key order the unique index grows at its end: 10-20% faster for a big batch.
        inserts.sort(key=itemgetter(8))
        created = run_many(_INSERT, inserts)
        run_many(
            "UPDATE followup SET due = ?, assignee_id = ?, reason = ?, updated_at = ?"
            " WHERE id = ? AND status = 'pending'", updates)  # fmt: skip
        run_many(
            "UPDATE followup SET status = 'skipped', source_key = ?, notes = ?, completed_at = ?,"
            " updated_at = ? WHERE id = ? AND status = 'pending'", cancels)  # fmt: skip
        new_ids = tuple(
            r[0] for r in database.execute_sql("SELECT id FROM followup WHERE id > ?", [first_new])
        ) if created and created < 10_000 else ()  # fmt: skip
        insert = "INSERT INTO followup_plan (customer_id, inputs, wanted, held) VALUES (?, ?, ?, ?)"
        if settle_all:
            database.execute_sql("DELETE FROM followup_plan")
            run_many(insert, sorted(settle))
        else:
            run_many("DELETE FROM followup_plan WHERE customer_id = ?", [(c,) for c in unsettle])
            run_many(
                f"{insert} ON CONFLICT (customer_id) DO UPDATE SET inputs = excluded.inputs,"
                " wanted = excluded.wanted, held = excluded.held", list(settle))  # fmt: skip
    return ReconcileCounts(created, moved, len(cancels), unchanged, new_ids, tuple(touched))


def settled_plans(customer_ids: Iterable[int] | None = None) -> dict[int, tuple[str, int, int]]:
    """{customer id: (fingerprint, wanted, held)} of the customers whose plan is settled
    (all, or those of *customer_ids*)."""
    sql = "SELECT customer_id, inputs, wanted, held FROM followup_plan"
    if customer_ids is None:
        return {r[0]: r[1:] for r in database.execute_sql(sql)}
    return {r[0]: r[1:] for r in select_in(f"{sql} WHERE customer_id IN ({{ids}})", customer_ids)}


def _max_id() -> int:
    return int(database.execute_sql("SELECT coalesce(max(id), 0) FROM followup").fetchone()[0])


# -- lists -------------------------------------------------------------------------------
_ROW_SQL = """
    SELECT f.id, f.customer_id, c.name, coalesce(c.phone, ''), f.kind, f.due,
           coalesce(f.reason, ''), coalesce(v.plate, ''), coalesce(v.make, ''),
           coalesce(v.model, ''), coalesce(s.name, ''),
           (SELECT max(l.at) FROM contact_log l WHERE l.customer_id = f.customer_id),
           f.status, f.assignee_id, f.essential, f.purpose, f.attempt, coalesce(f.outcome, ''),
           coalesce(sc.tier, ''), sc.score, coalesce(f.channel, ''), f.source_key,
           coalesce(cp.name, '')
    FROM followup f
    JOIN customer c ON c.id = f.customer_id
    LEFT JOIN vehicle v ON v.id = f.vehicle_id
    LEFT JOIN staff s ON s.id = f.assignee_id
    LEFT JOIN customer_score sc ON sc.customer_id = f.customer_id
    LEFT JOIN contact_person cp ON cp.id = f.contact_person_id
"""


def _filters(staff_id: int | None, kind: str | None) -> tuple[str, list[object]]:
    sql, params = "", list[object]()
    if staff_id is not None:
        sql += " AND f.assignee_id = ?"
        params.append(staff_id)
    if kind:
        sql += " AND f.kind = ?"
        params.append(kind)
    return sql, params


def _rows(sql: str, params: list[object], *, today: date, labels: Mapping[str, str],
          grace: Mapping[str, int]) -> list[FollowupRow]:  # fmt: skip
    out = []
    for r in database.execute_sql(sql, params):
        due = to_date(r[5])
        assert due is not None
        late = (today - due).days - grace.get(r[4], 0) if r[12] == "pending" else 0
        vehicle = " · ".join(x for x in (r[7], f"{r[8]} {r[9]}".strip()) if x)
        out.append(FollowupRow(
            r[0], r[1], r[2], r[3], r[4], labels.get(r[4], r[4]), due, max(late, 0), r[6],
            vehicle, r[10], to_date(r[11]), r[12], r[13], bool(r[14]), r[15], r[16], r[17],
            r[18], r[19], r[20], r[21], r[22],
        ))  # fmt: skip
    return out


def due_rows(
    *, today: date, until: date, staff_id: int | None, kind: str | None,
    labels: Mapping[str, str], grace: Mapping[str, int],
) -> list[FollowupRow]:  # fmt: skip
    """Pending follow-ups due on or before *until*: work already due before what is
    coming; within it, open complaints first (the speed of the answer is what the
    customer remembers), then essential service calls, then the rest, oldest first."""
    extra, params = _filters(staff_id, kind)
    sql = (
        f"{_ROW_SQL} WHERE f.status = 'pending' AND f.catchup = 0 AND f.due <= ?{extra}"
        " ORDER BY f.due > ?, CASE WHEN f.kind = 'complaint' THEN 0"
        " WHEN f.essential = 1 THEN 1 ELSE 2 END, f.due, f.id"
    )
    params = [until.isoformat(), *params, today.isoformat()]
    return _rows(sql, params, today=today, labels=labels, grace=grace)


def day_rows(
    *, day: date, today: date | None, staff_id: int | None, kind: str | None,
    labels: Mapping[str, str], grace: Mapping[str, int],
) -> list[FollowupRow]:  # fmt: skip
    """A day's agenda: pending and done follow-ups due that day; on *today*, also every
    overdue pending one (today's work). Pending first, then by date."""
    extra, params = _filters(staff_id, kind)
    if today is not None and day == today:
        where = (
            "((f.due = ? AND f.status IN ('pending', 'done')) OR (f.due < ? AND"
            " f.status = 'pending' AND f.catchup = 0))"
        )
        params = [day.isoformat(), day.isoformat(), *params]
    else:
        where = "f.due = ? AND f.status IN ('pending', 'done')"
        params = [day.isoformat(), *params]
    sql = f"{_ROW_SQL} WHERE {where}{extra} ORDER BY f.status DESC, f.due, f.id"
    return _rows(sql, params, today=today or day, labels=labels, grace=grace)


def month_counts(
    *, first: date, last: date, today: date, staff_id: int | None, kind: str | None
) -> dict[date, int]:
    """Pending follow-ups per due day in [first, last]; overdue ones count on *today*."""
    extra, params = _filters(staff_id, kind)
    sql = (
        f"SELECT CASE WHEN f.due < ? THEN ? ELSE f.due END AS day, count(*) FROM followup f"
        f" WHERE f.status = 'pending' AND f.catchup = 0 AND f.due <= ?{extra} GROUP BY day"
    )
    t = today.isoformat()
    out: dict[date, int] = {}
    for day, n in database.execute_sql(sql, [t, t, last.isoformat(), *params]):
        d = to_date(day)
        if d is not None and first <= d <= last:
            out[d] = int(n)
    return out


# -- single follow-ups -------------------------------------------------------------------
def get_followup(followup_id: int) -> FollowupRef:
    r = database.execute_sql(
        "SELECT id, customer_id, kind, rule, source_key, status, due, purpose, essential, attempt,"
        " coalesce(reason, ''), vehicle_id, complaint_id, campaign_id, assignee_id"
        " FROM followup WHERE id = ?", [followup_id]).fetchone()  # fmt: skip
    if r is None:
        raise NotFoundError(f"There is no follow-up #{followup_id}.")
    due = to_date(r[6])
    assert due is not None
    return FollowupRef(
        id=r[0], customer_id=r[1], kind=r[2], rule=r[3], source_key=r[4], status=r[5], due=due,
        purpose=r[7], essential=bool(r[8]), attempt=r[9], reason=r[10], vehicle_id=r[11],
        complaint_id=r[12], campaign_id=r[13], assignee_id=r[14],
    )  # fmt: skip


def insert_contact(
    *, customer_id: int, at: datetime, channel: str, outcome: str, purpose: str,
    staff_id: int | None, followup_id: int | None, notes: str,
) -> int:  # fmt: skip
    """A contact_log row for a worked follow-up (the caller holds the transaction)."""
    ts = at.replace(microsecond=0).isoformat(" ")
    cursor = database.execute_sql(
        "INSERT INTO contact_log (created_at, updated_at, customer_id, at, channel, direction,"
        " outcome, purpose, staff_id, followup_id, notes) VALUES (?,?,?,?,?,'out',?,?,?,?,?)",
        [ts, ts, customer_id, ts, channel, outcome, purpose, staff_id, followup_id, notes or None],
    )  # fmt: skip
    return int(cursor.lastrowid)


def set_pending(
    followup_id: int, *, due: date, outcome: str, stamp: datetime, attempt: int | None = None
) -> int:
    """Give a pending follow-up a date a person chose (the generator will keep it).
    Returns 0 when it was no longer pending (someone else got there first)."""
    return database.execute_sql(
        "UPDATE followup SET due = ?, outcome = ?, attempt = coalesce(?, attempt), updated_at = ?"
        " WHERE id = ? AND status = 'pending'",
        [due.isoformat(), outcome, attempt, stamp.replace(microsecond=0).isoformat(" "), followup_id],
    ).rowcount  # fmt: skip


def close_followup(
    followup_id: int, *, status: str, outcome: str | None, at: datetime, notes: str,
    rename: bool,
) -> int:  # fmt: skip
    """Mark done or skipped; *rename* frees a live key (``touch:7`` → ``touch:7@id``).
    Returns 0 when it was no longer pending (someone else got there first)."""
    ts = at.replace(microsecond=0).isoformat(" ")
    key_sql = "source_key || '@' || CAST(id AS TEXT)" if rename else "source_key"
    n: int = database.execute_sql(
        f"UPDATE followup SET status = ?, outcome = ?, completed_at = ?, updated_at = ?,"
        f" notes = coalesce(?, notes), source_key = {key_sql} WHERE id = ? AND status = 'pending'",
        [status, outcome, ts, ts, notes or None, followup_id],
    ).rowcount
    if n:
        audit.record(status, "followup", followup_id, {"outcome": outcome})  # issue #11
    return n


def worked_by(followup_id: int, not_contact: int | None = None) -> str:
    """Who logged the last contact on a follow-up, other than *not_contact* (our own, about
    to be rolled back); '' when unknown: for "X completed it first"."""
    row = database.execute_sql(
        "SELECT coalesce(s.name, '') FROM contact_log l LEFT JOIN staff s ON s.id = l.staff_id"
        " WHERE l.followup_id = ? AND l.id <> ? ORDER BY l.id DESC LIMIT 1",
        [followup_id, not_contact or 0],
    ).fetchone()  # fmt: skip
    return row[0] if row else ""


def customer_exists(customer_id: int) -> bool:
    return (
        database.execute_sql(
            "SELECT 1 FROM customer WHERE id = ? AND archived = 0", [customer_id]
        ).fetchone()
        is not None
    )


def staff_exists(staff_id: int) -> bool:
    return (
        database.execute_sql("SELECT 1 FROM staff WHERE id = ?", [staff_id]).fetchone() is not None
    )


def insert_followup(
    *, customer_id: int, kind: str, rule: str, source_key: str, purpose: str, essential: bool,
    due: date, reason: str, assignee_id: int | None, vehicle_id: int | None,
    complaint_id: int | None, campaign_id: int | None, stamp: datetime,
    outcome: str | None = None,
) -> int:  # fmt: skip
    """One new pending follow-up (a call back, the next of a recurring one); *outcome*
    marks a date a person chose. Returns its id, or the existing one's for that key."""
    ts = stamp.replace(microsecond=0).isoformat(" ")
    database.execute_sql(
        "INSERT INTO followup (created_at, updated_at, customer_id, vehicle_id, complaint_id,"
        " campaign_id, kind, rule, source_key, purpose, essential, due, status, assignee_id,"
        " reason, attempt, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'pending',?,?,1,?)"
        " ON CONFLICT (source_key) DO NOTHING",
        [ts, ts, customer_id, vehicle_id, complaint_id, campaign_id, kind, rule, source_key,
         purpose, int(essential), due.isoformat(), assignee_id, reason[:200], outcome],
    )  # fmt: skip
    row = database.execute_sql(
        "SELECT id FROM followup WHERE source_key = ?", [source_key]
    ).fetchone()
    return int(row[0])


# -- the desk's day (issue #7) -------------------------------------------------------------
RANKING_SQL = (
    "SELECT f.id, f.customer_id, f.kind, f.due, f.assignee_id, coalesce(f.channel, ''),"
    " coalesce(s.tier, ''), s.score FROM followup f"
    " LEFT JOIN customer_score s ON s.customer_id = f.customer_id"
    " WHERE f.status = 'pending' AND f.catchup = 0 AND f.due <= ?"
)


def ranking_rows(*, until: date, staff_id: int | None = None) -> list[tuple[Any, ...]]:
    """Every open follow-up due by *until* (not the catch-up list) as a lean tuple
    (id, customer id, kind, due as ISO text, assignee id, channel, tier, risk score), for
    the day's ranking; optionally one staff member's only. At 100,000 customers this is
    tens of thousands of rows, read through the covering index ``followup_pending_day``."""
    sql = RANKING_SQL
    params: list[object] = [until.isoformat()]
    if staff_id is not None:
        sql += " AND f.assignee_id = ?"
        params.append(staff_id)
    return list(database.execute_sql(sql, params).fetchall())


def rows_by_ids(
    ids: Iterable[int], *, today: date, labels: Mapping[str, str], grace: Mapping[str, int]
) -> dict[int, FollowupRow]:
    """Full list rows for the given follow-ups (a day's worth, so a few hundred at most)."""
    wanted = sorted(set(ids))
    out: dict[int, FollowupRow] = {}
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        sql = f"{_ROW_SQL} WHERE f.id IN ({','.join('?' * len(part))})"
        for row in _rows(sql, list(part), today=today, labels=labels, grace=grace):
            out[row.id] = row
    return out


def customer_open_rows(
    customer_id: int, *, today: date, labels: Mapping[str, str], grace: Mapping[str, int]
) -> list[FollowupRow]:
    """A customer's open follow-ups (catch-up ones too), soonest first."""
    sql = f"{_ROW_SQL} WHERE f.customer_id = ? AND f.status = 'pending' ORDER BY f.due, f.id"
    return _rows(sql, [customer_id], today=today, labels=labels, grace=grace)


def catchup_rows(
    *, staff_id: int | None, today: date, labels: Mapping[str, str], grace: Mapping[str, int],
    limit: int = 1000,
) -> list[FollowupRow]:  # fmt: skip
    """The catch-up list: back-dated follow-ups of a first plan, oldest first (the first
    *limit* of them: after a large import it holds tens of thousands)."""
    extra, params = _filters(staff_id, None)
    sql = (f"{_ROW_SQL} WHERE f.status = 'pending' AND f.catchup = 1{extra}"
           " ORDER BY f.due, f.id LIMIT ?")  # fmt: skip
    return _rows(sql, [*params, limit], today=today, labels=labels, grace=grace)


def catchup_ids(*, staff_id: int | None = None) -> list[int]:
    extra, params = _filters(staff_id, None)
    sql = f"SELECT f.id FROM followup f WHERE f.status = 'pending' AND f.catchup = 1{extra}"
    return [int(r[0]) for r in database.execute_sql(sql, params)]


def catchup_count(*, staff_id: int | None = None) -> int:
    extra, params = _filters(staff_id, None)
    sql = f"SELECT count(*) FROM followup f WHERE f.status = 'pending' AND f.catchup = 1{extra}"
    return int(database.execute_sql(sql, params).fetchone()[0])


def bring_in(ids: Iterable[int], *, due: date, stamp: datetime) -> int:
    """Take catch-up follow-ups into the plan, due on *due* (a person's date: kept)."""
    ts = stamp.replace(microsecond=0).isoformat(" ")
    rows = [(due.isoformat(), ts, i) for i in ids]
    run_many(
        "UPDATE followup SET catchup = 0, due = ?, outcome = 'rescheduled', updated_at = ?"
        " WHERE id = ? AND status = 'pending' AND catchup = 1", rows)  # fmt: skip
    return len(rows)


@dataclass(frozen=True, slots=True)
class StaffCapacity:
    id: int
    name: str
    calls_per_day: int


def staff_capacities() -> list[StaffCapacity]:
    """Every staff member not archived, with their calls per day, by name."""
    return [StaffCapacity(i, n, int(c)) for i, n, c in database.execute_sql(
        "SELECT id, name, calls_per_day FROM staff WHERE archived = 0 ORDER BY name, id")]  # fmt: skip


def set_calls_per_day(staff_id: int, calls: int, *, stamp: datetime) -> bool:
    with database.atomic():
        n = database.execute_sql(
            "UPDATE staff SET calls_per_day = ?, updated_at = ? WHERE id = ?",
            [calls, stamp.replace(microsecond=0).isoformat(" "), staff_id],
        ).rowcount
    return bool(n)


def batch_contacts(followup_ids: Iterable[int]) -> list[tuple[int, int, str, str, str, str, str]]:
    """(follow-up id, customer id, name, phone, WeChat, e-mail, channel) of each member
    of a greeting batch, by customer name."""
    out: list[tuple[int, int, str, str, str, str, str]] = select_in(
        "SELECT f.id, c.id, c.name, coalesce(c.phone, ''), coalesce(c.wechat, ''),"
        " coalesce(c.email, ''), coalesce(f.channel, '') FROM followup f"
        " JOIN customer c ON c.id = f.customer_id WHERE f.id IN ({ids})",
        followup_ids,
    )
    out.sort(key=lambda r: (r[2], r[0]))
    return out


def complete_many(
    followup_ids: Iterable[int], *, now: datetime, staff_id: int | None, notes: str
) -> list[tuple[int, int]]:
    """Log each pending follow-up as reached on its channel and mark it done (the caller
    holds the transaction); returns (follow-up id, customer id) of those closed."""
    rows: list[tuple[int, int, str, str]] = select_in(
        "SELECT id, customer_id, coalesce(channel, 'wechat'), purpose FROM followup"
        " WHERE status = 'pending' AND id IN ({ids})", followup_ids,
    )  # fmt: skip
    ts = now.replace(microsecond=0).isoformat(" ")
    run_many(
        "INSERT INTO contact_log (created_at, updated_at, customer_id, at, channel, direction,"
        " outcome, purpose, staff_id, followup_id, notes) VALUES (?,?,?,?,?,'out','reached',?,?,?,?)",
        [(ts, ts, c, ts, ch, pu, staff_id, f, notes) for f, c, ch, pu in rows],
    )  # fmt: skip
    run_many(
        "UPDATE followup SET status = 'done', outcome = 'reached', completed_at = ?,"
        " updated_at = ? WHERE id = ? AND status = 'pending'",
        [(ts, ts, f) for f, _c, _ch, _pu in rows],
    )  # fmt: skip
    return [(f, c) for f, c, _ch, _pu in rows]


def staff_names() -> list[tuple[int, str, str]]:
    return [(int(i), str(n), str(u)) for i, n, u in database.execute_sql(
        "SELECT id, name, username FROM staff WHERE archived = 0 ORDER BY name, id")]  # fmt: skip


def dismiss_catchup(
    followup_ids: Iterable[int], *, now: datetime, note: str, live: Mapping[str, date]
) -> tuple[list[int], list[int]]:
    """Skip the given catch-up follow-ups with *note*, in bulk (the caller holds the
    transaction). A recurring one (a rule in *live*: stay-in-touch, complaint) frees its
    key and continues under it, due on ``live[rule]`` as if snoozed. Returns (the ids
    skipped, their customers)."""
    rows: list[tuple[Any, ...]] = select_in(
        "SELECT id, customer_id, kind, rule, source_key, purpose, essential, reason,"
        " vehicle_id, complaint_id, campaign_id, assignee_id, channel FROM followup"
        " WHERE status = 'pending' AND catchup = 1 AND id IN ({ids})", followup_ids,
    )  # fmt: skip
    ts = now.replace(microsecond=0).isoformat(" ")
    run_many(
        "UPDATE followup SET status = 'skipped', notes = ?, completed_at = ?, updated_at = ?,"
        " source_key = ? WHERE id = ? AND status = 'pending'",
        [(note, ts, ts, f"{r[4]}@{r[0]}"[:80] if r[3] in live else r[4], r[0]) for r in rows],
    )  # fmt: skip
    run_many(
        "INSERT INTO followup (created_at, updated_at, customer_id, vehicle_id, complaint_id,"
        " campaign_id, kind, rule, source_key, purpose, essential, due, status, assignee_id,"
        " reason, attempt, outcome, channel, catchup) VALUES"
        " (?,?,?,?,?,?,?,?,?,?,?,?,'pending',?,?,1,'snoozed',?,0)"
        " ON CONFLICT (source_key) DO NOTHING",
        [(ts, ts, r[1], r[8], r[9], r[10], r[2], r[3], r[4], r[5], r[6],
          live[r[3]].isoformat(), r[11], r[7], r[12]) for r in rows if r[3] in live],
    )  # fmt: skip
    return [int(r[0]) for r in rows], sorted({int(r[1]) for r in rows})
