"""Membership cards (会员卡): the card's tier beside the 80/20 suggestion (issue #14).

Why two tiers: the suggestion is arithmetic (``segments.tier_for`` on 24-month spend)
and moves every time scores are rebuilt; the card is a promise a person made to a
customer. So the card holds what the staff set, the suggestion is shown beside it, and
only a person closes the gap (``accept_suggestion``). A rescore (``rescored``) changes
the suggestion and nothing else: it never undoes a tier set by hand.

Pure: no database, no Qt. The store keeps ``tier`` and ``overridden``; the suggestion is
read from the score cache.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from dealerdesk.errors import ValidationError
from dealerdesk.retention.segments import TierCut, tier_for
from dealerdesk.vocab.retention import ValueTier

__all__ = [
    "CARD_NUMBER_PATTERN", "MAX_TIER_NAME", "CardTier", "accept_suggestion", "card_number",
    "check_card_number", "check_tier_names", "issue", "rescored", "set_by_hand",
    "suggest_tier",
]  # fmt: skip

CARD_NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{3,23}$")  # 4–24, printable on a card
MAX_TIER_NAME = 20
CARD_SERIAL_DIGITS = 6


@dataclass(frozen=True, slots=True)
class CardTier:
    """A card's tier and the suggestion beside it.

    ``suggested`` is None before the customer is first scored; ``overridden`` says a
    person chose a tier other than the suggestion of that moment.
    """

    tier: ValueTier
    suggested: ValueTier | None
    overridden: bool

    @property
    def differs(self) -> bool:
        """The suggestion and the card disagree: the card goes on the review list."""
        return self.suggested is not None and self.suggested != self.tier


def suggest_tier(spend_24m: float, cut: TierCut) -> ValueTier:
    """The 80/20 suggestion for a 24-month spend under the population's cut."""
    return tier_for(spend_24m, cut)


def issue(suggested: ValueTier | None, tier: ValueTier | None = None) -> CardTier:
    """A new card: the suggested tier unless a person picked one (Standard unscored)."""
    if tier is None:
        return CardTier(suggested or ValueTier.STANDARD, suggested, False)
    return set_by_hand(CardTier(tier, suggested, False), tier)


def set_by_hand(card: CardTier, tier: ValueTier) -> CardTier:
    """A person sets the tier: an override when it is not what is suggested now."""
    return replace(
        card, tier=tier, overridden=card.suggested is not None and tier != card.suggested
    )


def accept_suggestion(card: CardTier) -> CardTier:
    """The one-click fix on the review list: the card takes the suggestion."""
    if card.suggested is None:
        return card
    return replace(card, tier=card.suggested, overridden=False)


def rescored(card: CardTier, suggested: ValueTier | None) -> CardTier:
    """Scores were rebuilt: only the suggestion moves; the card keeps what a person set."""
    return replace(card, suggested=suggested)


def card_number(issued_on: date, serial: int) -> str:
    """The number printed on a new card: issue year and a serial, ``2026000042``."""
    return f"{issued_on.year}{serial:0{CARD_SERIAL_DIGITS}d}"


def check_card_number(value: str) -> str:
    """A typed card number (a pre-printed card), upper-cased; raises naming the field."""
    number = (value or "").strip().upper()
    if not CARD_NUMBER_PATTERN.match(number):
        raise ValidationError("card_number", "use 4 to 24 letters, digits or dashes")
    return number


def check_tier_names(names: Mapping[str, str]) -> dict[str, str]:
    """The dealership's own names for the three tiers ("钻石卡", "金卡"…): blank keeps
    the standard label; names must be short and tell the tiers apart."""
    out: dict[str, str] = {}
    for code, name in names.items():
        if code not in tuple(ValueTier):
            raise ValidationError("tier_names", f"“{code}” is not a tier")
        name = (name or "").strip()
        if len(name) > MAX_TIER_NAME:
            raise ValidationError(f"tier_{code}", f"is too long (at most {MAX_TIER_NAME})")
        if name:
            out[code] = name
    if len(set(out.values())) != len(out):
        raise ValidationError("tier_names", "two tiers may not have the same name")
    return out
