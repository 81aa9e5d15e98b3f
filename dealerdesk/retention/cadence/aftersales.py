"""A 4S store's after-sales rules in the cadence (issue #16): first service, renewals,
pauses, the lost bucket, and who makes the call after a service visit.

Pure functions over the planner's inputs, called by ``generators``; no database.
- First service (首保): a car sold here with no service since the sale gets a reminder
  from ``first_service.offset_days`` after the sale (90), then one every
  ``first_service.limit_days`` (30) — one at a time, the next replacing the last — until
  a service is logged or ``first_lapsed.offset_days`` (365) have passed; then the car is
  a lapsed first-service car and gets one "ask why" call instead.
- Renewal (续保): three calls, 45, 33 and 30 days before the policy ends (one rule each,
  all of kind ``insurance``), one at a time: when the next one falls due it replaces the
  last (a desk works one renewal call per policy, not three rows).
- Pauses: a vehicle's paused or closed contact types block that car's follow-ups of
  those types (the cancel note says why); a lost customer (no visit for 24 months) gets
  the win-back call, not maintenance or first-service reminders.
- The satisfaction call after a service visit never goes to the advisor who served, when
  anyone else is on the desk: the customer speaks more freely to someone else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dealerdesk.i18n import t
from dealerdesk.retention.cadence.dates import fmt_day
from dealerdesk.retention.cadence.inputs import CustomerInput, VehicleInput
from dealerdesk.vocab.aftersales import ContactType, PauseState

if TYPE_CHECKING:
    from dealerdesk.retention.cadence.generators import Candidate
    from dealerdesk.retention.cadence.planner import PlanContext
    from dealerdesk.retention.cadence.rules import RuleSpec

DAY = timedelta(days=1)
_S, _I = ContactType.SERVICE, ContactType.INSURANCE
RULE_CONTACT_TYPE: Mapping[str, ContactType] = {
    "service_due": _S, "first_service": _S, "first_lapsed": _S, "declined_work": _S,
    "satisfaction": _S, "insurance": _I, "insurance_2": _I, "insurance_3": _I,
    "inspection": ContactType.INSPECTION, "warranty": ContactType.WARRANTY,
    "thanks": ContactType.SALES, "checkin": ContactType.SALES,
    "anniversary": ContactType.SALES, "trade_in": ContactType.SALES,
}  # fmt: skip
RENEWAL_RULES = (("insurance", "ins", 1), ("insurance_2", "ins2", 2), ("insurance_3", "ins3", 3))
LOST_BLOCKS = frozenset({"service_due", "first_service"})


def needs_first_service(v: VehicleInput) -> bool:
    """Sold here, and no service logged since the sale."""
    return bool(v.sold_here and v.purchase_date is not None and
                (v.last_service_on is None or v.last_service_on < v.purchase_date))  # fmt: skip


def first_service_state(v: VehicleInput, today: date, rules: Mapping[str, RuleSpec]) -> str:
    """``done``, ``waiting`` (not yet 3 months), ``due`` or ``lapsed`` (12 months passed
    with no first service); "" for a car not sold here. Risk and lifecycle read this."""
    if not v.sold_here or v.purchase_date is None:
        return ""
    if not needs_first_service(v):
        return "done"
    since = (today - v.purchase_date).days
    if since >= rules["first_lapsed"].offset_days:
        return "lapsed"
    return "due" if since >= rules["first_service"].offset_days else "waiting"


def first_service(v: VehicleInput, ctx: PlanContext, out: list[Candidate]) -> None:
    """The first-service reminder in force for *v* (see the module docstring)."""
    from dealerdesk.retention.cadence.generators import Candidate

    sale, today = v.purchase_date, ctx.today
    assert sale is not None
    rule, lapse = ctx.rules["first_service"], ctx.rules["first_lapsed"]
    every = max(rule.limit_days or 30, 1)
    start, end = sale + rule.offset_days * DAY, sale + lapse.offset_days * DAY
    if today >= end:
        expires = end + ctx.config.service_late_days * DAY
        if today <= expires:
            text = t("fu.first_lapsed", car=v.label, day=fmt_day(sale),
                     months=round(lapse.offset_days / 30.4))  # fmt: skip
            out.append(Candidate("first_lapsed", f"fsvc:{v.id}:lapsed", end, text, expires, v.id))
        return
    n = (today - start).days // every if today >= start else 0
    due = start + n * every * DAY
    if due >= end or due > ctx.horizon_end:
        return
    expires = min(due + (every - 1) * DAY, end - DAY)
    text = t("fu.first_service", car=v.label, day=fmt_day(sale), n=n + 1, every=every,
             until=fmt_day(end))  # fmt: skip
    out.append(Candidate("first_service", f"fsvc:{v.id}:{n + 1}", due, text, expires, v.id))


def renewal(v: VehicleInput, ctx: PlanContext, out: list[Candidate]) -> None:
    """The renewal call of *v*'s policy in force: the latest of the three due by today,
    else the next one ahead; it stands until the next one is due."""
    from dealerdesk.retention.cadence.generators import Candidate

    end, today = v.insurance_end, ctx.today
    if end is None or end < today:
        return
    dues = [(end + ctx.offsets[rule] if rule in ctx.offsets else None) for rule, _p, _n in
            RENEWAL_RULES]  # fmt: skip
    policy = (
        t(f"vocab.policy_kind.{v.insurance_kind}") if v.insurance_kind else t("fu.renewal.policy")
    )
    insurer = t("fu.renewal.insurer", insurer=v.insurer) if v.insurer else ""
    if not v.insured_here:
        insurer += t("fu.renewal.elsewhere" if v.last_service_on else "fu.renewal.away")
    # One call at a time: the latest one due by today, else the next one ahead.
    active = None
    for i, due in enumerate(dues):
        if due is None:
            continue
        if due <= today:
            active = i
        elif active is None:
            active = i
            break
        else:
            break
    if active is None:
        return
    rule, prefix, n = RENEWAL_RULES[active]
    due = dues[active]
    assert due is not None
    if due > ctx.horizon_end:
        return
    later = [d for d in dues[active + 1 :] if d is not None and d > due]
    expires = min(later) - DAY if later else end
    text = t("fu.renewal", n=n, policy=policy, car=v.label, day=fmt_day(end), insurer=insurer)
    out.append(Candidate(rule, f"{prefix}:{v.id}:{end.year}", due, text, expires, v.id))


def stop_reason(v: VehicleInput, rule: str) -> str | None:
    """Why *rule*'s follow-up about *v* must not be made (a pause or close), else None."""
    kind = RULE_CONTACT_TYPE.get(rule)
    if kind is None:
        return None
    for typ, state, reason in v.pauses:
        if typ in (ContactType.ALL, kind):
            code = "fu.closed" if state == PauseState.CLOSED else "fu.paused"
            return t(code, type=t(f"vocab.contact_type.{typ}"), reason=reason)
    return None


def apply_stops(c: CustomerInput, ctx: PlanContext, out: list[Candidate]) -> None:
    """Block the candidates a pause, a close or the lost bucket rules out (in place)."""
    paused = {v.id: v for v in c.vehicles if v.pauses}
    lost = (
        t("fu.lost_bucket", months=round(ctx.config.lost_after_days / 30.4))
        if c.lost_bucket
        else None
    )
    for i, cand in enumerate(out):
        why = None
        if cand.vehicle_id in paused:
            why = stop_reason(paused[cand.vehicle_id], cand.rule)
        if why is None and lost is not None and cand.rule in LOST_BLOCKS:
            why = lost
        if why is not None and cand.blocked is None:
            out[i] = cand._replace(blocked=why[:200])


def after_service_assignee(
    advisor_id: int | None, owner_id: int | None, desk: Sequence[int], visit_id: int
) -> int | None:
    """Who makes the satisfaction call about a visit *advisor_id* served: the customer's
    owner unless that is the advisor, else another person on the desk (spread by visit);
    the advisor only when nobody else is on the desk. None: the owner (planner default)."""
    if advisor_id is None:
        return None
    if owner_id is not None and owner_id != advisor_id:
        return owner_id
    others = [s for s in desk if s != advisor_id]
    if not others:
        return owner_id
    return others[visit_id % len(others)]
