"""Customer-to-customer referrals: the list, who a customer brought, the top referrers,
the friends' first visits, and the writes (validated, audited, one transaction each).

The *rules* (which status may follow which) are the service's
(``services/referral_rules.py``); this module stores what the service decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.store import audit
from dealerdesk.store.convert import to_date
from dealerdesk.store.db import database
from dealerdesk.store.models import Customer, Referral
from dealerdesk.store.validation import validate_amount, validate_text
from dealerdesk.vocab.referrals import CONVERTED, ReferralStatus

S = ReferralStatus


@dataclass(frozen=True, slots=True)
class ReferralRow:
    """One referral as the list, the customer page and the rules read it."""

    id: int
    referrer_id: int | None
    referrer_name: str
    referred_id: int | None
    referred_name: str
    phone: str
    date: date
    status: str
    status_on: date | None
    reward: str
    reward_amount: float | None
    rewarded_on: date | None


@dataclass(frozen=True, slots=True)
class TopReferrer:
    customer_id: int
    name: str
    made: int
    converted: int
    rewarded: int


_SELECT = """
SELECT r.id, r.referrer_id, rc.name, r.referred_id, coalesce(fc.name, r.referred_name),
       fc.phone, r.date, r.status, r.status_on, r.reward, r.reward_amount, r.rewarded_on
FROM referral r
LEFT JOIN customer rc ON rc.id = r.referrer_id
LEFT JOIN customer fc ON fc.id = r.referred_id
"""


def _row(r: tuple[Any, ...]) -> ReferralRow:
    return ReferralRow(
        id=int(r[0]), referrer_id=r[1], referrer_name=str(r[2] or ""), referred_id=r[3],
        referred_name=str(r[4] or ""), phone=str(r[5] or ""), date=to_date(r[6]),  # type: ignore[arg-type]
        status=str(r[7]), status_on=to_date(r[8]), reward=str(r[9] or ""),
        reward_amount=None if r[10] is None else float(r[10]), rewarded_on=to_date(r[11]),
    )  # fmt: skip


def list_referrals(status: str | None = None, referrer_id: int | None = None) -> list[ReferralRow]:
    """Customer-to-customer referrals (partner ones live in ``partner_referral``),
    newest first; *status* and *referrer_id* narrow it."""
    where, params = ["r.referrer_id IS NOT NULL"], []  # type: ignore[var-annotated]
    if status is not None:
        where.append("r.status = ?")
        params.append(status)
    if referrer_id is not None:
        where.append("r.referrer_id = ?")
        params.append(referrer_id)
    sql = _SELECT + " WHERE " + " AND ".join(where) + " ORDER BY r.date DESC, r.id DESC"
    return [_row(r) for r in database.execute_sql(sql, params)]


def get_referral(referral_id: int) -> ReferralRow:
    rows = list(database.execute_sql(_SELECT + " WHERE r.id = ?", [referral_id]))
    if not rows:
        raise NotFoundError(f"Referral {referral_id} does not exist.")
    return _row(rows[0])


def top_referrers(limit: int = 10) -> list[TopReferrer]:
    """Customers who brought the most friends; ties by friends who came, then name."""
    came = ",".join(f"'{s}'" for s in sorted(CONVERTED))
    sql = f"""SELECT r.referrer_id, c.name, count(*),
                     count(CASE WHEN r.status IN ({came}) THEN 1 END),
                     count(CASE WHEN r.status = 'rewarded' THEN 1 END)
              FROM referral r JOIN customer c ON c.id = r.referrer_id
              GROUP BY r.referrer_id, c.name
              ORDER BY count(*) DESC, 4 DESC, c.name LIMIT ?"""
    return [TopReferrer(int(r[0]), str(r[1]), int(r[2]), int(r[3]), int(r[4]))
            for r in database.execute_sql(sql, [limit])]  # fmt: skip


def first_visits(referral_ids: list[int] | None = None,
                 customer_ids: list[int] | None = None) -> list[tuple[ReferralRow, date | None, date | None]]:  # fmt: skip
    """Open referrals (referred or serviced) with the friend's first sale and first
    service visit on or after the referral day: what the status rule needs."""
    where = ["r.status IN ('referred', 'serviced')", "r.referred_id IS NOT NULL",
             "r.referrer_id IS NOT NULL"]  # fmt: skip
    params: list[Any] = []
    for column, ids in (("r.id", referral_ids), ("r.referred_id", customer_ids)):
        if ids is not None:
            if not ids:
                return []
            where.append(f"{column} IN ({','.join('?' * len(ids))})")
            params.extend(ids)
    sql = f"""SELECT r.id,
                (SELECT min(v.date) FROM visit v WHERE v.customer_id = r.referred_id
                   AND v.kind = 'sale' AND v.date >= r.date),
                (SELECT min(v.date) FROM visit v WHERE v.customer_id = r.referred_id
                   AND v.kind IN ('service', 'repair') AND v.date >= r.date)
              FROM referral r WHERE {" AND ".join(where)}"""
    found = {int(r[0]): (to_date(r[1]), to_date(r[2])) for r in database.execute_sql(sql, params)}
    if not found:
        return []
    rows = {r.id: r for r in _rows_by_id(sorted(found))}
    return [(rows[i], *found[i]) for i in sorted(found)]


def _rows_by_id(ids: list[int]) -> list[ReferralRow]:
    out: list[ReferralRow] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        out += [_row(r) for r in database.execute_sql(
            _SELECT + f" WHERE r.id IN ({','.join('?' * len(chunk))})", chunk)]  # fmt: skip
    return out


def counts_by_status() -> dict[str, int]:
    return {str(s): int(n) for s, n in database.execute_sql(
        "SELECT status, count(*) FROM referral WHERE referrer_id IS NOT NULL GROUP BY status")}  # fmt: skip


# -- writes ----------------------------------------------------------------------------
def _customer(customer_id: int | None, field: str) -> Customer:
    c = Customer.get_or_none(Customer.id == customer_id) if customer_id is not None else None
    if c is None:
        raise ValidationError(field, render(Msg("referrals.no_customer", {"id": customer_id})))
    return c


def add_referral(referrer_id: int | None, referred_id: int, *, on: date,
                 staff_id: int | None = None) -> int:  # fmt: skip
    """Record that *referrer_id* brought *referred_id*; the friend's ``referred_by`` and
    source follow. One referral per friend: a second referrer is refused by name."""
    referrer = _customer(referrer_id, "referred_by_id")
    friend = _customer(referred_id, "referred_id")
    if referrer.id == friend.id:
        raise ValidationError("referred_by_id", render(Msg("referrals.self")))
    earlier = (Referral.select(Referral.referrer).where(
        (Referral.referred == friend.id) & Referral.referrer.is_null(False)).first())  # fmt: skip
    if earlier is not None:
        first = Customer.get_by_id(earlier.referrer_id)
        raise ValidationError("referred_by_id", render(Msg(
            "referrals.already", {"name": friend.name, "referrer": first.name})))  # fmt: skip
    with database.atomic():
        row = Referral.create(referrer=referrer.id, referred=friend.id, referred_name=friend.name,
                              date=on, status=S.REFERRED.value)  # fmt: skip
        Customer.update(referred_by=referrer.id, source="referral").where(
            Customer.id == friend.id).execute()  # fmt: skip
        audit.record("create", "referral", row.id,
                     {"referrer": referrer.id, "referred": friend.id}, staff_id)  # fmt: skip
    return int(row.id)


def set_status(referral_id: int, status: str, *, on: date | None,
               staff_id: int | None = None) -> None:  # fmt: skip
    """Store a status the service checked; *on* is the friend's visit day for
    bought/serviced (kept in ``status_on``)."""
    values: dict[str, Any] = {"status": status}
    if status in (S.BOUGHT, S.SERVICED):
        values["status_on"] = on
    if status == S.REFERRED:  # reopened: the old outcome no longer holds
        values["status_on"] = None
    with database.atomic():
        Referral.update(**values).where(Referral.id == referral_id).execute()
        audit.record(status, "referral", referral_id, {"on": on}, staff_id)


def set_reward(referral_id: int, *, reward: str, amount: float | None, on: date,
               staff_id: int | None = None) -> None:  # fmt: skip
    text = validate_text(reward, "reward", max_len=120)
    money = validate_amount(amount, "reward_amount") if amount not in (None, "") else None
    with database.atomic():
        Referral.update(status=S.REWARDED.value, reward=text or None, reward_amount=money or None,
                        rewarded_on=on, reward_given=True).where(
            Referral.id == referral_id).execute()  # fmt: skip
        audit.record("rewarded", "referral", referral_id,
                     {"reward": text, "amount": money, "on": on}, staff_id)  # fmt: skip
