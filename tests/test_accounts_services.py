"""Issue #14 on a real database (SQLite, or PostgreSQL with DEALERDESK_TEST_DB): cards
beside the suggestion, key accounts with their people, added-value follow-ups counted."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.services import added_value, customers, followups, key_accounts, membership, scoring
from dealerdesk.store.models import (
    AuditLog,
    ContactLog,
    Customer,
    Followup,
    MembershipCard,
    Staff,
    Vehicle,
    Visit,
)
from dealerdesk.vocab.accounts import AddedValueKind, ContactRole, PurchaseStage

NOW = datetime(2026, 11, 13, 10, 0)
TODAY = NOW.date()


def person(name: str, kind: str = "person") -> int:
    return customers.create_customer({"name": name, "kind": kind}, today=TODAY).new_id  # type: ignore[return-value]


def spenders() -> dict[str, int]:
    """A whale, three regulars and sixteen small spenders, scored."""
    ids = {}
    for i, (name, amount) in enumerate([("王总", 90_000)] + [(f"常客{i}", 8_000) for i in range(3)]
                                       + [(f"散客{i}", 500) for i in range(16)]):  # fmt: skip
        cid = person(name)
        Visit.create(
            customer=cid, date=TODAY - timedelta(days=30 + i), kind="service", amount=amount
        )
        ids[name] = cid
    scoring.refresh_scores(today=TODAY)
    return ids


def test_a_card_takes_the_suggestion_and_an_override_survives_rescoring(db_path: Path) -> None:
    ids = spenders()
    whale, small = ids["王总"], ids["散客3"]
    membership.issue_card(whale, today=TODAY)
    card = membership.card_of(whale)
    assert card is not None
    assert (card.tier, card.suggested, card.overridden) == ("VIP", "VIP", False)
    assert card.card_number == "2026000001" and card.issued_on == TODAY
    # the owner's friend: VIP by decision
    membership.issue_card(small, today=TODAY, tier="VIP", benefits="免费洗车 12次/年")
    card = membership.card_of(small)
    assert card is not None and (card.tier, card.suggested, card.overridden) == (
        "VIP",
        "Standard",
        True,
    )
    assert card.card_number == "2026000002"
    # spend changes and scores are rebuilt: the suggestion moves, the cards do not
    Visit.create(customer=small, date=TODAY - timedelta(days=2), kind="repair", amount=20_000)
    scoring.refresh_scores(today=TODAY)
    scoring.refresh_scores(today=TODAY + timedelta(days=1))
    card = membership.card_of(small)
    assert card is not None and (card.tier, card.overridden) == ("VIP", True)
    assert card.suggested != "Standard"  # the suggestion did move
    assert [c.customer_id for c in membership.cards(differing_only=True)] == (
        [small] if card.differs else [])  # fmt: skip


def test_the_review_list_and_its_one_click_accept(db_path: Path) -> None:
    ids = spenders()
    regular = ids["常客1"]
    membership.issue_card(regular, today=TODAY, tier="Standard", card_number="gold-0001")
    membership.issue_card(ids["散客1"], today=TODAY)
    review = membership.cards(differing_only=True)
    assert [(c.customer_id, c.tier, c.suggested, c.overridden) for c in review] == [
        (regular, "Standard", "Gold", True)]  # fmt: skip
    assert review[0].card_number == "GOLD-0001"
    done = membership.accept_suggestions([regular, ids["散客1"]])
    assert done.customer_ids == {regular}
    assert membership.cards(differing_only=True) == []
    card = membership.card_of(regular)
    assert card is not None and (card.tier, card.overridden) == ("Gold", False)
    assert AuditLog.select().where(AuditLog.entity == "card").count() == 3


def test_card_numbers_are_unique_and_bad_input_writes_nothing(db_path: Path) -> None:
    a, b = person("甲"), person("乙")
    membership.issue_card(a, today=TODAY, card_number="VIP-0001")
    for kwargs, field in (({"card_number": "vip-0001"}, "card_number"),
                          ({"tier": "Platinum"}, "tier"),
                          ({"issued_on": TODAY + timedelta(days=1)}, "issued_on"),
                          ({"benefits": "x" * 501}, "benefits")):  # fmt: skip
        with pytest.raises(ValidationError) as err:
            membership.issue_card(b, today=TODAY, **kwargs)  # type: ignore[arg-type]
        assert err.value.field == field
    assert MembershipCard.select().count() == 1
    with pytest.raises(ValidationError) as err:
        membership.issue_card(a, today=TODAY)
    assert err.value.field == "customer_id"
    with pytest.raises(NotFoundError):
        membership.issue_card(9999, today=TODAY)
    membership.update_card(a, today=TODAY, tier="Gold", benefits="生日礼物")
    card = membership.card_of(a)
    assert card is not None and (card.tier, card.benefits, card.overridden) == (
        "Gold",
        "生日礼物",
        True,
    )
    assert card.suggested == "Standard"  # scored on creation: Gold is a choice


def test_the_dealerships_own_tier_names(db_path: Path) -> None:
    cid = person("甲")
    membership.issue_card(cid, today=TODAY, tier="VIP")
    assert membership.tier_names()["VIP"] == "VIP"
    membership.set_tier_names({"VIP": "钻石卡", "Gold": "金卡", "Standard": ""})
    assert membership.tier_names() == {"VIP": "钻石卡", "Gold": "金卡", "Standard": "Standard"}
    card = membership.card_of(cid)
    assert card is not None and card.tier_name == "钻石卡" and card.tier == "VIP"
    with pytest.raises(ValidationError):
        membership.set_tier_names({"VIP": "金卡", "Gold": "金卡"})
    assert membership.custom_tier_names() == {"VIP": "钻石卡", "Gold": "金卡"}


# -- key accounts --------------------------------------------------------------------------
def test_contact_people_are_validated_and_only_for_companies(db_path: Path) -> None:
    firm, someone = person("深圳顺达物流有限公司", "company"), person("张伟")
    good = {"name": "刘总", "role": "decision_maker", "phone": "139 1234 5678"}
    with pytest.raises(ValidationError) as err:
        key_accounts.add_person(someone, good)
    assert err.value.field == "customer_id"
    for bad, field in (({**good, "name": "  "}, "name"), ({**good, "role": "boss"}, "role"),
                       ({**good, "role": ""}, "role"), ({**good, "phone": "12"}, "phone"),
                       ({**good, "email": "a@"}, "email"), ({**good, "name": "x" * 81}, "name")):  # fmt: skip
        with pytest.raises(ValidationError) as err:
            key_accounts.add_person(firm, bad)
        assert err.value.field == field, bad
    assert key_accounts.people(firm) == []
    pid = key_accounts.add_person(firm, good).new_id
    assert pid is not None
    (row,) = key_accounts.people(firm)
    assert (row.name, row.role, row.phone) == ("刘总", "decision_maker", "+8613912345678")
    key_accounts.update_person(pid, {**good, "role": "finance", "notes": "管报销"})
    assert key_accounts.people(firm)[0].role == "finance"
    key_accounts.remove_person(pid)
    assert key_accounts.people(firm) == []
    with pytest.raises(NotFoundError):
        key_accounts.remove_person(pid)


def test_a_company_its_people_its_fleet_and_its_next_purchase(db_path: Path) -> None:
    firm = person("深圳顺达物流有限公司", "company")
    pids = {
        r: key_accounts.add_person(firm, {"name": f"{r}-人", "role": r}).new_id for r in ContactRole
    }
    cars = [Vehicle.create(customer=firm, vin=f"LFV2A21K0{n:08d}", plate=f"粤B5000{n}", make="BYD",
                           model="e6", purchase_date=date(2024, 3, n)).id for n in (1, 2, 3)]  # fmt: skip
    key_accounts.set_driver(cars[0], pids[ContactRole.USER])
    other = person("别家公司", "company")
    stranger = key_accounts.add_person(other, {"name": "外人", "role": "user"}).new_id
    with pytest.raises(ValidationError) as err:
        key_accounts.set_driver(cars[1], stranger)
    assert err.value.field == "driver_id"
    ka = key_accounts.key_account(firm)
    assert [p.role for p in ka.people] == list(ContactRole)
    assert [(v.plate, v.driver) for v in ka.fleet] == [("粤B50001", "user-人"), ("粤B50002", ""),
                                                       ("粤B50003", "")]  # fmt: skip
    assert ka.stage.stage == PurchaseStage.NONE
    key_accounts.set_stage(
        firm, stage="quoting", expected_on="2027-03-01", fleet_size=12, today=TODAY
    )
    key_accounts.set_stage(other, stage="ordered", today=TODAY)
    for bad, field in (({"stage": "won"}, "stage"), ({"stage": "quoting", "fleet_size": 0}, "fleet_size"),
                       ({"stage": "quoting", "expected_on": "2027-02-30"}, "expected_on")):  # fmt: skip
        with pytest.raises(ValidationError) as err:
            key_accounts.set_stage(firm, today=TODAY, **bad)  # type: ignore[arg-type]
        assert err.value.field == field
    ka = key_accounts.key_account(firm)
    assert (ka.stage.stage, ka.stage.expected_on, ka.stage.fleet_size) == (
        "quoting",
        date(2027, 3, 1),
        12,
    )
    listed = key_accounts.key_accounts()
    assert [(r.name, r.stage, r.vehicles, r.people) for r in listed] == [
        ("别家公司", "ordered", 0, 1), ("深圳顺达物流有限公司", "quoting", 3, 4)]  # fmt: skip
    assert listed[1].decision_maker == "decision_maker-人"
    assert [r.customer_id for r in key_accounts.key_accounts("quoting")] == [firm]
    # the person leaves: the driver link goes, the vehicle stays
    key_accounts.remove_person(pids[ContactRole.USER])
    assert key_accounts.fleet(firm)[0].driver == ""


def test_follow_ups_and_contacts_addressed_to_a_named_person(db_path: Path) -> None:
    staff = Staff.create(name="李娜", username="lina").id
    firm = person("深圳顺达物流有限公司", "company")
    finance = key_accounts.add_person(firm, {"name": "陈会计", "role": "finance"}).new_id
    other = key_accounts.add_person(
        person("别家", "company"), {"name": "外人", "role": "user"}
    ).new_id
    with pytest.raises(ValidationError) as err:
        followups.schedule_followup(customer_id=firm, due=TODAY, reason="对账", today=TODAY,
                                    contact_person_id=other)  # fmt: skip
    assert err.value.field == "contact_person_id"
    assert Followup.select().where(Followup.rule == "manual").count() == 0  # nothing half-written
    made = followups.schedule_followup(customer_id=firm, due=TODAY, reason="对账", today=TODAY,
                                       assignee_id=staff, contact_person_id=finance)  # fmt: skip
    fid = made.new_id
    (row,) = [r for r in followups.due_followups(today=TODAY) if r.id == fid]
    assert row.contact_person == "陈会计"
    from dealerdesk.services import desk_day

    (task,) = [t for t in desk_day.day_plan(today=TODAY).tasks if getattr(t, "id", None) == fid]
    assert task.contact_person == "陈会计"  # Today's row names the person too
    followups.complete_followup(followup_id=fid, outcome="reached", now=NOW, staff_id=staff)
    logged = ContactLog.get(ContactLog.followup == fid)
    assert logged.contact_person_id == finance
    customers.log_contact(
        firm, now=NOW, channel="wechat", outcome="reached", contact_person_id=finance
    )
    assert ContactLog.select().where(ContactLog.contact_person == finance).count() == 2
    with pytest.raises(ValidationError):
        customers.log_contact(
            firm, now=NOW, channel="phone", outcome="reached", contact_person_id=other
        )
    assert ContactLog.select().count() == 2


# -- added value ---------------------------------------------------------------------------
def test_an_offer_becomes_one_follow_up_and_is_counted_when_taken_up(db_path: Path) -> None:
    cid = person("张伟")
    vid = Vehicle.create(customer=cid, vin="LFV2A21K000000001", plate="粤B12345", make="BYD",
                         model="Han", purchase_date=TODAY - timedelta(days=10),
                         warranty_end=TODAY + timedelta(days=30)).id  # fmt: skip
    offers = added_value.offers_for(cid, today=TODAY)
    assert {o.kind for o in offers} == {
        AddedValueKind.ACCESSORIES,
        AddedValueKind.EXTENDED_WARRANTY,
    }
    assert not any(o.made for o in offers)
    added_value.offers_for(cid, today=TODAY)  # shown again: still counted once
    warranty = next(o for o in offers if o.kind == AddedValueKind.EXTENDED_WARRANTY)
    first = added_value.make_followup(cid, warranty.source_key, today=TODAY).new_id
    again = added_value.make_followup(cid, warranty.source_key, today=TODAY).new_id
    assert first == again and Followup.select().where(Followup.kind == "added_value").count() == 1
    f = Followup.get_by_id(first)
    assert (f.vehicle_id, f.source_key, f.status) == (vid, warranty.source_key, "pending")
    assert f.reason.startswith("A+ offer: 粤B12345: warranty ends")
    followups.generate_followups(today=TODAY, horizon_days=90)  # the planner leaves it alone
    assert Followup.get_by_id(first).status == "pending"
    shown = next(o for o in added_value.offers_for(cid, today=TODAY) if o.kind == warranty.kind)
    assert shown.made and shown.followup_status == "pending"
    with pytest.raises(ValidationError) as err:
        added_value.make_followup(cid, "av:tyres:1:40000", today=TODAY)
    assert err.value.field == "source_key"

    def counts(customer: int | None = None) -> dict[str, tuple[int, int, int]]:
        return {u.kind.value: (u.shown, u.made, u.taken_up) for u in added_value.uptake(customer)}

    assert counts(cid)["extended_warranty"] == (1, 1, 0)
    followups.complete_followup(followup_id=first, outcome="reached", now=NOW)
    assert counts(cid)["extended_warranty"] == (1, 1, 1)
    assert counts(cid)["accessories"] == (1, 0, 0)
    assert counts()["extended_warranty"] == (1, 1, 1) and counts()["tyres"] == (0, 0, 0)


def test_offers_read_the_service_history(db_path: Path) -> None:
    cid = person("张伟")
    bought = TODAY - timedelta(days=5 * 365 + 30)
    vid = Vehicle.create(customer=cid, vin="LFV2A21K000000002", plate="粤B99999", make="BYD",
                         model="Tang", purchase_date=bought).id  # fmt: skip
    Visit.create(customer=cid, vehicle=vid, date=bought + timedelta(days=400), kind="service",
                 mileage_km=15_000, notes="更换轮胎")  # fmt: skip
    Visit.create(customer=cid, vehicle=vid, date=TODAY, kind="service", mileage_km=54_999)
    kinds = {o.kind for o in added_value.offers_for(cid, today=TODAY, record=False)}
    assert kinds == {AddedValueKind.NEW_MODEL}  # 39,999 km since the tyres: not yet
    Visit.create(customer=cid, vehicle=vid, date=TODAY, kind="service", mileage_km=55_000)
    kinds = {o.kind for o in added_value.offers_for(cid, today=TODAY, record=False)}
    assert kinds == {AddedValueKind.NEW_MODEL, AddedValueKind.TYRES}
    assert added_value.uptake(cid)[0].shown == 0  # record=False counts nothing
    assert Customer.get_by_id(cid).name == "张伟"


def test_an_added_value_follow_up_has_a_kind_in_both_languages(db_path: Path) -> None:
    from dealerdesk import i18n
    from dealerdesk.services import desk_day

    assert desk_day.kind_text_of("added_value") == "Added-value offer"
    i18n.set_language("zh_CN")
    try:
        assert desk_day.kind_text_of("added_value") == "增值服务推荐"
        assert membership.tier_names() == {"VIP": "VIP卡", "Gold": "金卡", "Standard": "普通卡"}
    finally:
        i18n.set_language("en")
