"""Which follow-ups each customer should have: pure functions over plain inputs.

The store loads ``CustomerInput`` values in a few set-based queries; ``plan_customer``
turns one into the follow-ups it wants; the store reconciles them with the table.

How the result stays idempotent and stable:
- every follow-up has a deterministic ``source_key`` naming its trigger, e.g.
  ``sale:812:thanks``, ``bday:77:2027`` (``bday:77:L2026`` for a lunar year),
  ``hol:77:2027:spring``, ``svc:812:v9034`` (the service visit it counts from). Keys of
  follow-ups that recur for ever (``touch:77``, ``cmp:31``) are "live": when one is
  closed the store renames it (``touch:77@5512``) so the next one can take the key.
- a key the customer already closed (done or skipped by a person) is never planned again;
- a pending follow-up follows its trigger (a moved sale date moves it) unless a person
  set its date (snoozed, rescheduled, retried after no answer, call back agreed): that
  date is kept — only a stay-in-touch call still follows a newer contact;
- only what is in view is planned: not stale (a birthday greeting after the birthday,
  a renewal call after the policy ended) and due by the horizon. A pending follow-up
  out of view, or whose trigger went away, is cancelled with a note saying why, and its
  key freed so the trigger can bring a new one if it comes back (an edited date);
- consent (per channel and purpose; no marketing for lost or moved customers, nothing
  for deceased or archived ones) and then the fatigue cap decide what is new.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from operator import itemgetter

from dealerdesk.i18n import Msg
from dealerdesk.retention.cadence import generators as g
from dealerdesk.retention.cadence.dates import HolidayGreeting, WorkCalendar, greeted_holidays
from dealerdesk.retention.cadence.inputs import (
    CampaignInput,
    ComplaintInput,
    CustomerInput,
    CustomerPlan,
    HeldBack,
    PendingInput,
    PersonalDateInput,
    PlannedFollowup,
    VehicleInput,
    VisitInput,
)
from dealerdesk.retention.cadence.rules import MARKETING, CadenceConfig, RuleSpec
from dealerdesk.retention.priority import sort_key

__all__ = [
    "CampaignInput", "ComplaintInput", "CustomerInput", "CustomerPlan", "PendingInput",
    "PersonalDateInput", "PlanContext", "PlannedFollowup", "VehicleInput", "VisitInput",
    "fits", "plan", "plan_customer",
]  # fmt: skip

NO_MARKETING_STATUSES = ("lost", "moved")


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
    shared_tasks: tuple[g.SharedTask, ...] = ()  # holidays and campaigns, see build()
    desk_staff: tuple[int, ...] = ()  # issue #16: who may make a visit's after-call

    @cached_property
    def offsets(self) -> dict[str, timedelta]:
        """Each rule's offset as a timedelta (computed once, used a million times)."""
        return {key: timedelta(days=rule.offset_days) for key, rule in self.rules.items()}

    @cached_property
    def verdicts(self) -> dict[tuple[object, ...], _Verdict]:
        """Cache of consent/status verdicts for this run (see ``_verdict``)."""
        return {}

    @cached_property
    def audiences(self) -> dict[tuple[object, ...], bool]:
        """Cache of campaign-audience answers for this run (see ``_in_audience``)."""
        return {}

    @cached_property
    def trade_in_years(self) -> tuple[int, int]:
        """Years in which an anniversary can give a trade-in invitation in view."""
        off = self.offsets["trade_in"]
        return (self.today - self.late - off).year, (self.horizon_end - off).year

    @cached_property
    def priorities(self) -> dict[str, int]:
        return {key: rule.priority for key, rule in self.rules.items()}

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
        desk_staff: Sequence[int] = (),
    ) -> PlanContext:
        """Load the holidays once; raises ValueError for a country with no calendar."""
        end = today + timedelta(days=horizon_days)
        picks = config.holiday_picks.get(config.country.upper())
        # A greeting task comes before its holiday: look past the horizon by the offset and
        # a holiday week's worth of days off.
        ahead = timedelta(days=max(0, -rules["holiday"].offset_days) + 10)
        hols = tuple(greeted_holidays(config.country, today, end + ahead, picks))
        calendar = calendar or WorkCalendar(config.country)
        return cls(
            rules=rules,
            config=config,
            today=today,
            horizon_end=end,
            calendar=calendar,
            holidays=hols,
            campaigns=tuple(campaigns),
            desk_staff=tuple(desk_staff),
            shared_tasks=(
                *g.holiday_tasks(hols, rules["holiday"].offset_days, calendar, today, end),
                *g.campaign_tasks(tuple(campaigns), rules["campaign"].offset_days, today, end),
            ),
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
        gone = "customer archived" if c.archived else "customer deceased"
        return CustomerPlan(c.id, (), {k: gone for k, p in pending.items() if p.rule in rules})
    today, horizon, closed, cid, owner = ctx.today, ctx.horizon_end, c.closed_keys, c.id, c.owner_id
    dropped: dict[str, str] = {}
    keep: list[PlannedFollowup] = []  # confirming or moving a pending one
    new: list[PlannedFollowup] = []
    verdicts: dict[str, _Verdict] = {}
    for task in ctx.shared_tasks:
        # The same for everyone (~300k a run): a lean loop, no candidate objects.
        key = f"{task.prefix}{cid}{task.suffix}"
        old = pending.get(key)
        verdict = verdicts.get(task.rule)
        if verdict is None:
            verdict = verdicts[task.rule] = _verdict(c, rules[task.rule], ctx.verdicts)
        why, channel, rule, by = verdict
        if why is None and task.audience and not _in_audience(c, task, ctx):
            why = VANISHED["campaign"]
        if why is not None:
            if old is not None:
                dropped[key] = why
            continue
        if closed and key in closed:
            continue
        (new if old is None else keep).append(PlannedFollowup(
            key, cid, task.rule, old.due if old is not None and old.touched else task.due,
            rule.purpose, rule.essential, channel, task.reason + by, None, None,
            task.campaign_id, owner))  # fmt: skip
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
        elif cand.floating or (old.touched and not _newer_contact(c, cand, old)):
            due = old.due
        else:
            due = cand.due
        assignee = cand.assignee_id if cand.assignee_id is not None else owner
        (new if old is None else keep).append(PlannedFollowup(
            key, cid, rule.kind or rule.key, due, rule.purpose, rule.essential, channel,
            (cand.reason + by)[:200], cand.vehicle_id, cand.complaint_id, cand.campaign_id,
            assignee))  # fmt: skip
    kept = {p.source_key for p in keep}
    for key, p in pending.items():
        # Owned by a rule, but no rule asked for it any more: its trigger went away.
        if key not in kept and key not in dropped and p.rule in rules and p.due <= horizon:
            dropped[key] = VANISHED.get(p.rule, VANISHED_DEFAULT)
    if c.first_plan:
        new = _catch_up(new, ctx)
    keep, accepted, held = _apply_fatigue(c, ctx, keep, new, pending, kept)
    for h in held:
        if h.source_key in pending:  # withdrawn for a better task: cancelled, with why
            dropped[h.source_key] = str(h.reason)
    wanted = keep + accepted
    wanted.sort(key=_ORDER)
    fresh = sum(1 for h in held if h.source_key not in pending)
    return CustomerPlan(cid, tuple(wanted), dropped, fresh, tuple(held))


def _catch_up(new: list[PlannedFollowup], ctx: PlanContext) -> list[PlannedFollowup]:
    """On a customer's first plan, what fell due more than ``catchup_days`` ago goes to
    the one-time catch-up list (reviewed once) instead of Today's overdue calls."""
    limit = ctx.today - timedelta(days=ctx.config.catchup_days)
    return [p._replace(catchup=True) if p.due < limit else p for p in new]


_PROFILE_KEYS = frozenset({"tiers", "segments", "cities"})


def _in_audience(c: CustomerInput, task: g.SharedTask, ctx: PlanContext) -> bool:
    """``in_audience``, remembered for the run when the audience only looks at the
    customer's tier, segment and city (most do): a run asks it for every customer."""
    audience = task.audience
    if audience is None or not audience.keys() <= _PROFILE_KEYS:
        return g.in_audience(c, audience, ctx.today)
    sig = (task.campaign_id, c.tier, c.segment, c.city)
    hit = ctx.audiences.get(sig)
    if hit is None:
        hit = ctx.audiences[sig] = g.in_audience(c, audience, ctx.today)
    return hit


def _newer_contact(c: CustomerInput, cand: g.Candidate, old: PendingInput) -> bool:
    """A stay-in-touch call a person put off still follows a later contact or visit:
    every logged contact resets it."""
    if cand.rule != "touch" or old.touched_on is None:
        return False
    last = max(c.last_contact or date.min, c.last_visit or date.min)
    return last > old.touched_on


_Verdict = tuple[str | None, str, RuleSpec, str]  # refusal, channel, rule, reason suffix
_ORDER = itemgetter(3, 0)  # (due, source_key) of a PlannedFollowup

VANISHED = {  # why a pending follow-up no rule asks for any more is cancelled
    "complaint": "the complaint is resolved or closed",
    "winback": "the customer is back, moved away, or had every try",
    "campaign": "the campaign changed or the customer is no longer in its audience",
    "touch": "the customer is no longer contacted this way",
    "service_due": "a newer service or reading replaced it, or it is overdue too long",
    "first_service": "a service was logged, or the next first-service reminder replaced it",
    "first_lapsed": "a service was logged since, or the sale date was changed",
    **dict.fromkeys(("birthday", "personal_date", "anniversary", "holiday"),
                    "the day has passed (or the date was changed)"),
    **dict.fromkeys(("insurance", "insurance_2", "insurance_3", "inspection", "warranty"),
                    "the date it was about has passed or was changed"),
}  # fmt: skip
VANISHED_DEFAULT = "too late now, or what it was about was changed or removed"


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
    # A message (greetings: WeChat first) is never turned into a phone call by a
    # preference for the phone: greetings go out as one list per channel (issue #7).
    voice_pref = c.preferred_channel == "phone" and order[0] != "phone"
    if c.preferred_channel in order and not voice_pref:
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
) -> tuple[list[PlannedFollowup], list[PlannedFollowup], list[HeldBack]]:
    """Admit non-essential follow-ups while no window of ``fatigue_days`` exceeds the cap.

    The same facts give the same plan whatever the order they were entered in: contacts
    already made count first, then follow-ups a person dated (snoozed, rescheduled, a
    call back agreed) and those no rule owns (planned by hand); every other non-essential
    follow-up, pending or new, competes in priority order (``retention.priority``: the
    better task wins, e.g. the week-one check-in over a stay-in-touch call), so a pending
    one can be withdrawn for a better one. A task counts on its due date, or today if it
    is overdue; essential ones pass freely. Returns (kept pending, accepted new, held).
    """
    cap = ctx.config.fatigue_cap
    if cap is None:
        return keep, new, []
    days, today = ctx.config.fatigue_days, ctx.today
    # A follow-up on the catch-up list is not scheduled: it neither counts nor competes.
    fixed: list[PlannedFollowup] = []
    contenders: list[PlannedFollowup] = []
    for p in keep:
        if not p.essential:
            row = pending[p.source_key]
            if not row.catchup:
                (fixed if row.touched else contenders).append(p)
    contenders += [p for p in new if not p.essential and not p.catchup]
    if not contenders:
        return keep, new, []
    now = today.toordinal()
    taken = [d.toordinal() for d in c.recent_contacts if (today - d).days < days]
    taken += [max(p.due.toordinal(), now) for p in fixed]
    if len(pending) > len(kept):
        taken += [max(p.due.toordinal(), now) for k, p in pending.items()
                  if not p.essential and k not in kept and p.rule not in ctx.rules
                  and not p.catchup]  # fmt: skip
    if len(taken) + len(contenders) <= cap:
        return keep, new, []
    taken.sort()
    rank = ctx.priorities
    contenders.sort(key=lambda p: (*sort_key(p.kind, p.due.toordinal(), "", None, 0),
                                   rank[p.kind], p.source_key))  # fmt: skip
    losers: set[str] = set()
    held: list[HeldBack] = []
    why = Msg("followups.held_back", {"cap": cap, "days": days})
    for p in contenders:
        when = max(p.due.toordinal(), now)
        if fits(taken, when, cap, days):
            insort(taken, when)
        else:
            losers.add(p.source_key)
            held.append(HeldBack(p.source_key, p.kind, p.due, why))
    if not losers:
        return keep, new, []
    return ([p for p in keep if p.source_key not in losers],
            [p for p in new if p.source_key not in losers], held)  # fmt: skip


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
