"""Referral use cases: a new customer referred by an existing one, the referral list with
the top referrers, the status moves and the reward, and who a customer brought.

Statuses follow ``referral_rules``: bought/serviced are set from the friend's first sale
or service visit — when the visit is logged (``sync_statuses`` from ``aftercare``) and
whenever the list is refreshed, so an imported visit is picked up too. Each write is one
transaction with its aftercare, like the other customer writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dealerdesk.services import referral_rules as rules
from dealerdesk.services.aftercare import settle
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import customer_writes as w
from dealerdesk.store import referral_queries as q
from dealerdesk.store.db import write_transaction
from dealerdesk.store.referral_queries import ReferralRow, TopReferrer
from dealerdesk.vocab.referrals import ReferralStatus

__all__ = [
    "ReferralList", "ReferralRow", "TopReferrer", "add_referral", "brought_by", "list_referrals",
    "move", "refer_new_customer", "reward", "sync_statuses",
]  # fmt: skip

S = ReferralStatus


@dataclass(frozen=True, slots=True)
class ReferralList:
    """The screen's rows, the top referrers, and how many referrals are in each status."""

    rows: tuple[ReferralRow, ...]
    top: tuple[TopReferrer, ...]
    counts: Mapping[str, int]
    moved: int  # referrals the refresh moved on from the friends' visits


def sync_statuses(
    *, customer_ids: Iterable[int] | None = None, staff_id: int | None = None
) -> list[int]:
    """Move open referrals on from the friends' first visits; the referral ids moved.
    Runs inside the caller's transaction (or its own)."""
    ids = None if customer_ids is None else sorted(set(customer_ids))
    moved = []
    chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
    with write_transaction():
        for row, sale, service in (x for c in chunks for x in q.first_visits(customer_ids=c)):
            step = rules.status_from_visits(row.status, first_sale=sale, first_service=service)
            if step is not None:
                q.set_status(row.id, step[0], on=step[1], staff_id=staff_id)
                moved.append(row.id)
    return moved


def list_referrals(*, status: str | None = None, top: int = 10) -> ReferralList:
    moved = sync_statuses()
    return ReferralList(tuple(q.list_referrals(status)), tuple(q.top_referrers(top)),
                        q.counts_by_status(), len(moved))  # fmt: skip


def brought_by(customer_id: int) -> list[ReferralRow]:
    """The friends *customer_id* referred, newest first (the customer page's list)."""
    return q.list_referrals(referrer_id=customer_id)


def refer_new_customer(fields: Mapping[str, Any], *, referrer_id: int | None, today: date,
                       staff_id: int | None = None) -> Changed:  # fmt: skip
    """Create a customer; with *referrer_id*, record the referral in the same transaction
    (the customer is not created if the referrer is refused)."""
    with write_transaction():
        new_id = w.create_customer(fields, today=today, staff_id=staff_id)
        done = changed("customer", customers=(new_id,), new_id=new_id)
        if referrer_id is not None:
            q.add_referral(referrer_id, new_id, on=today, staff_id=staff_id)
            done = done.merge(changed("referral", customers=(new_id, referrer_id)))
        return settle(done, today=today)


def add_referral(referrer_id: int, referred_id: int, *, on: date,
                 staff_id: int | None = None) -> Changed:  # fmt: skip
    """An existing customer was referred by another (e.g. told later); their visits since
    *on* move it on at once."""
    with write_transaction():
        new_id = q.add_referral(referrer_id, referred_id, on=on, staff_id=staff_id)
        sync_statuses(customer_ids=[referred_id], staff_id=staff_id)
        return changed("referral", "customer", customers=(referred_id, referrer_id), new_id=new_id)


def move(referral_id: int, target: str, *, on: date, staff_id: int | None = None) -> Changed:
    """A status change by hand (lost, reopened, or bought/serviced elsewhere): only the
    moves ``referral_rules.MOVES`` allows; a reward goes through ``reward``."""
    with write_transaction():
        row = q.get_referral(referral_id)
        rules.check_move(row.status, target)
        if target == S.REWARDED:
            rules.check_reward(row.status, reward="", amount=None, on=on, came_on=row.status_on)
        q.set_status(referral_id, target, on=on, staff_id=staff_id)
        return _changed(row)


def reward(referral_id: int, *, reward: str, amount: float | None, on: date,
           staff_id: int | None = None) -> Changed:  # fmt: skip
    """The referrer got their reward (words and/or an amount, on a day): only after the
    friend bought or came for service."""
    with write_transaction():
        row = q.get_referral(referral_id)
        rules.check_reward(row.status, reward=reward, amount=amount, on=on, came_on=row.status_on)
        q.set_reward(referral_id, reward=reward, amount=amount, on=on, staff_id=staff_id)
        return _changed(row)


def _changed(row: ReferralRow) -> Changed:
    ids = tuple(i for i in (row.referrer_id, row.referred_id) if i is not None)
    return changed("referral", customers=ids, new_id=row.id)
