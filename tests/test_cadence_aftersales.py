"""Issue #16 in the planner, at its boundaries (no database): first service (首保),
the three renewal calls, pauses and closes, the lost bucket, the after-service call."""

from __future__ import annotations

from datetime import date, timedelta

from dealerdesk.retention.cadence import (
    DEFAULT_RULES,
    CadenceConfig,
    CustomerInput,
    CustomerPlan,
    PendingInput,
    PlanContext,
    PlannedFollowup,
    VehicleInput,
    VisitInput,
    plan_customer,
)
from dealerdesk.retention.cadence.aftersales import after_service_assignee, first_service_state

RULES = {r.key: r for r in DEFAULT_RULES}
SALE = date(2026, 1, 5)
NO_CAP = CadenceConfig(fatigue_cap=None)


def ctx(today: date, horizon: int = 90) -> PlanContext:
    return PlanContext.build(
        rules=RULES, config=NO_CAP, today=today, horizon_days=horizon, desk_staff=(1, 2, 3)
    )


def car(**kw: object) -> VehicleInput:
    return VehicleInput(**{"id": 7, "label": "粤B12345 · BYD Han", **kw})  # type: ignore[arg-type]


def who(**kw: object) -> CustomerInput:
    base: dict[str, object] = {"id": 1, "created_on": date(2020, 1, 1), "last_contact": None}
    return CustomerInput(**{**base, **kw})  # type: ignore[arg-type]


def of(p: CustomerPlan, kind: str) -> list[PlannedFollowup]:
    return [w for w in p.wanted if w.kind == kind]


def first(today: date, **kw: object) -> list[tuple[str, date]]:
    c = who(vehicles=(car(purchase_date=SALE, **kw),), last_visit=SALE)
    p = plan_customer(c, ctx(today, horizon=0))
    return [(w.source_key, w.due) for w in of(p, "first_service") + of(p, "first_lapsed")]


# -- first service (首保) -------------------------------------------------------------------
def test_first_service_reminder_from_three_months_after_the_sale() -> None:
    d90 = SALE + timedelta(days=90)
    assert first(d90 - timedelta(days=1)) == []  # not yet due (nothing within a 0-day horizon)
    assert first(d90) == [("fsvc:7:1", d90)]
    # Planned ahead like any follow-up: on the sale day it is already in the 90-day horizon.
    c = who(vehicles=(car(purchase_date=SALE),), last_visit=SALE)
    assert [w.due for w in of(plan_customer(c, ctx(SALE)), "first_service")] == [d90]
    # Never for a car bought elsewhere.
    assert first(d90, sold_here=False) == []


def test_first_service_every_30_days_one_at_a_time() -> None:
    d90 = SALE + timedelta(days=90)
    assert first(d90 + timedelta(days=29)) == [("fsvc:7:1", d90)]
    assert first(d90 + timedelta(days=30)) == [("fsvc:7:2", d90 + timedelta(days=30))]
    assert first(d90 + timedelta(days=60)) == [("fsvc:7:3", d90 + timedelta(days=60))]
    # The last reminder before 12 months is the tenth, 360 days after the sale.
    assert first(SALE + timedelta(days=364)) == [("fsvc:7:10", SALE + timedelta(days=360))]


def test_first_service_stops_when_a_service_is_logged() -> None:
    today = SALE + timedelta(days=130)
    pend = PendingInput("fsvc:7:2", SALE + timedelta(days=120), "first_service", True)
    served = car(purchase_date=SALE, last_service_id=5, last_service_on=SALE + timedelta(days=125))
    c = who(vehicles=(served,), last_visit=served.last_service_on, pending=(pend,))
    p = plan_customer(c, ctx(today))
    assert of(p, "first_service") == [] and "fsvc:7:2" in p.dropped
    # From then on the ordinary maintenance reminder, 5 months after that service.
    later = plan_customer(c, ctx(today, horizon=200))
    assert [w.due for w in of(later, "service_due")] == [SALE + timedelta(days=125 + 152)]
    assert first_service_state(served, today, RULES) == "done"


def test_first_service_turns_lapsed_at_twelve_months() -> None:
    d365 = SALE + timedelta(days=365)
    assert first(d365 - timedelta(days=1))[0][0] == "fsvc:7:10"
    assert first(d365) == [("fsvc:7:lapsed", d365)]  # no more reminders: one "ask why" call
    v = car(purchase_date=SALE)
    assert first_service_state(v, d365 - timedelta(days=1), RULES) == "due"
    assert first_service_state(v, d365, RULES) == "lapsed"
    assert first_service_state(v, SALE + timedelta(days=89), RULES) == "waiting"


# -- renewal (续保) ---------------------------------------------------------------------------
def renewals(today: date, end: date, **kw: object) -> list[tuple[str, date, str]]:
    c = who(vehicles=(car(insurance_end=end, **kw),), last_visit=today)
    return [
        (w.source_key, w.due, w.reason) for w in of(plan_customer(c, ctx(today, 0)), "insurance")
    ]


def test_renewal_calls_at_45_33_and_30_days_before_the_policy_ends() -> None:
    end = date(2027, 6, 30)
    d45, d33, d30 = (end - timedelta(days=n) for n in (45, 33, 30))
    assert renewals(d45 - timedelta(days=1), end) == []
    assert [r[:2] for r in renewals(d45, end)] == [("ins:7:2027", d45)]
    assert [r[:2] for r in renewals(d33 - timedelta(days=1), end)] == [("ins:7:2027", d45)]
    assert [r[:2] for r in renewals(d33, end)] == [("ins2:7:2027", d33)]
    assert [r[:2] for r in renewals(d30, end)] == [("ins3:7:2027", d30)]
    assert [r[:2] for r in renewals(end, end)] == [("ins3:7:2027", d30)]  # still worth it
    assert renewals(end + timedelta(days=1), end) == []


def test_renewal_reason_names_the_policy_kind_and_last_insurer() -> None:
    end = date(2027, 6, 30)
    (_k, _d, reason), = renewals(end - timedelta(days=45), end, insurance_kind="compulsory",
                                 insurer="平安保险", insured_here=False)  # fmt: skip
    assert "Compulsory (交强险)" in reason and "平安保险" in reason
    assert "(insured elsewhere)" in reason and "call 1 of 3" in reason


def test_an_earlier_call_is_replaced_by_the_next_one() -> None:
    end = date(2027, 6, 30)
    d33 = end - timedelta(days=33)
    pend = PendingInput("ins:7:2027", end - timedelta(days=45), "insurance", True)
    c = who(vehicles=(car(insurance_end=end),), last_visit=d33, pending=(pend,))
    p = plan_customer(c, ctx(d33, 0))
    assert [w.source_key for w in of(p, "insurance")] == ["ins2:7:2027"]
    assert "ins:7:2027" in p.dropped


# -- pauses and closes ------------------------------------------------------------------------
def test_a_paused_contact_type_blocks_that_car_only_and_says_why() -> None:
    end = date(2027, 6, 30)
    today = end - timedelta(days=45)
    pend = PendingInput("ins:7:2027", today, "insurance", True)
    paused = car(insurance_end=end, inspection_due=end,
                 pauses=(("insurance", "paused", "insured elsewhere (外面投保)"),))  # fmt: skip
    other = car(id=8, insurance_end=end)
    c = who(vehicles=(paused, other), last_visit=today, pending=(pend,))
    p = plan_customer(c, ctx(today))
    assert [w.vehicle_id for w in of(p, "insurance")] == [8]
    assert "insured elsewhere (外面投保)" in p.dropped["ins:7:2027"]
    assert [w.vehicle_id for w in of(p, "inspection")] == [7]  # another contact type: kept


def test_a_closed_car_gets_nothing() -> None:
    today = SALE + timedelta(days=100)
    sold = car(purchase_date=SALE, insurance_end=today + timedelta(days=40),
               pauses=(("all", "closed", "car sold (车子转让)"),))  # fmt: skip
    visit = VisitInput(id=3, day=today - timedelta(days=3), vehicle_id=7, declined="tyres")
    c = who(vehicles=(sold,), visits=(visit,), last_visit=today)
    p = plan_customer(c, ctx(today))
    assert [w for w in p.wanted if w.vehicle_id == 7] == []


# -- lapsed and lost buckets -------------------------------------------------------------------
def test_lapsed_and_lost_buckets_at_12_and_24_months() -> None:
    assert (CadenceConfig().lapsed_after_days, CadenceConfig().lost_after_days) == (365, 730)
    today = date(2027, 3, 3)
    served = car(purchase_date=date(2020, 1, 1), last_service_id=1,
                 last_service_on=today - timedelta(days=160))  # fmt: skip
    lapsed = who(vehicles=(served,), lapsed=True, last_visit=today - timedelta(days=400))
    p = plan_customer(lapsed, ctx(today))
    assert of(p, "winback") and of(p, "service_due")  # lapsed: win-back and reminders
    lost = who(vehicles=(served,), lapsed=True, lost_bucket=True,
               last_visit=today - timedelta(days=731))  # fmt: skip
    p = plan_customer(lost, ctx(today))
    assert of(p, "winback") and not of(p, "service_due")  # lost: win-back only


# -- the after-service call --------------------------------------------------------------------
def test_after_service_call_never_goes_to_the_advisor_who_served() -> None:
    today = date(2027, 3, 3)
    for owner in (None, 1, 2):
        for vid in range(1, 7):
            visit = VisitInput(id=vid, day=today - timedelta(days=3), advisor_id=2)
            c = who(owner_id=owner, visits=(visit,), last_visit=visit.day)
            (sat,) = of(plan_customer(c, ctx(today)), "satisfaction")
            assert sat.assignee_id is not None and sat.assignee_id != 2
    assert after_service_assignee(2, None, (2,), 9) is None  # nobody else on the desk
    assert after_service_assignee(None, 5, (1, 2), 9) is None  # no advisor: the owner
