"""The one priority (retention/priority.py) and the cut to a day's capacity: pure tests."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from dealerdesk.retention.priority import (
    DEFAULT_CAPACITY,
    PriorityInput,
    cut_to_capacity,
    priority_key,
    ranked,
    sort_key,
    urgency,
    value_risk,
)

DAY = date(2027, 3, 3)


def item(kind: str = "touch", due: date = DAY, tier: str = "", risk: int | None = None,
         id: int = 0) -> PriorityInput:  # fmt: skip
    return PriorityInput(kind, due, tier, risk, id)


def order(items: list[PriorityInput]) -> list[int]:
    return [i.id for i in ranked(items, key=lambda i: i)]


def test_urgency_classes_come_first_whatever_the_value_and_the_date() -> None:
    items = [
        item("birthday", DAY - timedelta(days=30), "VIP", 100, id=4),
        item("touch", DAY - timedelta(days=90), "VIP", 100, id=3),
        item("service_due", DAY, "Standard", 0, id=2),
        item("complaint", DAY, "Standard", 0, id=1),
    ]
    assert order(items) == [1, 2, 3, 4]
    assert [urgency(k) for k in ("recall", "warranty", "insurance", "inspection")] == [0, 1, 1, 1]
    assert urgency("manual") == urgency("winback") == 2 and urgency("holiday") == 3


def test_value_and_risk_weigh_together_within_an_urgency() -> None:
    assert value_risk("VIP", 80) == 390 and value_risk("Gold", 90) == 280
    assert value_risk("Standard", 100) == value_risk("", 100) == 150
    assert value_risk("VIP", None) == 150 and value_risk("Gold", 250) == 300  # clamped
    items = [item(tier="Standard", risk=100, id=3), item(tier="Gold", risk=90, id=2),
             item(tier="VIP", risk=80, id=1)]  # fmt: skip
    assert order(items) == [1, 2, 3]


def test_then_the_kind_then_the_due_date_then_the_id() -> None:
    items = [
        item("touch", DAY - timedelta(days=10), id=5),
        item("checkin", DAY, id=4),
        item("thanks", DAY, id=3),
        item("touch", DAY - timedelta(days=20), id=2),
        item("touch", DAY - timedelta(days=20), id=1),
    ]
    assert order(items) == [3, 4, 1, 2, 5]


def test_the_key_is_a_total_order_independent_of_input_order() -> None:
    rng = random.Random(7)
    kinds = ["complaint", "service_due", "touch", "thanks", "birthday", "manual", "trade_in"]
    items = [item(rng.choice(kinds), DAY - timedelta(days=rng.randrange(60)),
                  rng.choice(["VIP", "Gold", "Standard", ""]), rng.choice([None, 10, 55, 90]), i)
             for i in range(300)]  # fmt: skip
    first = order(items)
    rng.shuffle(items)
    assert order(items) == first
    keys = [priority_key(i) for i in ranked(items, key=lambda i: i)]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_each_list_is_cut_at_its_owners_capacity_and_nothing_is_lost() -> None:
    items = [
        (who, item(id=n, risk=n % 100)) for n, who in enumerate([1] * 50 + [2] * 5 + [None] * 45)
    ]
    caps = {1: 40, 2: 10}
    cut = cut_to_capacity(items, key=lambda x: priority_key(x[1]), owner=lambda x: x[0],
                          capacity=lambda who: caps.get(who, DEFAULT_CAPACITY))  # fmt: skip
    assert (len(cut[1].today), len(cut[1].later)) == (40, 10)
    assert (len(cut[2].today), len(cut[2].later)) == (5, 0)
    assert (len(cut[None].today), len(cut[None].later)) == (40, 5)
    # best first, and the later ones are exactly the worse ones, in the same order
    mine = [x[1] for x in (*cut[1].today, *cut[1].later)]
    assert mine == ranked(mine, key=lambda i: i)
    everyone = sorted(x[1].id for d in cut.values() for x in (*d.today, *d.later))
    assert everyone == list(range(100))


def test_the_fast_key_for_stored_rows_is_the_same_order() -> None:
    rng = random.Random(11)
    kinds = ["complaint", "warranty", "touch", "checkin", "anniversary", "callback", "batch"]
    items = [item(rng.choice(kinds), DAY - timedelta(days=rng.randrange(400)),
                  rng.choice(["VIP", "Gold", "Standard", ""]), rng.choice([None, -5, 0, 70, 130]),
                  i) for i in range(500)]  # fmt: skip
    by_text = sorted(items, key=lambda i: sort_key(i.kind, i.due.isoformat(), i.tier, i.risk, i.id))
    assert by_text == ranked(items, key=lambda i: i)


@pytest.mark.parametrize(("cap", "shown"), [(0, 0), (-3, 0), (1, 1), (3, 3), (4, 3)])
def test_capacity_boundaries(cap: int, shown: int) -> None:
    items = [item(id=i) for i in range(3)]
    cut = cut_to_capacity(items, key=priority_key, owner=lambda i: "x", capacity=lambda w: cap)
    assert len(cut["x"].today) == shown and len(cut["x"].later) == 3 - shown
    assert cut["x"].capacity == max(cap, 0)


def test_within_a_tier_the_riskier_customer_comes_first() -> None:
    items = [item(tier="Gold", risk=40, id=1), item(tier="Gold", risk=60, id=2),
             item(tier="Gold", risk=None, id=3)]  # fmt: skip
    assert order(items) == [2, 1, 3]
    assert sort_key("touch", 1, "Gold", 60, 0) < sort_key("touch", 1, "Gold", 59, 0)


@pytest.mark.parametrize(
    ("risk", "same_as"), [(None, 0), (-1, 0), (-50, 0), (101, 100), (250, 100)]
)
def test_risk_outside_0_to_100_counts_as_its_bound(risk: int | None, same_as: int) -> None:
    assert sort_key("touch", 1, "VIP", risk, 0) == sort_key("touch", 1, "VIP", same_as, 0)
    assert value_risk("VIP", risk) == value_risk("VIP", same_as)


def test_the_bounds_themselves_still_count() -> None:
    """0 and 1, 99 and 100 are different scores: the clamp starts past them."""
    assert sort_key("touch", 1, "", 1, 0) < sort_key("touch", 1, "", 0, 0)
    assert sort_key("touch", 1, "", 100, 0) < sort_key("touch", 1, "", 99, 0)
    assert sort_key("touch", 1, "", 100, 0)[1] == -150 and sort_key("touch", 1, "", 0, 0)[1] == -50


def test_tier_weights_and_the_plus_50() -> None:
    # Gold at 0 (2 × 50 = 100) ties Standard at 50 (1 × 100): the kind decides
    assert sort_key("thanks", 1, "Standard", 50, 0)[1] == sort_key("touch", 1, "Gold", 0, 0)[1]
    assert sort_key("thanks", 1, "Standard", 50, 0) < sort_key("touch", 1, "Gold", 0, 0)
    # one point less and the Gold customer wins whatever the kind
    assert sort_key("touch", 1, "Gold", 0, 0) < sort_key("thanks", 1, "Standard", 49, 0)
    assert [sort_key("touch", 1, t, 0, 0)[1] for t in ("VIP", "Gold", "Standard", "", "x")] == [
        -150,
        -100,
        -50,
        -50,
        -50,
    ]


def test_a_kind_no_rule_knows_is_a_call_ranked_after_declined_work_and_before_touch() -> None:
    assert sort_key("new_kind", 1, "", 0, 0)[0] == urgency("touch") == 2
    assert sort_key("declined_work", 1, "", 0, 0) < sort_key("new_kind", 1, "", 0, 0)
    assert sort_key("new_kind", 1, "", 0, 0) < sort_key("touch", 1, "", 0, 0)
    assert sort_key("new_kind", 1, "", 0, 0)[2] == 70
    assert sort_key("recall", 1, "", 0, 0)[0] == 0 and sort_key("batch", 1, "", 0, 0)[0] == 1
