"""The at-risk score: 0–100 per customer, with the reasons as message codes and numbers.

Why it is built like this: customers leave quietly — visits thin out, spend falls, calls
go unanswered (DESIGN.md "Why"). The score is ``round(100 × P(no visit in the next 12
months))`` from the churn model (:mod:`dealerdesk.retention.churn`), whose warning signs
are weighed on the dealership's own past, with BG/NBD's P(alive) and expected visits as
inputs. A score is only useful at the desk if a person can see *why*, so each customer's
reasons are the groups of signs that push their probability up the most, each one
sentence with its numbers (``Msg("risk.no_visit", {"gap": 14 months, "usual": 6
months})``), heaviest first.

Bands (``RiskBand``): high >= 70, medium >= 40, low below — on a probability, so the
no-return rate rises band by band (the backtest shows it). Customers already gone (marked
lost / moved / deceased, or no visit for three years: lifecycle ``gone``) have the band
``gone`` and a win-back (or no-contact) action instead; prospects (never visited) are not
scored (band ``none``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from dealerdesk.i18n import Msg
from dealerdesk.retention.bgnbd import BGNBDParams
from dealerdesk.retention.churn import (
    FEATURES,
    PRIOR,
    PRIOR_MEANS,
    ChurnModel,
    design,
    prior_model,
)
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.segments import lifecycle, usual_service_interval
from dealerdesk.vocab.customer import CustomerStatus
from dealerdesk.vocab.retention import LifecycleStage, RiskBand, ValueTier

__all__ = ["HIGH", "HORIZON_DAYS", "MEDIUM", "RiskResult", "band_for", "score_all",
           "score_customer", "span"]  # fmt: skip

HIGH, MEDIUM = 70, 40
HORIZON_DAYS = 365  # "no visit in the next 12 months"
HORIZON_WEEKS = HORIZON_DAYS / 7.0
MIN_REASON = 0.10  # a group must add at least this much to the log-odds to be named
MAX_REASONS = 5

# Columns of FEATURES grouped into the sentences a person reads.
_GROUPS: dict[str, tuple[str, ...]] = {
    # BG/NBD's inputs say the same thing as the silence against the rhythm, in a model's
    # terms; shown as its own "chance still a customer 79%" beside a risk of 100 it read
    # like a contradiction, so it speaks through the rhythm sentence.
    "rhythm": (
        "recency",
        "frequency",
        "age",
        "overdue",
        "one_time",
        "gap",
        "due_in",
        "bgnbd_expected",
        "bgnbd_dropout",
    ),
    "thinning": ("thinning",),
    "no_first_service": ("no_first_service",),
    "service_overdue": ("service_overdue",),
    "spend": ("spend_drop",),
    "declined": ("declined_open",),
    "complaint": ("complaint",),
    "nps": ("detractor",),
    "unanswered": ("unanswered",),
    "contact": ("no_contact",),
}
_GROUP_NAMES = tuple(_GROUPS)
assert sorted(c for cols in _GROUPS.values() for c in cols) == sorted(FEATURES)  # each once
assert len(FEATURES) == len(PRIOR) == len(PRIOR_MEANS)
_GROUP_MATRIX = np.array([[1.0 if f in cols else 0.0 for cols in _GROUPS.values()]
                          for f in FEATURES])  # fmt: skip


@dataclass(slots=True)  # read-only by convention: not frozen, as CustomerFacts (100k a run)
class RiskResult:
    """One customer's score. ``reasons`` are ordered by how much they add.

    ``p_alive`` is None where BG/NBD cannot tell (prospects, customers seen on one day
    only, customers gone); ``lifecycle`` is the stage the score was computed for.
    """

    customer_id: int
    score: int
    band: RiskBand
    reasons: tuple[Msg, ...]
    p_alive: float | None
    expected_visits_12m: float | None
    action: Msg
    lifecycle: LifecycleStage = LifecycleStage.ACTIVE


def band_for(score: int) -> RiskBand:
    return RiskBand.HIGH if score >= HIGH else RiskBand.MEDIUM if score >= MEDIUM else RiskBand.LOW


# --- words ------------------------------------------------------------------------------


def span(days: float) -> Msg:
    """A duration the way people say it: days, weeks, months, then half years."""
    return _span(int(days + 0.5) if days > 0 else 0)  # (builtin round: slow on numpy floats)


@lru_cache(maxsize=4096)
def _span(days: int) -> Msg:  # shared, immutable: 100k reasons use a few hundred spans
    if days < 14:
        return Msg("common.days", {"n": max(0, days)})
    if days < 61:
        return Msg("common.weeks", {"n": round(days / 7)})
    months = round(days / 30.44)
    if months < 24:
        return Msg("common.months", {"n": months})
    years = round(days / 365.25 * 2) / 2
    return Msg("common.years", {"n": int(years) if years == int(years) else years})


def _money(amount: float) -> str:
    return f"¥{amount:,.0f}"


def _reason(group: str, f: CustomerFacts, today: date, p_alive: float | None) -> Msg | None:
    if group == "rhythm" and f.last_visit is not None:
        gap = (today - f.last_visit).days
        if f.visit_days <= 1:
            return Msg("risk.seen_once", {"gap": span(gap)})
        usual = (f.last_visit - f.first_visit).days / (f.visit_days - 1) if f.first_visit else 0
        return Msg("risk.no_visit", {"gap": span(gap), "usual": span(usual)})
    if group == "thinning" and f.prev_visit is not None and f.first_visit is not None:
        before = (f.prev_visit - f.first_visit).days / max(f.visit_days - 2, 1)
        last = (f.last_visit - f.prev_visit).days if f.last_visit else 0
        return Msg("risk.thinning", {"last": span(last), "usual": span(before)})
    if group == "no_first_service" and f.last_purchase is not None:
        return Msg("risk.no_first_service", {"gap": span((today - f.last_purchase).days)})
    if group == "service_overdue" and f.last_service is not None:
        interval, own = usual_service_interval(f)
        code = "risk.service_overdue_own" if own else "risk.service_overdue_maker"
        return Msg(code, {"gap": span((today - f.last_service).days), "usual": span(interval)})
    if group == "spend":
        now = f.aftersales_12m if f.aftersales_12m is not None else f.spend_12m
        before = f.aftersales_prev_12m if f.aftersales_prev_12m is not None else f.spend_prev_12m
        if before <= 0:
            return None
        if now <= 0:
            return Msg("risk.no_spend", {"before": _money(before)})
        return Msg("risk.spend_down", {"pct": round(100 * (1 - now / before)),
                                       "now": _money(now), "before": _money(before)})  # fmt: skip
    if group == "declined" and f.last_declined is not None:
        return Msg("risk.declined_open", {"gap": span((today - f.last_declined).days)})
    if group == "complaint" and f.open_complaints > 0:
        age = max(0, (today - f.oldest_open_complaint).days) if f.oldest_open_complaint else 0
        if f.open_complaints == 1:
            return Msg("risk.complaint_open", {"age": span(age)})
        return Msg("risk.complaints_open", {"n": f.open_complaints, "age": span(age)})
    if group == "nps" and f.last_nps is not None:
        return Msg("risk.low_nps", {"nps": f.last_nps, "when": f.last_nps_on})
    if group == "unanswered" and f.unanswered_streak > 0:
        return Msg("risk.unanswered", {"n": f.unanswered_streak})
    if group == "contact":
        touched = f.last_contact
        if touched is None or (f.last_visit is not None and f.last_visit > touched):
            touched = f.last_visit
        if touched is not None:
            return Msg("risk.no_contact", {"gap": span((today - touched).days)})
    return None


# --- actions ----------------------------------------------------------------------------

_ACTION_FOR_GROUP = {
    "complaint": "risk.action.complaint",
    "nps": "risk.action.nps",
    "unanswered": "risk.action.unanswered",
    "thinning": "risk.action.personal_call",
    "no_first_service": "risk.action.first_service",
    "service_overdue": "risk.action.service",
    "spend": "risk.action.spend",
    "declined": "risk.action.declined",
    "rhythm": "risk.action.personal_call",
    "contact": "risk.action.stay_in_touch",
}
_QUIET_ACTIONS = {
    LifecycleStage.NEW: "risk.action.welcome",
    LifecycleStage.ACTIVE: "risk.action.keep_in_touch",
    LifecycleStage.LAPSING: "risk.action.personal_call",
    LifecycleStage.LAPSED: "risk.action.win_back",
}
_GONE = {
    CustomerStatus.LOST: ("risk.gone.marked_lost", "risk.action.win_back_lost"),
    CustomerStatus.MOVED: ("risk.gone.moved", "risk.action.moved"),
    CustomerStatus.DECEASED: ("risk.gone.deceased", "risk.action.do_not_contact"),
}


def _action(groups: Sequence[str], stage: LifecycleStage, band: RiskBand,
            tier: str | None) -> Msg:  # fmt: skip
    """What to do. An open complaint comes first (it is fixable today); otherwise the
    heaviest reason decides, except that lapsed customers are won back."""
    if "complaint" in groups:
        code = _ACTION_FOR_GROUP["complaint"]
    elif groups and (groups[0] in ("nps", "unanswered") or stage != LifecycleStage.LAPSED):
        code = _ACTION_FOR_GROUP[groups[0]]
    else:
        code = _QUIET_ACTIONS.get(stage, "risk.action.keep_in_touch")
    if band == RiskBand.HIGH and tier in (ValueTier.VIP, ValueTier.GOLD):
        return _manager_calls(code, str(tier))
    return _plain_action(code)


@lru_cache(maxsize=64)
def _plain_action(code: str) -> Msg:  # shared: a few dozen actions for 100k customers
    return Msg(code)


@lru_cache(maxsize=64)
def _manager_calls(code: str, tier: str) -> Msg:
    label = Msg(f"vocab.value_tier.{tier}")  # 大客户 in Chinese
    return Msg("risk.action.manager_calls", {"action": _plain_action(code), "tier": label})


# --- scoring ----------------------------------------------------------------------------


def _agree(stage: LifecycleStage, band: RiskBand) -> LifecycleStage:
    """The stage never contradicts the band. The stage tells the rhythm so far, the band
    the next twelve months, so "active, high risk" is the early warning itself (still
    coming, likely to stop; a customer seen two days ago is not "lapsing"). But "lapsed"
    (stopped coming) beside "low risk" (expected back) would say two opposite things:
    such a customer is lapsing. (Gone and prospect are decided before any score.)"""
    if band == RiskBand.LOW and stage == LifecycleStage.LAPSED:
        return LifecycleStage.LAPSING
    return stage


def _gone(f: CustomerFacts, today: date) -> RiskResult:
    if f.status in _GONE:
        reason, action = _GONE[CustomerStatus(f.status)]
        reasons = (Msg(reason),)
    else:
        days = (today - f.last_visit).days if f.last_visit else 0
        reasons = (Msg("risk.gone.silent", {"gap": span(days)}),)
        action = "risk.action.win_back_lost"
    return RiskResult(f.customer_id, 0, RiskBand.GONE, reasons, None, None, Msg(action),
                      LifecycleStage.GONE)  # fmt: skip


def _prospect(f: CustomerFacts) -> RiskResult:
    return RiskResult(f.customer_id, 0, RiskBand.NONE, (), None, None,
                      Msg("risk.action.convert"), LifecycleStage.PROSPECT)  # fmt: skip


def score_all(
    facts_list: Sequence[CustomerFacts],
    *,
    today: date,
    model_params: BGNBDParams,
    churn: ChurnModel | None = None,
    tiers: Mapping[int, str] | None = None,
) -> list[RiskResult]:
    """Score many customers at once: one model call for everyone, then the words."""
    churn = churn or prior_model(HORIZON_DAYS)
    tiers = tiers or {}
    stages = [lifecycle(f, today, interval_days=usual_service_interval(f)[0])
              for f in facts_list]  # fmt: skip
    live = [i for i, s in enumerate(stages)
            if s not in (LifecycleStage.GONE, LifecycleStage.PROSPECT)]  # fmt: skip
    out: list[RiskResult | None] = [None] * len(facts_list)
    for i, stage in enumerate(stages):
        if stage == LifecycleStage.GONE:
            out[i] = _gone(facts_list[i], today)
        elif stage == LifecycleStage.PROSPECT:
            out[i] = _prospect(facts_list[i])
    if live:
        facts = [facts_list[i] for i in live]
        x, alive, expected = design(facts, today, model_params, HORIZON_DAYS)
        probability = churn.probability(x)
        # A column speaks as a reason only if its weight has the prior's sign; the rhythm
        # sentence speaks for its columns' sum (free in the fit, see churn.RHYTHM).
        speaks = np.array([f in _GROUPS["rhythm"] or w * p > 0
                           for f, w, p in zip(FEATURES, churn.weights, PRIOR, strict=True)])  # fmt: skip
        grouped = (churn.contributions(x) * speaks) @ _GROUP_MATRIX
        order = np.argsort(-grouped, axis=1, kind="stable")[:, :MAX_REASONS]
        # Python lists: indexing numpy arrays element by element is the slow part at 100k.
        named = np.where(np.take_along_axis(grouped, order, axis=1) >= MIN_REASON, order, -1)
        scores = np.rint(100 * probability).astype(int).tolist()
        alive_l, expected_l = alive.tolist(), expected.tolist()
        for row, (i, picked) in enumerate(zip(live, named.tolist(), strict=True)):
            f = facts[row]
            a = alive_l[row]
            p = None if a != a else a  # NaN: BG/NBD has nothing to say
            groups = [_GROUP_NAMES[g] for g in picked if g >= 0]
            reasons = tuple([m for m in [_reason(g, f, today, p) for g in groups] if m])
            band = band_for(scores[row])
            stages[i] = _agree(stages[i], band)
            out[i] = RiskResult(
                f.customer_id, scores[row], band, reasons, p, expected_l[row],
                _action(groups, stages[i], band, tiers.get(f.customer_id)), stages[i],
            )  # fmt: skip
    return [r for r in out if r is not None]


def score_customer(facts: CustomerFacts, *, today: date, model_params: BGNBDParams,
                   churn: ChurnModel | None = None, tier: str | None = None) -> RiskResult:  # fmt: skip
    """One customer, exactly as ``score_all`` scores them among everyone."""
    tiers = {facts.customer_id: tier} if tier else None
    return score_all([facts], today=today, model_params=model_params, churn=churn,
                     tiers=tiers)[0]  # fmt: skip
