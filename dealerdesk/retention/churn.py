"""The churn model behind the risk score: warning signs weighed from the dealership's own past.

Why fitted, not hand-weighted: a hand-weighted sum of points ranked churn worse than the
plain "days since the last visit" (AUC 0.585 against 0.771 on CDNOW). Here each warning
sign is a column of a logistic regression for "no visit within the horizon", fitted on a
*past* cutoff of the same history: the facts as they stood one horizon ago, and whether
each customer then came back before today. The fitted weights then score today's facts.
Nothing about the future of today's customers is used, so the backtest
(:mod:`dealerdesk.retention.backtest`) measures exactly what the desk will get.

The columns (``FEATURES``) and their hand weights, used as the *prior* the fit is pulled
towards (a Gaussian prior of unit strength on each standardised weight; with thousands of
customers the data decide, with a handful the prior does; with fewer than
``MIN_TRAINING`` customers, or no one coming back or everyone, the prior is the model).
The dealer's warning signs keep their prior's sign; the rhythm columns are free (see
``RHYTHM`` and ``fit_churn``):

=================  ================================================  =========
column             value                                             prior
=================  ================================================  =========
recency            log(1 + days since the last visit)                +0.6
frequency          log(1 + repeat visit days)                        -0.5
age                log(1 + days since the first visit)               -0.2
overdue            log(1 + silence / own mean gap), capped at 20x    +0.8
one_time           1 if seen on one day only                         +0.8
gap                log(1 + own mean gap in days) (0 if seen once)     0.0
due_in             (own mean gap - silence) / horizon, in [-3, 3]:   +1.0
                   next visit due beyond the horizon (> 0) or
                   overdue (< 0), by the customer's own rhythm
thinning           log(last gap / mean gap before it), 3+ visits     +0.5
bgnbd_expected     log of BG/NBD expected visits in the horizon      -0.6
bgnbd_dropout      BG/NBD 1 - P(alive) (0 for one-time customers)    +1.0
no_first_service   bought, no service since; years since buying      +1.0
service_overdue    log(1 + days since service / interval) (own or    +0.6
                   the maker's 6 months when there is no rhythm yet)
spend_drop         after-sales spend drop year on year, 0..1         +0.8
declined_open      declined work, no service since, over 30 days     +0.5
complaint          open complaint: 1 + its age in months, max 2      +0.7
detractor          last NPS within 2 years: (7 - NPS) / 7 if <= 6    +0.8
unanswered         outbound calls unanswered in a row, max 5         +0.3
no_contact         log(1 + months since the last contact or visit)   +0.2
=================  ================================================  =========
Prior intercept: -1.5 at the reference customer ``PRIOR_MEANS`` (about one in five
such customers stays away a year).

The score is ``round(100 * P(no visit within the horizon))``; a column's *contribution*
for one customer is ``weight * (value - training mean)``, and the reasons shown are the
groups of columns that push that customer's probability up the most.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

from dealerdesk.retention.bgnbd import (
    BGNBDParams,
    distinct_histories,
    expected_purchases,
    fit_bgnbd,
    p_alive,
)
from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.retention.segments import service_intervals

__all__ = ["FEATURES", "MIN_TRAINING", "PRIOR", "ChurnModel", "PastCutoff", "design",
           "fit_churn", "prior_model", "train_on_history"]  # fmt: skip

FEATURES = ("recency", "frequency", "age", "overdue", "one_time", "gap", "due_in", "thinning",
            "bgnbd_expected", "bgnbd_dropout", "no_first_service", "service_overdue",
            "spend_drop", "declined_open", "complaint", "detractor", "unanswered",
            "no_contact")  # fmt: skip
PRIOR = (0.6, -0.5, -0.2, 0.8, 0.8, 0.0, 1.0, 0.5, -0.6, 1.0, 1.0, 0.6, 0.8, 0.5, 0.7, 0.8, 0.3,
         0.2)  # fmt: skip
PRIOR_INTERCEPT = -1.5
# The prior's reference customer (the column values at which it predicts the intercept):
# seen 6 months ago, 4 visit days over ~3 years, every 6 months, nothing else wrong.
PRIOR_MEANS = (5.2, 1.39, 6.9, 0.69, 0.0, 5.2, 0.0, 0.0, 0.4, 0.1, 0.0, 0.6, 0.0, 0.0, 0.0, 0.0,
               0.0, 1.1)  # fmt: skip
MIN_TRAINING = 200  # customers with a visit at the training cutoff
MIN_EACH_OUTCOME = 20  # ... and at least this many who came back and who did not
SPEND_MIN_BASE = 200.0
NPS_MAX_AGE_DAYS = 730
PRIOR_STRENGTH = 1.0
# Rolling origins: the latest past cutoff and up to three more, a quarter apart each
# (four times the training rows, steadier weights; an origin with too few customers
# seen by then is skipped).
ORIGINS, ORIGIN_STEP_DAYS = 4, 91
# The visit-rhythm columns describe one shape together (silence, its ratio to the usual
# gap, age, frequency, BG/NBD's view of them): correlated, so their individual signs mean
# little and are left free. The dealer's warning signs keep their prior's sign.
RHYTHM = frozenset({"recency", "frequency", "age", "overdue", "one_time", "gap", "due_in",
                    "thinning", "bgnbd_expected", "bgnbd_dropout", "service_overdue"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class ChurnModel:
    """Logistic weights over ``FEATURES`` (raw units) for P(no visit within the horizon).

    ``means`` are the training means (contributions are measured from them); ``source``
    is ``fit`` or ``prior``; ``trained_on`` the training cutoff; ``customers`` how many
    customers the fit saw (0 for the prior); ``horizon_days`` the horizon it predicts.
    """

    intercept: float
    weights: tuple[float, ...]
    means: tuple[float, ...]
    source: str
    horizon_days: int
    trained_on: date | None = None
    customers: int = 0

    def logit(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self.intercept + (x - np.asarray(self.means)) @ np.asarray(self.weights))

    def probability(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(expit(self.logit(x)))

    def contributions(self, x: np.ndarray) -> np.ndarray:
        return np.asarray((x - np.asarray(self.means)) * np.asarray(self.weights))

    def to_dict(self) -> dict[str, object]:
        return {"intercept": self.intercept, "weights": list(self.weights),
                "means": list(self.means), "source": self.source,
                "horizon_days": self.horizon_days, "customers": self.customers,
                "trained_on": self.trained_on.isoformat() if self.trained_on else None}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> ChurnModel | None:
        try:
            weights = tuple(float(w) for w in d["weights"])  # type: ignore[attr-defined]
            means = tuple(float(m) for m in d["means"])  # type: ignore[attr-defined]
            if len(weights) != len(FEATURES) or len(means) != len(FEATURES):
                return None  # saved by another version: refit
            on = d.get("trained_on")
            return cls(float(d["intercept"]), weights, means, str(d["source"]),  # type: ignore[arg-type]
                       int(d["horizon_days"]), date.fromisoformat(on) if on else None,  # type: ignore[call-overload, arg-type]
                       int(d.get("customers", 0)))  # type: ignore[call-overload]  # fmt: skip
        except (KeyError, TypeError, ValueError):
            return None


def prior_model(horizon_days: int) -> ChurnModel:
    """The documented hand weights, for a dealership without enough history to fit."""
    return ChurnModel(PRIOR_INTERCEPT, PRIOR, PRIOR_MEANS, "prior", horizon_days)


def bgnbd_arrays(facts: FactColumns, today: date) -> tuple[np.ndarray, ...]:
    """(x, t_x, T) in weeks for every customer (zeros for those never seen)."""
    since_first = np.nan_to_num(facts.since(facts.first_visit, today))
    since_last = np.nan_to_num(facts.since(facts.last_visit, today))
    x = np.maximum(facts.visit_days - 1, 0).astype(float)
    age = np.maximum(since_first, 0) / 7.0
    t_x = np.clip((since_first - since_last) / 7.0, 0, age)
    return x, t_x, age


def fit_bgnbd_at(facts: FactColumns, today: date, fallback: BGNBDParams) -> BGNBDParams:
    """BG/NBD fitted on the customers seen by ``today``; ``fallback`` if it cannot be."""
    x, t_x, age = bgnbd_arrays(facts, today)
    seen = facts.seen
    if seen.sum() < 50 or not np.any(x[seen] > 0):
        return fallback
    rows, weights = distinct_histories(np.column_stack([x[seen], t_x[seen], age[seen]]))
    params = fit_bgnbd(rows[:, 0], rows[:, 1], rows[:, 2], weights=weights, initial=fallback)
    return fallback if params.degenerate else params


def design(facts: FactColumns, today: date, params: BGNBDParams,
           horizon_days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """The ``FEATURES`` matrix for customers who have visited, plus P(alive) and expected
    visits (NaN where the model has nothing to say: one-time customers' P(alive))."""
    f = facts
    n = len(f)
    since_last = f.since(f.last_visit, today)
    since_first = f.since(f.first_visit, today)
    repeat = np.maximum(f.visit_days - 1, 0).astype(float)
    span = np.nan_to_num(since_first - since_last)
    gap = np.where(repeat > 0, span / np.maximum(repeat, 1), np.nan)
    overdue = np.where(repeat > 0, since_last / np.maximum(np.nan_to_num(gap), 1.0), 0.0)
    since_prev = f.since(f.prev_visit, today)
    earlier = np.where(repeat >= 2, (since_first - since_prev) / np.maximum(repeat - 1, 1), np.nan)
    last_gap = since_prev - since_last
    thinning = np.where(np.isfinite(earlier) & np.isfinite(last_gap) & (repeat >= 2),
                        np.log(np.maximum(np.nan_to_num(last_gap), 1.0)
                               / np.maximum(np.nan_to_num(earlier), 1.0)), 0.0)  # fmt: skip
    x, t_x, age = bgnbd_arrays(f, today)
    alive = p_alive(params, x, t_x, age) if n else np.zeros(0)
    expected = expected_purchases(params, horizon_days / 7.0, x, t_x, age) if n else np.zeros(0)
    one_time = (repeat == 0).astype(float)
    # kinds: a sale not followed by a service; silence since the last service
    since_sale = f.since(f.last_purchase, today)
    since_service = f.since(f.last_service, today)
    no_first = np.where(np.isfinite(since_sale) & ~(since_service < since_sale),
                        since_sale / 365.25, 0.0)  # fmt: skip
    interval = service_intervals(f)[0]
    service_overdue = np.where(np.isfinite(since_service),
                               np.log1p(np.maximum(since_service, 0) / interval), 0.0)  # fmt: skip
    last_touch = f.since(last_touch_days(f), today)
    matrix = np.column_stack([
        np.log1p(np.maximum(np.nan_to_num(since_last), 0)), np.log1p(repeat),
        np.log1p(np.maximum(np.nan_to_num(since_first), 0)),
        np.log1p(np.minimum(overdue, 20.0)), one_time,
        np.log1p(np.nan_to_num(gap)),
        np.where(repeat > 0, np.clip((np.nan_to_num(gap) - np.nan_to_num(since_last))
                                     / horizon_days, -3.0, 3.0), 0.0),
        np.clip(thinning, -3.0, 3.0),
        np.log(np.clip(expected, 1e-3, None)), np.where(repeat > 0, 1.0 - alive, 0.0),
        no_first, service_overdue, _spend_drop(f), _declined_open(f, today),
        _complaint(f, today), _detractor(f, today),
        np.minimum(f.unanswered_streak, 5).astype(float),
        np.log1p(np.maximum(np.nan_to_num(last_touch), 0) / 30.44),
    ]) if n else np.zeros((0, len(FEATURES)))  # fmt: skip
    return matrix, np.where(repeat > 0, alive, np.nan), expected


def spend_windows(f: FactColumns) -> tuple[np.ndarray, np.ndarray]:
    """(this year's, last year's) spend the year-on-year signal compares: after-sales
    spend where known (one car sale dwarfs years of servicing), else all spend."""
    known = ~np.isnan(f.aftersales_12m) & ~np.isnan(f.aftersales_prev_12m)
    return (np.where(known, f.aftersales_12m, f.spend_12m),
            np.where(known, f.aftersales_prev_12m, f.spend_prev_12m))  # fmt: skip


def _spend_drop(f: FactColumns) -> np.ndarray:
    now, before = spend_windows(f)
    dropped = (before >= SPEND_MIN_BASE) & (now < before)
    return np.where(dropped, 1.0 - np.maximum(now, 0.0) / np.where(dropped, before, 1.0), 0.0)


def _declined_open(f: FactColumns, today: date) -> np.ndarray:
    """1 when recommended work was declined over a month ago and no service or repair
    visit has come since (the work was not recaptured)."""
    old = f.since(f.last_declined, today) > 30  # False where nothing was declined
    since = np.isnan(f.last_service) | ~(f.last_service > f.last_declined)
    return (old & since).astype(float)


def _complaint(f: FactColumns, today: date) -> np.ndarray:
    age = np.nan_to_num(f.since(f.oldest_open_complaint, today))
    return np.where(f.open_complaints > 0, 1.0 + np.minimum(np.maximum(age, 0) / 30.0, 1.0), 0.0)


def _detractor(f: FactColumns, today: date) -> np.ndarray:
    recent = f.since(f.last_nps_on, today) <= NPS_MAX_AGE_DAYS  # False without a survey
    low = recent & (f.last_nps <= 6)
    return np.where(low, (7 - np.maximum(np.nan_to_num(f.last_nps), 0)) / 7.0, 0.0)


def last_touch_days(f: FactColumns) -> np.ndarray:
    """The day of the last contact, or of the last visit if that came later."""
    return np.where(np.isnan(f.last_contact) | (f.last_visit > f.last_contact),
                    f.last_visit, f.last_contact)  # fmt: skip


def fit_churn(x: np.ndarray, no_return: np.ndarray, *, horizon_days: int,
              trained_on: date | None = None) -> ChurnModel:  # fmt: skip
    """Penalised maximum likelihood with sign constraints (L-BFGS-B with bounds).

    The prior pulls each standardised weight towards ``PRIOR`` with unit strength. Each
    warning sign outside ``RHYTHM`` keeps the sign of its prior: it may weigh nothing,
    never the opposite. Without that the desk's own behaviour leaks in — staff call the
    customers they already worry about, so on the demo "contacted recently" was fitted
    as a risk and a reason read "no contact for 1 day". Columns that never vary keep the
    prior weight."""
    y = np.asarray(no_return, dtype=float)
    n = y.size
    means = x.mean(axis=0) if n else np.zeros(len(FEATURES))
    if n < MIN_TRAINING or min(y.sum(), n - y.sum()) < MIN_EACH_OUTCOME:
        return prior_model(horizon_days)
    sd = x.std(axis=0)
    live = sd > 1e-9
    z = (x[:, live] - means[live]) / sd[live]
    prior = np.asarray(PRIOR)[live]
    target = prior * sd[live]
    a = np.column_stack([np.ones(n), z])

    def loss(v: np.ndarray) -> tuple[float, np.ndarray]:  # minus the penalised likelihood
        eta = a @ v
        diff = v[1:] - target
        value = np.logaddexp(0.0, eta).sum() - y @ eta + 0.5 * PRIOR_STRENGTH * diff @ diff
        grad = a.T @ (expit(eta) - y)
        grad[1:] += PRIOR_STRENGTH * diff
        return float(value), grad

    free = np.array([f in RHYTHM for f in FEATURES])[live]
    bounds = [(None, None)] + [(None, None) if f else (0.0, None) if p > 0 else (None, 0.0)
                               for p, f in zip(prior, free, strict=True)]  # fmt: skip
    start = np.r_[math.log(y.mean() / (1 - y.mean())), target]
    res = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds,
                   options={"maxiter": 500, "ftol": 1e-12, "gtol": 1e-7})  # fmt: skip
    w = res.x
    weights = np.asarray(PRIOR, dtype=float).copy()
    weights[live] = w[1:] / sd[live]
    return ChurnModel(float(w[0]), tuple(weights.tolist()), tuple(means.tolist()), "fit",
                      horizon_days, trained_on, n)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PastCutoff:
    """One training origin: the facts as they stood on ``then`` and, for each, whether the
    customer visited in the ``horizon_days`` after it."""

    then: date
    facts: FactColumns
    came_back: np.ndarray


def train_on_history(origins: Sequence[PastCutoff], *, horizon_days: int,
                     fallback: BGNBDParams) -> ChurnModel:  # fmt: skip
    """Fit on one or more past cutoffs (rolling origins: more history, steadier weights).
    Only customers seen by each cutoff count; BG/NBD is refitted at each one."""
    blocks, labels = [], []
    for o in origins:
        seen = o.facts.seen
        kept = o.facts.take(seen)
        if not len(kept):
            continue
        x, _, _ = design(kept, o.then, fit_bgnbd_at(kept, o.then, fallback), horizon_days)
        blocks.append(x)
        labels.append(~np.asarray(o.came_back, dtype=bool)[seen])
    if not blocks:
        return prior_model(horizon_days)
    latest = max(o.then for o in origins)
    return fit_churn(np.vstack(blocks), np.concatenate(labels), horizon_days=horizon_days,
                     trained_on=latest)  # fmt: skip
