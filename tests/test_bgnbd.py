"""BG/NBD model: the CDNOW figures of Fader, Hardie & Lee (2005), recovery of simulated
parameters, degenerate data and bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dealerdesk.retention.bgnbd import (
    BGNBDParams,
    expected_purchases,
    expected_purchases_new,
    fit_bgnbd,
    p_alive,
)

CDNOW = Path(__file__).parent / "data" / "cdnow_customers_summary.csv"
PAPER = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


def _load_cdnow() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    data = np.genfromtxt(CDNOW, delimiter=",", names=True)
    return data["frequency"], data["recency"], data["T"]


@pytest.fixture(scope="module")
def cdnow() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return _load_cdnow()


@pytest.fixture(scope="module")
def cdnow_fit(cdnow: tuple[np.ndarray, np.ndarray, np.ndarray]) -> BGNBDParams:
    return fit_bgnbd(*cdnow)


def simulate(n: int, r: float, alpha: float, a: float, b: float, seed: int,
             t_low: float = 20.0, t_high: float = 60.0):
    """Draw (x, t_x, T) from the BG/NBD generative process.  Repeat purchases arrive at
    rate lambda; after each the customer leaves with probability p, so x = min(N(T), J)
    with N(T) ~ Poisson(lambda T), J ~ Geometric(p); given N(T) = n the purchase times are
    uniform order statistics, so t_x / T ~ Beta(x, n - x + 1)."""
    rng = np.random.default_rng(seed)
    age = rng.uniform(t_low, t_high, n)
    lam = rng.gamma(r, 1.0 / alpha, n)
    p = rng.beta(a, b, n)
    purchases = rng.poisson(lam * age)
    x = np.minimum(purchases, rng.geometric(p))
    tx = np.zeros(n)
    some = x > 0
    tx[some] = age[some] * rng.beta(x[some], purchases[some] - x[some] + 1)
    return x.astype(float), tx, age


# --- the paper's CDNOW figures -----------------------------------------------------------

def test_cdnow_parameters_match_paper(cdnow_fit: BGNBDParams) -> None:
    for name, expected in PAPER.items():
        assert getattr(cdnow_fit, name) == pytest.approx(expected, rel=0.01), name
    assert cdnow_fit.converged
    assert not cdnow_fit.degenerate


def test_cdnow_log_likelihood(cdnow_fit: BGNBDParams) -> None:
    assert cdnow_fit.log_likelihood == pytest.approx(-9582.4, abs=0.1)


def test_cdnow_conditional_expectation(cdnow_fit: BGNBDParams) -> None:
    # Paper, section 5: x = 2, t_x = 30.43, T = 38.86 -> 1.226 purchases in the next 39 weeks.
    value = expected_purchases(cdnow_fit, 39, [2], [30.43], [38.86])
    assert value.shape == (1,)
    assert value[0] == pytest.approx(1.226, abs=0.005)
    scalar = expected_purchases(cdnow_fit, 39.0, 2, 30.43, 38.86)
    assert isinstance(scalar, np.ndarray)
    assert float(scalar) == pytest.approx(value[0])


def test_weights_compress_identical_rows(cdnow, cdnow_fit: BGNBDParams) -> None:
    rows, counts = np.unique(np.column_stack(cdnow), axis=0, return_counts=True)
    assert len(rows) < len(cdnow[0])
    compressed = fit_bgnbd(rows[:, 0], rows[:, 1], rows[:, 2], weights=counts)
    assert compressed.log_likelihood == pytest.approx(cdnow_fit.log_likelihood, abs=1e-6)
    for name in PAPER:
        assert getattr(compressed, name) == pytest.approx(getattr(cdnow_fit, name), rel=1e-4)


def test_initial_values_do_not_change_the_optimum(cdnow, cdnow_fit: BGNBDParams) -> None:
    for start in [(0.1, 0.1, 0.1, 0.1), (5.0, 100.0, 3.0, 10.0), cdnow_fit]:
        refit = fit_bgnbd(*cdnow, initial=start)
        assert refit.log_likelihood == pytest.approx(cdnow_fit.log_likelihood, abs=1e-4)


def test_time_unit_only_rescales_alpha(cdnow, cdnow_fit: BGNBDParams) -> None:
    x, tx, age = cdnow
    in_days = fit_bgnbd(x, tx * 7, age * 7)
    assert in_days.alpha == pytest.approx(cdnow_fit.alpha * 7, rel=1e-3)
    for name in ("r", "a", "b"):
        assert getattr(in_days, name) == pytest.approx(getattr(cdnow_fit, name), rel=1e-3)
    # The density of t_x picks up a Jacobian of 1/7 per repeat purchase.
    shift = -x.sum() * np.log(7)
    assert in_days.log_likelihood == pytest.approx(cdnow_fit.log_likelihood + shift, abs=1e-3)


# --- P(alive) and expectations --------------------------------------------------------------

def test_p_alive_is_a_probability(cdnow, cdnow_fit: BGNBDParams) -> None:
    x, tx, age = cdnow
    alive = p_alive(cdnow_fit, x, tx, age)
    assert alive.shape == x.shape
    assert np.all(np.isfinite(alive))
    assert np.all((alive >= 0) & (alive <= 1))
    assert np.all(alive[x == 0] == 1.0)
    assert np.all(alive[x > 0] < 1.0)


def test_p_alive_rises_with_recency_and_falls_with_silence(cdnow_fit: BGNBDParams) -> None:
    recency = np.linspace(0.5, 38.86, 50)
    for x in (1, 2, 5, 20):
        alive = p_alive(cdnow_fit, np.full(50, x), recency, np.full(50, 38.86))
        assert np.all(np.diff(alive) > 0), x
        # Same history, longer silence since the last purchase: less likely to be alive.
        later = p_alive(cdnow_fit, np.full(50, x), recency, np.full(50, 60.0))
        assert np.all(later < alive), x
    # A frequent buyer gone silent is more at risk than an occasional one.
    assert p_alive(cdnow_fit, 10, 10, 38.86) < p_alive(cdnow_fit, 1, 10, 38.86)


def test_expected_purchases_new_matches_simulation(cdnow_fit: BGNBDParams) -> None:
    t = 39.0
    fitted = cdnow_fit
    x, _, _ = simulate(400_000, fitted.r, fitted.alpha, fitted.a, fitted.b, seed=7,
                       t_low=t, t_high=t)
    assert expected_purchases_new(fitted, t) == pytest.approx(x.mean(), rel=0.02)
    assert expected_purchases_new(fitted, 0.0) == 0.0
    assert expected_purchases_new(fitted, t) == pytest.approx(
        float(expected_purchases(fitted, t, 0, 0, 0)), rel=1e-12)


def test_expected_purchases_is_monotone_in_horizon(cdnow_fit: BGNBDParams) -> None:
    horizons = np.array([0.0, 1.0, 13.0, 26.0, 52.0, 104.0])
    values = expected_purchases(cdnow_fit, horizons, 3, 20.0, 38.86)
    assert values[0] == 0.0
    assert np.all(np.diff(values) > 0)


def test_quadrature_fallback_agrees_with_hyp2f1(cdnow, cdnow_fit: BGNBDParams) -> None:
    from dealerdesk.retention import bgnbd

    x, _, age = cdnow
    t = np.full(x.shape, 39.0)
    closed = bgnbd._expected_if_alive(cdnow_fit, t, x, age)
    quad = bgnbd._by_quadrature(cdnow_fit.r, cdnow_fit.alpha, cdnow_fit.a, cdnow_fit.b,
                                t, x, age)
    np.testing.assert_allclose(quad, closed, rtol=1e-4)


def test_a_equal_to_one_is_handled() -> None:
    near = [BGNBDParams(0.25, 4.0, a, 2.5, 0.0, True, False) for a in (1 - 1e-4, 1.0, 1 + 1e-4)]
    values = [float(expected_purchases(p, 39, 2, 30.0, 38.0)) for p in near]
    new = [expected_purchases_new(p, 39) for p in near]
    assert values[1] == pytest.approx((values[0] + values[2]) / 2, rel=1e-3)
    assert new[1] == pytest.approx((new[0] + new[2]) / 2, rel=1e-3)


# --- recovery from simulated data -----------------------------------------------------------

@pytest.mark.parametrize("seed", [11, 12])
def test_recovers_simulated_parameters(seed: int) -> None:
    truth = {"r": 0.5, "alpha": 6.0, "a": 0.8, "b": 2.5}
    fit = fit_bgnbd(*simulate(20_000, **truth, seed=seed))
    assert fit.converged
    assert not fit.degenerate
    assert fit.r == pytest.approx(truth["r"], rel=0.1)
    assert fit.alpha == pytest.approx(truth["alpha"], rel=0.15)
    assert fit.a == pytest.approx(truth["a"], rel=0.25)
    assert fit.b == pytest.approx(truth["b"], rel=0.25)


# --- degenerate data ---------------------------------------------------------------------

def _assert_usable(fit: BGNBDParams, x, tx, age) -> None:
    assert fit.degenerate
    assert all(np.isfinite([fit.r, fit.alpha, fit.a, fit.b, fit.log_likelihood]))
    assert min(fit.r, fit.alpha, fit.a, fit.b) > 0
    alive = p_alive(fit, x, tx, age)
    assert np.all(np.isfinite(alive))
    assert np.all((alive >= 0) & (alive <= 1))
    assert np.all(alive[np.asarray(x) == 0] == 1.0)
    future = expected_purchases(fit, 26.0, x, tx, age)
    assert np.all(np.isfinite(future))
    assert np.all(future >= 0)
    assert np.isfinite(expected_purchases_new(fit, 26.0))


def test_nobody_drops_out_regular_buyers() -> None:
    rng = np.random.default_rng(3)
    age = rng.uniform(20, 52, 3000)
    x = np.floor(age)  # one purchase a week, right up to the end
    fit = fit_bgnbd(x, x.copy(), age)
    _assert_usable(fit, x, x, age)
    # Silent for 30 weeks after buying weekly: clearly gone.  Still buying: clearly alive.
    assert float(p_alive(fit, 20, 20, 50)) < 1e-3
    assert float(p_alive(fit, 50, 50, 50.5)) > 0.99
    assert float(expected_purchases(fit, 10, 50, 50, 50.5)) == pytest.approx(10, rel=0.05)


def test_nobody_drops_out_poisson_buyers() -> None:
    rng = np.random.default_rng(4)
    age = rng.uniform(20, 52, 3000)
    x = rng.poisson(0.5 * age).astype(float)
    tx = np.where(x > 0, age * rng.beta(np.maximum(x, 1), 1), 0.0)
    fit = fit_bgnbd(x, tx, age)
    _assert_usable(fit, x, tx, age)


@pytest.mark.parametrize(
    ("x", "tx", "age"),
    [
        (np.zeros(100), np.zeros(100), np.full(100, 10.0)),  # nobody ever came back
        ([3.0], [2.0], [5.0]),  # a single customer
        ([0.0, 0.0], [0.0, 0.0], [0.0, 0.0]),  # customers of age zero
    ],
)
def test_tiny_or_empty_information(x, tx, age) -> None:
    _assert_usable(fit_bgnbd(x, tx, age), x, tx, age)


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"frequency": [], "recency": [], "T": []}, "frequency is empty"),
        ({"frequency": [1, 2], "recency": [1, 2, 3], "T": [5, 5]}, "recency has length 3"),
        ({"frequency": [1, 2], "recency": [1, 2], "T": [5]}, "T has length 1"),
        ({"frequency": [-1, 2], "recency": [1, 2], "T": [5, 5]}, "frequency must be non-neg"),
        ({"frequency": [1, 2], "recency": [-1, 2], "T": [5, 5]}, "recency must be non-neg"),
        ({"frequency": [1, 2], "recency": [1, 2], "T": [5, -5]}, "T must be non-neg"),
        ({"frequency": [1, 2], "recency": [1, 6], "T": [5, 5]}, "recency must not exceed T"),
        ({"frequency": [1.5, 2], "recency": [1, 2], "T": [5, 5]}, "frequency must be whole"),
        ({"frequency": [1, 2], "recency": [np.nan, 2], "T": [5, 5]}, "recency contains NaN"),
        ({"frequency": [[1, 2]], "recency": [1, 2], "T": [5, 5]}, "frequency must be a scalar"),
        ({"frequency": ["a"], "recency": [1], "T": [5]}, "frequency must be numeric"),
    ],
)
def test_bad_input_raises_naming_the_argument(kwargs, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fit_bgnbd(**kwargs)


def test_bad_weights_and_initial() -> None:
    data = ([1, 2], [1, 2], [5, 5])
    with pytest.raises(ValueError, match="weights has length"):
        fit_bgnbd(*data, weights=[1, 2, 3])
    with pytest.raises(ValueError, match="weights must be non-negative"):
        fit_bgnbd(*data, weights=[1, -2])
    with pytest.raises(ValueError, match="weights must not all be zero"):
        fit_bgnbd(*data, weights=[0, 0])
    with pytest.raises(ValueError, match="initial"):
        fit_bgnbd(*data, initial=(1.0, -1.0, 1.0, 1.0))
    with pytest.raises(ValueError, match="initial"):
        fit_bgnbd(*data, initial=(1.0, 1.0))


def test_scoring_validates_input_too(cdnow_fit: BGNBDParams) -> None:
    with pytest.raises(ValueError, match="recency must not exceed T"):
        p_alive(cdnow_fit, [1], [6], [5])
    with pytest.raises(ValueError, match="T has length"):
        expected_purchases(cdnow_fit, 10, [1, 2], [1, 2], [5, 5, 5])
    with pytest.raises(ValueError, match="t must be non-negative"):
        expected_purchases(cdnow_fit, -1, [1], [1], [5])
    with pytest.raises(ValueError, match="t has length 3"):
        expected_purchases(cdnow_fit, [1, 2, 3], [1, 2], [1, 2], [5, 5])
    with pytest.raises(ValueError, match="t must be a scalar"):
        expected_purchases_new(cdnow_fit, [1, 2])
    with pytest.raises(ValueError, match="params"):
        p_alive(BGNBDParams(0.2, 4.0, float("nan"), 2.0, 0.0, False, True), [1], [1], [5])
    # Scoring an empty selection is not an error: it scores nobody.
    assert p_alive(cdnow_fit, [], [], []).shape == (0,)
    assert expected_purchases(cdnow_fit, 10, [], [], []).shape == (0,)
