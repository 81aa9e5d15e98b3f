"""The practices' rules without a database or Qt: complaint targets on working days, the
loyalty index, NPS, campaign exclusions with reasons, the win-back limit and wording."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dealerdesk.i18n import render
from dealerdesk.retention import campaign_audience as ca
from dealerdesk.retention.cadence.dates import WorkCalendar
from dealerdesk.retention.complaint_clock import Targets, clock, deadline
from dealerdesk.retention.loyalty import TrendPoint, loyalty_index, nps, trend_words
from dealerdesk.retention.winback import breakdown, try_state
from dealerdesk.vocab.campaigns import Exclusion
from dealerdesk.vocab.winback import LostReason

CN = WorkCalendar("CN")


# -- complaint targets -----------------------------------------------------------------
def test_first_response_target_skips_the_weekend() -> None:
    # Friday 13 Nov 2026, late afternoon: one working day is Monday 16th, end of day.
    assert deadline(datetime(2026, 11, 13, 17, 0), 1, CN) == datetime(2026, 11, 16, 23, 59, 59)
    # Opened on the Saturday: still Monday.
    assert deadline(datetime(2026, 11, 14, 10, 0), 1, CN) == datetime(2026, 11, 16, 23, 59, 59)
    # Opened on a Tuesday: Wednesday.
    assert deadline(datetime(2026, 11, 10, 9, 0), 1, CN) == datetime(2026, 11, 11, 23, 59, 59)


def test_first_response_target_skips_the_national_day_week() -> None:
    # Wed 30 Sep 2026: 1–7 October are off (holiday and substitute days), Thu 8th is due.
    assert deadline(datetime(2026, 9, 30, 15, 0), 1, CN).date() == date(2026, 10, 8)
    # Seven working days from 30 Sep: 8, 9, 10 (a make-up Saturday), 12, 13, 14, 15 Oct.
    assert deadline(datetime(2026, 9, 30, 15, 0), 7, CN).date() == date(2026, 10, 15)


def test_a_make_up_working_sunday_counts() -> None:
    # Sunday 20 Sep 2026 is a working day (调休 for the National Day week).
    assert deadline(datetime(2026, 9, 19, 11, 0), 1, CN).date() == date(2026, 9, 20)


def test_clock_marks_overdue_only_while_waiting() -> None:
    opened = datetime(2026, 11, 13, 17, 0)  # Friday
    on_time = clock(opened_at=opened, first_response_at=None, resolved_at=None,
                    now=datetime(2026, 11, 16, 23, 0), calendar=CN)  # fmt: skip
    assert not on_time.overdue and on_time.why() is None
    late = clock(opened_at=opened, first_response_at=None, resolved_at=None,
                 now=datetime(2026, 11, 17, 0, 1), calendar=CN)  # fmt: skip
    assert late.overdue and late.response_late
    assert render(late.why()) == "First response overdue (due 16 Nov 2026)"
    answered = clock(opened_at=opened, first_response_at=datetime(2026, 11, 17, 9, 0),
                     resolved_at=None, now=datetime(2026, 11, 18, 9, 0), calendar=CN)  # fmt: skip
    assert answered.response_late and not answered.overdue  # late once, not waiting now
    assert answered.response_hours == pytest.approx(88.0)
    # Resolution: 7 working days → Tue 24 Nov; the 25th it is overdue again.
    stuck = clock(opened_at=opened, first_response_at=datetime(2026, 11, 14, 9, 0),
                  resolved_at=None, now=datetime(2026, 11, 25, 8, 0), calendar=CN)  # fmt: skip
    assert stuck.resolve_due.date() == date(2026, 11, 24)
    assert stuck.overdue and render(stuck.why()) == "Resolution overdue (due 24 Nov 2026)"
    quick = clock(opened_at=opened, first_response_at=None, resolved_at=datetime(2026, 11, 14),
                  now=datetime(2026, 12, 30), calendar=CN, targets=Targets(1, 7))  # fmt: skip
    assert not quick.overdue and not quick.response_late and quick.age_days == 1


def test_targets_are_bounded() -> None:
    with pytest.raises(ValueError):
        Targets(-1, 7)


# -- loyalty and NPS -------------------------------------------------------------------
def test_loyalty_index_formula_and_its_ends() -> None:
    top = loyalty_index(satisfaction=5, initiative=5, repurchase=5, recommend=10, resistance=5)
    low = loyalty_index(satisfaction=1, initiative=1, repurchase=1, recommend=0, resistance=1)
    mid = loyalty_index(satisfaction=3, initiative=3, repurchase=3, recommend=5, resistance=3)
    assert (top, low, mid) == (100, 0, 50)
    # (4-1)/4=.75, (2-1)/4=.25, (5-1)/4=1, 9/10=.9, (3-1)/4=.5 → mean .68 → 68
    assert loyalty_index(satisfaction=4, initiative=2, repurchase=5, recommend=9,
                         resistance=3) == 68  # fmt: skip


def test_loyalty_index_needs_three_answers_and_valid_ranges() -> None:
    assert loyalty_index(satisfaction=5, initiative=None, repurchase=None, recommend=10,
                         resistance=None) is None  # fmt: skip
    # three answers: (.75 + 1 + .8) / 3 = .85
    assert loyalty_index(satisfaction=4, initiative=None, repurchase=5, recommend=8,
                         resistance=None) == 85  # fmt: skip
    # an old 1–5 recommendation stands in for a missing 0–10 one
    assert loyalty_index(satisfaction=5, initiative=5, repurchase=None, recommend=None,
                         resistance=None, recommend_1_5=1) == 67  # fmt: skip
    with pytest.raises(ValueError):
        loyalty_index(satisfaction=6, initiative=3, repurchase=3, recommend=3, resistance=3)
    with pytest.raises(ValueError):
        loyalty_index(satisfaction=3, initiative=3, repurchase=3, recommend=11, resistance=3)


def test_nps_is_promoters_minus_detractors() -> None:
    result = nps([10, 9, 9, 8, 7, 6, 0, 10])  # 4 promoters, 2 passives, 2 detractors
    assert (result.promoters, result.passives, result.detractors) == (4, 2, 2)
    assert result.score == pytest.approx(25.0)
    assert nps([6, 6]).score == -100.0
    assert nps([]).score is None


def test_loyalty_trend_in_words() -> None:
    pts = [TrendPoint(date(2026, 1, 5), 55, 7), TrendPoint(date(2026, 6, 1), None, None),
           TrendPoint(date(2026, 11, 2), 80, 9)]  # fmt: skip
    assert render(trend_words(pts)) == "Loyalty 80, up from 55 (2 surveys since 5 Jan 2026)"
    assert render(trend_words(pts[:1]), "zh_CN") == "忠诚度 55（2026年1月5日）"
    assert trend_words([]) is None


# -- win-back --------------------------------------------------------------------------
def test_winback_limit_and_last_try_wording() -> None:
    assert render(try_state(0).words()) == "Try 1 of 4"
    assert render(try_state(2).words()) == "Try 3 of 4"
    last = try_state(3)
    assert last.is_last and last.next_try == 4
    assert render(last.words()) == "LAST try (4 of 4): tell them this is our last call"
    assert "最后一次" in render(last.words(), "zh_CN")
    done = try_state(4)
    assert done.exhausted and done.next_try is None and not done.is_last
    assert render(done.words()) == "No tries left (4 made)"
    assert render(try_state(1, 2).words()).startswith("LAST try (2 of 2)")
    with pytest.raises(ValueError):
        try_state(-1)


def test_why_customers_leave_breakdown() -> None:
    rows = breakdown(["price", "distance", "price", None, "no_such_code", "distance", "price"])
    assert [(r.reason, r.count) for r in rows] == [
        (LostReason.PRICE, 3), (LostReason.DISTANCE, 2), (LostReason.OTHER, 1), (None, 1),
    ]  # fmt: skip
    assert rows[0].share == pytest.approx(3 / 7)


# -- campaign audience -----------------------------------------------------------------
def _c(cid: int, **kw: object) -> ca.AudienceFacts:
    base: dict[str, object] = {
        "name": f"C{cid}", "tier": "gold", "segment": "loyal", "lifecycle": "active",
        "city": "广州", "reachable": frozenset({"phone", "sms"}),
        "vehicles": (ca.VehicleFacts("BYD", "Han", "粤A12345", 4.5),),
        "last_service": date(2026, 1, 10),
    }  # fmt: skip
    base.update(kw)
    return ca.AudienceFacts(cid, **base)  # type: ignore[arg-type]


def test_criteria_match_each_field() -> None:
    c = _c(1)
    assert ca.matches(c, ca.Criteria())
    assert ca.matches(c, ca.Criteria(tiers=("gold",), makes=("byd",), models=("han",)))
    assert not ca.matches(c, ca.Criteria(tiers=("vip",)))
    assert not ca.matches(c, ca.Criteria(lifecycles=("lapsed",)))
    assert ca.matches(c, ca.Criteria(min_vehicle_age=4, max_vehicle_age=6))
    assert not ca.matches(c, ca.Criteria(min_vehicle_age=5))
    assert ca.matches(c, ca.Criteria(last_service_before=date(2026, 1, 11)))
    assert not ca.matches(c, ca.Criteria(last_service_before=date(2026, 1, 10)))
    assert not ca.matches(
        _c(2, last_service=None), ca.Criteria(last_service_before=date(2027, 1, 1))
    )
    assert not ca.matches(c, ca.Criteria(cities=("深圳",)))
    # make and model must be the same vehicle
    two = _c(
        3, vehicles=(ca.VehicleFacts("BYD", "Tang", "", 1.0), ca.VehicleFacts("VW", "Han", "", 1.0))
    )
    assert not ca.matches(two, ca.Criteria(makes=("BYD",), models=("Han",)))
    k = ca.Criteria(tiers=("gold",), min_vehicle_age=4.0, last_service_before=date(2026, 3, 1))
    assert ca.Criteria.from_json(k.to_json()) == k


def test_exclusions_with_reasons_in_order() -> None:
    people = [
        _c(1),  # invited
        _c(2, status="lost"),
        _c(3, reachable=frozenset()),
        _c(4, opted_out=frozenset({("phone", "marketing"), ("sms", "marketing")})),
        _c(5, opted_out=frozenset({("phone", "marketing")})),  # SMS still allowed: invited
        _c(6, recent_contacts=1, planned=1),  # 2 already: a third breaks the cap of 2
        _c(7, recent_contacts=1),  # one more fits
        _c(8, tier="standard"),  # not in the audience at all
        _c(9, status="lost", recent_contacts=5),  # the first reason wins
    ]
    result = ca.preview(people, ca.Criteria(tiers=("gold",)), cap=2, days=30)
    assert result.matched == 8
    assert [c.id for c in result.invited] == [1, 5, 7]
    reasons = {c.id: (kind, render(msg)) for c, kind, msg in result.excluded}
    assert reasons == {
        2: (Exclusion.DO_NOT_CONTACT, "Do not contact: customer lost"),
        3: (Exclusion.DO_NOT_CONTACT, "Do not contact: no phone, WeChat or e-mail"),
        4: (Exclusion.NO_CONSENT, "No consent for marketing on any channel"),
        6: (Exclusion.FATIGUE, "Fatigue cap: 2 contacts in 30 days already (at most 2)"),
        9: (Exclusion.DO_NOT_CONTACT, "Do not contact: customer lost"),
    }
    assert result.by_reason == {Exclusion.DO_NOT_CONTACT: 3, Exclusion.NO_CONSENT: 1,
                                Exclusion.FATIGUE: 1}  # fmt: skip
    # no cap: nobody is left out for fatigue
    assert 6 in [c.id for c in ca.preview(people, ca.Criteria(), cap=None, days=30).invited]


def test_message_template_fields_in_both_languages() -> None:
    c = _c(1, name="张伟")
    text = "{name}您好，{model}（{plate}）车主专享活动，{date}欢迎到店。"
    ca.check_template(text)
    assert ca.message(text, c, day=date(2026, 12, 5), language="zh_CN") == (
        "张伟您好，BYD Han（粤A12345）车主专享活动，2026年12月5日欢迎到店。"
    )
    assert ca.message("Dear {name}, see you on {date}.", c, day=date(2026, 12, 5),
                      language="en") == "Dear 张伟, see you on 5 Dec 2026."  # fmt: skip
    with pytest.raises(ValueError, match="price"):
        ca.check_template("{name} {price}")
    with pytest.raises(ValueError):
        ca.check_template("{name")
    assert ca.response_rate(0, 0) is None and ca.response_rate(8, 2) == 0.25
    assert ca.split_list("BYD, 丰田，Toyota;") == ("BYD", "丰田", "Toyota")
