"""Issue #14 without a database or Qt: the card tier beside the 80/20 suggestion, and the
added-value rules on their boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import render
from dealerdesk.retention import added_value as av
from dealerdesk.retention import membership as m
from dealerdesk.retention.added_value import VehicleHistory
from dealerdesk.retention.segments import tier_cut
from dealerdesk.vocab.accounts import AddedValueKind
from dealerdesk.vocab.retention import ValueTier

TODAY = date(2026, 11, 13)
VIP, GOLD, STD = ValueTier.VIP, ValueTier.GOLD, ValueTier.STANDARD


# -- the tier suggestion and the override ---------------------------------------------------
def test_the_suggestion_follows_the_80_20_cut_at_its_boundary() -> None:
    # 100 customers: one spends 600, nine 30 each, ninety 10 each (total 1,770).
    spend = [600.0] + [30.0] * 9 + [10.0] * 90
    cut = tier_cut(spend)
    assert cut.vip_min == 600.0  # 600 alone is 34% < 50%, but the VIP cap is 5 people…
    assert m.suggest_tier(cut.vip_min, cut) is VIP
    assert m.suggest_tier(cut.vip_min - 0.01, cut) is not VIP
    assert m.suggest_tier(cut.gold_min, cut) is GOLD
    assert m.suggest_tier(cut.gold_min - 0.01, cut) is STD
    assert m.suggest_tier(0.0, cut) is STD


def test_a_new_card_takes_the_suggestion_unless_a_person_picks_a_tier() -> None:
    assert m.issue(GOLD) == m.CardTier(GOLD, GOLD, False)
    assert m.issue(None) == m.CardTier(STD, None, False)  # not scored yet
    picked = m.issue(GOLD, VIP)
    assert picked == m.CardTier(VIP, GOLD, True) and picked.differs
    assert m.issue(GOLD, GOLD).overridden is False  # picking the suggestion is no override


def test_the_suggestion_never_undoes_an_override() -> None:
    card = m.set_by_hand(m.issue(STD), VIP)  # the owner's friend: VIP by decision
    assert (card.tier, card.overridden) == (VIP, True)
    for suggested in (STD, GOLD, VIP, None, STD):
        card = m.rescored(card, suggested)
        assert card.tier is VIP and card.overridden  # scores move, the card does not
    assert card.differs
    accepted = m.accept_suggestion(card)
    assert accepted == m.CardTier(STD, STD, False) and not accepted.differs


def test_setting_the_suggested_tier_by_hand_ends_the_override() -> None:
    card = m.set_by_hand(m.issue(GOLD), VIP)
    assert card.overridden
    assert m.set_by_hand(card, GOLD) == m.CardTier(GOLD, GOLD, False)
    assert m.accept_suggestion(m.CardTier(VIP, None, True)) == m.CardTier(VIP, None, True)


def test_card_numbers_and_tier_names_are_checked() -> None:
    assert m.card_number(TODAY, 42) == "2026000042"
    assert m.check_card_number(" vip-0001 ") == "VIP-0001"
    for bad in ("", "AB1", "A" * 25, "-ABCD", "VIP 01", "卡号1234"):
        with pytest.raises(ValidationError) as err:
            m.check_card_number(bad)
        assert err.value.field == "card_number"
    assert m.check_tier_names({"VIP": " 钻石卡 ", "Gold": "", "Standard": "银卡"}) == {
        "VIP": "钻石卡", "Standard": "银卡"}  # fmt: skip
    with pytest.raises(ValidationError, match="same name"):
        m.check_tier_names({"VIP": "金卡", "Gold": "金卡"})
    with pytest.raises(ValidationError) as err:
        m.check_tier_names({"Gold": "x" * 21})
    assert err.value.field == "tier_Gold"
    with pytest.raises(ValidationError):
        m.check_tier_names({"Platinum": "白金"})


# -- added value ----------------------------------------------------------------------------
def car(**kw: object) -> VehicleHistory:
    return VehicleHistory(7, "粤B12345", **kw)  # type: ignore[arg-type]


def kinds(v: VehicleHistory, today: date = TODAY) -> set[AddedValueKind]:
    return {s.kind for s in av.suggestions([v], today)}


def test_tyres_at_exactly_40000_km_since_the_last_tyre_job() -> None:
    reading = TODAY - timedelta(days=10)

    # a reading today-10 and one a year earlier: the car's own rate (10 km a day)
    def at(km_now: int, tyres_at: int | None) -> VehicleHistory:
        return car(readings=((reading - timedelta(days=365), km_now - 3750), (reading, km_now - 100)),
                   tyre_jobs=(() if tyres_at is None else ((date(2024, 1, 5), tyres_at),)))  # fmt: skip

    assert av.estimated_km(at(50_000, None), TODAY) == 50_000
    assert AddedValueKind.TYRES in kinds(at(40_000, None))  # never had tyres: from 0
    assert AddedValueKind.TYRES not in kinds(at(39_999, None))
    assert AddedValueKind.TYRES in kinds(at(70_000, 30_000))
    assert AddedValueKind.TYRES not in kinds(at(69_999, 30_000))
    # the offer stands for the next 5,000 km, then again at each further 40,000
    assert AddedValueKind.TYRES in kinds(at(44_999, None))
    assert AddedValueKind.TYRES not in kinds(at(45_000, None))
    assert AddedValueKind.TYRES in kinds(at(80_000, None))
    assert (
        next(s for s in av.suggestions([at(81_000, None)], TODAY)).source_key == "av:tyres:7:80000"
    )
    s = next(s for s in av.suggestions([at(70_000, 30_000)], TODAY) if s.kind == "tyres")
    assert s.source_key == "av:tyres:7:70000"  # a later tyre job makes a new key
    assert "40000" in render(s.reason) and "70000" in render(s.reason)


def test_the_estimated_mileage_uses_the_purchase_date_or_a_default_rate() -> None:
    one = car(
        purchase_date=TODAY - timedelta(days=400), readings=((TODAY - timedelta(days=200), 10_000),)
    )
    assert av.estimated_km(one, TODAY) == 20_000  # 50 km a day since it was new
    lone = car(readings=((TODAY - timedelta(days=365), 1000),))
    assert av.estimated_km(lone, TODAY) == 1000 + av.DEFAULT_KM_PER_YEAR
    assert av.estimated_km(car(), TODAY) is None
    untyped = car(readings=((TODAY - timedelta(days=1000), 0), (TODAY, 100_000)),
                  tyre_jobs=((TODAY - timedelta(days=420), None),))  # fmt: skip
    # the job's mileage comes from the readings (58,000 then), so 42,000 since: due; had it
    # counted from 0, 100,000 would be long past its 80,000 window
    assert AddedValueKind.TYRES in kinds(untyped)
    assert AddedValueKind.TYRES not in kinds(car(readings=untyped.readings))


def test_a_declined_tyre_recommendation_is_not_a_tyre_job() -> None:
    assert av.is_tyre_job("更换轮胎", "")
    assert av.is_tyre_job("", "Fitted 4 winter TYRES")
    assert not av.is_tyre_job("更换轮胎", declined="更换轮胎")
    assert not av.is_tyre_job("更换刹车片")


def test_extended_warranty_within_90_days_of_its_end() -> None:
    for days, fits in ((0, True), (90, True), (91, False), (-1, False)):
        v = car(warranty_end=TODAY + timedelta(days=days))
        assert (AddedValueKind.EXTENDED_WARRANTY in kinds(v)) is fits, days


def test_insurance_renewal_within_45_days_of_the_policy_end() -> None:
    for days, fits in ((0, True), (45, True), (46, False), (-1, False)):
        v = car(insurance_end=TODAY + timedelta(days=days))
        assert (AddedValueKind.INSURANCE_RENEWAL in kinds(v)) is fits, days


def test_accessories_within_60_days_of_a_new_car_unless_bought_already() -> None:
    for days, fits in ((0, True), (60, True), (61, False)):
        v = car(purchase_date=TODAY - timedelta(days=days))
        assert (AddedValueKind.ACCESSORIES in kinds(v)) is fits, days
    bought = car(purchase_date=TODAY - timedelta(days=20),
                 accessory_dates=(TODAY - timedelta(days=5),))  # fmt: skip
    assert AddedValueKind.ACCESSORIES not in kinds(bought)


def test_a_new_model_for_cars_4_to_6_years_old() -> None:
    def bought(years: int, days: int = 0) -> VehicleHistory:
        return car(
            purchase_date=date(TODAY.year - years, TODAY.month, TODAY.day) + timedelta(days=days)
        )

    assert AddedValueKind.NEW_MODEL not in kinds(bought(3))
    assert AddedValueKind.NEW_MODEL not in kinds(bought(4, days=1))  # 3 years 364 days
    assert AddedValueKind.NEW_MODEL in kinds(bought(4))
    assert AddedValueKind.NEW_MODEL in kinds(bought(6))
    assert AddedValueKind.NEW_MODEL in kinds(bought(7, days=1))  # still 6
    assert AddedValueKind.NEW_MODEL not in kinds(bought(7))
    # no purchase date: the model year's 1 January
    assert AddedValueKind.NEW_MODEL in kinds(car(model_year=TODAY.year - 5))
    assert AddedValueKind.NEW_MODEL not in kinds(car(model_year=TODAY.year - 7))


def test_every_suggestion_has_a_reason_in_both_languages_and_a_kind_in_its_key() -> None:
    v = car(purchase_date=TODAY - timedelta(days=5), warranty_end=TODAY + timedelta(days=3),
            insurance_end=TODAY + timedelta(days=3), readings=((TODAY, 80_000),))  # fmt: skip
    found = av.suggestions([v, car(model_year=2021)], TODAY)
    assert {s.kind for s in found} == set(AddedValueKind)
    for s in found:
        assert av.kind_of(s.source_key) is s.kind
        assert render(s.reason, "en") and render(s.reason, "zh_CN") != render(s.reason, "en")
    assert av.kind_of("manual:1:2") is None and av.kind_of("av:nothing:1") is None
