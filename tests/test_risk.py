"""The at-risk score: the fitted churn model, its prior, reasons in codes, bands, boundaries."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np
import pytest

from dealerdesk.i18n import Msg, render
from dealerdesk.i18n.codec import decode, decode_list, encode, encode_list
from dealerdesk.retention.bgnbd import BGNBDParams
from dealerdesk.retention.churn import (
    FEATURES,
    MIN_TRAINING,
    PRIOR,
    ChurnModel,
    design,
    fit_churn,
    prior_model,
)
from dealerdesk.retention.fact_columns import FactColumns
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.risk import HIGH, MEDIUM, band_for, score_all, score_customer
from dealerdesk.retention.risk_words import span
from dealerdesk.vocab.retention import LifecycleStage, RiskBand

TODAY = date(2026, 11, 15)
PARAMS = BGNBDParams(2.0, 50.0, 0.5, 5.0, 0.0, True, False)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


STEADY = CustomerFacts(
    customer_id=1, name="Steady Li", first_visit=ago(2400), last_visit=ago(40),
    visit_days=14, first_purchase=ago(2400), last_purchase=ago(2400), purchase_count=1,
    first_service=ago(2220), last_service=ago(40), service_count=13,
    spend_total=260_000.0, spend_24m=6_100.0, spend_12m=3_000.0, spend_prev_12m=3_100.0,
    aftersales_12m=3_000.0, aftersales_prev_12m=3_100.0, last_nps=9, last_nps_on=ago(37),
    last_contact=ago(20),
)  # fmt: skip
DRIFTING = CustomerFacts(
    customer_id=2, name="Drifting Wang", first_visit=ago(2400), last_visit=ago(426),
    visit_days=12, first_purchase=ago(2400), last_purchase=ago(2400), purchase_count=1,
    first_service=ago(2220), last_service=ago(426), service_count=11,
    spend_total=240_000.0, spend_24m=4_200.0, spend_12m=1_200.0, spend_prev_12m=3_000.0,
    aftersales_12m=1_200.0, aftersales_prev_12m=3_000.0, open_complaints=1,
    oldest_open_complaint=ago(12), last_nps=3, last_nps_on=ago(61), unanswered_streak=3,
    last_contact=ago(10),
)  # fmt: skip


def replace(f: CustomerFacts, **kw: object) -> CustomerFacts:
    return dataclasses.replace(f, **kw)  # type: ignore[arg-type]


def said(msgs: tuple[Msg, ...], language: str = "en") -> list[str]:
    return [render(m, language) for m in msgs]


# --- the prior (a dealership with too little history) -----------------------------------


def test_drifting_scores_above_steady_with_the_prior_and_says_why() -> None:
    steady, drifting = score_all([STEADY, DRIFTING], today=TODAY, model_params=PARAMS)
    assert drifting.score > steady.score + 30
    assert drifting.band == RiskBand.HIGH and steady.band == RiskBand.LOW
    words = said(drifting.reasons)
    assert "complaint open 12 days" in words
    assert "3 calls unanswered in a row" in words
    assert any(w.startswith("no service for 14 months") for w in words), words
    assert len(words) <= 5
    # An open complaint decides the action, whatever else is wrong.
    assert render(drifting.action).startswith("Call today about the open complaint")
    assert said(drifting.reasons, "zh_CN")[0]  # every reason has a Chinese sentence
    assert "投诉未结已12天" in said(drifting.reasons, "zh_CN")


def test_one_customer_scores_as_among_everyone() -> None:
    many = score_all([STEADY, DRIFTING], today=TODAY, model_params=PARAMS)
    one = score_customer(DRIFTING, today=TODAY, model_params=PARAMS)
    assert one == many[1]


def test_vip_at_high_risk_is_called_by_the_manager() -> None:
    r = score_customer(DRIFTING, today=TODAY, model_params=PARAMS, tier="VIP")
    assert render(r.action).endswith("VIP customer: the manager calls.")
    low = score_customer(STEADY, today=TODAY, model_params=PARAMS, tier="VIP")
    assert "manager" not in render(low.action)


def test_gone_and_prospects_are_not_at_risk() -> None:
    lost = score_customer(replace(DRIFTING, status="lost"), today=TODAY, model_params=PARAMS)
    assert (lost.score, lost.band, lost.lifecycle) == (0, RiskBand.GONE, LifecycleStage.GONE)
    assert said(lost.reasons) == ["marked lost"]
    silent = replace(STEADY, last_visit=ago(1097), last_service=ago(1097))
    gone = score_customer(silent, today=TODAY, model_params=PARAMS)
    assert gone.band == RiskBand.GONE and said(gone.reasons) == [
        "no visit for 3 years: counted as gone"
    ]
    still = score_customer(replace(silent, last_visit=ago(1096)), today=TODAY, model_params=PARAMS)
    assert still.band != RiskBand.GONE  # the boundary: three years to the day is not yet gone
    prospect = CustomerFacts(customer_id=9, name="P", created_on=ago(30))
    p = score_customer(prospect, today=TODAY, model_params=PARAMS)
    assert (p.band, p.reasons, p.p_alive) == (RiskBand.NONE, (), None)
    assert render(p.action).startswith("Convert")


def test_one_time_customers_have_no_p_alive_and_a_seen_once_reason() -> None:
    once = CustomerFacts(customer_id=3, name="Once", first_visit=ago(300), last_visit=ago(300),
                         visit_days=1)  # fmt: skip
    r = score_customer(once, today=TODAY, model_params=PARAMS)
    assert r.p_alive is None and r.expected_visits_12m is not None
    assert "seen once only, 10 months ago" in said(r.reasons)


def test_a_buyer_never_back_for_a_first_service_is_flagged() -> None:
    buyer = CustomerFacts(customer_id=4, name="Buyer", first_visit=ago(400), last_visit=ago(400),
                          visit_days=1, first_purchase=ago(400), last_purchase=ago(400),
                          purchase_count=1, spend_total=180_000.0)  # fmt: skip
    serviced = replace(buyer, last_visit=ago(220), visit_days=2, first_service=ago(220),
                       last_service=ago(220), service_count=1)  # fmt: skip
    r_buyer, r_serviced = score_all([buyer, serviced], today=TODAY, model_params=PARAMS)
    assert "no first service since buying 13 months ago" in said(r_buyer.reasons)
    assert r_buyer.score > r_serviced.score


@pytest.mark.parametrize(("score", "band"), [(0, "low"), (MEDIUM - 1, "low"), (MEDIUM, "medium"),
                                             (HIGH - 1, "medium"), (HIGH, "high"), (100, "high")])  # fmt: skip
def test_band_boundaries(score: int, band: str) -> None:
    assert band_for(score) == band


@pytest.mark.parametrize(("days", "text"), [(13, "13 days"), (14, "2 weeks"), (60, "9 weeks"),
                                            (61, "2 months"), (426, "14 months"),
                                            (730, "2 years"), (913, "2.5 years")])  # fmt: skip
def test_spans_read_the_way_people_say_them(days: int, text: str) -> None:
    assert render(span(days)) == text


# --- the fitted model ------------------------------------------------------------------


def _population(n: int, seed: int) -> tuple[list[CustomerFacts], np.ndarray]:
    """Customers whose chance of coming back falls with the silence against their rhythm."""
    rng = np.random.default_rng(seed)
    facts, back = [], []
    for i in range(n):
        every = int(rng.integers(120, 400))
        visits = int(rng.integers(1, 12))
        silence = int(rng.integers(10, 900))
        first = silence + every * (visits - 1)
        f = CustomerFacts(customer_id=i + 1, name=f"c{i}", first_visit=ago(first),
                          last_visit=ago(silence), visit_days=visits)  # fmt: skip
        facts.append(f)
        back.append(rng.random() < 1 / (1 + np.exp(-(2.0 - 2.5 * silence / every))))
    return facts, np.array(back)


def test_the_fit_learns_that_silence_against_the_rhythm_means_leaving() -> None:
    facts, back = _population(3000, seed=1)
    x, _, _ = design(FactColumns.from_facts(facts), TODAY, PARAMS, 365)
    model = fit_churn(x, ~back, horizon_days=365, trained_on=TODAY)
    assert model.source == "fit" and model.customers == 3000
    overdue = FEATURES.index("overdue")
    assert model.weights[overdue] > PRIOR[overdue]  # the data pushed it beyond the prior
    p = model.probability(x)
    assert p[~back].mean() > p[back].mean() + 0.2
    # columns that never vary (no complaints in this data) keep their prior weight
    complaint = FEATURES.index("complaint")
    assert model.weights[complaint] == PRIOR[complaint]
    # the model survives a round trip through the stored settings
    assert ChurnModel.from_dict(model.to_dict()) == model


def test_too_little_history_falls_back_to_the_prior() -> None:
    facts, back = _population(MIN_TRAINING - 1, seed=2)
    x, _, _ = design(FactColumns.from_facts(facts), TODAY, PARAMS, 365)
    assert fit_churn(x, ~back, horizon_days=365).source == "prior"
    facts, _ = _population(MIN_TRAINING + 50, seed=3)
    x, _, _ = design(FactColumns.from_facts(facts), TODAY, PARAMS, 365)
    everyone_back = np.zeros(len(facts), dtype=bool)  # nobody left: nothing to learn from
    assert fit_churn(x, everyone_back, horizon_days=365).source == "prior"
    assert prior_model(365).weights == PRIOR
    assert ChurnModel.from_dict({"weights": [1.0]}) is None  # another version's model: refit


def test_a_fitted_model_changes_the_ranking_the_prior_gave() -> None:
    """Fitted weights are what score_all uses: flip the sign of silence and the order flips."""
    flipped = list(PRIOR)
    for name in ("recency", "overdue", "bgnbd_dropout", "service_overdue", "no_contact"):
        flipped[FEATURES.index(name)] = -abs(flipped[FEATURES.index(name)]) * 3
    model = ChurnModel(12.0, tuple(flipped), (0.0,) * len(FEATURES), "fit", 365)
    calm = replace(DRIFTING, open_complaints=0, last_nps=None, unanswered_streak=0,
                   aftersales_12m=3000.0, spend_12m=3000.0)  # fmt: skip
    steady, drifting = score_all([STEADY, calm], today=TODAY, model_params=PARAMS, churn=model)
    assert steady.score > drifting.score


# --- reasons are stored as codes and come back equal --------------------------------------


def test_messages_round_trip_through_json() -> None:
    r = score_customer(DRIFTING, today=TODAY, model_params=PARAMS)
    assert decode_list(encode_list(r.reasons)) == r.reasons
    assert decode(encode(r.action)) == r.action
    assert decode_list("not json") == ("not json",)  # never a crash on an odd cell
    assert decode_list(encode_list(["free text"])) == ("free text",)


def test_stage_and_band_never_contradict() -> None:
    facts, _ = _population(600, seed=5)
    # "Active, high risk" is allowed: the warning for a customer still on rhythm.
    results = score_all(facts, today=TODAY, model_params=PARAMS)
    pairs = {(r.lifecycle, r.band) for r in results}
    assert (LifecycleStage.LAPSED, RiskBand.LOW) not in pairs
    assert {RiskBand.HIGH, RiskBand.LOW} <= {b for _, b in pairs}  # the data has both
    assert LifecycleStage.LAPSING in {s for s, _ in pairs}


def test_declined_work_not_recaptured_is_a_warning_sign() -> None:
    declined = replace(STEADY, last_declined=ago(100), last_service=ago(100), last_visit=ago(100))
    recaptured = replace(declined, last_service=ago(40), last_visit=ago(40))
    fresh = replace(declined, last_declined=ago(30), last_service=ago(30), last_visit=ago(30))
    d, r, f = score_all([declined, recaptured, fresh], today=TODAY, model_params=PARAMS)
    assert "declined work not done since (3 months ago)" in said(d.reasons)
    assert not any("declined" in w for w in said(r.reasons) + said(f.reasons))  # 30 days: not yet
    x, _, _ = design(FactColumns.from_facts([declined, recaptured, fresh]), TODAY, PARAMS, 365)
    assert x[:, FEATURES.index("declined_open")].tolist() == [1.0, 0.0, 0.0]
