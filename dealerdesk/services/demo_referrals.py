"""The demo dealership's referrals and partner businesses (issue #14).

Its own random stream (from the demo's seed), so adding these rows leaves every other
demo row exactly as it was. Customer-to-customer referrals get the status the rules
would give them from the friend's visits (``referral_rules.status_from_visits``): most
friends bought (some rewarded), a few came only for service, and friends who are not
customers yet are *referred* (recent) or *lost* (old). Partners sent some customers to
us; we sent others to partners, who reported what they spent.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Protocol

from dealerdesk.services.referral_rules import status_from_visits
from dealerdesk.vocab.referrals import PartnerDirection, PartnerKind, ReferralStatus

# name, kind, contact, phone, terms
PARTNERS = (
    ("平安保险深圳分公司", PartnerKind.INSURER, "陈丽华", "+8613802220001",
     "续保客户互相推荐；推荐购车成交返佣500元"),
    ("米其林驰加南山店", PartnerKind.TYRE_SHOP, "周建国", "+8613902220002",
     "我方客户换胎九折；对方推荐保养客户每位200元"),
    ("安驰驾校", PartnerKind.DRIVING_SCHOOL, "刘教练", "+8613702220003",
     "学员购车享试驾及首保优惠"),
    ("Shenzhen Expat Club", PartnerKind.CLUB, "Mark Green", "+8613602220004",
     "Members get a free car-care check; quarterly statement"),
    ("车之美洗车科技园店", PartnerKind.CAR_WASH, "黄小燕", "+8615002220005",
     "会员洗车八折；每季度对账"),
)  # fmt: skip
# (partner id, typical spend) for customers we send to a partner
SEND_TO = ((1, (2500, 9000)), (2, (600, 3200)), (3, (3000, 5000)), (5, (60, 300)))
REWARDS = (
    ("免费保养一次", 600.0),
    ("加油卡", 300.0),
    ("精品礼包", None),
    ("Car-care voucher", 200.0),
)
FRIENDS = ("刘先生的同事", "王女士", "陈总的朋友", "Tom Baker", "李阿姨的儿子", "张经理")


class Rows(Protocol):
    def add(self, table: str, columns: tuple[str, ...], row: tuple[object, ...]) -> None: ...


def _ts(d: date) -> str:
    return f"{d.isoformat()} 10:00:00"


class DemoReferrals:
    """Adds the referral and partner rows of each demo customer to the demo's rows."""

    def __init__(self, rows: Rows, *, seed: int, today: date, opened: date) -> None:
        self.rows, self.today, self.opened = rows, today, opened
        self.rng = random.Random(seed * 7919 + 14)
        self.exchange_id = 0

    def partners(self) -> None:
        cols = ("id", "name", "kind", "contact_person", "phone", "terms", "archived",
                "created_at", "updated_at")  # fmt: skip
        for i, (name, kind, contact, phone, terms) in enumerate(PARTNERS, start=1):
            self.rows.add("partner", cols, (i, name, str(kind), contact, phone, terms, 0,
                                            _ts(self.opened), _ts(self.opened)))  # fmt: skip

    def customer(self, cid: int, name: str, *, referred_by: int | None, partner: int | None,
                 first_buy: date, visits: Sequence[tuple[date, str]], given: bool) -> None:  # fmt: skip
        rng = self.rng
        if referred_by:
            self._friend(cid, name, referred_by, first_buy, visits, given)
        if partner:
            self._exchange(partner, cid, PartnerDirection.FROM_PARTNER,
                           first_buy - timedelta(days=rng.randrange(1, 30)))  # fmt: skip
        if cid > 20 and rng.random() < 0.06:
            pid, (low, high) = rng.choice(SEND_TO)
            start = max(first_buy, self.today - timedelta(days=rng.randrange(30, 500)))
            xid = self._exchange(pid, cid, PartnerDirection.TO_PARTNER, start)
            for _ in range(rng.randrange(0, 4)):
                day = start + timedelta(days=rng.randrange(0, max(1, (self.today - start).days)))
                self.rows.add("partner_spend", ("referral_id", "date", "amount", "source",
                              "created_at", "updated_at"),
                              (xid, day.isoformat(), round(rng.uniform(low, high), 0),
                               rng.choice(("typed", "import")), _ts(day), _ts(day)))  # fmt: skip
        if cid > 20 and rng.random() < 0.012:  # a friend who is not a customer (yet)
            back = rng.randrange(3, 700)
            status = ReferralStatus.REFERRED if back < 120 else ReferralStatus.LOST
            day = self.today - timedelta(days=back)
            self._referral(cid, None, rng.choice(FRIENDS), day, status, None)

    def _friend(self, cid: int, name: str, referrer: int, first_buy: date,
                visits: Sequence[tuple[date, str]], given: bool) -> None:  # fmt: skip
        rng = self.rng
        # Mostly the friend was told before buying; some bought elsewhere and came to us
        # for service after the referral.
        on = (first_buy - timedelta(days=rng.randrange(3, 40)) if rng.random() < 0.85
              else first_buy + timedelta(days=rng.randrange(20, 60)))  # fmt: skip
        on = min(on, self.today)
        sales = [d for d, k in visits if k == "sale" and d >= on]
        services = [d for d, k in visits if k in ("service", "repair") and d >= on]
        step = status_from_visits(ReferralStatus.REFERRED, first_sale=min(sales, default=None),
                                  first_service=min(services, default=None))  # fmt: skip
        status, came = (ReferralStatus.REFERRED, None) if step is None else step
        reward = None
        if came is not None and given and came + timedelta(days=14) <= self.today:
            status, reward = ReferralStatus.REWARDED, rng.choice(REWARDS)
        self._referral(referrer, cid, name, on, status, came, reward)

    def _referral(self, referrer: int, referred: int | None, name: str, on: date,
                  status: ReferralStatus, came: date | None,
                  reward: tuple[str, float | None] | None = None) -> None:  # fmt: skip
        rewarded_on = came + timedelta(days=14) if reward and came else None
        self.rows.add("referral", (
            "referrer_id", "referred_id", "referred_name", "date", "status", "status_on", "reward",
            "reward_amount", "rewarded_on", "reward_given", "created_at", "updated_at"),
            (referrer, referred, name, on.isoformat(), str(status),
             came.isoformat() if came else None, reward[0] if reward else None,
             reward[1] if reward else None, rewarded_on.isoformat() if rewarded_on else None,
             int(reward is not None), _ts(on), _ts(on)))  # fmt: skip

    def _exchange(self, partner: int, cid: int, direction: str, on: date) -> int:
        self.exchange_id += 1
        on = max(on, self.opened)
        self.rows.add("partner_referral", ("id", "partner_id", "customer_id", "direction", "date",
                      "created_at", "updated_at"),
                      (self.exchange_id, partner, cid, str(direction), on.isoformat(), _ts(on),
                       _ts(on)))  # fmt: skip
        return self.exchange_id
