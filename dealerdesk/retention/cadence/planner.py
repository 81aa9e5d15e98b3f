"""Which follow-ups each customer should have: pure functions over plain inputs.

The store loads ``CustomerInput`` values in a few set-based queries; ``plan_customer``
turns one into the follow-ups it wants; the store reconciles them with the table.

How the result stays idempotent and stable:
- every follow-up has a deterministic ``source_key`` naming its trigger, e.g.
  ``sale:812:thanks``, ``bday:77:2027`` (``bday:77:L2026`` for a lunar year),
  ``hol:77:2027:spring``, ``svc:812:v9034`` (the service visit it counts from). Keys of
  follow-ups that recur for ever (``touch:77``, ``cmp:31``) are "live": when one is
  closed the store renames it (``touch:77@5512``) so the next one can take the key.
- a key the customer already closed (done or skipped) is never planned again;
- a pending follow-up keeps the date a person gave it (snoozed, rescheduled, retried
  after no answer); otherwise it follows its trigger (a moved sale date moves it);
- a one-off follow-up is dropped once stale (``expires``): a birthday greeting after
  the birthday, a renewal call after the policy ended;
- new follow-ups are planned only up to the horizon; pending ones are always re-planned
  so that a moved trigger moves them wherever it lands.
Then consent (per channel and purpose, and no marketing for lost/moved customers,
nothing for deceased or archived ones) and the fatigue cap are applied.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from operator import itemgetter
from typing import NamedTuple

from dealerdesk.retention.cadence import generators as g
from dealerdesk.retention.cadence.dates import HolidayGreeting, WorkCalendar, greeted_holidays
from dealerdesk.retention.cadence.rules import MARKETING, CadenceConfig, RuleSpec

NO_MARKETING_STATUSES = ("lost", "moved")


@dataclass(frozen=True, slots=True)
class VehicleInput:
    """A vehicle the customer still owns, with the dates and readings reminders need."""

    id: int
    label: str  # "粤B12345 BYD Han"
    purchase_date: date | None = None
    sold_here: bool = True
    year: int | None = None
    make: str = ""
    mileage_km: int | None = None
    mileage_on: date | None = None
    warranty_end: date | None = None
    insurance_end: date | None = None
    inspection_due: date | None = None
    last_service_id: int | None = None
    last_service_on: date | None = None
    last_service_km: int | None = None


@dataclass(frozen=True, slots=True)
class VisitInput:
    """A recent service or repair visit (satisfaction call, declined work)."""

    id: int
    day: date
    kind: str = "service"
    vehicle_id: int | None = None
    declined: str = ""


@dataclass(frozen=True, slots=True)
class ComplaintInput:
    """An open complaint and how far its follow-ups got."""

    id: int
    opened_on: date
    category: str = ""
    vehicle_id: int | None = None
    assignee_id: int | None = None
    followups_done: int = 0
    last_followup_on: date | None = None


@dataclass(frozen=True, slots=True)
class PersonalDateInput:
    id: int
    label: str
    day: date
    lunar: bool = False


class PendingInput(NamedTuple):
    """A pending follow-up already in the table; ``touched``: a person set its date.

    ``id``, ``assignee_id`` and ``reason`` are for the store's reconciler, which reads
    the same objects (a NamedTuple: every pending row of the dealership is one).
    """

    key: str
    due: date
    rule: str
    essential: bool = False
    touched: bool = False
    id: int = 0
    assignee_id: int | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CampaignInput:
    """A campaign whose invitations fall in the horizon; ``audience`` as stored (parsed)."""

    id: int
    name: str
    starts_on: date
    invite_days_before: int = 7
    kind: str = "promotion"
    audience: Mapping[str, object] | None = None


@dataclass(frozen=True, slots=True)
class CustomerInput:
    """Everything the planner knows about one customer (see the store's loader).

    ``opted_out`` holds (channel, purpose) pairs the customer withdrew; ``reachable``
    the channels we have details for. ``recent_contacts`` are the dates of outbound,
    non-essential contacts within the fatigue window; ``closed_keys`` the source keys
    of this customer's done or skipped follow-ups that could be planned again.
    """

    id: int
    status: str = "active"
    archived: bool = False
    lapsed: bool = False
    created_on: date | None = None
    birthday: date | None = None
    birthday_lunar: bool = False
    last_contact: date | None = None
    last_visit: date | None = None
    lost_on: date | None = None
    lost_reason: str = ""
    owner_id: int | None = None
    preferred_channel: str = "phone"
    reachable: frozenset[str] = frozenset({"phone", "sms"})
    opted_out: frozenset[tuple[str, str]] = frozenset()
    city: str = ""
    tier: str = ""
    segment: str = ""
    vehicles: tuple[VehicleInput, ...] = ()
    visits: tuple[VisitInput, ...] = ()
    complaints: tuple[ComplaintInput, ...] = ()
    personal_dates: tuple[PersonalDateInput, ...] = ()
    winback_tries: int = 0
    winback_last_on: date | None = None
    recent_contacts: tuple[date, ...] = ()
    pending: tuple[PendingInput, ...] = ()
    closed_keys: frozenset[str] = frozenset()


class PlannedFollowup(NamedTuple):
    """A follow-up the customer should have (new, or the pending one it confirms/moves).

    A NamedTuple, not a frozen dataclass: a first run builds half a million of them and
    a frozen dataclass is about six times slower to construct.
    """

    source_key: str
    customer_id: int
    kind: str
    due: date
    purpose: str
    essential: bool
    channel: str
    reason: str
    vehicle_id: int | None = None
    complaint_id: int | None = None
    campaign_id: int | None = None
    assignee_id: int | None = None


@dataclass(frozen=True, slots=True)
class CustomerPlan:
    """``wanted`` in (due, key) order; ``dropped``: why a pending key is no longer wanted."""

    customer_id: int
    wanted: tuple[PlannedFollowup, ...]
    dropped: Mapping[str, str] = field(default_factory=dict)
    held_back: int = 0  # new ones not planned because of the fatigue cap


@dataclass(frozen=True)
class PlanContext:
    """What is the same for every customer in one run."""

    rules: Mapping[str, RuleSpec]
    config: CadenceConfig
    today: date
    horizon_end: date
    calendar: WorkCalendar
    holidays: tuple[HolidayGreeting, ...] = ()
    campaigns: tuple[CampaignInput, ...] = ()
    holiday_tasks: tuple[tuple[str, date, str, date], ...] = ()
    campaign_tasks: tuple[tuple[CampaignInput, date, str], ...] = ()

    @cached_property
    def offsets(self) -> dict[str, timedelta]:
        """Each rule's offset as a timedelta (computed once, used a million times)."""
        return {key: timedelta(days=rule.offset_days) for key, rule in self.rules.items()}

    @cached_property
    def verdicts(self) -> dict[tuple[object, ...], tuple[str | None, str]]:
        """Cache of consent/status verdicts for this run (see ``_verdict``)."""
        return {}

    @cached_property
    def late(self) -> timedelta:
        return timedelta(days=self.config.late_days)

    @classmethod
    def build(
        cls,
        *,
        rules: Mapping[str, RuleSpec],
        config: CadenceConfig,
        today: date,
        horizon_days: int,
        campaigns: Sequence[CampaignInput] = (),
        calendar: WorkCalendar | None = None,
    ) -> PlanContext:
        """Load the holidays once; raises ValueError for a country with no calendar."""
        end = today + timedelta(days=horizon_days)
        picks = config.holiday_picks.get(config.country.upper())
        # A greeting task comes before its holiday: look a few days past the horizon.
        hols = tuple(greeted_holidays(config.country, today, end + timedelta(days=10), picks))
        calendar = calendar or WorkCalendar(config.country)
        return cls(
            rules=rules,
            config=config,
            today=today,
            horizon_end=end,
            calendar=calendar,
            holidays=hols,
            campaigns=tuple(campaigns),
            holiday_tasks=g.holiday_tasks(hols, rules["holiday"].offset_days, calendar, today, end),
            campaign_tasks=g.campaign_tasks(tuple(campaigns), rules["campaign"].offset_days),
        )


def plan(customers: Iterable[CustomerInput], ctx: PlanContext) -> list[CustomerPlan]:
    """Plan every customer, in the order given (the store gives id order)."""
    return [plan_customer(c, ctx) for c in customers]


CHANNEL_WORDS = {"sms": "SMS", "wechat": "WeChat", "email": "e-mail", "visit": "in person"}


def plan_customer(c: CustomerInput, ctx: PlanContext) -> CustomerPlan:
    """The follow-ups *c* should have now, and the pending ones to cancel (with why)."""
    rules = ctx.rules
    pending = {p.key: p for p in c.pending} if c.pending else {}
    if c.archived or c.status == "deceased":
        why = "customer archived" if c.archived else "customer deceased"
        return CustomerPlan(c.id, (), {k: why for k, p in pending.items() if p.rule in rules})
    today, horizon, closed, cid, owner = ctx.today, ctx.horizon_end, c.closed_keys, c.id, c.owner_id
    dropped: dict[str, str] = {}
    keep: list[PlannedFollowup] = []  # confirming or moving a pending one
    new: list[PlannedFollowup] = []
    verdicts: dict[str, _Verdict] = {}
    if ctx.holiday_tasks:
        # The same holidays for everyone: a lean loop, no candidate objects (~200k a run).
        why, channel, rule, by = _verdict(c, rules["holiday"], ctx.verdicts)
        for suffix, due, text, _day in ctx.holiday_tasks:
            key = f"hol:{cid}:{suffix}"
            if closed and key in closed:
                continue
            old = pending.get(key)
            if why is not None:
                if old is not None:
                    dropped[key] = why
                continue
            if old is not None and old.touched:
                due = old.due
            (new if old is None else keep).append(PlannedFollowup(
                key, cid, "holiday", due, rule.purpose, rule.essential, channel, text + by,
                None, None, None, owner))  # fmt: skip
    for cand in g.candidates(c, ctx):
        key = cand.key
        if closed and key in closed:
            continue
        verdict = verdicts.get(cand.rule)
        if verdict is None:
            verdict = verdicts[cand.rule] = _verdict(c, rules[cand.rule], ctx.verdicts)
        why, channel, rule, by = verdict
        if why is None:
            why = cand.blocked
            if why is None and cand.expires is not None and today > cand.expires:
                why = f"too late: {cand.expires.isoformat()} has passed"
        old = pending.get(key)
        if why is not None:
            if old is not None:
                dropped[key] = why
            continue
        if old is None:
            if cand.due > horizon:
                continue
            due = cand.due
        else:
            due = old.due if old.touched or cand.floating else cand.due
        assignee = cand.assignee_id if cand.assignee_id is not None else owner
        (new if old is None else keep).append(PlannedFollowup(
            key, cid, rule.key, due, rule.purpose, rule.essential, channel,
            (cand.reason + by)[:200], cand.vehicle_id, cand.complaint_id, cand.campaign_id,
            assignee))  # fmt: skip
    kept = {p.source_key for p in keep}
    for key, p in pending.items():
        # Owned by a rule, but no rule asked for it any more: its trigger went away.
        if key not in kept and key not in dropped and p.rule in rules and p.due <= horizon:
            dropped[key] = VANISHED.get(p.rule, VANISHED_DEFAULT)
    accepted, held_back = _apply_fatigue(c, ctx, keep, new, pending, kept)
    wanted = keep + accepted
    wanted.sort(key=_ORDER)
    return CustomerPlan(cid, tuple(wanted), dropped, held_back)


_Verdict = tuple[str | None, str, RuleSpec, str]  # refusal, channel, rule, reason suffix
_ORDER = itemgetter(3, 0)  # (due, source_key) of a PlannedFollowup

VANISHED = {  # why a pending follow-up no rule asks for any more is cancelled
    "complaint": "the complaint is resolved or closed",
    "winback": "the customer is back, moved away, or had every try",
    "campaign": "the campaign changed or the customer is no longer in its audience",
    "touch": "the customer is no longer contacted this way",
}
VANISHED_DEFAULT = "its date has passed, or what it was about was changed or removed"


def _verdict(
    c: CustomerInput, rule: RuleSpec, cache: dict[tuple[object, ...], _Verdict]
) -> _Verdict:
    """Whether *rule* may reach *c* at all, on which channel, and what the reason then
    says about the channel ("(by WeChat)"; nothing for a phone call).

    It depends only on a few customer fields that most customers share, so it is cached
    for the run on those.
    """
    sig = (rule.key, c.status, c.preferred_channel, c.reachable, c.opted_out)
    verdict = cache.get(sig)
    if verdict is None:
        verdict = cache[sig] = _judge(c, rule)
    return verdict


def _judge(c: CustomerInput, rule: RuleSpec) -> _Verdict:
    if not rule.enabled:
        return f"rule “{rule.label}” is switched off", "", rule, ""
    if rule.purpose == MARKETING and c.status in NO_MARKETING_STATUSES:
        return f"no marketing for a {c.status} customer", "", rule, ""
    channel = _channel(c, rule)
    if channel is None:
        why = f"no channel allowed for {rule.purpose} messages (consent or contact details)"
        return why, "", rule, ""
    by = "" if channel == "phone" else f" (by {CHANNEL_WORDS.get(channel, channel)})"
    return None, channel, rule, by


def _channel(c: CustomerInput, rule: RuleSpec) -> str | None:
    """The first channel the customer can be reached on and agreed to for this purpose."""
    order = rule.channels
    if c.preferred_channel in order:
        order = (c.preferred_channel, *order)
    for ch in order:
        if ch in c.reachable and (ch, rule.purpose) not in c.opted_out:
            return ch
    return None


def _apply_fatigue(
    c: CustomerInput,
    ctx: PlanContext,
    keep: list[PlannedFollowup],
    new: list[PlannedFollowup],
    pending: Mapping[str, PendingInput],
    kept: set[str],
) -> tuple[list[PlannedFollowup], int]:
    """Admit new non-essential follow-ups while no window of ``fatigue_days`` exceeds the cap.

    Contacts already made and follow-ups already pending count first — a planned task
    is never withdrawn for fatigue — then new ones by rule priority and date. A pending
    task counts on its due date, or today if it is overdue. Essential ones pass freely.
    """
    cap, days, today = ctx.config.fatigue_cap, ctx.config.fatigue_days, ctx.today
    optional = [p for p in new if not p.essential]
    if cap is None or not optional:
        return new, 0
    now = today.toordinal()
    taken = [d.toordinal() for d in c.recent_contacts if (today - d).days < days]
    taken += [max(p.due.toordinal(), now) for p in keep if not p.essential]
    taken += [max(p.due.toordinal(), now) for k, p in pending.items()
              if not p.essential and k not in kept and p.rule not in ctx.rules]  # fmt: skip
    if len(taken) + len(optional) <= cap:
        return new, 0
    accepted = [p for p in new if p.essential]
    taken.sort()
    rules = ctx.rules
    optional.sort(key=lambda p: (rules[p.kind].priority, p.due, p.source_key))
    held = 0
    for p in optional:
        when = max(p.due.toordinal(), now)
        if fits(taken, when, cap, days):
            insort(taken, when)
            accepted.append(p)
        else:
            held += 1
    return accepted, held


def fits(taken: Sequence[int], when: int, cap: int, days: int) -> bool:
    """True if one more contact on day *when* keeps every *days*-long window at or under
    *cap* contacts. *taken* are day numbers (``date.toordinal()``), sorted.

    A window holding *when* and ``cap`` others exists exactly when some ``cap``
    consecutive contacts near *when* span, together with it, fewer than *days* days.
    """
    lo = bisect_left(taken, when - days + 1)
    hi = bisect_right(taken, when + days - 1)
    if hi - lo < cap:
        return True
    if cap <= 0:
        return False
    for i in range(lo, hi - cap + 1):
        if max(taken[i + cap - 1], when) - min(taken[i], when) < days:
            return False
    return True
