"""Partner businesses: the list with what was exchanged, the customers exchanged with one
partner, the spend a partner reports, and what a statement for a period is made of.

Writes validate first (``ValidationError`` naming the field) and are audited; the
statement's figures are worked out by the service from the plain rows read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.store import audit
from dealerdesk.store.convert import to_date
from dealerdesk.store.db import database
from dealerdesk.store.models import Customer, Partner, PartnerReferral, PartnerSpend
from dealerdesk.store.settings_store import get_setting
from dealerdesk.store.validation import (
    normalize_phone,
    validate_amount,
    validate_choice,
    validate_date,
    validate_text,
)
from dealerdesk.vocab.referrals import PartnerDirection, PartnerKind

D = PartnerDirection


@dataclass(frozen=True, slots=True)
class PartnerRow:
    id: int
    name: str
    kind: str
    contact_person: str
    phone: str
    terms: str
    notes: str
    archived: bool
    sent_us: int
    we_sent: int
    reported: float  # spend the partner reported for customers we sent, all time


@dataclass(frozen=True, slots=True)
class ExchangeRow:
    """A customer exchanged with a partner; ``spend`` is the partner's reported total
    (customers we sent) or their spend at the dealership (customers it sent us)."""

    id: int
    partner_id: int
    customer_id: int
    customer_name: str
    phone: str
    direction: str
    date: date
    spend: float
    notes: str


@dataclass(frozen=True, slots=True)
class Payment:
    """One dated amount of a customer exchanged with a partner (a visit or a report)."""

    exchange_id: int
    date: date
    amount: float


@dataclass(frozen=True, slots=True)
class CustomerKey:
    """What a partner's CSV is matched against: the customers we sent to it."""

    exchange_id: int
    customer_id: int
    name: str
    phone: str


def list_partners(*, include_archived: bool = False) -> list[PartnerRow]:
    where = "" if include_archived else "WHERE p.archived = ?"
    sql = f"""SELECT p.id, p.name, p.kind, p.contact_person, p.phone, p.terms, p.notes, p.archived,
        (SELECT count(*) FROM partner_referral x WHERE x.partner_id = p.id AND x.direction = 'from_partner'),
        (SELECT count(*) FROM partner_referral x WHERE x.partner_id = p.id AND x.direction = 'to_partner'),
        (SELECT coalesce(sum(s.amount), 0) FROM partner_spend s JOIN partner_referral x
           ON x.id = s.referral_id WHERE x.partner_id = p.id)
        FROM partner p {where} ORDER BY p.archived, p.name"""
    return [PartnerRow(int(r[0]), str(r[1]), str(r[2]), str(r[3] or ""), str(r[4] or ""),
                       str(r[5] or ""), str(r[6] or ""), bool(r[7]), int(r[8]), int(r[9]),
                       float(r[10] or 0))
            for r in database.execute_sql(sql, [] if include_archived else [False])]  # fmt: skip


def get_partner(partner_id: int) -> PartnerRow:
    for p in list_partners(include_archived=True):
        if p.id == partner_id:
            return p
    raise NotFoundError(render(Msg("referrals.partner_missing", {"id": partner_id})))


def find_partner(name: str) -> PartnerRow:
    """A partner by its exact name, else the one whose name contains *name*."""
    text = name.strip().casefold()
    everyone = list_partners(include_archived=True)
    exact = [p for p in everyone if p.name.casefold() == text]
    found = exact or [p for p in everyone if text and text in p.name.casefold()]
    if not found:
        raise ValidationError("partner", render(Msg("referrals.partner_unknown", {"name": name})))
    if len(found) > 1:
        raise ValidationError("partner", render(Msg("referrals.partner_ambiguous", {
            "name": name, "names": ", ".join(p.name for p in found)})))  # fmt: skip
    return found[0]


def exchanges(partner_id: int) -> list[ExchangeRow]:
    """Customers exchanged with the partner, newest first, with their spend so far."""
    sql = """SELECT x.id, x.partner_id, x.customer_id, c.name, c.phone, x.direction, x.date,
        CASE WHEN x.direction = 'to_partner'
             THEN (SELECT coalesce(sum(s.amount), 0) FROM partner_spend s WHERE s.referral_id = x.id)
             ELSE (SELECT coalesce(sum(v.amount), 0) FROM visit v WHERE v.customer_id = x.customer_id
                   AND v.date >= x.date) END, x.notes
        FROM partner_referral x JOIN customer c ON c.id = x.customer_id
        WHERE x.partner_id = ? ORDER BY x.date DESC, x.id DESC"""
    return [ExchangeRow(int(r[0]), int(r[1]), int(r[2]), str(r[3]), str(r[4] or ""), str(r[5]),
                        to_date(r[6]), float(r[7] or 0), str(r[8] or ""))  # type: ignore[arg-type]
            for r in database.execute_sql(sql, [partner_id])]  # fmt: skip


def exchanged_by(end: date, partner_id: int) -> list[ExchangeRow]:
    """The partner's exchanges made on or before *end* (spend left at 0: see payments)."""
    return [x for x in exchanges(partner_id) if x.date <= end]


def payments(partner_id: int, start: date, end: date) -> list[Payment]:
    """Every dated amount in [start, end] of the partner's exchanges: visits at the
    dealership (on or after the referral) for customers it sent us, the reported spend
    for customers we sent it."""
    span = [start.isoformat(), end.isoformat()]
    rows = database.execute_sql(
        """SELECT x.id, v.date, v.amount FROM partner_referral x
           JOIN visit v ON v.customer_id = x.customer_id AND v.date >= x.date
           WHERE x.partner_id = ? AND x.direction = 'from_partner' AND v.date >= ? AND v.date <= ?
           UNION ALL
           SELECT x.id, s.date, s.amount FROM partner_referral x
           JOIN partner_spend s ON s.referral_id = x.id
           WHERE x.partner_id = ? AND x.direction = 'to_partner' AND s.date >= ? AND s.date <= ?""",
        [partner_id, *span, partner_id, *span],
    )
    return [Payment(int(r[0]), to_date(r[1]), float(r[2] or 0)) for r in rows]  # type: ignore[arg-type]


def sent_to_partner(partner_id: int) -> list[CustomerKey]:
    rows = database.execute_sql(
        "SELECT x.id, c.id, c.name, c.phone FROM partner_referral x JOIN customer c"
        " ON c.id = x.customer_id WHERE x.partner_id = ? AND x.direction = 'to_partner'",
        [partner_id])  # fmt: skip
    return [CustomerKey(int(r[0]), int(r[1]), str(r[2]), str(r[3] or "")) for r in rows]


# -- writes ----------------------------------------------------------------------------
def clean_partner(fields: dict[str, Any]) -> dict[str, Any]:
    """The partner's fields validated (name required, kind from the word list)."""
    region = get_setting("phone_region", "CN")
    kind = str(fields.get("kind") or PartnerKind.OTHER)
    contact = validate_text(fields.get("contact_person"), "contact_person", max_len=80)
    return {
        "name": validate_text(fields.get("name"), "name", required=True, max_len=120),
        "kind": validate_choice(kind, "kind", tuple(PartnerKind)),
        "contact_person": contact or None,
        "phone": normalize_phone(fields.get("phone"), region, field="phone"),
        "terms": validate_text(fields.get("terms"), "terms", max_len=2000) or None,
        "notes": validate_text(fields.get("notes"), "notes", max_len=4000) or None,
    }


def save_partner(partner_id: int | None, fields: dict[str, Any], *,
                 staff_id: int | None = None) -> int:  # fmt: skip
    values = clean_partner(fields)
    with database.atomic():
        if partner_id is None:
            partner_id = int(Partner.create(**values).id)
            audit.record("create", "partner", partner_id, values, staff_id)
        else:
            get_partner(partner_id)
            Partner.update(**values).where(Partner.id == partner_id).execute()
            audit.record("update", "partner", partner_id, values, staff_id)
    return partner_id


def set_archived(partner_id: int, archived: bool, *, staff_id: int | None = None) -> None:
    get_partner(partner_id)
    with database.atomic():
        Partner.update(archived=archived).where(Partner.id == partner_id).execute()
        audit.record("archive" if archived else "restore", "partner", partner_id, {}, staff_id)


def add_exchange(partner_id: int, customer_id: int | None, direction: str, *, on: date,
                 today: date, notes: str = "", staff_id: int | None = None) -> int:  # fmt: skip
    get_partner(partner_id)
    customer = Customer.get_or_none(Customer.id == customer_id) if customer_id else None
    if customer is None:
        raise ValidationError(
            "customer_id", render(Msg("referrals.no_customer", {"id": customer_id}))
        )
    direction = validate_choice(direction, "direction", tuple(D))
    day = validate_date(on, "date", required=True, not_after=today)
    if PartnerReferral.select().where(
        (PartnerReferral.partner == partner_id) & (PartnerReferral.customer == customer.id)
        & (PartnerReferral.direction == direction)).exists():  # fmt: skip
        raise ValidationError("customer_id", render(Msg("referrals.partner_exchange_twice",
                                                        {"name": customer.name})))  # fmt: skip
    with database.atomic():
        row = PartnerReferral.create(partner=partner_id, customer=customer.id, direction=direction,
                                     date=day, notes=validate_text(notes, "notes", max_len=2000) or None)  # fmt: skip
        if direction == D.FROM_PARTNER and customer.partner_id is None:
            Customer.update(partner=partner_id).where(Customer.id == customer.id).execute()
        audit.record("create", "partner_referral", row.id,
                     {"partner": partner_id, "customer": customer.id, "direction": direction},
                     staff_id)  # fmt: skip
    return int(row.id)


def add_spends(rows: Sequence[tuple[int, date, float, str]], *, source: str,
               staff_id: int | None = None) -> int:  # fmt: skip
    """Reported spend rows (exchange id, day, amount, note), all or none; the caller
    validated them. Only customers we sent to the partner carry reported spend."""
    ids = sorted({r[0] for r in rows})
    known = {x.id: x.direction for x in PartnerReferral.select(
        PartnerReferral.id, PartnerReferral.direction).where(PartnerReferral.id.in_(ids))}  # fmt: skip
    for exchange_id, _day, amount, _note in rows:
        if exchange_id not in known:
            raise ValidationError("referral_id", f"no partner referral #{exchange_id}")
        if known[exchange_id] != D.TO_PARTNER:
            raise ValidationError("referral_id", render(Msg("referrals.spend_direction")))
        validate_amount(amount, "amount")
    with database.atomic():
        for exchange_id, day, amount, note in rows:
            PartnerSpend.create(referral=exchange_id, date=day, amount=round(amount, 2),
                                source=source, notes=note or None)  # fmt: skip
        audit.record("spend", "partner_referral", ids[0] if len(ids) == 1 else None,
                     {"rows": len(rows), "total": round(sum(r[2] for r in rows), 2),
                      "source": source}, staff_id)  # fmt: skip
    return len(rows)


def move_exchanges(keep: int, drop: int) -> int:
    """A merge (``merge_store``): *drop*'s partner exchanges become *keep*'s. Where both
    were exchanged with the same partner the same way, *keep*'s row stays and takes the
    other's reported spend. The caller holds the transaction; returns the rows moved."""
    moved = 0
    rows = database.execute_sql(
        "SELECT id, partner_id, direction FROM partner_referral WHERE customer_id = ?", (drop,)
    )
    for xid, partner_id, direction in list(rows):
        twin = database.execute_sql(
            "SELECT id FROM partner_referral WHERE customer_id = ? AND partner_id = ?"
            " AND direction = ?",
            (keep, partner_id, direction),
        ).fetchone()
        if twin is None:
            database.execute_sql(
                "UPDATE partner_referral SET customer_id = ? WHERE id = ?", (keep, xid)
            )
        else:
            database.execute_sql(
                "UPDATE partner_spend SET referral_id = ? WHERE referral_id = ?", (twin[0], xid)
            )
            database.execute_sql("DELETE FROM partner_referral WHERE id = ?", (xid,))
        moved += 1
    return moved
