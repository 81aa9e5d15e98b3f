"""Scoring use cases: refresh the analytics cache, read the at-risk list, the report data.

Why a cache: the Today screen, the customer list and the PDF all want the risk of 100,000
customers at once; computing it takes a few seconds, reading it a few milliseconds. A full
refresh refits the churn model and recomputes every customer; a change to one customer
(a visit, a call, a complaint) refreshes just that customer with the stored model and
population cut points, so their row agrees with everyone else's.

Pipeline (``refresh_scores``): facts by set-based SQL -> BG/NBD fit on the visit
histories (weeks; identical (x, t_x, T) rows compressed into weights) -> P(alive) and
expected visits in the next 52 weeks -> tiers, RFM, lifecycle, risk -> one transaction.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

import numpy as np

from dealerdesk.reports.data import AtRiskReport, AtRiskRow
from dealerdesk.retention import segments
from dealerdesk.retention.bgnbd import BGNBDParams, fit_bgnbd
from dealerdesk.retention.churn import (
    MIN_TRAINING,
    ORIGIN_STEP_DAYS,
    ORIGINS,
    ChurnModel,
    PastCutoff,
    bgnbd_arrays,
    train_on_history,
)
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.risk import HORIZON_DAYS, MEDIUM, score_all
from dealerdesk.services import settings
from dealerdesk.services.changes import Changed
from dealerdesk.services.settings import dealership_name
from dealerdesk.store import dashboard_queries, risk_facts, scores
from dealerdesk.store import facts_query as q
from dealerdesk.store.records import ScoreRecord
from dealerdesk.store.settings_store import get_setting, set_setting
from dealerdesk.store.validation import format_phone
from dealerdesk.vocab.customer import GONE_STATUSES
from dealerdesk.vocab.retention import Segment

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
    facts: Sequence[CustomerFacts], today: date, previous: _Model | None
) -> tuple[BGNBDParams, str, str, str]:
    """Fit BG/NBD on every visit history; on data that cannot identify it, fall back to
    the last good fit, else to DEFAULT_PARAMS, and say so. The last element is the digest
    of the fitted histories (in customer order): on the same histories (a re-run the same
    day with no new visit) the last fit is the answer, so it is kept rather than refitted (a refit from
    there would move the parameters by about 1e-8, and rewrite every cached row)."""
    seen = [f for f in facts if f.last_visit is not None]
    x, t_x, age = bgnbd_arrays(seen, today)
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
    rows, weights = np.unique(histories, axis=0, return_counts=True)
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
        visited = [f for f in facts if f.last_visit is not None]
        model = _Model(
            params, source, note, today,
            segments.tier_cut([f.spend_24m for f in facts]),
            segments.rfm_breakpoints([(today - f.last_visit).days for f in visited],  # type: ignore[operator]
                                     [f.visit_days for f in visited],
                                     [f.spend_total for f in visited]),
            _churn_model(today, params, model.churn if model else None), fit_key,
        )  # fmt: skip
        set_setting(MODEL_KEY, model.to_json())
    assert model is not None
    t_fit = time.perf_counter()
    rows = _score_rows(facts, today, model)
    t_score = time.perf_counter()
    dropped = sorted(set(customer_ids or ()) - {f.customer_id for f in facts}) if partial else []
    written = scores.save_scores(rows, replace_all=not partial, drop_ids=dropped)
    if customer_ids is None:  # issue #15: a whole run keeps its month's band counts
        dashboard_queries.save_band_snapshot(today, Counter(str(r.band) for r in rows))
    t_write = time.perf_counter()
    return ScoreSummary(
        today=today, customers=len(rows), partial=partial,
        by_band=tuple(sorted(Counter(r.band for r in rows).items())),
        params=model.params, model_source=model.source, model_note=model.note,
        seconds_sql=t_sql - started, seconds_fit=t_fit - t_sql,
        seconds_scoring=t_score - t_fit, seconds_write=t_write - t_score, rows_written=written,
    )  # fmt: skip


def _load_facts(day: date, customer_ids: Sequence[int] | None) -> list[CustomerFacts]:
    """Every customer's facts on ``day`` (visits from the visit histories, the rest by SQL)."""
    return q.load_customer_facts(day, customer_ids, factory=CustomerFacts)


def _without_cycle_collection(fn: Callable[..., T], *args: object) -> T:
    """Scoring 100k customers allocates a few hundred thousand small objects that all live
    until the write (facts, messages, records): the cyclic collector rescans them again and
    again for nothing (a third of the scoring time). None of them form cycles, so it is
    paused for this call only, as ``followups.generate_followups`` does (process-wide for
    the second it lasts)."""
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
    origins = []
    for k in range(ORIGINS):
        then = latest - timedelta(days=k * ORIGIN_STEP_DAYS)
        past = [f for f in _load_facts(then, None) if f.status not in GONE_STATUSES]
        if k and sum(f.last_visit is not None for f in past) < MIN_TRAINING:
            break
        back = risk_facts.customers_visiting_between(then, then + timedelta(days=HORIZON_DAYS))
        origins.append(PastCutoff(then, past, np.array([f.customer_id in back for f in past])))
    return train_on_history(origins, horizon_days=HORIZON_DAYS, fallback=params)


# "543" -> (rfm text, segment) for all 125 score combinations, looked up per customer.
_RFM_NAMES = {
    r * 100 + f * 10 + m: (f"{r}{f}{m}", segments.rfm_segment(r, f, m))
    for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)
}  # fmt: skip


def _score_rows(facts: Sequence[CustomerFacts], today: date, model: _Model) -> list[ScoreRecord]:
    cut, tier_for = model.tier_cut, segments.tier_for
    tiers = [tier_for(f.spend_24m, cut) for f in facts]
    risks = score_all(facts, today=today, model_params=model.params, churn=model.churn,
                      tiers={f.customer_id: t for f, t in zip(facts, tiers, strict=True)})  # fmt: skip
    codes = [0] * len(facts)  # 0: never visited, no RFM
    visited = [i for i, f in enumerate(facts) if f.last_visit is not None]
    if visited:
        r, fr, m = segments.rfm_scores(
            model.rfm,
            [(today - facts[i].last_visit).days for i in visited],  # type: ignore[operator]
            [facts[i].visit_days for i in visited],
            [facts[i].spend_total for i in visited],
        )
        for i, code in zip(visited, (r.astype(int) * 100 + fr * 10 + m).tolist(), strict=True):
            codes[i] = code
    rows = []
    for f, risk, tier, code in zip(facts, risks, tiers, codes, strict=True):
        rfm, segment = _RFM_NAMES[code] if code else ("", Segment.PROSPECT)
        if f.status in GONE_STATUSES:
            segment = (
                Segment.DORMANT
            )  # staff said so; RFM would still call a recent buyer a champion
        rows.append(ScoreRecord(
            f.customer_id, today, risk.score, risk.band, risk.reasons, risk.p_alive,
            risk.expected_visits_12m, tier, rfm, segment, risk.lifecycle, f.spend_24m,
            risk.action,
        ))  # fmt: skip
    return rows


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
