"""The at-risk score: 0–100 per customer, with the reasons as message codes and numbers.

Why it is built like this: customers leave quietly — visits thin out, spend falls, calls
go unanswered (DESIGN.md "Why"). The score is ``round(100 × P(no visit in the next 12
months))`` from the churn model (:mod:`dealerdesk.retention.churn`), whose warning signs
are weighed on the dealership's own past, with BG/NBD's P(alive) and expected visits as
inputs. A score is only useful at the desk if a person can see *why*, so each customer's
reasons are the groups of signs that push their probability up the most, each one
sentence with its numbers, heaviest first (worded in :mod:`dealerdesk.retention.risk_words`).

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
from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.risk_words import (
    GONE_WORDS,
    GROUP_NAMES,
    REASON_GROUPS,
    action,
    reason,
    reason_codes,
    span,
    span_codes,
)
from dealerdesk.retention.segments import (
    LIFECYCLE_STAGES,
    STAGE_CODE,
    TIERS,
    lifecycle_stages,
    service_intervals,
)
from dealerdesk.vocab.customer import CustomerStatus
from dealerdesk.vocab.retention import LifecycleStage, RiskBand, ValueTier

__all__ = ["BANDS", "HIGH", "HORIZON_DAYS", "MEDIUM", "RiskColumns", "RiskResult", "band_for",
           "score_all", "score_columns", "score_customer"]  # fmt: skip

HIGH, MEDIUM = 70, 40
HORIZON_DAYS = 365  # "no visit in the next 12 months"
HORIZON_WEEKS = HORIZON_DAYS / 7.0
MIN_REASON = 0.10  # a group must add at least this much to the log-odds to be named
MAX_REASONS = 5

assert sorted(c for cols in REASON_GROUPS.values() for c in cols) == sorted(FEATURES)  # once
assert len(FEATURES) == len(PRIOR) == len(PRIOR_MEANS)
_GROUP_MATRIX = np.array([[1.0 if f in cols else 0.0 for cols in REASON_GROUPS.values()]
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


def _gone(f: CustomerFacts, today: date) -> RiskResult:
    if f.status in GONE_WORDS:
        said, todo = GONE_WORDS[CustomerStatus(f.status)]
        reasons = (Msg(said),)
    else:
        days = (today - f.last_visit).days if f.last_visit else 0
        reasons = (Msg("risk.gone.silent", {"gap": span(days)}),)
        todo = "risk.action.win_back_lost"
    return RiskResult(f.customer_id, 0, RiskBand.GONE, reasons, None, None, Msg(todo),
                      LifecycleStage.GONE)  # fmt: skip


def _prospect(f: CustomerFacts) -> RiskResult:
    return RiskResult(f.customer_id, 0, RiskBand.NONE, (), None, None,
                      Msg("risk.action.convert"), LifecycleStage.PROSPECT)  # fmt: skip


BANDS = tuple(RiskBand)
_BAND = {band: code for code, band in enumerate(BANDS)}
_STATUS = {str(status): code for code, status in enumerate(CustomerStatus)}


@dataclass(frozen=True, slots=True)
class RiskColumns:
    """Everyone's score as columns aligned with ``facts``; ``results`` words the customers
    asked for.

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
        gone, prospect = STAGE_CODE[LifecycleStage.GONE], STAGE_CODE[LifecycleStage.PROSPECT]
        for f, stage_code, picked, band_code, score, a, expected, tier in zip(*columns,
                                                                              strict=True):
            if stage_code == gone:
                out.append(_gone(f, today))
                continue
            if stage_code == prospect:
                out.append(_prospect(f))
                continue
            stage, band = LIFECYCLE_STAGES[stage_code], BANDS[band_code]
            groups = [GROUP_NAMES[g] for g in picked if g >= 0]
            reasons = tuple([m for m in [reason(g, f, today) for g in groups] if m])
            out.append(RiskResult(f.customer_id, score, band, reasons, None if a != a else a,
                                  expected, action(groups, stage, band, tier), stage))  # fmt: skip
        return out

    def word_codes(self) -> list[np.ndarray]:
        """Integer columns that decide every customer's reasons and action (with the
        score, band, stage and tier): two customers, or one customer on two days, with
        equal codes are worded identically. A full refresh compares these rather than the
        words, and words only the customers whose codes moved."""
        named = [(self.groups == g).any(axis=1) for g in range(len(GROUP_NAMES))]
        out = [self.groups[:, k].astype(np.int64) for k in range(MAX_REASONS)]
        for g, codes in enumerate(reason_codes(self.facts, self.today)):
            out.extend(np.where(named[g], c, 0) for c in codes)
        gone = self.stage == STAGE_CODE[LifecycleStage.GONE]
        status = np.array([_STATUS.get(str(s), -1) for s in self.facts.status], np.int64)
        silent = span_codes(np.nan_to_num(self.facts.since(self.facts.last_visit, self.today)))
        out += [np.where(gone, status, 0), np.where(gone, silent, 0)]
        return out


def score_columns(
    facts: FactColumns,
    *,
    today: date,
    model_params: BGNBDParams,
    churn: ChurnModel | None = None,
    tiers: np.ndarray | None = None,
) -> RiskColumns:
    """Score every customer at once: one model call for everyone; words come later, for
    whoever needs them (``RiskColumns.results``)."""
    churn = churn or prior_model(HORIZON_DAYS)
    n = len(facts)
    stage = lifecycle_stages(facts, today, service_intervals(facts)[0])
    gone, prospect = STAGE_CODE[LifecycleStage.GONE], STAGE_CODE[LifecycleStage.PROSPECT]
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
        speaks = np.array([f in REASON_GROUPS["rhythm"] or w * p > 0
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
        lapsed_but_low = (b == _BAND[RiskBand.LOW]) & (st == STAGE_CODE[LifecycleStage.LAPSED])
        stage[live] = np.where(lapsed_but_low, STAGE_CODE[LifecycleStage.LAPSING], st)
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
