"""Follow-up use cases: generate from the cadence rules, list, and work them.

The CLI and the window call these with keyword arguments; ``today``/``now`` are always
passed in, so ``--today`` and the tests are deterministic. Every write is one
transaction and returns ``Changed`` so each screen refreshes only what it shows.

Working a follow-up (``complete_followup``) logs the contact with its outcome, linked to
the follow-up, in the same transaction, then re-plans that customer (the new contact
resets the stay-in-touch clock at once). Outcomes:
- reached, declined, wrong_number: the follow-up is done.
- no_answer: it stays pending and is retried the next working day, up to
  ``max_no_answer`` attempts (default 3); the last unanswered one closes it. Every
  attempt is a ``no_answer`` row in the contact log, which is what the risk score counts
  as "calls unanswered".
- call_back: done, and the next follow-up of the same kind is due on the agreed day
  (default: the next working day), assigned to whoever promised it. A stay-in-touch or
  complaint follow-up continues under its own key, so each stays one at a time.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import gc
import hashlib
import logging
import marshal
import sys
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from importlib import metadata
from pathlib import Path

from dealerdesk.errors import ConflictError, ValidationError
from dealerdesk.i18n import Msg, t
from dealerdesk.retention.cadence import (
    DEFAULT_RULES,
    KIND_LABELS,
    RULE_KEYS,
    CadenceConfig,
    CampaignInput,
    ComplaintInput,
    CustomerInput,
    CustomerPlan,
    HeldBack,
    PendingInput,
    PersonalDateInput,
    PlanContext,
    RuleSpec,
    StoredRule,
    VehicleInput,
    VisitInput,
    WorkCalendar,
    effective_rules,
    plan,
)
from dealerdesk.retention.cadence.dates import fmt_day
from dealerdesk.services import settings
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import followup_queries as fq
from dealerdesk.store import key_account_store
from dealerdesk.store.db import write_transaction
from dealerdesk.store.followup_queries import FollowupRow
from dealerdesk.vocab.contact import Channel, Outcome

__all__ = [
    "KIND_LABELS", "FollowupRow", "GenerateResult", "cadence_config", "cadence_rules",
    "complete_followup", "day_agenda", "due_followups", "ensure_cadence_rules",
    "generate_followups", "month_counts", "reschedule_followup", "schedule_followup",
    "skip_followup",
    "snooze_followup", "update_cadence_rule",
]  # fmt: skip

log = logging.getLogger(__name__)

LIVE_RULES = frozenset({"touch", "complaint"})  # recurring: a closed one frees its key
DEFAULT_HORIZON = 90
REWRITE_FROM = 5000  # settled customers re-recorded from which the table is rewritten
_FACTORIES = fq.InputFactories(
    customer=CustomerInput, vehicle=VehicleInput, visit=VisitInput, complaint=ComplaintInput,
    personal_date=PersonalDateInput, pending=PendingInput, campaign=CampaignInput,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GenerateResult:
    """What a generation run did; ``held_back``: new ones the fatigue cap kept back."""

    created: int
    moved: int
    cancelled: int
    unchanged: int
    held_back: int = 0


def _stamp(today: date) -> datetime:
    """Row metadata (created_at/updated_at) on the business day: no clock is read below
    the entry points, so a run under ``--today`` writes the same whatever the machine's
    date (issue #7)."""
    return datetime.combine(today, clock_time())


# -- rules and settings --------------------------------------------------------------------
def ensure_cadence_rules() -> int:
    """Seed the default cadence rules that are not stored yet; returns how many were added."""
    return fq.seed_cadence_rules(
        {"key": r.key, "label": r.label, "offset_days": r.offset_days, "limit_days": r.limit_days,
         "purpose": r.purpose, "essential": r.essential, "enabled": r.enabled}
        for r in DEFAULT_RULES
    )  # fmt: skip


def cadence_rules() -> list[RuleSpec]:
    """The rules in effect (stored values over the defaults), in the table's order."""
    rules = effective_rules(StoredRule(**asdict(r)) for r in fq.cadence_rules())
    return [rules[r.key] for r in DEFAULT_RULES]


def update_cadence_rule(
    *,
    key: str,
    offset_days: int | None = None,
    limit_days: int | None = None,
    enabled: bool | None = None,
    label: str | None = None,
) -> Changed:
    """Edit one rule from Settings; the next generation run applies it."""
    from dealerdesk.services.auth import require  # issue #11: managers change the rules
    from dealerdesk.vocab.staff import Permission

    require(Permission.CHANGE_RULES)
    if key not in RULE_KEYS:
        raise ValidationError("key", t("followups.rule.unknown", key=key))
    changes: dict[str, object] = {}
    if offset_days is not None:
        if not -366 <= offset_days <= 3660:
            raise ValidationError("offset_days", t("followups.rule.days_range", n=offset_days))
        changes["offset_days"] = offset_days
    if limit_days is not None:
        if limit_days < 1:  # 0 would read as "not set" and quietly mean the default
            raise ValidationError("limit_days", t("followups.rule.at_least_one", n=limit_days))
        changes["limit_days"] = limit_days
    if enabled is not None:
        changes["enabled"] = bool(enabled)
    if label is not None:
        if not label.strip() or len(label) > 80:
            raise ValidationError("label", t("followups.rule.label"))
        changes["label"] = label.strip()
    ensure_cadence_rules()
    if changes:
        fq.update_cadence_rule(key, changes)
    return changed("cadence_rule")


def update_cadence_rules(edits: Sequence[tuple[str, bool, int, int | None]]) -> Changed:
    """Settings' "Save rules": (key, enabled, days, second figure or None) per edited rule,
    all or none (a refused figure leaves every rule as it was)."""
    with write_transaction():
        for key, enabled, days, limit in edits:
            update_cadence_rule(key=key, enabled=enabled, offset_days=days, limit_days=limit)
    return changed("cadence_rule")


def cadence_config() -> CadenceConfig:
    """The dealership's knobs from settings (country, fatigue cap and window)."""

    def number(key: str) -> int | None:
        text = settings.get(key).strip().lower()
        if text in ("", "none", "off"):  # no cap
            return None
        try:
            return max(0, int(text))
        except ValueError as exc:
            raise ValidationError(key, f"“{text}” is not a whole number") from exc

    cap = number("fatigue_cap")
    days = number("fatigue_days") or 30
    return CadenceConfig(
        country=settings.get("country") or "CN", fatigue_cap=cap, fatigue_days=days
    )


# -- generation ----------------------------------------------------------------------------
def generate_followups(
    *, today: date, horizon_days: int = DEFAULT_HORIZON, customer_ids: Sequence[int] | None = None
) -> GenerateResult:
    """Create, move and cancel follow-ups so the table matches the rules (idempotent).

    *customer_ids* limits the run to those customers (after one was edited).
    """
    if horizon_days < 0 or horizon_days > 3660:
        raise ValidationError("horizon_days", f"{horizon_days} is out of range (0 to 3660)")
    # A full run allocates a few million small objects that all live until the end: the
    # cyclic collector would rescan them again and again for nothing (~20% of the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        counts, held = _generate(today, horizon_days, customer_ids, _stamp(today))
    finally:
        if collecting:
            gc.enable()
    return GenerateResult(counts.created, counts.moved, counts.cancelled, counts.unchanged, held)


def held_back(*, customer_id: int, today: date) -> tuple[HeldBack, ...]:
    """What the fatigue cap holds back for this customer now, each with why (a dry run
    of the plan: nothing is written)."""
    plans, _data, _t = _plans(today, DEFAULT_HORIZON, [customer_id])
    return tuple(h for p in plans for h in p.held)


def _plans(
    today: date, horizon_days: int, customer_ids: Sequence[int] | None,
    settled: Mapping[int, str] | None = None,
) -> tuple[list[CustomerPlan], fq.PlannerData, tuple[float, float]]:  # fmt: skip
    """Plan the customers (all, or *customer_ids*), less those *settled* ({id:
    fingerprint}) whose fingerprint has not changed (see ``_salt``)."""
    config = cadence_config()
    rules = {r.key: r for r in cadence_rules()}
    try:
        calendar_ = WorkCalendar(config.country)
        calendar_.is_working_day(today)
    except ValueError as exc:
        raise ValidationError("country", str(exc)) from exc
    started = time.perf_counter()
    late = config.late_days
    after_visit = max(rules["satisfaction"].offset_days, rules["declined_work"].offset_days)
    before = max(0, *(-r.offset_days for r in rules.values()))
    campaigns = fq.load_campaigns(factories=_FACTORIES, campaigns_from=today)
    ctx = PlanContext.build(
        rules=rules, config=config, today=today, horizon_days=horizon_days,
        campaigns=campaigns, calendar=calendar_, desk_staff=fq.desk_staff(),
    )  # fmt: skip
    data = fq.load_planner_data(
        factories=_FACTORIES,
        fatigue_since=today - timedelta(days=config.fatigue_days - 1),
        lapsed_before=today - timedelta(days=config.lapsed_after_days),
        visits_since=today - timedelta(days=after_visit + late + 1),
        closed_since=today - timedelta(days=max(late, config.service_late_days, before) + 30),
        campaigns_from=today,
        customer_ids=customer_ids,
        campaigns=campaigns,
        settled=settled,
        salt=_salt(ctx) if settled is not None else b"",
        lost_before=today - timedelta(days=config.lost_after_days),
        pauses_on=today,
    )
    loaded = time.perf_counter()
    return plan(data.customers, ctx), data, (started, loaded)


# Whatever a plan is computed by: a new version of any of these re-plans everyone.
_PLANNER_MODULES = (
    "dealerdesk.retention.cadence", "dealerdesk.retention.cadence.dates",
    "dealerdesk.retention.cadence.aftersales",
    "dealerdesk.retention.cadence.generators", "dealerdesk.retention.cadence.inputs",
    "dealerdesk.retention.cadence.planner", "dealerdesk.retention.cadence.rules",
    "dealerdesk.retention.priority", "dealerdesk.store.convert",
    "dealerdesk.store.followup_inputs", "dealerdesk.store.followup_queries", __name__,
)  # fmt: skip


@functools.cache
def _code_print() -> bytes:
    """A hash of the planner's code and of the calendars it reads (holidays, lunar dates)."""
    h = hashlib.blake2b()
    for name in _PLANNER_MODULES:
        module = sys.modules[name]
        try:
            h.update(Path(str(module.__file__)).read_bytes())
        except (OSError, TypeError):  # a frozen build: no source, but the code object
            loader = module.__spec__.loader if module.__spec__ else None
            code = loader.get_code(name) if hasattr(loader, "get_code") else None  # type: ignore[union-attr]
            h.update(marshal.dumps(code) if code is not None else repr(module).encode())
    for dist in ("holidays", "lunardate", "dealerdesk"):
        try:
            h.update(f"{dist}={metadata.version(dist)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=?;".encode())
    h.update(sys.version.encode())  # the serialisation of the facts is the interpreter's
    return h.digest()


def _plain(value: object) -> object:
    """*value* with sets and mappings in a fixed order, for a repr that is the same in
    every process (a frozenset of strings iterates in a per-process order)."""
    if isinstance(value, Mapping):
        return tuple(sorted(((repr(k), _plain(v)) for k, v in value.items()), key=repr))
    if isinstance(value, set | frozenset):
        return tuple(sorted((_plain(v) for v in value), key=repr))
    if isinstance(value, tuple | list):
        return tuple(_plain(v) for v in value)
    return value


def _salt(ctx: PlanContext) -> bytes:
    """Everything a customer's plan depends on besides that customer's facts: the day,
    the horizon, the rules and settings, the holidays and campaigns in view, and the
    code. Keys each customer's fingerprint, so a change to any of them re-plans all."""
    tasks = [(t.rule, t.prefix, t.suffix, t.due, t.reason, t.campaign_id, _plain(t.audience))
             for t in ctx.shared_tasks]  # fmt: skip
    # Every field of the rules, settings and campaigns (asdict: a field added later is in).
    camps = [_plain(asdict(c)) for c in ctx.campaigns]
    rules = [_plain(asdict(r)) for _, r in sorted(ctx.rules.items())]
    facts = (ctx.today, ctx.horizon_end, rules, _plain(asdict(ctx.config)), ctx.holidays, tasks,
             camps, ctx.desk_staff)  # fmt: skip
    return _code_print() + repr(facts).encode()


def _settles(c: CustomerInput, p: CustomerPlan) -> bool:
    """True if reconciling *p* writes nothing, touching only *c*'s own pending rows:
    then the same facts (the same fingerprint) give the same plan, which again writes
    nothing, and the customer can be skipped until a fingerprint changes."""
    if p.dropped:
        return False
    own = {x.key: x for x in c.pending}
    for w in p.wanted:
        row = own.get(w.source_key)
        if (row is None or row.due != w.due or row.assignee_id != w.assignee_id
                or row.reason != w.reason):  # fmt: skip
            return False
    return True


def _generate(
    today: date, horizon_days: int, customer_ids: Sequence[int] | None, stamp: datetime
) -> tuple[fq.ReconcileCounts, int]:
    known = fq.settled_plans(customer_ids)
    plans, data, (started, loaded) = _plans(
        today, horizon_days, customer_ids, {k: v[0] for k, v in known.items()}
    )
    wanted = [w for p in plans for w in p.wanted]
    cancel = [(k, why) for p in plans for k, why in p.dropped.items()]
    settle: list[tuple[int, str, int, int]] = []
    unsettle: list[int] = []
    prints = data.fingerprints
    for c, p in zip(data.customers, plans, strict=True):
        if _settles(c, p):
            settle.append((c.id, prints[c.id], len(p.wanted), p.held_back))
        elif c.id in known:
            unsettle.append(c.id)
    # Most of the table changing (a new day): rewriting it is faster than updating it.
    settle_all = customer_ids is None and len(settle) > max(len(known) // 2, REWRITE_FROM)
    if settle_all:
        settle += [(cid, *known[cid]) for cid in data.settled]
    planned = time.perf_counter()
    counts = fq.reconcile(wanted, cancel, data.pending, stamp=stamp, settle=settle,
                          unsettle=unsettle, settle_all=settle_all)  # fmt: skip
    skipped = [known[cid] for cid in data.settled]
    counts = dataclasses.replace(counts, unchanged=counts.unchanged + sum(k[1] for k in skipped))
    log.info(
        "follow-ups for %d customers (%d settled, skipped): load %.2fs, plan %.2fs, write %.2fs;"
        " %d new, %d moved, %d cancelled, %d unchanged", len(data.customers) + len(skipped),
        len(skipped), loaded - started, planned - loaded, time.perf_counter() - planned,
        counts.created, counts.moved, counts.cancelled, counts.unchanged,
    )  # fmt: skip
    return counts, sum(p.held_back for p in plans) + sum(k[2] for k in skipped)


# -- lists ---------------------------------------------------------------------------------
def grace_days() -> dict[str, int]:
    """Days a follow-up may stay due before it counts as overdue (stay-in-touch: the gap
    between "due" at 30 days and "overdue" at 60)."""
    touch = next(r for r in cadence_rules() if r.key == "touch")
    return {"touch": max(0, (touch.limit_days or touch.offset_days) - touch.offset_days)}


def due_followups(
    *, today: date, days: int = 0, staff_id: int | None = None, kind: str | None = None
) -> list[FollowupRow]:
    """Overdue follow-ups and those due within *days*, oldest first."""
    if days < 0:
        raise ValidationError("days", f"{days} cannot be negative")
    return fq.due_rows(
        today=today, until=today + timedelta(days=days), staff_id=staff_id, kind=kind,
        labels=KIND_LABELS, grace=grace_days(),
    )  # fmt: skip


def month_counts(
    *, year: int, month: int, today: date, staff_id: int | None = None, kind: str | None = None
) -> dict[date, int]:
    """Open follow-ups per day of the month (every day present, 0 when none).

    Overdue ones are counted on *today* (they are today's work), not on their past day.
    """
    if not 1 <= month <= 12:
        raise ValidationError("month", f"{month} is not a month (1–12)")
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    counts = fq.month_counts(first=first, last=last, today=today, staff_id=staff_id, kind=kind)
    return {first + timedelta(days=i): counts.get(first + timedelta(days=i), 0)
            for i in range((last - first).days + 1)}  # fmt: skip


def day_agenda(
    *, day: date, staff_id: int | None = None, kind: str | None = None, today: date | None = None
) -> list[FollowupRow]:
    """A day's follow-ups, open ones first; on *today* also everything overdue."""
    return fq.day_rows(
        day=day, today=today, staff_id=staff_id, kind=kind, labels=KIND_LABELS, grace=grace_days()
    )


# -- working a follow-up -------------------------------------------------------------------
def _pending(followup_id: int) -> fq.FollowupRef:
    f = fq.get_followup(followup_id)
    if f.status == "done":
        raise _taken(followup_id)
    if f.status != "pending":
        raise ValidationError("followup_id", f"follow-up #{followup_id} is already {f.status}")
    return f


def _taken(followup_id: int, not_contact: int | None = None) -> ConflictError:
    """Another desk completed this follow-up first (issue #9: one wins, no double log)."""
    who = fq.worked_by(followup_id, not_contact)
    if who:
        return ConflictError(Msg("store.followup_taken", {"who": who}))
    return ConflictError(Msg("store.followup_taken_unknown", {}))


def complete_followup(
    *,
    followup_id: int,
    outcome: str,
    channel: str = "phone",
    notes: str = "",
    staff_id: int | None = None,
    now: datetime,
    callback_on: date | None = None,
    vehicle_id: int | None = None,
) -> Changed:
    """Log the contact with its outcome and close (or retry, or call back) the follow-up.

    Issue #16: the outcome's re-contact delay (Settings) sets the retry and the default
    call-back day; car sold / insured or serviced elsewhere pause or close that car's
    contacts (*vehicle_id*, else the follow-up's car, else the customer's only car)."""
    if outcome not in tuple(Outcome):
        raise ValidationError("outcome", f"“{outcome}” is not one of {', '.join(Outcome)}")
    if channel not in tuple(Channel):
        raise ValidationError("channel", f"“{channel}” is not one of {', '.join(Channel)}")
    notes = (notes or "").strip()
    if len(notes) > 4000:
        raise ValidationError("notes", f"is too long ({len(notes)} characters, at most 4000)")
    today = now.date()
    if callback_on is not None and (outcome != "call_back" or callback_on < today):
        why = "is in the past" if outcome == "call_back" else "only goes with the outcome call_back"
        raise ValidationError("callback_on", why)
    config = cadence_config()
    cal = WorkCalendar(config.country)
    touched: set[int] = {followup_id}
    from dealerdesk.services import aftersales  # issue #16 (it re-plans through this module)

    delay = aftersales.outcome_delay(outcome)
    with write_transaction():
        f = _pending(followup_id)
        mine = fq.insert_contact(
            customer_id=f.customer_id, at=now, channel=channel, outcome=outcome,
            purpose=f.purpose, staff_id=staff_id, followup_id=f.id, notes=notes,
        )  # fmt: skip
        key_account_store.address_contact(mine, key_account_store.followup_person(f.id))  # #14
        if outcome == "no_answer" and f.attempt < config.max_no_answer:
            won = fq.set_pending(f.id, due=cal.add_working_days(today, max(delay, 1)),
                                 outcome="no_answer",
                                 stamp=now, attempt=f.attempt + 1)  # fmt: skip
        else:
            note = notes
            if outcome == "no_answer":
                note = (f"No answer {f.attempt} times in a row. {notes}").strip()
            won = fq.close_followup(f.id, status="done", outcome=outcome, at=now, notes=note,
                                    rename=f.rule in LIVE_RULES)  # fmt: skip
        if not won:  # another desk completed it since we read it: undo our contact (#9)
            raise _taken(followup_id, not_contact=mine)
        if outcome == "call_back":
            due = callback_on or cal.add_working_days(today, max(delay, 1))
            touched.add(_successor(f, due=due, outcome="call_back", stamp=now, staff_id=staff_id,
                                   reason=f"Call back as agreed on {fmt_day(today)}: {f.reason}"))  # fmt: skip
        made = aftersales.apply_outcome(
            customer_id=f.customer_id, outcome=outcome, today=today,
            vehicle_id=vehicle_id if vehicle_id is not None else f.vehicle_id, rule=f.rule,
            staff_id=staff_id, assignee_id=f.assignee_id,
        )  # fmt: skip
        if made is not None:
            touched.add(made)
        counts, _ = _generate(today, DEFAULT_HORIZON, [f.customer_id], now)
    touched.update(counts.created_ids, counts.touched_ids)
    return changed(
        "followup", "contact_log", customers=(f.customer_id,), followups=tuple(sorted(touched))
    )


def _successor(
    f: fq.FollowupRef, *, due: date, outcome: str, stamp: datetime, staff_id: int | None,
    reason: str,
) -> int:  # fmt: skip
    """The follow-up that continues *f* on a date a person chose.

    A recurring one (stay-in-touch, complaint) continues under its own key, so there is
    still only one pending per customer or complaint; any other gets a ``callback:`` key.
    """
    live = f.rule in LIVE_RULES
    return fq.insert_followup(
        customer_id=f.customer_id, kind=f.kind, rule=f.rule if live else "callback",
        source_key=f.source_key if live else f"callback:{f.id}", purpose=f.purpose,
        essential=f.essential, due=due, reason=reason,
        assignee_id=staff_id if staff_id is not None else f.assignee_id,
        vehicle_id=f.vehicle_id, complaint_id=f.complaint_id, campaign_id=f.campaign_id,
        stamp=stamp, outcome=outcome,
    )  # fmt: skip


def snooze_followup(*, followup_id: int, days: int, today: date) -> Changed:
    """Put a pending follow-up off by *days* (from today if it is overdue)."""
    if not 1 <= days <= 365:
        raise ValidationError("days", f"{days} is out of range (1 to 365)")
    with write_transaction():
        f = _pending(followup_id)
        due = max(f.due, today) + timedelta(days=days)
        fq.set_pending(f.id, due=due, outcome="snoozed", stamp=_on(today))
    return changed("followup", customers=(f.customer_id,), followups=(f.id,))


def reschedule_followup(*, followup_id: int, new_due: date, today: date) -> Changed:
    """Move a pending follow-up to *new_due* (today or later); the generator keeps it there."""
    if new_due < today:
        raise ValidationError(
            "new_due", f"{new_due.isoformat()} is in the past (today is {today.isoformat()})"
        )
    with write_transaction():
        f = _pending(followup_id)
        fq.set_pending(f.id, due=new_due, outcome="rescheduled", stamp=_on(today))
    return changed("followup", customers=(f.customer_id,), followups=(f.id,))


def schedule_followup(
    *, customer_id: int, due: date, reason: str, today: date, assignee_id: int | None = None,
    contact_person_id: int | None = None,
) -> Changed:  # fmt: skip
    """A follow-up planned by hand ("call about the winter tyre offer on Friday").

    Its key is unique to this request, so the generator never moves or cancels it: only
    a person completes or skips it.
    """
    if due < today:
        raise ValidationError("due", f"{fmt_day(due)} is in the past")
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", "say why to call (it is shown on Today)")
    if len(reason) > 200:
        raise ValidationError("reason", f"is too long ({len(reason)} characters, at most 200)")
    stamp = _stamp(today)
    with write_transaction():
        if not fq.customer_exists(customer_id):
            raise ValidationError("customer_id", f"customer {customer_id} does not exist")
        if assignee_id is not None and not fq.staff_exists(assignee_id):
            raise ValidationError("assignee_id", f"no staff member with id {assignee_id}")
        new_id = fq.insert_followup(
            customer_id=customer_id, kind="manual", rule="manual",
            source_key=f"manual:{customer_id}:{stamp:%Y%m%d%H%M%S}:{uuid.uuid4().hex[:8]}",
            purpose="service", essential=False, due=due, reason=reason,
            assignee_id=assignee_id, vehicle_id=None, complaint_id=None, campaign_id=None,
            stamp=stamp, outcome="rescheduled",
        )  # fmt: skip
        if contact_person_id is not None:  # issue #14: to a named person at a company
            key_account_store.check_person_of(customer_id, contact_person_id)
            key_account_store.address_followup(new_id, contact_person_id)
    return changed("followup", customers=(customer_id,), followups=(new_id,), new_id=new_id)


def skip_followup(*, followup_id: int, reason: str, now: datetime) -> Changed:
    """A person decides this follow-up will not be done; it is never planned again.

    A recurring one (stay-in-touch, complaint) is not dropped for good: its next one is
    due one interval from today (30 days; a complaint's 3), as if snoozed.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("reason", "say why it is skipped")
    ids = {followup_id}
    with write_transaction():
        f = _pending(followup_id)
        fq.close_followup(f.id, status="skipped", outcome=None, at=now, notes=f"Skipped: {reason}",
                          rename=f.rule in LIVE_RULES)  # fmt: skip
        if f.rule in LIVE_RULES:
            rule = next(r for r in cadence_rules() if r.key == f.rule)
            days = rule.offset_days if f.rule == "touch" else (rule.limit_days or 3)
            ids.add(_successor(f, due=now.date() + timedelta(days=days), outcome="snoozed",
                               stamp=now, staff_id=None, reason=f.reason))  # fmt: skip
    return changed("followup", customers=(f.customer_id,), followups=tuple(sorted(ids)))


def _on(day: date) -> datetime:
    """A row timestamp on the business *day*: the planner compares it with contact dates."""
    return _stamp(day)


def replan(customer_ids: Sequence[int], *, today: date, now: datetime) -> None:
    """Re-plan a few customers inside the caller's transaction (after a batch is sent)."""
    _generate(today, DEFAULT_HORIZON, list(customer_ids), now)
