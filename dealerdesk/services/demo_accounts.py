"""The demo's cards and key accounts (issue #14), added to a generated dealership.

Part of the customers carry a membership card with the tier their 24-month spend
suggests (the same 80/20 cut the scoring uses), a few with a tier set by hand; every
company gets contact people (each role appears), a driver for some of its vehicles, and
a next fleet purchase at some stage. A Random of its own keeps the rest of the demo
exactly as it was.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING

from dealerdesk.dates import years_back
from dealerdesk.retention.membership import card_number
from dealerdesk.retention.segments import tier_cut, tier_for
from dealerdesk.vocab.accounts import ContactRole, PurchaseStage
from dealerdesk.vocab.retention import ValueTier

if TYPE_CHECKING:
    from dealerdesk.services.demo_data import DemoGenerator

TABLES = (
    "contact_person",
    "membership_card",
    "key_account",
    "vehicle_driver",
)  # load after the rest
CARD_SHARE = 0.3  # customers with a card
OVERRIDE_SHARE = 0.1  # of the cards: tier set by hand away from the suggestion
STALE_SHARE = 0.08  # of the cards: the tier of the day they were issued, since outgrown
NEIGHBOUR = {ValueTier.VIP: ValueTier.GOLD, ValueTier.GOLD: ValueTier.STANDARD,
             ValueTier.STANDARD: ValueTier.GOLD}  # fmt: skip
BENEFITS = {
    ValueTier.VIP: "每年免费保养2次、专属服务顾问、生日礼遇、新车品鉴会优先邀请",
    ValueTier.GOLD: "工时费9折、生日礼遇、免费洗车每月1次",
    ValueTier.STANDARD: "消费积分、免费洗车每季度1次",
}
PEOPLE = {
    ContactRole.DECISION_MAKER: ("总", "总经理"), ContactRole.FINANCE: ("会计", "财务部"),
    ContactRole.USER: ("师傅", "车队司机"), ContactRole.GATEKEEPER: ("小姐", "行政前台"),
}  # fmt: skip
STAGE_WEIGHTS = {
    PurchaseStage.NONE: 3, PurchaseStage.NEED_IDENTIFIED: 2, PurchaseStage.QUOTING: 2,
    PurchaseStage.NEGOTIATING: 1, PurchaseStage.ORDERED: 1, PurchaseStage.DELIVERED: 1,
}  # fmt: skip


def _columns(gen: DemoGenerator, table: str) -> tuple[dict[str, int], list[tuple[object, ...]]]:
    cols, rows = gen.rows.tables.get(table, ((), []))
    return {c: i for i, c in enumerate(cols)}, rows


def add_accounts(gen: DemoGenerator) -> None:
    """Add the issue #14 rows to *gen*'s tables (call once, after the customers)."""
    rng = random.Random(14_000 + gen.n)
    c, customers = _columns(gen, "customer")
    v, visits = _columns(gen, "visit")
    since = years_back(gen.today, 2).isoformat()
    spend: dict[int, float] = defaultdict(float)
    for row in visits:
        if str(row[v["date"]]) > since:
            spend[int(row[v["customer_id"]])] += float(row[v["amount"]])  # type: ignore[arg-type]
    ids = [int(r[c["id"]]) for r in customers]  # type: ignore[call-overload]
    cut = tier_cut([spend.get(i, 0.0) for i in ids])
    _cards(gen, rng, ids, {i: tier_for(spend.get(i, 0.0), cut) for i in ids})
    companies = [int(r[c["id"]]) for r in customers if r[c["kind"]] == "company"]  # type: ignore[call-overload]
    _companies(gen, rng, companies)


def _cards(gen: DemoGenerator, rng: random.Random, ids: list[int],
           suggested: dict[int, ValueTier]) -> None:  # fmt: skip
    cols = ("customer_id", "tier", "card_number", "issued_on", "benefits", "overridden",
            "created_at", "updated_at")  # fmt: skip
    serial: dict[int, int] = defaultdict(int)
    # the best customers are likelier to hold a card
    weight = {ValueTier.VIP: 0.9, ValueTier.GOLD: 0.6, ValueTier.STANDARD: CARD_SHARE / 1.5}
    for cid in ids:
        tier = suggested[cid]
        if rng.random() >= weight[tier]:
            continue
        roll = rng.random()
        overridden = roll < OVERRIDE_SHARE
        if overridden:  # the owner's friend made VIP, a loyal Gold kept after a quiet year
            tier = rng.choice([t for t in ValueTier if t != tier])
        elif roll < OVERRIDE_SHARE + STALE_SHARE:  # issued when their spend was another tier
            tier = NEIGHBOUR[tier]
        issued = gen.today - timedelta(days=rng.randrange(10, 1500))
        serial[issued.year] += 1
        ts = f"{issued.isoformat()} 10:00:00"
        gen.rows.add("membership_card", cols, (cid, tier.value, card_number(issued, serial[issued.year]),
                     issued.isoformat(), BENEFITS[tier], int(overridden), ts, ts))  # fmt: skip


def _companies(gen: DemoGenerator, rng: random.Random, companies: list[int]) -> None:
    from dealerdesk.services.demo_data import SURNAMES

    pcols = ("id", "customer_id", "name", "role", "phone", "notes", "created_at", "updated_at")
    vc, vehicles = _columns(gen, "vehicle")
    cars: dict[int, list[int]] = defaultdict(list)
    for row in vehicles:
        cars[int(row[vc["customer_id"]])].append(int(row[vc["id"]]))  # type: ignore[call-overload]
    ts = f"{gen.today.isoformat()} 09:00:00"
    pid = 0
    stages, weights = list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values())
    for cid in companies:
        roles = list(ContactRole) if rng.random() < 0.6 else rng.sample(list(ContactRole), 2)
        drivers = []
        for role in roles:
            pid += 1
            title, notes = PEOPLE[role]
            phone = f"+86139{(cid * 7919 + pid * 104729) % 100_000_000:08d}"
            gen.rows.add("contact_person", pcols, (pid, cid, rng.choice(SURNAMES) + title, role.value,
                         phone, notes, ts, ts))  # fmt: skip
            if role == ContactRole.USER:
                drivers.append(pid)
        for vid in cars[cid][: len(drivers) + 1]:
            if drivers and rng.random() < 0.8:
                gen.rows.add("vehicle_driver", ("vehicle_id", "contact_person_id", "created_at",
                             "updated_at"), (vid, rng.choice(drivers), ts, ts))  # fmt: skip
        stage = rng.choices(stages, weights)[0]
        expected = None
        if stage not in (PurchaseStage.NONE, PurchaseStage.DELIVERED):
            expected = (gen.today + timedelta(days=rng.randrange(20, 200))).isoformat()
        size = rng.randrange(3, 30) if stage != PurchaseStage.NONE else None
        gen.rows.add("key_account", ("customer_id", "stage", "expected_on", "fleet_size",
                     "created_at", "updated_at"), (cid, stage.value, expected, size, ts, ts))  # fmt: skip
