"""The label of a word-list code (``dealerdesk.vocab``), in the current language.

``label(RiskBand.HIGH)`` → "High risk" / "高风险"; ``label_of(Segment, "fading")`` for a
code read from the database (an unknown code comes back as it is, never as a crash). The
result is plain text: a rich-text widget escapes it once, a plain label not at all.
"""

from __future__ import annotations

import re
from enum import StrEnum

from dealerdesk.i18n import CATALOG, Msg, render

__all__ = ["label", "label_of", "list_key"]


def list_key(kind: type[StrEnum]) -> str:
    """``RiskBand`` → ``risk_band`` (the catalog's ``vocab.<list>`` part)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind.__name__).lower()


def label(member: StrEnum) -> str:
    return label_of(type(member), member.value)


def label_of(kind: type[StrEnum], code: str | None) -> str:
    if not code:
        return ""
    key = f"vocab.{list_key(kind)}.{code}"
    return render(Msg(key)) if key in CATALOG else str(code)
