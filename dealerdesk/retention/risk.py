"""The at-risk score: 0–100 per customer, with the reasons in plain words and numbers.

Why it is built like this: customers leave quietly — visits thin out, spend falls, calls
go unanswered (DESIGN.md "Why"). A score is only useful at the desk if a person can see
*why* and act on it, so the score is a plain sum of points from a few named signals, and
every signal that adds points adds one sentence with its numbers ("no service for 14
months (usually every 6)"). The BG/NBD probability that the customer is still active is
one of the signals; the others catch what the model cannot see (a complaint left open, a
bad survey, calls nobody answers).

Weights (points; the sum is rounded and capped at 100):
==========================  =====================================================
P(active) from BG/NBD        0 at >= 80%, rising linearly to 35 at 0%
service overdue              0 up to 1.25x the customer's own interval, 30 at 2.5x
after-sales spend y-o-y      0 for a drop under 20%, 15 for a drop of 100%
                             (only when last year's spend was at least 200)
open complaint               10 on the day it opens, +0.5 a day, 25 from 30 days
last NPS (within 2 years)    detractors only: 5 for a 6 ... 17 for a 0
unanswered contacts in a row 5 each from 2 in a row, at most 15
no contact (or visit)        0 up to 2 months, 10 at a year and beyond
==========================  =====================================================
Bands: high >= 70, medium >= 40, low below (the report colours use the same cuts).

Customers already gone are not "at risk": status lost/moved/deceased, or no visit for
three years (lifecycle "lost"), get score 0, band "lost" and a win-back (or no-contact)
action instead. Prospects (never visited) are scored on the contact signals only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from dealerdesk.retention.bgnbd import BGNBDParams, expected_purchases, p_alive
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.segments import LOST_STATUSES, lifecycle, usual_service_interval

__all__ = ["BANDS", "HORIZON_WEEKS", "RiskResult", "band_for", "bgnbd_inputs", "score_all",
           "score_customer", "span"]  # fmt: skip

BANDS = ("low", "medium", "high", "lost")
HIGH, MEDIUM = 70, 40
HORIZON_WEEKS = 52.0  # "expected visits in the next 12 months"

P_ALIVE_POINTS, P_ALIVE_SAFE = 35.0, 0.80
OVERDUE_POINTS, OVERDUE_FROM, OVERDUE_FULL = 30.0, 1.25, 2.5
SPEND_POINTS, SPEND_FROM, SPEND_MIN_BASE = 15.0, 0.20, 200.0
COMPLAINT_BASE, COMPLAINT_PER_DAY, COMPLAINT_MAX = 10.0, 0.5, 25.0
NPS_POINTS_AT_6, NPS_POINTS_PER_STEP, NPS_MAX_AGE_DAYS = 5.0, 2.0, 730
UNANSWERED_EACH, UNANSWERED_FROM, UNANSWERED_MAX = 5.0, 2, 15.0
CONTACT_POINTS, CONTACT_FROM_DAYS, CONTACT_FULL_DAYS = 10.0, 60, 365


@dataclass(frozen=True, slots=True)
class RiskResult:
    """One customer's score. ``reasons`` are ordered by the points they added.

    ``p_alive`` is None where the model cannot tell: prospects, customers seen on one
    day only (BG/NBD lets nobody drop out before a repeat visit, so it would say 100%),
    and customers already lost. ``lifecycle`` is the stage the score was computed for.
    """

    customer_id: int
    score: int
    band: str
    reasons: tuple[str, ...]
    p_alive: float | None
    expected_visits_12m: float | None
    suggested_action: str
    lifecycle: str = "active"


# --- words ------------------------------------------------------------------------------


def _plural(n: float, unit: str) -> str:
    text = f"{n:g}"
    return f"{text} {unit}" if text == "1" else f"{text} {unit}s"


def _span_parts(days: float) -> tuple[float, str]:
    """Round a duration the way people say it: days, weeks, months, then half years."""
    if days < 14:
        return max(0, round(days)), "day"
    if days < 61:
        return round(days / 7), "week"
    months = round(days / 30.44)
    if months < 24:
        return months, "month"
    return round(days / 365.25 * 2) / 2, "year"


def span(days: float) -> str:
    """'14 months', '3 weeks', '2.5 years' — for reason sentences."""
    value, unit = _span_parts(days)
    return _plural(value, unit)


def _every(interval_days: float, unit_of_gap: str) -> str:
    """'6' when the unit matches the gap just named ('14 months … every 6'), else '6 months'."""
    value, unit = _span_parts(interval_days)
    return f"{value:g}" if unit == unit_of_gap and value != 1 else _plural(value, unit)


def _money(amount: float) -> str:
    return f"{amount:,.0f}"


# --- signals: each returns (points, key, sentence) or None -------------------------------

Signal = tuple[float, str, str]  # points, key, sentence


def _ramp(value: float, low: float, high: float) -> float:
    """0 at ``low``, 1 at ``high``, linear between."""
    if value <= low:
        return 0.0
    return 1.0 if value >= high else (value - low) / (high - low)


def _p_alive_signal(p: float | None) -> Signal | None:
    if p is None or not math.isfinite(p):
        return None
    points = P_ALIVE_POINTS * _ramp(P_ALIVE_SAFE - p, 0.0, P_ALIVE_SAFE)
    return (points, "p_alive", f"P(active) {round(100 * p)}%") if points else None


def _overdue_signal(f: CustomerFacts, today: date, interval: float, own: bool) -> Signal | None:
    """Silence since the last service (or since buying, if never serviced since) against
    the customer's own rhythm: a 10-monthly customer at 11 months is on time."""
    ref = f.last_service
    if ref is None or (f.last_purchase is not None and f.last_purchase > ref):
        ref = f.last_purchase
    if ref is None:
        return None
    since = (today - ref).days
    if since <= OVERDUE_FROM * interval:
        return None
    points = OVERDUE_POINTS * _ramp(since / interval, OVERDUE_FROM, OVERDUE_FULL)
    if not points:
        return None
    gap_unit = _span_parts(since)[1]
    if f.last_service is None or ref != f.last_service:
        text = f"no service since buying {span(since)} ago (due every {_every(interval, gap_unit)})"
    else:
        word = "usually" if own else "due"
        text = f"no service for {span(since)} ({word} every {_every(interval, gap_unit)})"
    return points, "overdue", text


def _spend_signal(f: CustomerFacts) -> Signal | None:
    """After-sales spend in the last 12 months against the 12 before ("buying power
    falling"); car sales are left out, or every recent buyer would look like a leaver."""
    if f.aftersales_12m is not None and f.aftersales_prev_12m is not None:
        now, before = f.aftersales_12m, f.aftersales_prev_12m
    else:
        now, before = f.spend_12m, f.spend_prev_12m
    if before < SPEND_MIN_BASE or now >= before:
        return None
    drop = 1.0 - max(now, 0.0) / before
    points = SPEND_POINTS * _ramp(drop, SPEND_FROM, 1.0)
    if not points:
        return None
    if now <= 0:
        return points, "spend", f"no spend this year ({_money(before)} the year before)"
    text = f"spend down {round(100 * drop)}% year on year ({_money(now)} vs {_money(before)})"
    return points, "spend", text


def _complaint_signal(f: CustomerFacts, today: date) -> Signal | None:
    """An open complaint counts from day one and weighs more every day it stays open:
    speed of response is what customers remember."""
    if f.open_complaints <= 0:
        return None
    age = max(0, (today - f.oldest_open_complaint).days) if f.oldest_open_complaint else 0
    points = min(COMPLAINT_BASE + COMPLAINT_PER_DAY * age, COMPLAINT_MAX)
    if age == 0:
        opened = "opened today"
    else:
        opened = f"open {_plural(age, 'day')}" if age < 61 else f"open {span(age)}"
    if f.open_complaints == 1:
        return points, "complaint", f"complaint {opened}"
    oldest = opened.replace("open ", "", 1) if age else "opened today"
    return points, "complaint", f"{f.open_complaints} complaints open, oldest {oldest}"


def _nps_signal(f: CustomerFacts, today: date) -> Signal | None:
    if f.last_nps is None or f.last_nps_on is None or f.last_nps > 6:
        return None
    age = (today - f.last_nps_on).days
    if age > NPS_MAX_AGE_DAYS:
        return None
    points = NPS_POINTS_AT_6 + NPS_POINTS_PER_STEP * (6 - max(f.last_nps, 0))
    when = "this week" if age < 7 else f"{span(age)} ago"
    return points, "nps", f"last NPS {f.last_nps} ({when})"


def _unanswered_signal(f: CustomerFacts) -> Signal | None:
    if f.unanswered_streak < UNANSWERED_FROM:
        return None
    points = min(UNANSWERED_EACH * f.unanswered_streak, UNANSWERED_MAX)
    return points, "unanswered", f"{f.unanswered_streak} calls unanswered"


def _contact_signal(f: CustomerFacts, today: date) -> Signal | None:
    """Time since we last spoke to or saw the customer; the cadence wants a contact about
    once a month and calls 60 days overdue."""
    last = f.last_contact
    if last is None or (f.last_visit is not None and f.last_visit > last):
        last = f.last_visit
    since_joining = last is None
    if since_joining:
        last = f.created_on
    if last is None:
        return None
    days = (today - last).days
    if days <= CONTACT_FROM_DAYS:
        return None
    points = CONTACT_POINTS * _ramp(days, CONTACT_FROM_DAYS, CONTACT_FULL_DAYS)
    if since_joining:
        return points, "contact", f"no contact since joining {span(days)} ago"
    return points, "contact", f"no contact for {span(days)}"


# --- actions ----------------------------------------------------------------------------

_ACTIONS = {
    "complaint": "Call today about the open complaint: apologise, agree a fix and a date.",
    "nps": "Call to ask what went wrong after the last visit and put it right.",
    "overdue": "Service reminder call: offer a booking slot.",
    "unanswered": "Calls go unanswered: try WeChat or SMS, or the second number.",
    "spend": "Ask whether they now service elsewhere; offer a service plan.",
    "p_alive": "Personal call from the owner: ask how the car is and invite them in.",
    "contact": "Stay-in-touch call: ask how the car is.",
}
_QUIET_ACTIONS = {
    "prospect": "Convert: invite to a test drive, a first service or an event.",
    "new": "Welcome: check in and book the first service.",
    "active": "Keep the monthly contact; remind services on time.",
    "at_risk": "Personal call: ask how the car is and offer a service slot.",
    "lapsed": "Win-back call: ask why they stopped coming and invite them back.",
}
_LOST = {
    "lost": ("marked lost", "Win-back call: ask why they left (at most 4 tries); record it."),
    "moved": ("moved away", "No retention calls; ask for referrals if still in touch."),
    "deceased": ("deceased", "Do not contact."),
}


def _action(keys: list[str], stage: str, band: str, tier: str | None) -> str:
    """What to do. An open complaint comes first (it is fixable today, and how fast it is
    handled is what the customer remembers); otherwise the heaviest reason decides, except
    that prospects are converted and lapsed customers won back."""
    key = "complaint" if "complaint" in keys else keys[0] if keys else None
    if key in ("complaint", "nps", "unanswered"):
        text = _ACTIONS[key]  # type: ignore[index]
    elif key is None or stage in ("prospect", "lapsed"):
        text = _QUIET_ACTIONS.get(stage, _QUIET_ACTIONS["active"])
    else:
        text = _ACTIONS[key]
    if band == "high" and tier in ("VIP", "Gold"):
        text += f" {tier} customer: the manager calls."
    return text


def band_for(score: int) -> str:
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"


# --- scoring ----------------------------------------------------------------------------


def _lost_result(f: CustomerFacts, today: date) -> RiskResult:
    if f.status in LOST_STATUSES:
        reason, action = _LOST[f.status]
    else:
        days = (today - f.last_visit).days if f.last_visit else 0
        reason = f"no visit for {span(days)}: counted as lost"
        action = _LOST["lost"][1]
    return RiskResult(f.customer_id, 0, "lost", (reason,), None, None, action, "lost")


def _points(signal: Signal) -> float:
    return signal[0]


def score_customer(
    facts: CustomerFacts,
    *,
    today: date,
    p_alive: float | None,
    expected_visits: float | None,
    tier: str | None = None,
) -> RiskResult:
    """Score one customer from their facts and the model's P(alive) / expected visits.

    ``p_alive`` is ignored (and reported as None) for a customer seen on one day only.
    """
    interval, own = usual_service_interval(facts)
    stage = lifecycle(facts, today, interval_days=interval)
    if stage == "lost":
        return _lost_result(facts, today)
    if facts.visit_days <= 1:
        p_alive = None
    # The cheap guards up front spare most customers most of the calls (100k a refresh).
    signals = [s for s in (
        _p_alive_signal(p_alive) if p_alive is not None else None,
        _overdue_signal(facts, today, interval, own),
        _spend_signal(facts),
        _complaint_signal(facts, today) if facts.open_complaints > 0 else None,
        _nps_signal(facts, today) if facts.last_nps is not None else None,
        _unanswered_signal(facts) if facts.unanswered_streak >= UNANSWERED_FROM else None,
        _contact_signal(facts, today),
    ) if s is not None]  # fmt: skip
    if len(signals) > 1:
        signals.sort(key=_points, reverse=True)  # stable: ties keep the table's order
    score = min(100, round(sum([s[0] for s in signals]))) if signals else 0
    band = band_for(score)
    shown = [s for s in signals if s[0] >= 0.5]
    reasons = tuple([s[2] for s in shown])
    if facts.last_visit is None:
        expected_visits = None
    return RiskResult(
        facts.customer_id, score, band, reasons,
        None if p_alive is None else float(p_alive),
        None if expected_visits is None else float(expected_visits),
        _action([s[1] for s in shown], stage, band, tier), stage,
    )  # fmt: skip


def bgnbd_inputs(
    facts_list: Sequence[CustomerFacts], today: date
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(index, x, t_x, T) in weeks for the customers who have visited at least once.

    x = repeat visit days, t_x = weeks from the first to the last visit, T = weeks from
    the first visit to ``today``; ``index`` says which facts each row belongs to.
    """
    t0 = today.toordinal()
    rows = [
        (i, f.visit_days - 1, f.first_visit.toordinal(), f.last_visit.toordinal())
        for i, f in enumerate(facts_list)
        if f.first_visit is not None and f.last_visit is not None and f.visit_days >= 1
    ]
    if not rows:
        empty = np.zeros(0)
        return np.zeros(0, dtype=np.int64), empty, empty, empty
    arr = np.asarray(rows, dtype=np.int64)
    first, last = arr[:, 2], np.minimum(arr[:, 3], t0)
    x = arr[:, 1].astype(float)
    t_x = np.maximum(last - first, 0) / 7.0
    age = np.maximum(t0 - first, 0) / 7.0
    return arr[:, 0], x, np.minimum(t_x, age), age


def score_all(
    facts_list: Sequence[CustomerFacts],
    *,
    today: date,
    model_params: BGNBDParams | None,
    tiers: Mapping[int, str] | None = None,
) -> list[RiskResult]:
    """Score many customers: P(alive) and expected visits for everyone in one vectorised
    model call, then the signals per customer. Same results as ``score_customer``."""
    n = len(facts_list)
    alive = np.full(n, np.nan)
    expected = np.full(n, np.nan)
    if model_params is not None and n:
        index, x, t_x, age = bgnbd_inputs(facts_list, today)
        if index.size:
            alive[index] = p_alive(model_params, x, t_x, age)
            expected[index] = expected_purchases(model_params, HORIZON_WEEKS, x, t_x, age)
    tiers = tiers or {}
    return [
        score_customer(
            f,
            today=today,
            p_alive=None if math.isnan(a) else float(a),
            expected_visits=None if math.isnan(e) else float(e),
            tier=tiers.get(f.customer_id),
        )
        for f, a, e in zip(facts_list, alive.tolist(), expected.tolist(), strict=True)
    ]
