"""Membership cards in the database (issue #14): one card per customer.

The card's tier is what the staff set; the suggestion is read from ``customer_score``
(the scoring run writes only there), so nothing here ever moves a card by itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import JOIN, IntegrityError, fn

from dealerdesk.errors import NotFoundError, ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.store import audit
from dealerdesk.store.convert import to_date
from dealerdesk.store.db import database
from dealerdesk.store.models import Customer, CustomerScore, MembershipCard
from dealerdesk.store.settings_store import get_setting, set_setting

TIER_NAMES_KEY = "membership.tier_names"


@dataclass(frozen=True, slots=True)
class CardRow:
    """A card with its customer and the suggestion beside it ('' when not scored)."""

    customer_id: int
    customer_name: str
    tier: str
    suggested: str
    overridden: bool
    card_number: str
    issued_on: date
    benefits: str
    spend_24m: float


def _select() -> Any:
    return (
        MembershipCard.select(
            MembershipCard.customer,
            Customer.name,
            MembershipCard.tier,
            fn.COALESCE(CustomerScore.tier, ""),
            MembershipCard.overridden,
            MembershipCard.card_number,
            MembershipCard.issued_on,
            fn.COALESCE(MembershipCard.benefits, ""),
            fn.COALESCE(CustomerScore.spend_24m, 0),
        )
        .join(Customer, on=(Customer.id == MembershipCard.customer))
        .join(CustomerScore, JOIN.LEFT_OUTER, on=(CustomerScore.customer == Customer.id))
    )


def _row(r: tuple[Any, ...]) -> CardRow:
    issued = to_date(r[6])
    assert issued is not None
    return CardRow(int(r[0]), r[1], r[2], r[3], bool(r[4]), r[5], issued, r[7], float(r[8]))


def card_of(customer_id: int) -> CardRow | None:
    rows = _select().where(MembershipCard.customer == customer_id).tuples()
    return next((_row(r) for r in rows), None)


def suggested_tier(customer_id: int) -> str:
    """The scoring run's tier for the customer ('' before the first scoring)."""
    row = CustomerScore.get_or_none(CustomerScore.customer == customer_id)
    return row.tier if row else ""


CARD_LIMIT = 5000  # rows a card list shows at most (the screen says when it is cut)


def cards(*, differing_only: bool = False, limit: int = CARD_LIMIT) -> list[CardRow]:
    """Cards by customer name; *differing_only*: the review list (suggestion ≠ card)."""
    query = _select().where(Customer.archived == False)  # noqa: E712
    if differing_only:
        query = query.where(
            CustomerScore.tier.is_null(False) & (CustomerScore.tier != MembershipCard.tier)
        )
    return [_row(r) for r in query.order_by(Customer.sort_name, Customer.id).limit(limit).tuples()]


def tiers_by_customer(customer_ids: Iterable[int]) -> dict[int, tuple[str, bool]]:
    """Card tier and 'overridden' per customer that has a card (for the Customers list)."""
    ids = list(customer_ids)
    if not ids:
        return {}
    out: dict[int, tuple[str, bool]] = {}
    for i in range(0, len(ids), 500):
        q = MembershipCard.select(MembershipCard.customer, MembershipCard.tier,
                                  MembershipCard.overridden).where(
            MembershipCard.customer.in_(ids[i : i + 500])).tuples()  # fmt: skip
        out.update({int(c): (t, bool(o)) for c, t, o in q})
    return out


def _customer_ok(customer_id: int) -> None:
    if (
        not Customer.select()
        .where((Customer.id == customer_id) & (Customer.archived == False))  # noqa: E712
        .exists()
    ):
        raise NotFoundError(f"Customer {customer_id} does not exist.")


def number_taken(number: str, *, not_customer: int | None = None) -> bool:
    q = MembershipCard.select().where(MembershipCard.card_number == number)
    if not_customer is not None:
        q = q.where(MembershipCard.customer != not_customer)
    return bool(q.exists())


def cards_issued_in(year: int) -> int:
    start, end = date(year, 1, 1), date(year, 12, 31)
    return int(MembershipCard.select().where(MembershipCard.issued_on.between(start, end)).count())


def insert_card(*, customer_id: int, tier: str, card_number: str, issued_on: date,
                benefits: str | None, overridden: bool, staff_id: int | None) -> None:  # fmt: skip
    """A new card (the caller holds the transaction); a second card is refused."""
    _customer_ok(customer_id)
    if MembershipCard.select().where(MembershipCard.customer == customer_id).exists():
        raise ValidationError("customer_id", "this customer already has a card")
    _check_free(card_number, None)
    try:
        with database.atomic():
            card = MembershipCard.create(customer=customer_id, tier=tier, card_number=card_number,
                                         issued_on=issued_on, benefits=benefits,
                                         overridden=overridden)  # fmt: skip
    except IntegrityError as exc:  # another desk took the number a moment ago
        raise ValidationError("card_number", render(Msg("accounts.card_taken",
                                                        {"number": card_number}))) from exc  # fmt: skip
    audit.record("create", "card", card.id, {"customer": customer_id, "tier": tier,
                                             "number": card_number}, staff_id)  # fmt: skip


def _check_free(number: str, customer_id: int | None) -> None:
    if number_taken(number, not_customer=customer_id):
        raise ValidationError("card_number", render(Msg("accounts.card_taken", {"number": number})))


def update_card(customer_id: int, values: dict[str, Any], *, staff_id: int | None) -> None:
    """Change a card's tier/overridden/number/benefits/issue date (caller's transaction)."""
    card = MembershipCard.get_or_none(MembershipCard.customer == customer_id)
    if card is None:
        raise NotFoundError(f"Customer {customer_id} has no card.")
    if "card_number" in values:
        _check_free(values["card_number"], customer_id)
    for key, value in values.items():
        setattr(card, key, value)
    try:
        with database.atomic():
            card.save()
    except IntegrityError as exc:
        raise ValidationError("card_number", render(Msg("accounts.card_taken", {
            "number": values.get("card_number", "")}))) from exc  # fmt: skip
    audit.record("update", "card", card.id, {k: str(v) for k, v in values.items()}, staff_id)


def delete_card(customer_id: int, *, staff_id: int | None) -> bool:
    card = MembershipCard.get_or_none(MembershipCard.customer == customer_id)
    if card is None:
        return False
    card.delete_instance()
    audit.record("delete", "card", card.id, {"customer": customer_id}, staff_id)
    return True


def tier_names() -> dict[str, str]:
    try:
        names = json.loads(get_setting(TIER_NAMES_KEY, "{}"))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def set_tier_names(names: dict[str, str], *, staff_id: int | None) -> None:
    set_setting(TIER_NAMES_KEY, json.dumps(names, ensure_ascii=False, sort_keys=True))
    audit.record("set", "setting", None, {TIER_NAMES_KEY: names}, staff_id)
