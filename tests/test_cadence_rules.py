"""The cadence planner, rule by rule, on hand-made inputs (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from lunardate import LunarDate

from dealerdesk.retention.cadence import (
    DEFAULT_RULES,
    KIND_LABELS,
    CadenceConfig,
    CampaignInput,
    ComplaintInput,
    CustomerInput,
    CustomerPlan,
    PendingInput,
    PersonalDateInput,
    PlanContext,
    PlannedFollowup,
    StoredRule,
    VehicleInput,
    VisitInput,
    effective_rules,
    kind_label,
    plan,
    plan_customer,
)

RULES = {r.key: r for r in DEFAULT_RULES}
TODAY = date(2027, 3, 3)  # a Wednesday
NO_CAP = CadenceConfig(fatigue_cap=None)


def context(
    today: date = TODAY, horizon: int = 90, config: CadenceConfig = NO_CAP, **kw: object
) -> PlanContext:
    return PlanContext.build(
        rules=kw.pop("rules", RULES), config=config, today=today, horizon_days=horizon, **kw
    )  # type: ignore[arg-type]


def customer(**kw: object) -> CustomerInput:
    base: dict[str, object] = {"id": 1, "created_on": date(2020, 1, 1), "last_contact": TODAY}
    return CustomerInput(**{**base, **kw})  # type: ignore[arg-type]


def of(p: CustomerPlan, kind: str) -> list[PlannedFollowup]:
    return [w for w in p.wanted if w.kind == kind]


def one(p: CustomerPlan, kind: str) -> PlannedFollowup:
    found = of(p, kind)
    assert len(found) == 1, found
    return found[0]


def car(**kw: object) -> VehicleInput:
    return VehicleInput(**{"id": 7, "label": "粤B12345 · BYD Han", **kw})  # type: ignore[arg-type]


# -- vehicle sale ----------------------------------------------------------------------------
def test_thank_you_and_check_in_after_a_sale_across_a_month_end() -> None:
    c = customer(vehicles=(car(purchase_date=date(2027, 1, 30)),))
    p = plan_customer(c, context(today=date(2027, 1, 31)))
    thanks, checkin = one(p, "thanks"), one(p, "checkin")
    assert (thanks.due, thanks.source_key) == (date(2027, 2, 1), "sale:7:thanks")
    assert (checkin.due, checkin.source_key) == (date(2027, 2, 6), "sale:7:checkin")
    assert "BYD Han" in thanks.reason and "Sat 30 Jan 2027" in thanks.reason
    assert thanks.purpose == "service" and not thanks.essential and thanks.vehicle_id == 7


def test_sale_two_days_before_a_leap_day() -> None:
    c = customer(vehicles=(car(purchase_date=date(2028, 2, 27)),))
    assert one(plan_customer(c, context(today=date(2028, 2, 27))), "thanks").due == date(
        2028, 2, 29
    )


def test_an_old_sale_or_a_car_bought_elsewhere_gets_no_thanks() -> None:
    old = customer(vehicles=(car(purchase_date=date(2026, 1, 5)),))
    elsewhere = customer(vehicles=(car(purchase_date=date(2027, 3, 1), sold_here=False),))
    assert of(plan_customer(old, context()), "thanks") == []
    assert of(plan_customer(elsewhere, context()), "thanks") == []


# -- stay in touch -------------------------------------------------------------------------
def test_stay_in_touch_counts_from_the_last_contact_and_every_contact_resets_it() -> None:
    first = one(plan_customer(customer(last_contact=date(2027, 2, 20)), context()), "touch")
    assert (first.source_key, first.due) == ("touch:1", date(2027, 3, 22))
    again = one(plan_customer(customer(last_contact=date(2027, 3, 2)), context()), "touch")
    assert (again.source_key, again.due) == ("touch:1", date(2027, 4, 1))  # same task, moved
    assert "Tue 2 Mar 2027" in again.reason


def test_stay_in_touch_without_contacts_counts_from_the_visit_or_creation() -> None:
    visited = customer(last_contact=None, last_visit=date(2027, 2, 1))
    assert one(plan_customer(visited, context()), "touch").due == date(2027, 3, 3)
    newcomer = customer(last_contact=None, created_on=date(2027, 2, 10))
    touch = one(plan_customer(newcomer, context()), "touch")
    assert touch.due == date(2027, 3, 12) and "never contacted" in touch.reason


def test_a_lapsed_customer_gets_a_win_back_call_instead_of_stay_in_touch() -> None:
    p = plan_customer(customer(lapsed=True, last_visit=date(2025, 1, 1)), context())
    assert of(p, "touch") == []
    assert "No visit since Wed 1 Jan 2025" in one(p, "winback").reason


# -- service visits ----------------------------------------------------------------------------
def test_satisfaction_call_three_days_after_a_service_visit() -> None:
    c = customer(vehicles=(car(),), visits=(VisitInput(90, date(2027, 3, 1), "service", 7),))
    sat = one(plan_customer(c, context()), "satisfaction")
    assert (sat.source_key, sat.due) == ("visit:90:sat", date(2027, 3, 4))
    assert "粤B12345" in sat.reason


def test_declined_work_two_weeks_later_unless_the_car_came_back() -> None:
    visit = VisitInput(91, date(2027, 2, 20), "service", 7, declined="更换刹车片")
    c = customer(vehicles=(car(),), visits=(visit,))
    dw = one(plan_customer(c, context()), "declined_work")
    assert (dw.source_key, dw.due) == ("visit:91:declined", date(2027, 3, 6))
    assert "更换刹车片" in dw.reason
    back = replace(c, vehicles=(car(last_service_id=95, last_service_on=date(2027, 3, 1)),),
                   pending=(PendingInput("visit:91:declined", date(2027, 3, 6), "declined_work"),))  # fmt: skip
    p = plan_customer(back, context())
    assert of(p, "declined_work") == []
    assert p.dropped == {"visit:91:declined": "the car has been serviced since"}


# -- birthdays and personal dates ----------------------------------------------------------------
def test_birthday_greeting_is_due_the_day_before() -> None:
    b = one(plan_customer(customer(birthday=date(1980, 3, 10)), context()), "birthday")
    assert (b.source_key, b.due, b.purpose) == ("bday:1:2027", date(2027, 3, 9), "marketing")
    assert "Birthday on Wed 10 Mar 2027" in b.reason


@pytest.mark.parametrize(
    ("year", "task"), [(2027, date(2027, 2, 28)), (2028, date(2028, 2, 29))]
)  # fmt: skip
def test_birthday_on_1_march_puts_the_task_on_the_last_day_of_february(
    year: int, task: date
) -> None:
    b = one(
        plan_customer(customer(birthday=date(1980, 3, 1)), context(today=date(year, 2, 20))),
        "birthday",
    )
    assert b.due == task


def test_new_years_day_birthday_task_falls_in_the_old_year() -> None:
    b = one(
        plan_customer(customer(birthday=date(1975, 1, 1)), context(today=date(2027, 12, 20))),
        "birthday",
    )
    assert (b.source_key, b.due) == ("bday:1:2028", date(2027, 12, 31))


def test_29_february_birthday_is_greeted_on_28_february_in_a_common_year() -> None:
    c = customer(birthday=date(1988, 2, 29))
    b = one(plan_customer(c, context(today=date(2027, 2, 1))), "birthday")
    assert (b.due, b.source_key) == (date(2027, 2, 27), "bday:1:2027")
    assert "Sun 28 Feb 2027" in b.reason
    leap = one(plan_customer(c, context(today=date(2028, 2, 1))), "birthday")
    assert leap.due == date(2028, 2, 28)


def test_lunar_birthday_is_converted_to_this_years_solar_date() -> None:
    c = customer(birthday=date(1980, 5, 17), birthday_lunar=True)  # lunar 4th month, 4th day
    b = one(plan_customer(c, context(today=date(2027, 4, 1))), "birthday")
    solar = LunarDate(2027, 4, 4).to_solar_date()
    assert (b.source_key, b.due) == ("bday:1:L2027", solar - timedelta(days=1))
    assert "lunar 4/4" in b.reason


def test_lunar_birthday_on_day_30_in_a_year_whose_month_has_29_days() -> None:
    born = LunarDate(1963, 3, 30).to_solar_date()  # the 3rd month had 30 days in 1963...
    with pytest.raises(ValueError):
        LunarDate(2027, 3, 30).to_solar_date()  # ...and has 29 in 2027
    c = customer(birthday=born, birthday_lunar=True)
    b = one(plan_customer(c, context(today=date(2027, 4, 1))), "birthday")
    assert b.due == LunarDate(2027, 3, 29).to_solar_date() - timedelta(days=1)


def test_wedding_anniversary_and_purchase_anniversary() -> None:
    c = customer(
        personal_dates=(PersonalDateInput(5, "Wedding anniversary", date(2010, 3, 20)),),
        vehicles=(car(purchase_date=date(2024, 3, 12)),),
    )
    p = plan_customer(c, context())
    wedding, anniv = one(p, "personal_date"), one(p, "anniversary")
    assert (wedding.source_key, wedding.due) == ("pdate:5:2027", date(2027, 3, 19))
    assert (anniv.source_key, anniv.due) == ("anniv:7:2027", date(2027, 3, 11))
    assert anniv.reason.startswith("3 years since buying")


# -- holidays ----------------------------------------------------------------------------------
def test_holiday_on_a_weekend_is_greeted_on_the_day_but_due_the_working_day_before() -> None:
    p = plan_customer(customer(), context(today=date(2027, 1, 20), horizon=30))
    spring = one(p, "holiday")
    assert spring.source_key == "hol:1:2027:spring"
    assert spring.due == date(2027, 2, 4)  # Sat 6 Feb, and the eve on Friday is a holiday too
    assert "Sat 6 Feb 2027" in spring.reason and "春节" in spring.reason
    assert spring.essential and spring.purpose == "marketing"


def test_holiday_greeting_on_a_weekday_is_due_the_working_day_before() -> None:
    p = plan_customer(customer(), context(today=date(2027, 9, 1), horizon=20))
    assert [(h.source_key, h.due) for h in of(p, "holiday")] == [
        ("hol:1:2027:midautumn", date(2027, 9, 14))
    ]


# -- reminders ------------------------------------------------------------------------------
def test_insurance_inspection_and_warranty_reminders() -> None:
    c = customer(vehicles=(car(insurance_end=date(2027, 4, 2), inspection_due=date(2027, 4, 30),
                               warranty_end=date(2027, 5, 1)),))  # fmt: skip
    p = plan_customer(c, context())
    # issue #16: the last of the three renewal calls (30 days before) is the one in force.
    assert (one(p, "insurance").source_key, one(p, "insurance").due) == (
        "ins3:7:2027",
        date(2027, 3, 3),
    )
    assert one(p, "inspection").due == date(2027, 3, 31)
    assert one(p, "warranty").due == date(2027, 3, 2)  # a day overdue: still worth the call
    assert all(w.essential for w in p.wanted if w.kind != "touch")
    ended = customer(vehicles=(car(insurance_end=date(2027, 3, 1)),))
    assert of(plan_customer(ended, context()), "insurance") == []


def test_maintenance_reminder_after_5000_km_when_that_comes_first() -> None:
    busy = car(purchase_date=date(2026, 6, 1), last_service_id=40,
               last_service_on=date(2026, 12, 1), last_service_km=10_000)  # fmt: skip
    svc = one(plan_customer(customer(vehicles=(busy,)), context()), "service_due")
    # 10,000 km in 183 days is ~55 km a day: 5,000 km in 92 days, before the 182-day mark
    assert (svc.source_key, svc.due) == ("svc:7:v40", date(2027, 3, 3))
    assert "10,000 km" in svc.reason and "55 km a day" in svc.reason


def test_maintenance_reminder_five_months_after_the_last_service_for_a_quiet_car() -> None:
    # issue #16: the reminder comes at 5 months (152 days), a month before the interval.
    quiet = car(purchase_date=date(2025, 12, 1), last_service_id=41,
                last_service_on=date(2026, 12, 1), last_service_km=3_000)  # fmt: skip
    assert one(plan_customer(customer(vehicles=(quiet,)), context()), "service_due").due == date(
        2027, 5, 2
    )
    # A car bought elsewhere with no service on file counts from its purchase; one sold
    # here gets the first-service reminders instead (tests/test_cadence_aftersales.py).
    never = car(purchase_date=date(2026, 10, 25), sold_here=False)
    svc = one(plan_customer(customer(vehicles=(never,)), context()), "service_due")
    assert (svc.source_key, svc.due) == ("svc:7:sale", date(2027, 3, 26))


def test_trade_in_invitation_once_a_year_between_4_and_6_years() -> None:
    def trade(bought: date) -> list[str]:
        return [
            w.source_key
            for w in of(
                plan_customer(customer(vehicles=(car(purchase_date=bought),)), context()),
                "trade_in",
            )
        ]

    assert trade(date(2022, 3, 10)) == ["tradein:7:5"]
    assert trade(date(2024, 3, 10)) == []  # 3 years old
    assert trade(date(2020, 3, 10)) == []  # 7 years old
    t = one(
        plan_customer(customer(vehicles=(car(purchase_date=date(2023, 3, 1)),)), context()),
        "trade_in",
    )
    assert t.due == date(2027, 3, 15) and "4 years old" in t.reason


# -- complaints ---------------------------------------------------------------------------
def test_complaint_within_one_working_day_then_again_until_resolved() -> None:
    opened = ComplaintInput(31, date(2027, 3, 5), "billing", assignee_id=4)  # a Friday
    first = one(plan_customer(customer(owner_id=2, complaints=(opened,)), context()), "complaint")
    assert (first.source_key, first.due, first.assignee_id) == ("cmp:31", date(2027, 3, 8), 4)
    assert first.essential and first.complaint_id == 31
    later = replace(opened, followups_done=1, last_followup_on=date(2027, 3, 8))
    again = one(plan_customer(customer(complaints=(later,)), context()), "complaint")
    assert (again.source_key, again.due) == ("cmp:31", date(2027, 3, 11))
    assert "1 follow-up so far" in again.reason


# -- win-back ----------------------------------------------------------------------------
def test_win_back_at_most_four_tries_and_the_last_says_so() -> None:
    lost = customer(status="lost", lost_on=date(2026, 12, 1), lost_reason="搬家到外地")
    first = one(plan_customer(lost, context()), "winback")
    assert (first.source_key, first.due) == ("winback:1:1", TODAY)
    assert "搬家到外地" in first.reason and "try 1 of 4" in first.reason
    fourth = one(
        plan_customer(replace(lost, winback_tries=3, winback_last_on=date(2027, 2, 1)), context()),
        "winback",
    )
    assert fourth.source_key == "winback:1:4" and fourth.due == date(2027, 3, 3)
    assert "LAST try (4 of 4)" in fourth.reason
    assert of(plan_customer(replace(lost, winback_tries=4), context()), "winback") == []


def test_a_pending_win_back_keeps_its_date_and_is_cancelled_when_the_customer_returns() -> None:
    pending = (PendingInput("winback:1:1", date(2027, 2, 1), "winback"),)
    lost = customer(status="lost", pending=pending)
    assert one(plan_customer(lost, context()), "winback").due == date(2027, 2, 1)
    back = plan_customer(customer(pending=pending), context())
    assert back.dropped == {"winback:1:1": "the customer is back, moved away, or had every try"}


# -- campaigns --------------------------------------------------------------------------
def test_campaign_invitation_as_the_campaign_sets_and_its_audience() -> None:
    camp = CampaignInput(3, "新款汉EV品鉴会", date(2027, 3, 20), invite_days_before=10,
                         audience={"makes": ["BYD"]})  # fmt: skip
    byd = customer(vehicles=(car(make="BYD"),))
    inv = one(plan_customer(byd, context(campaigns=(camp,))), "campaign")
    assert (inv.source_key, inv.due, inv.campaign_id) == ("camp:3:1", date(2027, 3, 10), 3)
    vw = customer(vehicles=(car(make="SAIC Volkswagen"),))
    assert of(plan_customer(vw, context(campaigns=(camp,))), "campaign") == []
    odd = replace(camp, audience={"favourite_colour": ["red"]})  # unknown filter: nobody
    assert of(plan_customer(byd, context(campaigns=(odd,))), "campaign") == []


# -- consent and status ----------------------------------------------------------------------
def test_an_opted_out_customer_gets_no_marketing_but_keeps_service_reminders() -> None:
    c = customer(birthday=date(1980, 3, 10), vehicles=(car(insurance_end=date(2027, 4, 2)),),
                 opted_out=frozenset({("phone", "marketing"), ("sms", "marketing")}))  # fmt: skip
    p = plan_customer(c, context())
    assert of(p, "birthday") == [] and of(p, "touch") == [] and of(p, "holiday") == []
    assert one(p, "insurance").channel == "phone"


def test_consent_is_per_channel_the_next_allowed_channel_is_used() -> None:
    c = customer(birthday=date(1980, 3, 10), opted_out=frozenset({("phone", "marketing")}))
    b = one(plan_customer(c, context()), "birthday")
    assert b.channel == "sms" and b.reason.endswith("(by SMS)")
    pending = (PendingInput("bday:1:2027", date(2027, 3, 9), "birthday"),)
    none_left = replace(
        c, opted_out=frozenset({("phone", "marketing"), ("sms", "marketing")}), pending=pending
    )
    assert (
        "no channel allowed for marketing"
        in plan_customer(none_left, context()).dropped["bday:1:2027"]
    )


def test_lost_and_moved_customers_get_no_marketing_deceased_get_nothing() -> None:
    kw = {"birthday": date(1980, 3, 10), "vehicles": (car(insurance_end=date(2027, 4, 2)),)}
    lost = plan_customer(customer(status="lost", **kw), context())
    assert {w.kind for w in lost.wanted} == {"insurance", "winback"}
    moved = plan_customer(customer(status="moved", **kw), context())
    assert {w.kind for w in moved.wanted} == {"insurance"}
    pending = (PendingInput("ins:7:2027", date(2027, 3, 3), "insurance", True),)
    dead = plan_customer(customer(status="deceased", pending=pending, **kw), context())
    assert dead.wanted == () and dead.dropped == {"ins:7:2027": "customer deceased"}


# -- the fatigue cap ----------------------------------------------------------------------------
def test_fatigue_cap_two_non_essential_contacts_in_30_days() -> None:
    c = customer(last_contact=date(2027, 3, 1), birthday=date(1980, 3, 15),
                 vehicles=(car(purchase_date=date(2027, 3, 1), insurance_end=date(2027, 4, 2)),))  # fmt: skip
    p = plan_customer(c, context(config=CadenceConfig()))
    kinds = sorted(w.kind for w in p.wanted)
    # thanks and check-in take the two places; birthday and stay-in-touch wait;
    # the insurance and first-service calls are essential and do not count.
    assert kinds == ["checkin", "first_service", "insurance", "thanks"]
    assert p.held_back == 2
    free = plan_customer(c, context(config=CadenceConfig(fatigue_cap=None)))
    assert {"birthday", "touch"} <= {w.kind for w in free.wanted}


def test_fatigue_cap_counts_recent_contacts_and_keeps_only_a_date_a_person_set() -> None:
    c = customer(birthday=date(1980, 3, 15), recent_contacts=(date(2027, 2, 20), date(2027, 2, 25)))
    assert of(plan_customer(c, context(config=CadenceConfig())), "birthday") == []
    # Planned before those two contacts were made: the same facts give the same plan, so
    # it is withdrawn, and the cancel note says why.
    planned = replace(c, pending=(PendingInput("bday:1:2027", date(2027, 3, 14), "birthday"),))
    p = plan_customer(planned, context(config=CadenceConfig()))
    assert of(p, "birthday") == [] and "at most 2" in p.dropped["bday:1:2027"]
    assert [(h.source_key, h.reason.code) for h in p.held] == [
        ("bday:1:2027", "followups.held_back")
    ]
    # A date a person chose is never withdrawn.
    touched = replace(c, pending=(PendingInput("bday:1:2027", date(2027, 3, 14), "birthday",
                                               touched=True),))  # fmt: skip
    assert len(of(plan_customer(touched, context(config=CadenceConfig())), "birthday")) == 1
    roomy = CadenceConfig(fatigue_cap=3)
    assert len(of(plan_customer(c, context(config=roomy)), "birthday")) == 1


# -- idempotency and stability ----------------------------------------------------------------
def test_planning_is_deterministic_and_idempotent() -> None:
    c = customer(birthday=date(1980, 3, 10), vehicles=(car(purchase_date=date(2027, 3, 1)),))
    ctx = context()
    first = plan_customer(c, ctx)
    assert plan_customer(c, ctx) == first
    pending = tuple(PendingInput(w.source_key, w.due, w.kind, w.essential) for w in first.wanted)
    again = plan_customer(replace(c, pending=pending), ctx)
    assert [(w.source_key, w.due) for w in again.wanted] == [
        (w.source_key, w.due) for w in first.wanted
    ]
    assert again.dropped == {}
    done = plan_customer(replace(c, closed_keys=frozenset({"sale:7:thanks"})), ctx)
    assert "sale:7:thanks" not in {w.source_key for w in done.wanted}


def test_a_moved_trigger_moves_the_task_unless_a_person_set_its_date() -> None:
    pending = PendingInput("sale:7:thanks", date(2027, 3, 3), "thanks")
    c = customer(vehicles=(car(purchase_date=date(2027, 3, 2)),), pending=(pending,))
    assert one(plan_customer(c, context()), "thanks").due == date(2027, 3, 4)
    snoozed = replace(c, pending=(pending._replace(due=date(2027, 3, 9), touched=True),))
    assert one(plan_customer(snoozed, context()), "thanks").due == date(2027, 3, 9)


def test_stale_or_vanished_pending_tasks_are_dropped_with_a_reason() -> None:
    stale = PendingInput("bday:1:2027", date(2027, 2, 24), "birthday")
    p = plan_customer(customer(birthday=date(1980, 2, 25), pending=(stale,)), context())
    assert p.dropped == {"bday:1:2027": "the day has passed (or the date was changed)"}
    beyond = PendingInput("hol:1:2027:national", date(2027, 9, 30), "holiday")
    assert plan_customer(customer(pending=(beyond,)), context()).dropped == {}  # not looked at
    gone = PendingInput("cmp:31", date(2027, 3, 4), "complaint", True)
    p = plan_customer(customer(pending=(gone,)), context())
    assert p.dropped == {"cmp:31": "the complaint is resolved or closed"}
    manual = PendingInput("callback:9", date(2027, 3, 4), "callback")
    assert plan_customer(customer(pending=(manual,)), context()).dropped == {}


def test_stored_rules_override_the_defaults_and_a_switched_off_rule_cancels() -> None:
    stored = [StoredRule("thanks", "Thank-you call", 3, None, "service", False, True),
              StoredRule("touch", "Stay-in-touch call", 30, 60, "marketing", False, False)]  # fmt: skip
    rules = effective_rules(stored)
    assert rules["thanks"].offset_days == 3 and rules["thanks"].label == "Thank-you call"
    assert rules["insurance"] == RULES["insurance"]
    c = customer(vehicles=(car(purchase_date=date(2027, 3, 1)),),
                 pending=(PendingInput("touch:1", date(2027, 4, 2), "touch"),))  # fmt: skip
    p = plan_customer(c, context(rules=rules))
    assert one(p, "thanks").due == date(2027, 3, 4)
    assert "switched off" in p.dropped["touch:1"]


def test_plan_keeps_customer_order_and_every_kind_has_human_words() -> None:
    plans = plan([customer(id=3), customer(id=1), customer(id=2)], context())
    assert [p.customer_id for p in plans] == [3, 1, 2]
    assert KIND_LABELS["touch"] == "Stay-in-touch call"
    assert kind_label("thanks") == "Thank-you message"
    assert kind_label("callback") == "Call back"
    assert all(" " in r.label and r.label[0].isupper() for r in DEFAULT_RULES)
    assert all(len(r.key) <= 20 for r in DEFAULT_RULES)


def test_a_put_off_stay_in_touch_call_still_follows_a_later_contact() -> None:
    put_off = PendingInput(
        "touch:1", date(2027, 3, 20), "touch", touched=True, touched_on=date(2027, 3, 1)
    )
    before = customer(last_contact=date(2027, 2, 25), pending=(put_off,))
    assert one(plan_customer(before, context()), "touch").due == date(2027, 3, 20)
    after = customer(last_contact=date(2027, 3, 2), pending=(put_off,))
    assert one(plan_customer(after, context()), "touch").due == date(2027, 4, 1)
