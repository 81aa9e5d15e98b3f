"""Plain input records for the PDF reports, plus phone masking.

The reports take frozen dataclasses rather than database rows so that they can be
built (and tested) without a store, a Qt event loop or any other package: the
services layer converts whatever it has into these records and hands them over.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dealerdesk.i18n import Msg, t
from dealerdesk.i18n import fmt_money as i18n_money

__all__ = [
    "AgendaItem",
    "AgendaReport",
    "AtRiskReport",
    "AtRiskRow",
    "fmt_date",
    "fmt_money",
    "mask_phone",
    "pdf_text",
]


@dataclass(frozen=True, slots=True)
class AtRiskRow:
    """One ranked customer in the at-risk table."""

    rank: int
    name: str
    tier: str  # a ValueTier code; the PDF shows its label
    score: int
    reasons: tuple[Msg | str, ...]  # the score record's, rendered in the PDF's language
    suggested_action: Msg | str
    owner: str
    phone: str
    last_contact: date | None
    spend_24m: float


@dataclass(frozen=True, slots=True)
class AtRiskReport:
    """Everything the at-risk PDF shows; totals are precomputed by the caller.

    ``by_tier`` holds ``(tier, count at risk, spend at stake)`` and
    ``score_histogram`` holds ``(band label such as "0–19", customers)`` for all
    scored customers, in the order they should be drawn.
    """

    dealership: str
    today: date
    rows: tuple[AtRiskRow, ...]
    total_customers: int
    at_risk_count: int
    spend_at_stake: float
    by_tier: tuple[tuple[str, int, float], ...]
    score_histogram: tuple[tuple[str, int], ...]
    mask_phones: bool = False
    currency: str = "CNY"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One follow-up on the printed agenda; ``overdue_days`` > 0 means overdue."""

    due: date
    overdue_days: int
    customer: str
    phone: str
    kind: str
    reason: str
    vehicle: str
    assignee: str
    last_contact: date | None


@dataclass(frozen=True, slots=True)
class AgendaReport:
    """The agenda for ``today``; items come best first (``retention.priority``) and the
    PDF keeps that order within each group."""

    dealership: str
    today: date
    items: tuple[AgendaItem, ...]
    mask_phones: bool = False
    later: int = 0  # issue #7: follow-ups past the day's capacity, counted, not listed
    catchup: int = 0  # waiting on the one-time catch-up list


_CC_SPLIT = re.compile(r"^\+(\d{1,3})[\s\-.()]+(.*)$")


def _country_code(digits: str) -> str:
    """Guess the country code of a '+' number written without separators.

    Only a heuristic: China (86) and NANP (1) are what this desk sees; anything
    else keeps two digits, which at worst shows one digit more than ideal.
    """
    if digits.startswith("86"):
        return "86"
    if digits.startswith("1"):
        return "1"
    return digits[:2]


def _mask_digits(digits: str) -> str:
    """Keep a few leading/trailing digits so staff can still tell numbers apart."""
    n = len(digits)
    if n >= 10:
        head, tail = 3, 4
    elif n >= 3:
        head = tail = max(1, n // 4)
    else:
        head = tail = 0
    return digits[:head] + "*" * (n - head - tail) + digits[n - tail :]


def mask_phone(phone: str) -> str:
    """Mask the middle of a phone number for printouts that may leave the desk.

    "13912345678" -> "139****5678"; "+86 139 1234 5678" -> "+86 139****5678";
    short numbers keep only their ends ("62345678" -> "62****78"); an empty
    string stays empty and text without digits is returned unchanged.
    """
    text = phone.strip()
    if not text:
        return ""
    prefix = ""
    if text.startswith("+"):
        match = _CC_SPLIT.match(text)
        if match:
            prefix, rest = f"+{match.group(1)} ", match.group(2)
        else:
            digits = re.sub(r"\D", "", text)
            code = _country_code(digits)
            prefix, rest = f"+{code} ", digits[len(code) :]
    else:
        rest = text
    digits = re.sub(r"\D", "", rest)
    if not digits:
        return text
    return prefix + _mask_digits(digits)


# Characters the UniGB-UCS2-H CMap does not map (they print as a missing glyph),
# replaced by ones it does; U+30FB even extracts back as U+00B7 "·".
_SUBSTITUTES = str.maketrans(
    {
        # "·" (U+00B7) is in the embedded font and stays: "约翰·史密斯".
        "\u2022": "\u30fb",
        "\u2027": "\u30fb",
        "\u2219": "\u30fb",
        "\u22c5": "\u30fb",
        "\u2713": "\u221a",
        "\u2714": "\u221a",
        "\u2610": "\u25a1",
        "\u00df": "ss",
        "\u00c6": "AE",
        "\u00e6": "ae",
        "\u00d8": "O",
        "\u00f8": "o",
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
    }
)


@lru_cache(maxsize=1024)
def _fold_latin(ch: str) -> str:
    """Accented Latin letters outside GB 2312 lose their accent rather than vanish."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return ch


def pdf_text(text: str) -> str:
    """Make ``text`` printable in the report font (e.g. "约翰·史密斯", "Björn")."""
    text = text.translate(_SUBSTITUTES)
    if text.isascii():
        return text
    return "".join(_fold_latin(c) if "\u00c0" <= c <= "\u024f" else c for c in text)


def fmt_money(amount: float, currency: str) -> str:
    """Whole currency units with thousands separators: managers read totals, not cents.

    Yuan are written ``¥1,234`` as the window writes them (``dealerdesk.i18n.fmt_money``);
    any other currency keeps its ISO code in front."""
    if currency == "CNY":
        return i18n_money(amount)
    return f"{currency} {amount:,.0f}"


def fmt_date(day: date | None) -> str:
    """ISO dates sort and read the same everywhere; a missing contact reads "never"."""
    return day.isoformat() if day else t("pdf.never")
