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
    last_touch_days,
    prior_model,
)
from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.segments import (
    LIFECYCLE_STAGES,
    TIERS,
    lifecycle_stages,
    service_intervals,
    usual_service_interval,
)
from dealerdesk.vocab.customer import CustomerStatus
from dealerdesk.vocab.retention import LifecycleStage, RiskBand, ValueTier

__all__ = ["BANDS", "HIGH", "HORIZON_DAYS", "MEDIUM", "RiskColumns", "RiskResult", "band_for",
           "score_all", "score_columns", "score_customer", "span", "span_codes"]  # fmt: skip

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


def _reason(group: str, f: CustomerFacts, today: date) -> Msg | None:
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


BANDS = tuple(RiskBand)
_BAND = {band: code for code, band in enumerate(BANDS)}
_STAGE = {stage: code for code, stage in enumerate(LIFECYCLE_STAGES)}
_STATUS = {str(status): code for code, status in enumerate(CustomerStatus)}


@dataclass(frozen=True, slots=True)
class RiskColumns:
    """Everyone's score as columns aligned with ``facts``; ``result(i)`` words one customer.

    ``band`` codes index ``BANDS``, ``stage`` codes ``LIFECYCLE_STAGES``, ``groups`` holds
    each customer's named reason groups heaviest first (codes into the reason groups, -1
    past the last), ``tier`` codes ``segments.TIERS`` (None: no tiers given)."""

    facts: FactColumns
    today: date
    score: np.ndarray
    band: np.ndarray
    stage: np.ndarray
    groups: np.ndarray
    p_alive: np.ndarray  # NaN where BG/NBD has nothing to say
    expected: np.ndarray  # NaN for customers gone and prospects
    tier: np.ndarray | None = None

    def __len__(self) -> int:
        return int(self.score.size)

    def result(self, i: int) -> RiskResult:
        """Customer ``i``'s score with its reasons and action worded (``results``)."""
        return self.results(np.array([i]))[0]

    def results(self, index: np.ndarray) -> list[RiskResult]:
        """The customers at ``index``, each with reasons and action worded (as messages)."""
        out = []
        today = self.today
        tiers = [None] * len(index) if self.tier is None else [
            str(TIERS[t]) for t in self.tier[index].tolist()]  # fmt: skip
        columns = (self.facts.rows(index), self.stage[index].tolist(),
                   self.groups[index].tolist(), self.band[index].tolist(),
                   self.score[index].tolist(), self.p_alive[index].tolist(),
                   self.expected[index].tolist(), tiers)  # fmt: skip
        gone, prospect = _STAGE[LifecycleStage.GONE], _STAGE[LifecycleStage.PROSPECT]
        for f, stage_code, picked, band_code, score, a, expected, tier in zip(*columns,
                                                                              strict=True):
            if stage_code == gone:
                out.append(_gone(f, today))
                continue
            if stage_code == prospect:
                out.append(_prospect(f))
                continue
            stage, band = LIFECYCLE_STAGES[stage_code], BANDS[band_code]
            groups = [_GROUP_NAMES[g] for g in picked if g >= 0]
            reasons = tuple([m for m in [_reason(g, f, today) for g in groups] if m])
            out.append(RiskResult(f.customer_id, score, band, reasons, None if a != a else a,
                                  expected, _action(groups, stage, band, tier), stage))  # fmt: skip
        return out

    def word_codes(self) -> list[np.ndarray]:
        """Integer columns that decide every customer's reasons and action (with the
        score, band, stage and tier): two customers, or one customer on two days, with
        equal codes are worded identically. A full refresh compares these rather than the
        words, and words only the customers whose codes moved."""
        named = [(self.groups == g).any(axis=1) for g in range(len(_GROUP_NAMES))]
        out = [self.groups[:, k].astype(np.int64) for k in range(MAX_REASONS)]
        for g, codes in enumerate(_reason_codes(self.facts, self.today)):
            out.extend(np.where(named[g], c, 0) for c in codes)
        gone = self.stage == _STAGE[LifecycleStage.GONE]
        status = np.array([_STATUS.get(str(s), -1) for s in self.facts.status], np.int64)
        silent = span_codes(np.nan_to_num(self.facts.since(self.facts.last_visit, self.today)))
        out += [np.where(gone, status, 0), np.where(gone, silent, 0)]
        return out


def span_codes(days: np.ndarray) -> np.ndarray:
    """``span`` as one number per entry: equal codes are worded as the same duration."""
    d = np.where(days > 0, np.floor(days + 0.5), 0.0)
    return np.select(
        [d < 14, d < 61, np.rint(d / 30.44) < 24],
        [d, 1_000 + np.rint(d / 7), 2_000 + np.rint(d / 30.44)],
        3_000 + np.rint(d / 365.25 * 2),
    ).astype(np.int64)  # fmt: skip


def _present(column: np.ndarray) -> np.ndarray:
    return (~np.isnan(column)).astype(np.int64)


def _reason_codes(f: FactColumns, today: date) -> list[list[np.ndarray]]:
    """Per reason group (in ``_GROUPS`` order), the numbers ``_reason`` words it with."""

    def since(column: np.ndarray) -> np.ndarray:
        return span_codes(np.nan_to_num(f.since(column, today)))

    once = f.visit_days <= 1
    usual = np.where(np.isnan(f.first_visit), 0.0,
                     (f.last_visit - f.first_visit) / np.maximum(f.visit_days - 1, 1))  # fmt: skip
    before_gap = (f.prev_visit - f.first_visit) / np.maximum(f.visit_days - 2, 1)
    last_gap = np.where(np.isnan(f.last_visit), 0.0, f.last_visit - f.prev_visit)
    interval, own = service_intervals(f)
    now = np.where(np.isnan(f.aftersales_12m), f.spend_12m, f.aftersales_12m)
    before = np.where(np.isnan(f.aftersales_prev_12m), f.spend_prev_12m, f.aftersales_prev_12m)
    spend_kind = np.select([before <= 0, now <= 0], [0, 1], 2)
    pct = np.rint(100 * (1 - now / np.where(before > 0, before, 1.0)))
    thinning = _present(f.prev_visit) & _present(f.first_visit)
    complaint_age = np.maximum(0, np.nan_to_num(f.since(f.oldest_open_complaint, today)))
    codes = {
        "rhythm": [once.astype(np.int64), since(f.last_visit),
                   np.where(once, 0, span_codes(usual))],
        "thinning": [thinning, np.where(thinning > 0, span_codes(np.nan_to_num(last_gap)), 0),
                     np.where(thinning > 0, span_codes(np.nan_to_num(before_gap)), 0)],
        "no_first_service": [_present(f.last_purchase), since(f.last_purchase)],
        "service_overdue": [_present(f.last_service), own.astype(np.int64),
                            since(f.last_service), span_codes(interval)],
        "spend": [spend_kind, np.rint(before).astype(np.int64),
                  np.where(spend_kind == 2, np.rint(now), 0).astype(np.int64),
                  np.where(spend_kind == 2, pct, 0).astype(np.int64)],
        "declined": [_present(f.last_declined), since(f.last_declined)],
        "complaint": [f.open_complaints.astype(np.int64), span_codes(complaint_age)],
        "nps": [_present(f.last_nps), np.nan_to_num(f.last_nps, nan=-1).astype(np.int64),
                np.nan_to_num(f.last_nps_on, nan=-1).astype(np.int64)],
        "unanswered": [f.unanswered_streak.astype(np.int64)],
        "contact": [_present(last_touch_days(f)), since(last_touch_days(f))],
    }  # fmt: skip
    return [codes[name] for name in _GROUP_NAMES]


def score_columns(
    facts: FactColumns,
    *,
    today: date,
    model_params: BGNBDParams,
    churn: ChurnModel | None = None,
    tiers: np.ndarray | None = None,
) -> RiskColumns:
    """Score every customer at once: one model call for everyone; words come later, for
    whoever needs them (``RiskColumns.result``)."""
    churn = churn or prior_model(HORIZON_DAYS)
    n = len(facts)
    stage = lifecycle_stages(facts, today, service_intervals(facts)[0])
    gone, prospect = _STAGE[LifecycleStage.GONE], _STAGE[LifecycleStage.PROSPECT]
    score = np.zeros(n, np.int64)
    band = np.where(stage == gone, _BAND[RiskBand.GONE], _BAND[RiskBand.NONE]).astype(np.int8)
    groups = np.full((n, MAX_REASONS), -1, np.int8)
    alive_all, expected_all = np.full(n, np.nan), np.full(n, np.nan)
    live = np.flatnonzero((stage != gone) & (stage != prospect))
    if live.size:
        x, alive, expected = design(facts.take(live), today, model_params, HORIZON_DAYS)
        probability = churn.probability(x)
        # A column speaks as a reason only if its weight has the prior's sign; the rhythm
        # sentence speaks for its columns' sum (free in the fit, see churn.RHYTHM).
        speaks = np.array([f in _GROUPS["rhythm"] or w * p > 0
                           for f, w, p in zip(FEATURES, churn.weights, PRIOR, strict=True)])  # fmt: skip
        grouped = (churn.contributions(x) * speaks) @ _GROUP_MATRIX
        order = np.argsort(-grouped, axis=1, kind="stable")[:, :MAX_REASONS]
        k = order.shape[1]
        groups[live, :k] = np.where(np.take_along_axis(grouped, order, axis=1) >= MIN_REASON,
                                    order, -1)  # fmt: skip
        s = np.rint(100 * probability).astype(np.int64)
        b = np.select([s >= HIGH, s >= MEDIUM], [_BAND[RiskBand.HIGH], _BAND[RiskBand.MEDIUM]],
                      _BAND[RiskBand.LOW])  # fmt: skip
        # The stage never contradicts the band. The stage tells the rhythm so far, the
        # band the next twelve months, so "active, high risk" is the early warning itself.
        # But "lapsed" (stopped coming) beside "low risk" (expected back) would say two
        # opposite things: such a customer is lapsing.
        st = stage[live]
        stage[live] = np.where((b == _BAND[RiskBand.LOW]) & (st == _STAGE[LifecycleStage.LAPSED]),
                               _STAGE[LifecycleStage.LAPSING], st)  # fmt: skip
        score[live], band[live] = s, b
        alive_all[live], expected_all[live] = alive, expected
    return RiskColumns(facts, today, score, band, stage, groups, alive_all, expected_all, tiers)


def score_all(
    facts_list: Sequence[CustomerFacts],
    *,
    today: date,
    model_params: BGNBDParams,
    churn: ChurnModel | None = None,
    tiers: Mapping[int, str] | None = None,
) -> list[RiskResult]:
    """Score many one-customer facts at once (``score_columns``), every one worded."""
    codes = None
    if tiers:
        code = {str(t): i for i, t in enumerate(TIERS)}
        standard = code[str(ValueTier.STANDARD)]
        codes = np.array([code.get(str(tiers.get(f.customer_id, "")), standard)
                          for f in facts_list], np.int8)  # fmt: skip
    columns = score_columns(FactColumns.from_facts(facts_list), today=today,
                            model_params=model_params, churn=churn, tiers=codes)  # fmt: skip
    return columns.results(np.arange(len(columns)))


def score_customer(facts: CustomerFacts, *, today: date, model_params: BGNBDParams,
                   churn: ChurnModel | None = None, tier: str | None = None) -> RiskResult:  # fmt: skip
    """One customer, exactly as ``score_all`` scores them among everyone."""
    tiers = {facts.customer_id: tier} if tier else None
    return score_all([facts], today=today, model_params=model_params, churn=churn,
                     tiers=tiers)[0]  # fmt: skip
