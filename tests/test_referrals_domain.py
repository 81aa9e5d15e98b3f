"""Referrals between customers (issue #14) without Qt: every status move allowed or
refused, the automatic bought/serviced from the friend's first visit, the reward only
after it, the new customer "referred by", the top referrers, and migration 12."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dealerdesk.errors import ValidationError
from dealerdesk.services import customers, referral_rules, referrals
from dealerdesk.vocab.referrals import ReferralStatus as S

TODAY = date(2026, 11, 23)

# Every (current, target) pair the rules allow; every other pair is refused.
ALLOWED = {
    (S.REFERRED, S.BOUGHT), (S.REFERRED, S.SERVICED), (S.REFERRED, S.LOST),
    (S.SERVICED, S.BOUGHT), (S.SERVICED, S.REWARDED), (S.SERVICED, S.LOST),
    (S.BOUGHT, S.REWARDED),
    (S.LOST, S.REFERRED),
}  # fmt: skip
PAIRS = [(a, b) for a in S for b in S]


@pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_move_is_allowed_or_refused_by_the_table(current: S, target: S) -> None:
    allowed = (current, target) in ALLOWED
    assert referral_rules.can_move(current, target) is allowed
    if allowed:
        referral_rules.check_move(current, target)
    else:
        with pytest.raises(ValidationError) as err:
            referral_rules.check_move(current, target)
        assert err.value.field == "status"


def test_unknown_status_is_refused() -> None:
    assert not referral_rules.can_move("pending", "bought")
    with pytest.raises(ValidationError):
        referral_rules.check_move("referred", "converted")


@pytest.mark.parametrize(("current", "sale", "service", "expected"), [
    (S.REFERRED, None, None, None),
    (S.REFERRED, None, date(2026, 3, 1), (S.SERVICED, date(2026, 3, 1))),
    (S.REFERRED, date(2026, 4, 1), date(2026, 3, 1), (S.BOUGHT, date(2026, 4, 1))),
    (S.SERVICED, date(2026, 4, 1), date(2026, 3, 1), (S.BOUGHT, date(2026, 4, 1))),
    (S.SERVICED, None, date(2026, 3, 1), None),
    (S.BOUGHT, date(2026, 4, 1), None, None),
    (S.REWARDED, date(2026, 4, 1), None, None),
    (S.LOST, date(2026, 4, 1), date(2026, 3, 1), None),  # reopened by hand first
])  # fmt: skip
def test_visits_move_only_open_referrals(current: S, sale: date | None, service: date | None,
                                         expected: object) -> None:  # fmt: skip
    assert referral_rules.status_from_visits(current, first_sale=sale,
                                             first_service=service) == expected  # fmt: skip


def test_reward_needs_a_visit_words_or_amount_and_a_day_not_before_it() -> None:
    came = date(2026, 5, 1)
    for status in (S.REFERRED, S.LOST, S.REWARDED):
        with pytest.raises(ValidationError):
            referral_rules.check_reward(
                status, reward="保养券", amount=None, on=TODAY, came_on=came
            )
    with pytest.raises(ValidationError) as err:
        referral_rules.check_reward(S.BOUGHT, reward=" ", amount=None, on=TODAY, came_on=came)
    assert err.value.field == "reward"
    with pytest.raises(ValidationError) as err:
        referral_rules.check_reward(S.BOUGHT, reward="x", amount=None, on=date(2026, 4, 30),
                                    came_on=came)  # fmt: skip
    assert err.value.field == "rewarded_on"
    referral_rules.check_reward(S.BOUGHT, reward="", amount=500, on=came, came_on=came)  # same day
    referral_rules.check_reward(
        S.SERVICED, reward="免费保养一次", amount=None, on=TODAY, came_on=came
    )


# --- services on a database --------------------------------------------------------------
def person(name: str, phone: str) -> int:
    return customers.create_customer({"name": name, "phone": phone}, today=TODAY).new_id  # type: ignore[return-value]


def test_new_customer_referred_by_records_the_referral(db_path: Path) -> None:
    zhang = person("张伟", "13912345678")
    done = referrals.refer_new_customer({"name": "王芳", "phone": "15012340000"},
                                        referrer_id=zhang, today=TODAY)  # fmt: skip
    friend = customers.get_customer(done.new_id)  # type: ignore[arg-type]
    assert friend.source == "referral"
    [row] = referrals.brought_by(zhang)
    assert (row.referred_id, row.referred_name, row.status, row.date) == (friend.id, "王芳",
                                                                          "referred", TODAY)  # fmt: skip
    assert "referral" in done.tables and zhang in done.customer_ids


def test_a_refused_referrer_creates_no_customer(db_path: Path) -> None:
    before = customers.count_customers()
    with pytest.raises(ValidationError) as err:
        referrals.refer_new_customer({"name": "李娜", "phone": "13711112222"}, referrer_id=999,
                                     today=TODAY)  # fmt: skip
    assert err.value.field == "referred_by_id"
    assert customers.count_customers() == before  # all or nothing


def test_one_referrer_per_friend_and_nobody_refers_themselves(db_path: Path) -> None:
    a, b, c = person("A", "13900000001"), person("B", "13900000002"), person("C", "13900000003")
    referrals.add_referral(a, b, on=TODAY)
    with pytest.raises(ValidationError, match="already referred by A"):
        referrals.add_referral(c, b, on=TODAY)
    with pytest.raises(ValidationError):
        referrals.add_referral(c, c, on=TODAY)


def test_first_service_then_sale_move_the_referral_when_logged(db_path: Path) -> None:
    a, b = person("A", "13900000001"), person("B", "13900000002")
    rid = referrals.add_referral(a, b, on=date(2026, 3, 1)).new_id
    # a visit before the referral does not count
    customers.add_visit(b, {"date": date(2026, 2, 28), "kind": "sale", "amount": 1}, today=TODAY)
    assert referrals.brought_by(a)[0].status == "referred"
    done = customers.add_visit(b, {"date": date(2026, 3, 1), "kind": "service", "amount": 500},
                               today=TODAY)  # fmt: skip
    row = referrals.brought_by(a)[0]
    assert (row.status, row.status_on) == ("serviced", date(2026, 3, 1))  # boundary: same day
    assert "referral" in done.tables
    customers.add_visit(
        b, {"date": date(2026, 6, 1), "kind": "sale", "amount": 150000}, today=TODAY
    )
    row = referrals.brought_by(a)[0]
    assert (row.id, row.status, row.status_on) == (rid, "bought", date(2026, 6, 1))


def test_refresh_picks_up_visits_written_without_the_service(db_path: Path) -> None:
    from dealerdesk.store.models import Visit

    a, b = person("A", "13900000001"), person("B", "13900000002")
    referrals.add_referral(a, b, on=date(2026, 3, 1))
    Visit.create(customer=b, date=date(2026, 4, 1), kind="sale", amount=1)  # an import, say
    found = referrals.list_referrals()
    assert found.moved == 1 and found.rows[0].status == "bought"
    assert referrals.list_referrals().moved == 0  # idempotent


def test_reward_only_after_the_friend_came_and_then_final(db_path: Path) -> None:
    a, b = person("A", "13900000001"), person("B", "13900000002")
    rid = referrals.add_referral(a, b, on=date(2026, 3, 1)).new_id
    assert rid is not None
    with pytest.raises(ValidationError, match="cannot become Rewarded"):
        referrals.reward(rid, reward="加油卡", amount=300, on=TODAY)
    customers.add_visit(b, {"date": date(2026, 5, 2), "kind": "sale", "amount": 1}, today=TODAY)
    referrals.reward(rid, reward="加油卡", amount=300, on=date(2026, 5, 10))
    row = referrals.brought_by(a)[0]
    assert (row.status, row.reward, row.reward_amount, row.rewarded_on) == (
        "rewarded",
        "加油卡",
        300.0,
        date(2026, 5, 10),
    )
    for target in S:
        with pytest.raises(ValidationError):
            referrals.move(rid, target, on=TODAY)


def test_lost_and_reopened_by_hand(db_path: Path) -> None:
    a, b = person("A", "13900000001"), person("B", "13900000002")
    rid = referrals.add_referral(a, b, on=date(2026, 3, 1)).new_id
    assert rid is not None
    referrals.move(rid, "lost", on=TODAY)
    customers.add_visit(b, {"date": date(2026, 5, 2), "kind": "sale", "amount": 1}, today=TODAY)
    assert referrals.brought_by(a)[0].status == "lost"  # a decision, not undone by a visit
    referrals.move(rid, "referred", on=TODAY)
    assert referrals.list_referrals().rows[0].status == "bought"


def test_top_referrers_by_friends_brought_then_friends_who_came(db_path: Path) -> None:
    a, b, c = person("A", "13900000001"), person("B", "13900000002"), person("C", "13900000003")
    friends = [person(f"F{i}", f"1390000010{i}") for i in range(5)]
    for f in friends[:2]:
        referrals.add_referral(a, f, on=date(2026, 1, 1))
    for f in friends[2:4]:
        referrals.add_referral(b, f, on=date(2026, 1, 1))
    referrals.add_referral(c, friends[4], on=date(2026, 1, 1))
    customers.add_visit(friends[2], {"date": date(2026, 2, 1), "kind": "sale", "amount": 1},
                        today=TODAY)  # fmt: skip
    found = referrals.list_referrals()
    assert [(t.name, t.made, t.converted) for t in found.top] == [("B", 2, 1), ("A", 2, 0),
                                                                  ("C", 1, 0)]  # fmt: skip
    assert found.counts == {"referred": 4, "bought": 1}


def test_migration_12_maps_the_old_statuses_and_partner_kinds(db_path: Path) -> None:
    from dealerdesk.store.db import database
    from dealerdesk.store.migrations import m0011_referrals_partners
    from dealerdesk.store.models import Customer, Partner, PartnerReferral, Referral

    a, b, c = person("A", "13900000001"), person("B", "13900000002"), person("C", "13900000003")
    d = person("D", "13900000004")
    p = Partner.create(name="平安保险", kind="insurance")
    Partner.create(name="Expat club", kind="club")
    Partner.create(name="Mystery", kind="florist")
    Customer.update(partner=p.id).where(Customer.id == d).execute()
    Customer.update(referred_by=a).where(Customer.id == c).execute()  # no referral row yet
    old = [Referral.create(referrer=a, referred=b, referred_name="B", date=date(2025, 1, 1),
                           status=s, reward_given=g) for s, g in
           (("pending", False), ("converted", False), ("converted", True))]  # fmt: skip
    m0011_referrals_partners.upgrade(database)
    m0011_referrals_partners.upgrade(database)  # a second run changes nothing
    got = [Referral.get_by_id(r.id) for r in old]
    assert [r.status for r in got] == ["referred", "bought", "rewarded"]
    assert got[1].status_on == date(2025, 1, 1)
    assert Referral.select().where(Referral.referred == c).get().status == "referred"
    assert sorted(k for (k,) in Partner.select(Partner.kind).tuples()) == [
        "club",
        "insurer",
        "other",
    ]
    assert [(x.customer_id, x.direction) for x in PartnerReferral.select()] == [(d, "from_partner")]
