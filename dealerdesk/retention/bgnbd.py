"""BG/NBD ("beta-geometric / negative binomial") churn model.

Why a dealership wants it: a customer who has not been seen in the service bay for a
year may have quietly moved on, or may simply be due.  From three numbers per customer -
repeat visits ``x``, time of the last visit ``t_x`` and age ``T`` - the model estimates
``P(alive)``, the probability that the customer is still "ours", and the number of visits
to expect over a coming period.  A regular who has gone silent is an at-risk customer worth
a call; an occasional customer who has gone silent for the same time is not (yet).

Model: while alive, a customer buys at Poisson rate ``lambda ~ Gamma(r, alpha)``; after
each purchase the customer drops out with probability ``p ~ Beta(a, b)``.  Reference:
P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy
Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284.  Equation
numbers below refer to that paper (eq. 6 log-likelihood, eq. 7 E[X(t)], eq. 10 E[Y(t)]).

Pure numpy/scipy.  All times must be in one unit (e.g. weeks); ``alpha`` is in that unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import minimize
from scipy.special import betaincinv, digamma, expit, gammaln, hyp2f1

__all__ = ["BGNBDParams", "distinct_histories", "expected_purchases", "expected_purchases_new",
           "fit_bgnbd", "p_alive"]  # fmt: skip

_LOG_BOUND = float(np.log(1e5))  # r, a, b and alpha/(mean T) all kept in [1e-5, 1e5]
_AT_BOUND = 0.5  # this close to a bound (in log space) counts as "at the bound"
_PENALTY = 1e-8  # tiny ridge on the log-parameters, per unit of mean log-likelihood
_MIN_INFORMATION = 0.01  # below: some log-parameter combination has standard error > 10


@dataclass(frozen=True, slots=True)
class BGNBDParams:
    """Fitted parameters; ``log_likelihood`` is eq. 6 summed (weighted) over customers.

    ``degenerate`` means the data do not identify the model: a parameter ran to its bound
    (typically a -> 0 or b -> inf when nobody ever drops out, r -> inf when all buy alike),
    the optimiser did not converge, the result was non-finite, or the likelihood is flat
    in some direction.  Scores (p_alive, expected purchases) stay finite and usable, but
    the parameters themselves should not be interpreted or shown."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    converged: bool
    degenerate: bool


def _arrays(allow_empty: bool, **named: ArrayLike) -> list[np.ndarray]:
    """Validate numeric, finite, non-negative, at most 1-d, equal lengths; broadcast."""
    out: list[np.ndarray] = []
    length: tuple[str, int] | None = None
    for name, value in named.items():
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be numeric") from exc
        if arr.ndim > 1:
            raise ValueError(f"{name} must be a scalar or 1-d array, got shape {arr.shape}")
        if arr.ndim == 1:
            if arr.size == 0 and not allow_empty:
                raise ValueError(f"{name} is empty")
            if length is not None and arr.size != length[1]:
                raise ValueError(f"{name} has length {arr.size} but {length[0]} has {length[1]}")
            length = length or (name, arr.size)
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} contains NaN or infinite values")
        if np.any(arr < 0):
            raise ValueError(f"{name} must be non-negative")
        out.append(arr)
    return list(np.broadcast_arrays(*out))


def _customers(frequency: ArrayLike, recency: ArrayLike, T: ArrayLike,  # noqa: N803, RUF100
               allow_empty: bool = True) -> list[np.ndarray]:
    x, tx, t_age = _arrays(allow_empty, frequency=frequency, recency=recency, T=T)
    if np.any(x != np.round(x)):
        raise ValueError("frequency must be whole numbers (counts of repeat purchases)")
    if np.any(tx > t_age * (1 + 1e-9) + 1e-12):
        raise ValueError("recency must not exceed T")
    return [x, np.minimum(tx, t_age), t_age]


def _values(params: BGNBDParams) -> tuple[float, float, float, float]:
    values = (params.r, params.alpha, params.a, params.b)
    if not all(np.isfinite(v) and v > 0 for v in values):
        raise ValueError(f"params must have positive finite r, alpha, a, b, got {values}")
    return values


def _log_dropout_odds(params: BGNBDParams, x: np.ndarray, tx: np.ndarray,
                      t_age: np.ndarray) -> np.ndarray:
    """log[a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x)]; -inf where x == 0."""
    r, alpha, a, b = _values(params)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = (np.log(a) - np.log(b + np.maximum(x - 1, 0))
             + (r + x) * (np.log(alpha + t_age) - np.log(alpha + tx)))
    return np.where(x > 0, d, -np.inf)


def p_alive(params: BGNBDParams, frequency: ArrayLike, recency: ArrayLike,
            T: ArrayLike) -> np.ndarray:  # noqa: N803, RUF100
    """P(alive | x, t_x, T), the chance the customer has not silently left; 1 for customers
    with no repeat purchase (the model's convention: nobody drops out before buying again)."""
    x, tx, t_age = _customers(frequency, recency, T)
    return np.asarray(np.clip(expit(-_log_dropout_odds(params, x, tx, t_age)), 0.0, 1.0))


_GL_X, _GL_W = np.polynomial.legendre.leggauss(128)
_GL_U, _GL_W = (_GL_X + 1) / 2, _GL_W / 2  # Gauss-Legendre nodes and weights on [0, 1]


def _by_quadrature(r: float, alpha: float, a: float, b: float, t: np.ndarray, x: np.ndarray,
                   t_age: np.ndarray) -> np.ndarray:
    """E_p[(1 - (1 + p k)^-(r+x)) / p], p ~ Beta(a, b+x), k = t/(alpha+T): the same quantity
    as the eq. 10 numerator, integrated over p's quantiles (robust where hyp2f1 is not)."""
    out, k = np.empty(x.shape), t / (alpha + t_age)
    for ux in np.unique(x):
        m = x == ux
        p = betaincinv(a, b + ux, _GL_U)
        pk = np.multiply.outer(k[m], p)
        s = r + ux
        with np.errstate(all="ignore"):
            h = np.where(p > 0, -np.expm1(-s * np.log1p(pk)) / p, s * k[m, None])
        out[m] = h @ _GL_W
    return out


def _expected_if_alive(params: BGNBDParams, t: np.ndarray, x: np.ndarray,
                       t_age: np.ndarray) -> np.ndarray:
    """Expected purchases in (T, T+t] for a customer alive at T with x repeat purchases:
    eq. 10 without its P(alive) factor (eq. 7 when x = T = 0)."""
    r, alpha, a_fit, b = _values(params)
    a = 1.0 + 1e-6 if abs(a_fit - 1.0) < 1e-6 else a_fit  # eq. 10 has (a-1) below
    s, k = r + x, t / (alpha + t_age)
    with np.errstate(all="ignore"):
        z = t / (alpha + t_age + t)
        tail = np.exp(s * np.log1p(-z)) * hyp2f1(s, b + x, a + b + x - 1, z)
        out = (a + b + x - 1) / (a - 1) * (1.0 - tail)
        low, high = -np.expm1(-s * np.log1p(k)), s * k  # p = 1 / p -> 0 (never leaves)
    bad = ~np.isfinite(out) | (out < low * (1 - 1e-7)) | (out > high * (1 + 1e-7))
    if np.any(bad):
        out = np.where(bad, 0.0, out)
        out[bad] = _by_quadrature(r, alpha, a_fit, b, t[bad], x[bad], t_age[bad])
    return np.where(t > 0, np.clip(out, low, high), 0.0)


def expected_purchases(params: BGNBDParams, t: ArrayLike, frequency: ArrayLike,
                       recency: ArrayLike, T: ArrayLike) -> np.ndarray:  # noqa: N803, RUF100
    """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` time units (eq. 10)."""
    (t_arr,) = _arrays(True, t=t)
    x, tx, t_age = _customers(frequency, recency, T)
    if t_arr.ndim and x.ndim and t_arr.size != x.size:
        raise ValueError(f"t has length {t_arr.size} but frequency has {x.size}")
    t_arr, x, tx, t_age = (np.array(v) for v in np.broadcast_arrays(t_arr, x, tx, t_age))
    alive = expit(-_log_dropout_odds(params, x, tx, t_age))
    return np.asarray(_expected_if_alive(params, t_arr, x, t_age) * alive)


def expected_purchases_new(params: BGNBDParams, t: float) -> float:
    """E[X(t)]: expected repeat purchases of a new customer in a period of length t (eq. 7)."""
    (t_arr,) = _arrays(False, t=t)
    if t_arr.ndim:
        raise ValueError("t must be a scalar")
    return float(_expected_if_alive(params, t_arr.reshape(1), np.zeros(1), np.zeros(1))[0])


class _Objective:
    """Weighted log-likelihood (eq. 6) and its gradient in log-parameters
    theta = log(r, alpha/scale, a, b); calling it gives the penalised mean to minimise."""

    def __init__(self, x: np.ndarray, tx: np.ndarray, t_age: np.ndarray, w: np.ndarray,
                 scale: float) -> None:
        keep = w > 0
        self.x, self.tx, self.t_age, self.w = x[keep], tx[keep], t_age[keep], w[keep]
        self.scale, self.total = scale, float(self.w.sum())
        self.ux, inv = np.unique(self.x, return_inverse=True)  # x-only terms per distinct x
        self.wx = np.bincount(inv, weights=self.w)
        self.xm1 = np.maximum(self.x - 1, 0)

    def params(self, theta: np.ndarray) -> tuple[float, float, float, float]:
        r, alpha, a, b = np.exp(theta)
        return float(r), float(alpha * self.scale), float(a), float(b)

    def loglik(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        r, alpha, a, b = self.params(theta)
        ux, wx, x, w, n = self.ux, self.wx, self.x, self.w, self.total
        # x-only part: ln[Gamma(r+x)/Gamma(r)] + r ln(alpha) + ln[B(a, b+x)/B(a, b)]
        ll = wx @ (gammaln(r + ux) - gammaln(r) + gammaln(a + b) + gammaln(b + ux)
                   - gammaln(b) - gammaln(a + b + ux)) + n * r * np.log(alpha)
        g_r = wx @ (digamma(r + ux) - digamma(r)) + n * np.log(alpha)
        g_a = wx @ (digamma(a + b) - digamma(a + b + ux))
        g_b = g_a + wx @ (digamma(b + ux) - digamma(b))
        g_alpha = n * r / alpha
        # per customer: ln[(alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x)], log-sum-exp
        la_t, la_tx = np.log(alpha + self.t_age), np.log(alpha + self.tx)
        with np.errstate(divide="ignore"):
            d = np.where(x > 0, np.log(a) - np.log(b + self.xm1) + (r + x) * (la_t - la_tx),
                         -np.inf)
        ll += w @ (np.logaddexp(0.0, d) - (r + x) * la_t)
        drop = expit(d)  # weight of the "dropped out after t_x" branch = 1 - P(alive)
        g_r -= w @ (la_t + drop * (la_tx - la_t))
        g_alpha -= (w * (r + x)) @ ((1 - drop) / (alpha + self.t_age) + drop / (alpha + self.tx))
        g_a += (w @ drop) / a
        g_b -= (w * drop) @ (1.0 / (b + self.xm1))
        return float(ll), np.array([g_r * r, g_alpha * alpha, g_a * a, g_b * b])

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = self.loglik(theta)
        f = -ll / self.total + _PENALTY * float(theta @ theta)
        g = -grad / self.total + 2 * _PENALTY * theta
        if not (np.isfinite(f) and np.all(np.isfinite(g))):
            return 1e300, np.zeros(4)  # steers the line search back; never NaN
        return f, g

    def min_information(self, theta: np.ndarray, h: float = 1e-4) -> float:
        """Smallest eigenvalue of the observed information (minus the Hessian of the total
        log-likelihood in log-parameters) by central differences of the gradient."""
        hess = np.array([(self.loglik(theta + e)[1] - self.loglik(theta - e)[1]) / (2 * h)
                         for e in np.eye(4) * h])
        value = float(np.linalg.eigvalsh(-(hess + hess.T) / 2)[0])
        return value if np.isfinite(value) else 0.0


def distinct_histories(histories: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct rows of an (n, 3) array of (x, t_x, T), how many times each occurs),
    in lexicographic order: ``np.unique(axis=0, return_counts=True)``, ten times faster
    (one numeric lexsort instead of sorting rows as opaque records). A fit over the
    distinct rows with these weights equals the fit over all of them."""
    if not len(histories):
        return histories.reshape(0, 3), np.zeros(0, np.int64)
    ordered = histories[np.lexsort(histories.T[::-1])]
    new = np.r_[True, np.any(ordered[1:] != ordered[:-1], axis=1)]
    starts = np.flatnonzero(new)
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


def fit_bgnbd(frequency: ArrayLike, recency: ArrayLike, T: ArrayLike, *,  # noqa: N803, RUF100
              weights: ArrayLike | None = None,
              initial: BGNBDParams | Sequence[float] | None = None) -> BGNBDParams:
    """Maximum-likelihood fit.  ``weights`` are counts of identical (x, t_x, T) rows;
    ``initial`` is a starting (r, alpha, a, b).  Never raises on awkward data: check
    ``degenerate`` (see BGNBDParams) before interpreting the parameters."""
    x, tx, t_age = (np.atleast_1d(v) for v in _customers(frequency, recency, T, False))
    w = np.ones_like(x) if weights is None else np.atleast_1d(_arrays(False, weights=weights)[0])
    if w.shape != x.shape:
        raise ValueError(f"weights has length {w.size} but frequency has {x.size}")
    if w.sum() <= 0:
        raise ValueError("weights must not all be zero")
    scale = float(np.average(t_age, weights=w)) or 1.0
    if isinstance(initial, BGNBDParams):
        initial = (initial.r, initial.alpha, initial.a, initial.b)
    start = np.asarray((1.0, scale, 0.5, 1.0) if initial is None else initial, dtype=float)
    if start.shape != (4,) or not np.all(np.isfinite(start)) or np.any(start <= 0):
        raise ValueError("initial must be four positive numbers (r, alpha, a, b)")
    obj = _Objective(x, tx, t_age, w, scale)
    theta0 = np.clip(np.log(start / [1, scale, 1, 1]), -_LOG_BOUND, _LOG_BOUND)
    res = minimize(obj, theta0, jac=True, method="L-BFGS-B",
                   bounds=[(-_LOG_BOUND, _LOG_BOUND)] * 4,
                   options={"maxiter": 1000, "ftol": 1e-13, "gtol": 1e-9})
    # L-BFGS-B may stop "abnormally" in the line search when it is at the optimum to within
    # rounding; a vanishing gradient is convergence all the same.
    converged = bool(res.success) or bool(np.max(np.abs(res.jac)) < 1e-6)
    theta = res.x
    ll = obj.loglik(theta)[0] if np.all(np.isfinite(theta)) else np.nan
    if not np.isfinite(ll):  # cannot happen with validated data; belt and braces
        theta, converged = theta0, False
        ll = obj.loglik(theta)[0]
        ll = ll if np.isfinite(ll) else -np.inf
    degenerate = (not converged or bool(np.any(np.abs(theta) > _LOG_BOUND - _AT_BOUND))
                  or obj.min_information(theta) < _MIN_INFORMATION)
    return BGNBDParams(*obj.params(theta), ll, converged, degenerate)
