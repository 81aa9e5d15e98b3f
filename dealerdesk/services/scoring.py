"""Scoring use cases: refresh the analytics cache, read the at-risk list, the report data.

Why a cache: the Today screen, the customer list and the PDF all want the risk of 100,000
customers at once; computing it takes a few seconds, reading it a few milliseconds. A full
refresh refits the churn model and recomputes every customer; a change to one customer
(a visit, a call, a complaint) refreshes just that customer with the stored model and
population cut points, so their row agrees with everyone else's.

Pipeline (``refresh_scores``), in columns from end to end (issue #8: a full run costs
about twice one raw SQL aggregate over the visits): every customer's facts as arrays
(``FactColumns``: visits and contacts from their packed histories, the rest by a few
set-based queries) -> BG/NBD fit on the visit histories (weeks; identical (x, t_x, T)
rows compressed into weights; kept when the histories did not change) -> P(alive) and
expected visits in the next 52 weeks -> tiers, RFM, lifecycle, risk for everyone at once
(``risk.score_columns``) -> each row's signature (``scores.signature``) against the one
stored -> only the rows that moved are worded (reasons, action) and written. A new day
moves about a fifth of them (scores drift by a point as the silence grows).
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

import numpy as np

from dealerdesk.reports.data import AtRiskReport, AtRiskRow
from dealerdesk.retention import segments
from dealerdesk.retention.bgnbd import BGNBDParams, distinct_histories, fit_bgnbd
from dealerdesk.retention.churn import (
    MIN_TRAINING,
    ORIGIN_STEP_DAYS,
    ORIGINS,
    ChurnModel,
    PastCutoff,
    bgnbd_arrays,
    train_on_history,
)
from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.retention.risk import BANDS, HORIZON_DAYS, MEDIUM, RiskColumns, score_columns
from dealerdesk.services import settings
from dealerdesk.services.changes import Changed
from dealerdesk.services.settings import dealership_name
from dealerdesk.store import dashboard_queries, risk_facts, scores
from dealerdesk.store import facts_query as q
from dealerdesk.store.records import ScoreRecord
from dealerdesk.store.settings_store import get_setting, set_setting
from dealerdesk.store.validation import format_phone
from dealerdesk.vocab.retention import RiskBand, Segment

__all__ = ["DEFAULT_PARAMS", "ScoreRecord", "ScoreSummary", "at_risk_report_data",
           "customer_risk", "refresh_for_changes", "refresh_scores",
           "top_at_risk"]  # fmt: skip

T = TypeVar("T")
MODEL_KEY = "scoring_model"
MIN_CUSTOMERS_TO_FIT = 50
# Used when the data cannot identify the model (a new dealership, nobody ever left):
# a customer visiting about every 6 months (r / alpha = 1.5 / 40 per week) who drops out
# after about one visit in eleven (a / (a + b) = 0.5 / 5.5).
DEFAULT_PARAMS = BGNBDParams(1.5, 40.0, 0.5, 5.0, math.nan, False, False)
SCORE_TABLES = frozenset({"visit", "contact_log", "complaint", "survey", "customer"})
REFIT_CHURN_DAYS = 28  # the warning signs' weights move slowly: refit them monthly


@dataclass(frozen=True, slots=True)
class _Model:
    """What a full refresh leaves for the partial ones: the churn model and the cut points."""

    params: BGNBDParams
    source: str  # fit | previous | default
    note: str
    computed_on: date
    tier_cut: segments.TierCut
    rfm: segments.RFMBreakpoints
    churn: ChurnModel | None = None
    fit_key: str = ""  # digest of the histories the parameters were fitted on

    def to_json(self) -> str:
        p = self.params
        return json.dumps({
            "unit": "weeks", "r": p.r, "alpha": p.alpha, "a": p.a, "b": p.b,
            "log_likelihood": None if math.isnan(p.log_likelihood) else p.log_likelihood,
            "converged": p.converged, "degenerate": p.degenerate, "source": self.source,
            "note": self.note, "computed_on": self.computed_on.isoformat(),
            "tier_cut": [_finite(self.tier_cut.vip_min), _finite(self.tier_cut.gold_min)],
            "rfm": [list(self.rfm.recency), list(self.rfm.frequency), list(self.rfm.monetary)],
            "churn": self.churn.to_dict() if self.churn else None, "fit_key": self.fit_key,
        })  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> _Model | None:
        try:
            d = json.loads(text)
            ll = d["log_likelihood"]
            params = BGNBDParams(d["r"], d["alpha"], d["a"], d["b"],
                                 math.nan if ll is None else ll, d["converged"], d["degenerate"])  # fmt: skip
            vip, gold = (math.inf if v is None else float(v) for v in d["tier_cut"])
            rfm = segments.RFMBreakpoints(*(tuple(map(float, b)) for b in d["rfm"]))
            churn = ChurnModel.from_dict(d["churn"]) if d.get("churn") else None
            return cls(params, d["source"], d["note"], date.fromisoformat(d["computed_on"]),
                       segments.TierCut(vip, gold), rfm, churn, str(d.get("fit_key", "")))  # fmt: skip
        except (ValueError, KeyError, TypeError):
            return None


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _stored_model() -> _Model | None:
    text = get_setting(MODEL_KEY, "")
    return _Model.from_json(text) if text else None


@dataclass(frozen=True, slots=True)
class ScoreSummary:
    """What a refresh did, with the time each step took (seconds)."""

    today: date
    customers: int
    partial: bool
    by_band: tuple[tuple[str, int], ...]
    params: BGNBDParams
    model_source: str
    model_note: str
    seconds_sql: float
    seconds_fit: float
    seconds_scoring: float
    seconds_write: float
    rows_written: int = 0  # cache rows written or removed (a full run skips unchanged ones)

    @property
    def seconds_total(self) -> float:
        return self.seconds_sql + self.seconds_fit + self.seconds_scoring + self.seconds_write


def _fit(
    facts: FactColumns, today: date, previous: _Model | None
) -> tuple[BGNBDParams, str, str, str]:
    """Fit BG/NBD on every visit history; on data that cannot identify it, fall back to
    the last good fit, else to DEFAULT_PARAMS, and say so. The last element is the digest
    of the fitted histories (in customer order): on the same histories (a re-run the same
    day with no new visit) the last fit is the answer, so it is kept rather than refitted (a refit from
    there would move the parameters by about 1e-8, and rewrite every cached row)."""
    x, t_x, age = bgnbd_arrays(facts.take(facts.seen), today)
    fallback = previous.params if previous and previous.source in ("fit", "previous") else None
    fallback_name = "previous" if fallback else "default"
    if x.size < MIN_CUSTOMERS_TO_FIT or not np.any(x > 0):
        note = (f"only {x.size} customers with visits and {int(np.sum(x > 0))} repeat "
                f"visitors: not enough to fit the churn model; using the {fallback_name} one")  # fmt: skip
        return fallback or DEFAULT_PARAMS, fallback_name, note, ""
    histories = np.column_stack([x, t_x, age])
    key = hashlib.blake2b(histories.tobytes(), digest_size=16).hexdigest()
    if previous is not None and previous.source == "fit" and previous.fit_key == key:
        return previous.params, "fit", previous.note, key
    rows, weights = distinct_histories(histories)
    note = f"fitted on {x.size:,} customers ({len(weights):,} distinct histories)"
    # Starting from the last fit (or the default) takes a third of the iterations.
    params = fit_bgnbd(rows[:, 0], rows[:, 1], rows[:, 2], weights=weights,
                       initial=fallback or DEFAULT_PARAMS)  # fmt: skip
    if params.degenerate:
        note = (f"the churn model fit on {x.size:,} customers was degenerate "
                f"(r={params.r:.3g}, a={params.a:.3g}, b={params.b:.3g}); "
                f"using the {fallback_name} parameters")  # fmt: skip
        return fallback or DEFAULT_PARAMS, fallback_name, note, ""
    return params, "fit", note, key


def refresh_scores(*, today: date, customer_ids: Sequence[int] | None = None) -> ScoreSummary:
    """Recompute and cache the analytics of every customer, or of ``customer_ids`` only.

    A partial refresh reuses the model and cut points of the last full one (and becomes a
    full refresh if there has never been one)."""
    return _without_cycle_collection(_refresh_scores, today, customer_ids)


def _refresh_scores(today: date, customer_ids: Sequence[int] | None) -> ScoreSummary:
    started = time.perf_counter()
    model = _stored_model()
    partial = customer_ids is not None and model is not None
    facts = _load_facts(today, customer_ids if partial else None)
    t_sql = time.perf_counter()
    if not partial:
        params, source, note, fit_key = _fit(facts, today, model)
        seen = facts.seen
        model = _Model(
            params, source, note, today, segments.tier_cut(facts.spend_24m),
            segments.rfm_breakpoints(facts.since(facts.last_visit, today)[seen],
                                     facts.visit_days[seen], facts.spend_total[seen]),
            _churn_model(today, params, model.churn if model else None), fit_key,
        )  # fmt: skip
    assert model is not None
    t_fit = time.perf_counter()
    table = _score_table(facts, today, model)
    t_score = time.perf_counter()
    if partial:
        dropped = sorted(set(customer_ids or ()) - set(facts.customer_id.tolist()))
        rows = np.arange(len(facts))
        written = scores.save_scores(table.records(rows), table.signature[rows].tolist(),
                                     drop_ids=dropped)  # fmt: skip
    else:
        stored_ids, stored = scores.stored_signatures()
        was = _stored_for(facts.customer_id, stored_ids, stored)
        rows = np.flatnonzero(was != table.signature)  # a signature is never 0 (none stored)
        gone = np.setdiff1d(stored_ids, facts.customer_id).tolist()
        written = scores.save_scores(table.records(rows), table.signature[rows].tolist(),
                                     drop_ids=gone, current_on=today,
                                     replacing=was[rows].tolist())  # fmt: skip
        set_setting(MODEL_KEY, model.to_json())  # after the rows: what they are current with
        if customer_ids is None:  # issue #15: a whole run keeps its month's band counts
            dashboard_queries.save_band_snapshot(
                today, {str(band): n for band, n in table.band_counts().items()})
    t_write = time.perf_counter()
    return ScoreSummary(
        today=today, customers=len(facts), partial=partial,
        by_band=tuple(sorted(table.band_counts().items())),
        params=model.params, model_source=model.source, model_note=model.note,
        seconds_sql=t_sql - started, seconds_fit=t_fit - t_sql,
        seconds_scoring=t_score - t_fit, seconds_write=t_write - t_score, rows_written=written,
    )  # fmt: skip


def _load_facts(day: date, customer_ids: Sequence[int] | None) -> FactColumns:
    """Every customer's facts on ``day`` (visits from the visit histories, the rest by SQL)."""
    return q.load_customer_facts(day, customer_ids, factory=FactColumns)


def _without_cycle_collection(fn: Callable[..., T], *args: object) -> T:
    """Scoring allocates many small objects that all live until the write (messages,
    records): the cyclic collector rescans them again and again for nothing. None of
    them form cycles, so it is paused for this call only, as
    ``followups.generate_followups`` does (process-wide for the second it lasts)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return fn(*args)
    finally:
        if collecting:
            gc.enable()


def _churn_model(today: date, params: BGNBDParams, previous: ChurnModel | None) -> ChurnModel:
    """The warning signs' weights, fitted on the history as it stood one horizon ago (and
    a few quarters before: ``churn.ORIGINS``) against who came back within the horizon
    (``retention.churn``); refitted monthly; the hand weights when too little history.
    Customers staff marked gone are left out (their status is known only now)."""
    latest = today - timedelta(days=HORIZON_DAYS)
    if (
        previous is not None
        and previous.trained_on is not None
        and (0 <= (latest - previous.trained_on).days < REFIT_CHURN_DAYS)
    ):
        return previous
    visits = dashboard_queries.visit_arrays(today)  # read once for every cutoff
    origins = []
    for k in range(ORIGINS):
        then = latest - timedelta(days=k * ORIGIN_STEP_DAYS)
        everyone = q.load_customer_facts(then, factory=FactColumns, visits=visits)
        past = everyone.take(~everyone.marked_gone)
        if k and int(past.seen.sum()) < MIN_TRAINING:
            break
        back = risk_facts.customers_visiting_between(then, then + timedelta(days=HORIZON_DAYS),
                                                     visits)  # fmt: skip
        origins.append(PastCutoff(then, past, np.isin(past.customer_id, list(back))))
    return train_on_history(origins, horizon_days=HORIZON_DAYS, fallback=params)


def _stored_for(ids: np.ndarray, stored_ids: np.ndarray, stored: np.ndarray) -> np.ndarray:
    """The stored signature of each customer of *ids* (0 where the cache has no row)."""
    if not stored_ids.size:
        return np.zeros(ids.size, np.int64)
    at = np.minimum(np.searchsorted(stored_ids, ids), stored_ids.size - 1)
    return np.where(stored_ids[at] == ids, stored[at], 0)


_SEGMENT = {segment: code for code, segment in enumerate(segments.SEGMENTS)}


def _segments_of_rfm() -> np.ndarray:
    """RFM code (r * 100 + f * 10 + m; 0: never visited) -> segment code, all 125 scores."""
    table = np.full(556, _SEGMENT[Segment.PROSPECT], np.int8)
    for r in range(1, 6):
        for f in range(1, 6):
            for m in range(1, 6):
                table[r * 100 + f * 10 + m] = _SEGMENT[segments.rfm_segment(r, f, m)]
    return table


_SEGMENT_OF_RFM = _segments_of_rfm()


@dataclass(frozen=True, slots=True)
class _ScoreTable:
    """Every customer's cache row as columns, with the signature of each; ``records``
    words the rows asked for (the changed ones, on a full refresh)."""

    risk: RiskColumns
    tier: np.ndarray
    rfm: np.ndarray  # r * 100 + f * 10 + m, 0 when never visited
    segment: np.ndarray
    p_alive: np.ndarray  # whole percent, -1 where none (what is kept: see _score_table)
    expected: np.ndarray  # tenths of a visit, -1 where none
    spend_cents: np.ndarray
    signature: np.ndarray

    def band_counts(self) -> dict[RiskBand, int]:
        codes, counts = np.unique(self.risk.band, return_counts=True)
        return {BANDS[int(c)]: int(n) for c, n in zip(codes, counts, strict=True)}

    def records(self, rows: np.ndarray) -> list[ScoreRecord]:
        today, tiers, kinds = self.risk.today, segments.TIERS, segments.SEGMENTS
        columns = (self.risk.results(rows), self.p_alive[rows].tolist(),
                   self.expected[rows].tolist(), self.tier[rows].tolist(),
                   self.rfm[rows].tolist(), self.segment[rows].tolist(),
                   self.spend_cents[rows].tolist())  # fmt: skip
        return [
            ScoreRecord(r.customer_id, today, r.score, r.band, r.reasons,
                        None if p < 0 else p / 100, None if e < 0 else e / 10, tiers[t],
                        str(rfm) if rfm else "", kinds[k], r.lifecycle, cents / 100, r.action)
            for r, p, e, t, rfm, k, cents in zip(*columns, strict=True)
        ]  # fmt: skip


def _score_table(facts: FactColumns, today: date, model: _Model) -> _ScoreTable:
    """Score, tier, RFM and segment for everyone, and each row's signature.

    P(alive) and expected visits are kept to a whole percent and a tenth of a visit: as
    much as is ever shown, and finer figures would move every row every day (the model's
    clock moves for everyone) and make a full refresh rewrite the whole cache."""
    tiers = segments.tier_codes(facts.spend_24m, model.tier_cut)
    risk = score_columns(facts, today=today, model_params=model.params, churn=model.churn,
                         tiers=tiers)  # fmt: skip
    rfm = np.zeros(len(facts), np.int64)
    seen = np.flatnonzero(facts.seen)
    if seen.size:
        r, fr, m = segments.rfm_scores(model.rfm, facts.since(facts.last_visit, today)[seen],
                                       facts.visit_days[seen], facts.spend_total[seen])  # fmt: skip
        rfm[seen] = r.astype(np.int64) * 100 + fr * 10 + m
    segment = _SEGMENT_OF_RFM[rfm]
    # Staff said so; RFM would still call a recent buyer a champion.
    segment[facts.marked_gone] = _SEGMENT[Segment.DORMANT]
    p_alive = np.where(np.isnan(risk.p_alive), -1, np.rint(np.nan_to_num(risk.p_alive) * 100))
    expected = np.where(np.isnan(risk.expected), -1, np.rint(np.nan_to_num(risk.expected) * 10))
    cents = np.rint(facts.spend_24m * 100)
    columns = [facts.customer_id, risk.score, risk.band, risk.stage, tiers, rfm, segment,
               p_alive, expected, cents, *risk.word_codes()]  # fmt: skip
    return _ScoreTable(risk, tiers, rfm, segment, p_alive.astype(np.int64),
                       expected.astype(np.int64), cents.astype(np.int64),
                       scores.signature(columns))  # fmt: skip


def refresh_for_changes(changed: Changed, *, today: date) -> ScoreSummary | None:
    """After a write: refresh the customers it touched if it touched what scores read."""
    if not changed.customer_ids or not (changed.tables & SCORE_TABLES):
        return None
    return refresh_scores(today=today, customer_ids=sorted(changed.customer_ids))


def _ensure_fresh(today: date) -> None:
    """Scores age with the calendar (silence grows every day): refresh if the last full
    refresh was on another day."""
    model = _stored_model()
    if model is None or model.computed_on != today:
        refresh_scores(today=today)


def _display(row: ScoreRecord, region: str) -> ScoreRecord:
    return replace(row, phone=format_phone(row.phone, region) if row.phone else "")


def top_at_risk(
    *,
    today: date,
    limit: int = 50,
    band: str | None = None,
    tier: str | None = None,
    staff_id: int | None = None,
    min_score: int = 0,
    refresh_if_stale: bool = True,
) -> list[ScoreRecord]:
    """The customers most at risk, highest score first, phones formatted for display."""
    if refresh_if_stale:
        _ensure_fresh(today)
    region = settings.get("phone_region")
    rows = scores.top_scores(limit, band=band, tier=tier, staff_id=staff_id, min_score=min_score)
    return [_display(r, region) for r in rows]


def customer_risk(*, customer_id: int, today: date) -> ScoreRecord | None:
    """One customer's score, recomputed first if it is missing or from another day."""
    row = scores.score_of(customer_id)
    if row is None or row.computed_on != today:
        refresh_scores(today=today, customer_ids=[customer_id])
        row = scores.score_of(customer_id)
    return _display(row, settings.get("phone_region")) if row else None


def at_risk_report_data(
    *,
    today: date,
    top: int = 50,
    mask_phones: bool = False,
    dealership: str | None = None,
    min_score: int = MEDIUM,
) -> AtRiskReport:
    """The at-risk PDF's input: the top ``top`` customers scoring ``min_score`` or more
    (default: medium and high bands), summary counts and the score histogram."""
    rows = top_at_risk(today=today, limit=top, min_score=min_score)
    total, by_tier = scores.risk_by_tier(min_score)
    return AtRiskReport(
        dealership=dealership if dealership is not None else dealership_name(),
        today=today,
        rows=tuple(
            AtRiskRow(
                rank=i,
                name=r.name,
                tier=r.tier,
                score=r.score,
                reasons=r.reasons,
                suggested_action=r.action,
                owner=r.owner,
                phone=r.phone,
                last_contact=r.last_contact,
                spend_24m=r.spend_24m,
            )
            for i, r in enumerate(rows, start=1)
        ),
        total_customers=total,
        at_risk_count=sum(n for _, n, _ in by_tier),
        spend_at_stake=sum(s for _, _, s in by_tier),
        by_tier=tuple(by_tier),
        score_histogram=tuple(scores.score_histogram()),
        mask_phones=mask_phones,
    )
