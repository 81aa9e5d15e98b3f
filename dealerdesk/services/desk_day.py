"""The desk's day: each person's follow-ups cut to their capacity, best first.

DESIGN "The desk's day". One function, :func:`day_plan`, answers "whom do I call today"
for Today, ``dealerdesk today`` and the agenda PDF; the ranking is
``retention.priority.priority_key`` (the Calendar sorts with it too):

- every open follow-up due by today (not the catch-up list) is read in one lean query
  with the customer's tier and risk score;
- greetings (holidays, birthdays, anniversaries, personal dates) of one occasion, one
  channel and one person become ONE batch task (a list to send), which counts once;
- each person's list is cut at their ``calls_per_day`` (default 40); the rest is
  "later": counted, and its rows loaded on request (``later_page``), never dropped.

Also here: the catch-up list (a first plan's back-dated follow-ups, reviewed once), the
batch actions (the member list, ticking a whole batch off), and capacities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from typing import Any

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.retention.priority import (
    DEFAULT_CAPACITY,
    GREETINGS,
    DayCut,
    PriorityInput,
    cut_to_capacity,
    priority_key,
    sort_key,
)
from dealerdesk.services import followups
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import followup_queries as fq
from dealerdesk.store.db import write_transaction
from dealerdesk.store.followup_queries import FollowupRow, StaffCapacity

__all__ = [
    "BatchMember", "BatchTask", "DayPlan", "StaffDay", "bring_in_catchup", "catchup_list",
    "complete_batch", "customer_followups", "day_plan", "dismiss_catchup", "later_page",
    "list_capacities", "set_capacity", "sort_rows",
]  # fmt: skip

UNASSIGNED = None
MAX_CAPACITY = 500


@dataclass(frozen=True, slots=True)
class BatchTask:
    """One greeting occasion for one channel and one person: a list to send at once.

    It reads like a follow-up row (``customer_name`` is the count, ``reason`` what to
    send) so the same table shows both; ``followup_ids`` are its members.
    """

    key: str
    id: int  # negative: never a follow-up id
    kind: str
    kind_label: str
    title: Msg
    channel: str
    due: date
    occasion_day: date
    followup_ids: tuple[int, ...]
    assignee_id: int | None
    assignee: str
    overdue_days: int = 0
    status: str = "pending"
    phone: str = ""
    vehicle: str = ""
    last_contact: date | None = None
    essential: bool = False
    tier: str = ""
    risk: int | None = None

    @property
    def count(self) -> int:
        return len(self.followup_ids)

    @property
    def customer_name(self) -> str:
        return render(Msg("followups.batch.count", {"n": self.count}))

    @property
    def reason(self) -> str:
        return render(self.title)

    @property
    def is_batch(self) -> bool:
        return True


Task = FollowupRow | BatchTask


@dataclass(frozen=True, slots=True)
class StaffDay:
    """One person's day: ``tasks`` (at most ``capacity``, best first) and how many wait
    "later" (their rows come from ``later_page``)."""

    staff_id: int | None
    staff_name: str
    capacity: int
    tasks: tuple[Task, ...]
    later: int
    followups_today: int  # follow-ups behind the tasks (a batch holds many)


@dataclass(frozen=True, slots=True)
class DayPlan:
    today: date
    people: tuple[StaffDay, ...]
    catchup: int  # follow-ups waiting on the catch-up list

    @property
    def tasks(self) -> list[Task]:
        return [t for p in self.people for t in p.tasks]

    @property
    def later(self) -> int:
        return sum(p.later for p in self.people)


# -- ranking ---------------------------------------------------------------------------------
def _key(item: FollowupRow) -> PriorityInput:
    return PriorityInput(item.kind, item.due, item.tier, item.risk, item.id)


def sort_rows(rows: Iterable[FollowupRow]) -> list[FollowupRow]:
    """Follow-up rows in the one priority order (the Calendar's and the PDF's lists)."""
    return sorted(rows, key=lambda r: priority_key(_key(r)))


@dataclass(frozen=True, slots=True)
class _Proto:
    """A batch while it is being ranked: greetings of one kind, day, channel and person."""

    kind: str
    due: date
    assignee_id: int | None
    channel: str
    member_ids: tuple[int, ...]
    id: int


Row = tuple[Any, ...]  # (id, customer id, kind, due ISO, assignee id, channel, tier, score)


def _entries(rows: Iterable[Row]) -> list[tuple[tuple[object, ...], int | None, Row | _Proto]]:
    """(priority key, owner, row or batch) for each task: greetings grouped into batches.

    Rows stay raw tuples and are keyed with ``priority.sort_key`` (the same order as
    ``priority_key``): at 100,000 customers this runs over tens of thousands of rows.
    """
    out: list[tuple[tuple[object, ...], int | None, Row | _Proto]] = []
    groups: dict[tuple[str, str, str, int | None], list[int]] = {}
    greetings = GREETINGS
    for r in rows:
        kind = r[2]
        if kind in greetings:
            groups.setdefault((kind, r[3], r[5], r[4]), []).append(r[0])
        else:
            out.append((sort_key(kind, r[3], r[6], r[7], r[0]), r[4], r))
    for n, ((kind, due, channel, who), ids) in enumerate(sorted(
            groups.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2], kv[0][3] or 0))):  # fmt: skip
        day = due if isinstance(due, date) else date.fromisoformat(str(due)[:10])  # PostgreSQL
        batch = _Proto(kind, day, who, channel, tuple(sorted(ids)), -(n + 1))
        out.append((sort_key("batch", due, "", None, batch.id), who, batch))
    return out


def _holiday_name(source_key: str) -> Msg:
    code = source_key.split(":")[3] if source_key.count(":") >= 3 else ""
    known = {"newyear", "spring", "dragonboat", "midautumn", "national"}
    return Msg(f"followups.holiday.{code}") if code in known else Msg("followups.kind.holiday")


def _batch_title(p: _Proto, day: date, source_key: str) -> Msg:
    channel = Msg(f"vocab.channel.{p.channel}") if p.channel else Msg("followups.any_channel")
    what = _holiday_name(source_key) if p.kind == "holiday" else Msg(f"followups.kind.{p.kind}")
    return Msg("followups.batch.title", {"what": what, "day": day, "channel": channel})


def _cut(today: date, staff_id: int | None) -> tuple[dict[int | None, DayCut[Any]],
                                                     dict[int | None, StaffCapacity]]:  # fmt: skip
    staff: dict[int | None, StaffCapacity] = {s.id: s for s in fq.staff_capacities()}
    cut = cut_to_capacity(
        _entries(fq.ranking_rows(until=today, staff_id=staff_id)), key=itemgetter(0),
        owner=itemgetter(1),
        capacity=lambda who: staff[who].calls_per_day if who in staff else DEFAULT_CAPACITY,
    )  # fmt: skip
    return cut, staff


def _materialise(entries: Sequence[tuple[object, int | None, Row | _Proto]], today: date,
                 staff: dict[int | None, StaffCapacity]) -> list[Task]:  # fmt: skip
    labels, grace = followups.KIND_LABELS, followups.grace_days()
    batches = [e[2] for e in entries if isinstance(e[2], _Proto)]
    ids = [e[2][0] for e in entries if not isinstance(e[2], _Proto)]
    ids += [b.member_ids[0] for b in batches if b.kind == "holiday"]
    rows = fq.rows_by_ids(ids, today=today, labels=labels, grace=grace)
    offsets = {r.key: r.offset_days for r in followups.cadence_rules()}
    out: list[Task] = []
    for _key, _who, e in entries:
        if not isinstance(e, _Proto):
            if e[0] in rows:
                out.append(rows[e[0]])
            continue
        # A birthday's or anniversary's own day (the task is the day before); a holiday
        # batch's task day (the last working day before the holiday).
        day = e.due if e.kind == "holiday" else e.due - timedelta(days=offsets.get(e.kind, 0))
        first = rows.get(e.member_ids[0])
        who = staff.get(e.assignee_id)
        out.append(BatchTask(
            key=f"{e.kind}:{e.due.isoformat()}:{e.channel}:{e.assignee_id}", id=e.id,
            kind=e.kind, kind_label=labels.get(e.kind, e.kind),
            title=_batch_title(e, day, first.source_key if first else ""), channel=e.channel,
            due=e.due, occasion_day=day, followup_ids=e.member_ids, assignee_id=e.assignee_id,
            assignee=who.name if who else "", overdue_days=max(0, (today - e.due).days),
        ))  # fmt: skip
    return out


def day_plan(*, today: date, staff_id: int | None = None) -> DayPlan:
    """Each person's list for *today* cut to their capacity (one person's with *staff_id*).

    People appear by name, the unassigned last; someone with nothing due is left out.
    """
    cut, staff = _cut(today, staff_id)
    people = []
    order = sorted(cut, key=lambda w: (w is None, staff[w].name if w in staff else "", w or 0))
    for who in order:
        day = cut[who]
        tasks = _materialise(day.today, today, staff)
        n = sum(t.count if isinstance(t, BatchTask) else 1 for t in tasks)
        name = staff[who].name if who in staff else ""
        people.append(StaffDay(who, name, day.capacity, tuple(tasks), len(day.later), n))
    return DayPlan(today, tuple(people), fq.catchup_count(staff_id=staff_id))


def later_page(
    *, today: date, staff_id: int | None, offset: int = 0, limit: int = 200
) -> list[Task]:
    """One person's tasks past their capacity ("later"), in the same order, a page at a
    time (``staff_id`` None: the unassigned follow-ups)."""
    if offset < 0 or not 1 <= limit <= 1000:
        raise ValidationError("limit", f"{limit} is out of range (1 to 1000)")
    cut, staff = _cut(today, staff_id)
    day = cut.get(staff_id)
    if day is None:
        return []
    return _materialise(day.later[offset : offset + limit], today, staff)


def only(plan: DayPlan, staff_id: int | None) -> DayPlan:
    """The plan of one person."""
    return DayPlan(plan.today, tuple(p for p in plan.people if p.staff_id == staff_id),
                   plan.catchup)  # fmt: skip


def kind_text(task: Task) -> str:
    """What kind of task, in the current language."""
    return render(Msg(f"followups.kind.{task.kind}")) if task.kind in _KINDS else task.kind_label


def kind_text_of(kind: str) -> str:
    """A follow-up kind in words, in the current language."""
    return render(Msg(f"followups.kind.{kind}")) if kind in _KINDS else kind


_KINDS = frozenset(followups.KIND_LABELS)


# -- capacity --------------------------------------------------------------------------------
def list_capacities() -> list[StaffCapacity]:
    return fq.staff_capacities()


def list_staff_names() -> list[tuple[int, str, str]]:
    """(id, name, username) of every staff member not archived."""
    return fq.staff_names()


def set_capacity(*, staff_id: int, calls_per_day: int, today: date) -> Changed:
    """A staff member's calls per day (0 to 500): where Today cuts their list."""
    if not 0 <= calls_per_day <= MAX_CAPACITY:
        raise ValidationError("calls_per_day", f"{calls_per_day} is out of range (0 to 500)")
    if not fq.set_calls_per_day(staff_id, calls_per_day, stamp=_at(today)):
        raise ValidationError("staff_id", f"no staff member with id {staff_id}")
    return changed("staff")


# -- batches -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BatchMember:
    followup_id: int
    customer_id: int
    name: str
    phone: str
    wechat: str
    email: str
    channel: str


def batch_members(followup_ids: Sequence[int]) -> list[BatchMember]:
    """Whom a batch greets, with the contact details its channel needs, by name."""
    return [BatchMember(*r) for r in fq.batch_contacts(followup_ids)]


def complete_batch(
    *, followup_ids: Sequence[int], now: datetime, staff_id: int | None = None
) -> Changed:
    """Tick a whole batch off: each pending member is logged as sent on its channel and
    done, in one transaction; members already closed are left alone."""
    if not followup_ids:
        raise ValidationError("followup_ids", "the batch is empty")
    note = render(Msg("followups.batch.sent_note"))
    with write_transaction():
        done = fq.complete_many(followup_ids, now=now, staff_id=staff_id, notes=note)
        customers = sorted({c for _i, c in done})
        if customers:
            followups.replan(customers, today=now.date(), now=now)
    return changed("followup", "contact_log", customers=tuple(customers),
                   followups=tuple(i for i, _c in done))  # fmt: skip


# -- the catch-up list -------------------------------------------------------------------------
def catchup_list(
    *, today: date, staff_id: int | None = None, limit: int = 1000
) -> list[FollowupRow]:
    """The first *limit* follow-ups of the catch-up list, oldest first."""
    return fq.catchup_rows(staff_id=staff_id, today=today, labels=followups.KIND_LABELS,
                           grace=followups.grace_days(), limit=limit)  # fmt: skip


def _catchup_ids(followup_ids: Sequence[int] | None, staff_id: int | None) -> Sequence[int]:
    return fq.catchup_ids(staff_id=staff_id) if followup_ids is None else followup_ids


def bring_in_catchup(
    *, followup_ids: Sequence[int] | None, today: date, staff_id: int | None = None
) -> Changed:
    """Take reviewed catch-up follow-ups (None: all of them, or all of *staff_id*'s) into
    the plan, due today: Today ranks them with the rest and cuts at capacity, so they
    never flood one day."""
    with write_transaction():
        ids = _catchup_ids(followup_ids, staff_id)
        fq.bring_in(ids, due=today, stamp=_at(today))
    return changed("followup", followups=tuple(ids))


def dismiss_catchup(
    *, followup_ids: Sequence[int] | None, now: datetime, staff_id: int | None = None
) -> Changed:
    """Drop reviewed catch-up follow-ups in one transaction (tens of thousands after a
    large import); a stay-in-touch call starts again one interval from today, a
    complaint's follow-up one complaint interval from today, as ``skip_followup`` does."""
    rules = {r.key: r for r in followups.cadence_rules()}
    today = now.date()
    touch, complaint = rules["touch"], rules["complaint"]
    live = {"touch": today + timedelta(days=touch.offset_days),
            "complaint": today + timedelta(days=complaint.limit_days or 3)}  # fmt: skip
    note = render(Msg("followups.catchup.dismissed"))
    with write_transaction():
        ids, customers = fq.dismiss_catchup(_catchup_ids(followup_ids, staff_id), now=now,
                                            note=note, live=live)  # fmt: skip
    return changed("followup", customers=tuple(customers), followups=tuple(ids))


# -- a customer's open follow-ups ---------------------------------------------------------------
def customer_followups(*, customer_id: int, today: date) -> list[FollowupRow]:
    """The customer's open follow-ups, soonest first (their detail page shows them)."""
    return fq.customer_open_rows(customer_id, today=today, labels=followups.KIND_LABELS,
                                 grace=followups.grace_days())  # fmt: skip


def _at(day: date) -> datetime:
    """Row timestamps on the business day (no clock read below the entry points)."""
    return datetime.combine(day, time())
