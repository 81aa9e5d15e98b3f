"""The at-risk score: drifting beats steady, reasons read well, boundaries, odd inputs."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np
import pytest

from dealerdesk.retention.bgnbd import BGNBDParams, expected_purchases, p_alive
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.retention.risk import (
    RiskResult,
    band_for,
    bgnbd_inputs,
    score_all,
    score_customer,
    span,
)

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


def steady(**kw: object) -> CustomerFacts:
    """Bought 6.5 years ago, services every ~6 months, last one 40 days ago, spend flat."""
    return dataclasses.replace(STEADY, **kw)  # type: ignore[arg-type]


def drifting(**kw: object) -> CustomerFacts:
    """Same start, then gaps widened: last service 14 months ago, spend down 60%, a
    complaint open 12 days, NPS 3 two months ago, three calls unanswered."""
    return dataclasses.replace(DRIFTING, **kw)  # type: ignore[arg-type]


def score(f: CustomerFacts, p: float | None = 0.9, tier: str | None = None) -> RiskResult:
    return score_customer(f, today=TODAY, p_alive=p, expected_visits=1.5, tier=tier)


def test_a_drifting_customer_ranks_above_a_steady_one() -> None:
    calm = score(steady(), p=0.95)
    worried = score(drifting(), p=0.18)
    assert worried.score > calm.score
    assert calm.band == "low" and calm.score < 10
    assert worried.band == "high"
    assert calm.reasons == ()
    # Even without the complaint and the survey, the drift alone ranks it above.
    quiet = score(drifting(open_complaints=0, oldest_open_complaint=None, last_nps=None), p=0.45)
    assert calm.score < quiet.score < worried.score
    assert quiet.band == "medium"


def test_reasons_read_well_with_their_numbers() -> None:
    result = score(drifting(), p=0.18)
    assert set(result.reasons) == {
        "P(active) 18%",
        "no service for 14 months (usually every 6)",
        "spend down 60% year on year (1,200 vs 3,000)",
        "complaint open 12 days",
        "last NPS 3 (2 months ago)",
        "3 calls unanswered",
    }
    assert result.reasons[:2] == ("P(active) 18%", "no service for 14 months (usually every 6)")
    assert result.reasons[-1] == "spend down 60% year on year (1,200 vs 3,000)"
    assert result.score == 100  # capped
    assert result.suggested_action.startswith("Call today about the open complaint")
    assert result.p_alive == pytest.approx(0.18)
    assert result.lifecycle == "at_risk"


def test_reasons_are_ordered_by_the_points_they_add() -> None:
    f = drifting(oldest_open_complaint=ago(40), last_nps=None, unanswered_streak=2,
                 aftersales_12m=0.0)  # fmt: skip
    result = score(f, p=0.9)
    assert result.reasons == (
        "no service for 14 months (usually every 6)",  # 27 points
        "complaint open 40 days",  # 25
        "no spend this year (3,000 the year before)",  # 15
        "2 calls unanswered",  # 10
    )  # P(active) 90% adds nothing, so it is not a reason
    assert result.score == 77


def test_more_contacts_and_a_fresh_complaint_read_naturally() -> None:
    r = score(steady(open_complaints=2, oldest_open_complaint=TODAY, last_contact=ago(150),
                     last_visit=ago(150), last_service=ago(150)))  # fmt: skip
    assert "2 complaints open, oldest opened today" in r.reasons
    assert "no contact for 5 months" in r.reasons
    one = score(steady(open_complaints=1, oldest_open_complaint=ago(1)))
    assert one.reasons == ("complaint open 1 day",)
    assert one.score == 10 and one.band == "low"


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "0 days"), (1, "1 day"), (13, "13 days"), (14, "2 weeks"), (60, "9 weeks"),
     (61, "2 months"), (426, "14 months"), (700, "23 months"), (731, "2 years"),
     (900, "2.5 years"), (1461, "4 years")],
)  # fmt: skip
def test_durations_are_rounded_the_way_people_say_them(days: int, text: str) -> None:
    assert span(days) == text


def test_bands_and_bounds() -> None:
    assert [band_for(s) for s in (0, 39, 40, 69, 70, 100)] == [
        "low", "low", "medium", "medium", "high", "high"]  # fmt: skip
    worst = score(drifting(aftersales_12m=0.0, last_nps=0, oldest_open_complaint=ago(90),
                           unanswered_streak=9, last_contact=ago(900)), p=0.0)  # fmt: skip
    assert worst.score == 100


def test_signal_thresholds() -> None:
    base = steady(last_nps=None)
    # Exactly 1.25 usual intervals since the last service adds nothing; a day later it does.
    interval = (2400 - 40) / 14
    on_time = dataclasses.replace(base, last_service=ago(round(interval * 1.25) - 1),
                                  last_visit=ago(round(interval * 1.25) - 1))  # fmt: skip
    assert not any(r.startswith("no service") for r in score(on_time).reasons)
    late = dataclasses.replace(base, last_service=ago(round(interval * 1.6)),
                               last_visit=ago(round(interval * 1.6)))  # fmt: skip
    assert any(r.startswith("no service for") for r in score(late).reasons)
    # One unanswered call is noise; NPS 7 is not a detractor; an old survey is stale.
    assert score(steady(unanswered_streak=1)).reasons == ()
    assert score(steady(last_nps=7)).reasons == ()
    assert score(steady(last_nps=2, last_nps_on=ago(800))).reasons == ()
    assert score(steady(last_nps=6)).reasons == ("last NPS 6 (5 weeks ago)",)
    # A spend drop on a tiny base, or under 20%, says nothing.
    assert score(steady(aftersales_12m=0.0, aftersales_prev_12m=150.0)).reasons == ()
    assert score(steady(aftersales_12m=2_500.0, aftersales_prev_12m=3_000.0)).reasons == ()
    # Contact within two months is on cadence.
    assert (
        score(steady(last_contact=ago(60), last_visit=ago(60), last_service=ago(60))).reasons == ()
    )


def test_car_sales_do_not_make_every_recent_buyer_look_like_a_leaver() -> None:
    bought_last_year = steady(spend_12m=900.0, spend_prev_12m=250_000.0, aftersales_12m=900.0,
                              aftersales_prev_12m=1_000.0)  # fmt: skip
    assert score(bought_last_year).reasons == ()
    # Without the after-sales split the total spend is used.
    legacy = steady(aftersales_12m=None, aftersales_prev_12m=None, spend_12m=1_000.0,
                    spend_prev_12m=5_000.0)  # fmt: skip
    assert score(legacy).reasons == ("spend down 80% year on year (1,000 vs 5,000)",)


def test_lost_customers_are_not_at_risk() -> None:
    lost = score(drifting(status="lost"), p=0.1)
    assert (lost.score, lost.band, lost.lifecycle) == (0, "lost", "lost")
    assert lost.reasons == ("marked lost",)
    assert lost.suggested_action.startswith("Win-back call: ask why they left")
    assert lost.p_alive is None
    assert score(steady(status="deceased")).suggested_action == "Do not contact."
    assert score(steady(status="moved")).reasons == ("moved away",)
    gone = score(drifting(last_visit=ago(1500), last_service=ago(1500), last_contact=ago(1400)))
    assert gone.band == "lost"
    assert gone.reasons == ("no visit for 4 years: counted as lost",)


def test_prospects_and_one_time_buyers() -> None:
    prospect = CustomerFacts(customer_id=5, name="New Lead", created_on=ago(400))
    r = score(prospect, p=None)
    assert r.lifecycle == "prospect"
    assert (r.p_alive, r.expected_visits_12m) == (None, None)
    assert r.reasons == ("no contact since joining 13 months ago",)
    assert r.suggested_action.startswith("Convert")
    assert score(CustomerFacts(customer_id=6, name="x"), p=None).score == 0
    once = CustomerFacts(customer_id=7, name="Once", first_visit=ago(300), last_visit=ago(300),
                         visit_days=1, first_purchase=ago(300), last_purchase=ago(300),
                         purchase_count=1, spend_total=200_000.0, created_on=ago(300))  # fmt: skip
    r = score(once, p=1.0)
    assert r.p_alive is None  # the model cannot tell from one visit day
    assert r.reasons[0] == "no service since buying 10 months ago (due every 6)"
    assert r.lifecycle == "at_risk"


def test_vip_at_high_risk_gets_a_manager_call() -> None:
    r = score(drifting(), p=0.18, tier="VIP")
    assert r.suggested_action.endswith("VIP customer: the manager calls.")
    assert not score(steady(), tier="VIP").suggested_action.endswith("manager calls.")


def test_lapsed_customers_are_won_back() -> None:
    r = score(drifting(last_visit=ago(700), last_service=ago(700), unanswered_streak=0,
                       open_complaints=0, last_nps=None, last_contact=ago(700)), p=0.3)  # fmt: skip
    assert r.lifecycle == "lapsed"
    assert r.suggested_action.startswith("Win-back call")
    assert "no contact for 23 months" in r.reasons


def test_bgnbd_inputs_are_in_weeks() -> None:
    facts = [steady(), CustomerFacts(customer_id=9, name="p"), drifting()]
    index, x, t_x, age = bgnbd_inputs(facts, TODAY)
    assert index.tolist() == [0, 2]
    assert x.tolist() == [13.0, 11.0]
    assert t_x[0] == pytest.approx((2400 - 40) / 7)
    assert age.tolist() == pytest.approx([2400 / 7, 2400 / 7])
    empty = bgnbd_inputs([CustomerFacts(customer_id=1, name="p")], TODAY)
    assert all(a.size == 0 for a in empty)


def test_score_all_agrees_with_score_customer() -> None:
    facts = [steady(), drifting(), CustomerFacts(customer_id=3, name="p", created_on=ago(90)),
             drifting(customer_id=4, status="lost"),
             steady(customer_id=5, visit_days=1, first_visit=ago(40))]  # fmt: skip
    batch = score_all(facts, today=TODAY, model_params=PARAMS, tiers={2: "VIP"})
    _, x, t_x, age = bgnbd_inputs(facts, TODAY)
    alive = p_alive(PARAMS, x, t_x, age)
    expected = expected_purchases(PARAMS, 52.0, x, t_x, age)
    visited = [0, 1, 3, 4]
    for row, i in enumerate(visited):
        one = score_customer(facts[i], today=TODAY, p_alive=float(alive[row]),
                             expected_visits=float(expected[row]),
                             tier="VIP" if i == 1 else None)  # fmt: skip
        assert batch[i] == one
    assert batch[2].p_alive is None and batch[2].expected_visits_12m is None
    assert batch[0].expected_visits_12m == pytest.approx(float(expected[0]))
    assert np.isfinite(batch[1].score)
    no_model = score_all(facts, today=TODAY, model_params=None)
    assert all(r.p_alive is None for r in no_model)
    assert score_all([], today=TODAY, model_params=PARAMS) == []


def test_the_action_follows_the_heaviest_reason_but_a_complaint_comes_first() -> None:
    unhappy = score(steady(last_nps=0))
    assert unhappy.reasons == ("last NPS 0 (5 weeks ago)",)
    assert unhappy.suggested_action.startswith("Call to ask what went wrong")
    unreachable = score(steady(unanswered_streak=4, last_nps=None))
    assert unreachable.suggested_action.startswith("Calls go unanswered: try WeChat")
    assert score(steady()).suggested_action == "Keep the monthly contact; remind services on time."
