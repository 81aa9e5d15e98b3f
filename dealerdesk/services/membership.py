"""Membership cards (会员卡, issue #14): issue, change, review against the 80/20 cut.

The card says what the staff promised; the suggestion (the score cache's value tier) is
shown beside it and only a person moves the card (``accept_suggestions``). The rules
of that are pure, in :mod:`dealerdesk.retention.membership`; this module validates,
writes in one transaction with an audit row, and returns plain records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import t as t_
from dealerdesk.retention import membership as rules
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import card_store
from dealerdesk.store.db import write_transaction
from dealerdesk.vocab.retention import ValueTier

__all__ = ["Card", "accept_suggestions", "card_of", "card_tiers", "cards", "issue_card",
           "remove_card", "set_tier_names", "tier_name", "tier_names", "update_card"]  # fmt: skip

MAX_BENEFITS = 500


@dataclass(frozen=True, slots=True)
class Card:
    """A card as the screens show it; ``*_name``: the dealership's word for the tier."""

    customer_id: int
    customer_name: str
    tier: str
    tier_name: str
    suggested: str  # '' before the customer is first scored
    suggested_name: str
    overridden: bool
    card_number: str
    issued_on: date
    benefits: str
    spend_24m: float

    @property
    def differs(self) -> bool:
        return bool(self.suggested) and self.suggested != self.tier


def custom_tier_names() -> dict[str, str]:
    """Only the names the dealership chose (blank: the standard label)."""
    return card_store.tier_names()


def tier_names() -> dict[str, str]:
    """Every tier's display name: the dealership's own, else the standard label."""
    own = card_store.tier_names()
    return {t.value: own.get(t.value) or t_(f"accounts.card_tier.{t.value}") for t in ValueTier}


def tier_name(code: str, names: Mapping[str, str] | None = None) -> str:
    if not code:
        return ""
    return (names if names is not None else tier_names()).get(code, code)


def set_tier_names(names: Mapping[str, str], *, staff_id: int | None = None) -> Changed:
    clean = rules.check_tier_names(names)
    with write_transaction():
        card_store.set_tier_names(clean, staff_id=staff_id)
    return changed("setting", "membership_card")


def _card(row: card_store.CardRow, names: Mapping[str, str]) -> Card:
    return Card(row.customer_id, row.customer_name, row.tier, tier_name(row.tier, names),
                row.suggested, tier_name(row.suggested, names), row.overridden, row.card_number,
                row.issued_on, row.benefits, row.spend_24m)  # fmt: skip


def card_of(customer_id: int) -> Card | None:
    row = card_store.card_of(customer_id)
    return None if row is None else _card(row, tier_names())


def suggested_tier(customer_id: int) -> str:
    """The 80/20 suggestion for a customer without a card ('' when not scored)."""
    return card_store.suggested_tier(customer_id)


CARD_LIMIT = card_store.CARD_LIMIT


def cards(*, differing_only: bool = False) -> list[Card]:
    names = tier_names()
    rows = card_store.cards(differing_only=differing_only, limit=CARD_LIMIT)
    return [_card(r, names) for r in rows]


def card_tiers(customer_ids: Iterable[int]) -> dict[int, tuple[str, bool]]:
    """(card tier, set by hand) for the customers that have a card."""
    return card_store.tiers_by_customer(customer_ids)


def _tier(value: str | None) -> ValueTier | None:
    if value in (None, ""):
        return None
    try:
        return ValueTier(value)
    except ValueError:
        raise ValidationError("tier", f"“{value}” is not one of {', '.join(ValueTier)}") from None


def _benefits(text: str | None) -> str | None:
    text = (text or "").strip()
    if len(text) > MAX_BENEFITS:
        raise ValidationError(
            "benefits", f"is too long ({len(text)} characters, at most {MAX_BENEFITS})"
        )
    return text or None


def _issued(day: date | None, today: date) -> date:
    day = day or today
    if day > today:
        raise ValidationError("issued_on", "is in the future")
    return day


def issue_card(customer_id: int, *, today: date, tier: str | None = None, card_number: str = "",
               benefits: str = "", issued_on: date | None = None,
               staff_id: int | None = None) -> Changed:  # fmt: skip
    """A new card: the suggested tier unless *tier* is given (then an override if it
    differs); a blank number gets the next one of the issue year."""
    chosen = _tier(tier)
    issued = _issued(issued_on, today)
    text = _benefits(benefits)
    number = rules.check_card_number(card_number) if card_number.strip() else ""
    with write_transaction():
        suggested = _tier(card_store.suggested_tier(customer_id))
        card = rules.issue(suggested, chosen)
        if not number:
            serial = card_store.cards_issued_in(issued.year) + 1
            number = rules.card_number(issued, serial)
            while card_store.number_taken(number):
                serial += 1
                number = rules.card_number(issued, serial)
        card_store.insert_card(customer_id=customer_id, tier=card.tier.value, card_number=number,
                               issued_on=issued, benefits=text, overridden=card.overridden,
                               staff_id=staff_id)  # fmt: skip
    return changed("membership_card", customers=(customer_id,))


def update_card(customer_id: int, *, today: date, tier: str | None = None,
                card_number: str | None = None, benefits: str | None = None,
                issued_on: date | None = None, staff_id: int | None = None) -> Changed:  # fmt: skip
    """Change what a person changed; a new tier is an override when it is not the
    suggestion of now (and stops being one when it is)."""
    values: dict[str, object] = {}
    if card_number is not None:
        values["card_number"] = rules.check_card_number(card_number)
    if benefits is not None:
        values["benefits"] = _benefits(benefits)
    if issued_on is not None:
        values["issued_on"] = _issued(issued_on, today)
    chosen = _tier(tier)
    with write_transaction():
        row = card_store.card_of(customer_id)
        if row is None:
            raise ValidationError("customer_id", "this customer has no card yet")
        if chosen is not None and chosen != row.tier:
            now = rules.CardTier(ValueTier(row.tier), _tier(row.suggested), row.overridden)
            after = rules.set_by_hand(now, chosen)
            values.update(tier=after.tier.value, overridden=after.overridden)
        if values:
            card_store.update_card(customer_id, values, staff_id=staff_id)
    return changed("membership_card", customers=(customer_id,))


def accept_suggestions(customer_ids: Iterable[int], *, staff_id: int | None = None) -> Changed:
    """The review list's one click: each card takes its suggestion (no-op when equal)."""
    done: list[int] = []
    with write_transaction():
        for cid in sorted(set(customer_ids)):
            row = card_store.card_of(cid)
            if row is None or not row.suggested:
                continue
            now = rules.CardTier(ValueTier(row.tier), ValueTier(row.suggested), row.overridden)
            after = rules.accept_suggestion(now)
            if after != now:
                card_store.update_card(cid, {"tier": after.tier.value, "overridden": False},
                                       staff_id=staff_id)  # fmt: skip
                done.append(cid)
    return changed("membership_card", customers=tuple(done))


def remove_card(customer_id: int, *, staff_id: int | None = None) -> Changed:
    with write_transaction():
        card_store.delete_card(customer_id, staff_id=staff_id)
    return changed("membership_card", customers=(customer_id,))
