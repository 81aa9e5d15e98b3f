"""The five-factor loyalty index and the Net Promoter Score.

DESIGN.md: loyalty has five parts and "must be measured, not assumed". A survey asks:

1. overall satisfaction (1–5),
2. the customer's own initiative to keep and deepen the relationship (1–5),
3. intent to buy again (1–5),
4. willingness to recommend (0–10: the NPS question),
5. resistance to competitors' offers (1–5).

**Loyalty index** (0–100): each answered factor is put on a 0–1 scale — a 1–5 answer
``x`` as ``(x − 1) / 4``, the 0–10 recommendation ``r`` as ``r / 10`` — and the index is
100 × the mean of those, every factor weighing the same (20% each), rounded to a whole
number::

    LI = round(100 × mean((s−1)/4, (i−1)/4, (b−1)/4, r/10, (c−1)/4))

Unanswered factors are left out of the mean; with fewer than three answered the index
is not given (None), since one or two answers do not measure loyalty. All 5s and a 10
give 100, all 1s and a 0 give 0, all 3s and a 5 give 50. A survey kept from before the
0–10 question (a 1–5 ``recommend``) uses that answer on the 1–5 scale instead.

**NPS**: % promoters (9–10) minus % detractors (0–6) of the 0–10 answers, −100…100
(``dealerdesk.retention.metrics.nps``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dealerdesk.i18n import Msg
from dealerdesk.retention.metrics import NPSResult, nps

__all__ = ["MIN_ANSWERED", "NPSResult", "TrendPoint", "loyalty_index", "nps", "trend_words"]

MIN_ANSWERED = 3
FIVE_POINT = ("satisfaction", "initiative", "repurchase", "resistance")


def loyalty_index(
    *,
    satisfaction: int | None,
    initiative: int | None,
    repurchase: int | None,
    recommend: int | None,
    resistance: int | None,
    recommend_1_5: int | None = None,
) -> int | None:
    """The loyalty index 0–100 of one survey (formula in the module docstring).

    *recommend* is the 0–10 answer; *recommend_1_5* an old 1–5 answer used only when
    the 0–10 one is missing. Out-of-range answers raise ValueError.
    """
    parts: list[float] = []
    for name, value in zip(FIVE_POINT, (satisfaction, initiative, repurchase, resistance),
                           strict=True):  # fmt: skip
        if value is not None:
            if not 1 <= value <= 5:
                raise ValueError(f"{name} is answered 1–5, not {value}")
            parts.append((value - 1) / 4)
    if recommend is not None:
        if not 0 <= recommend <= 10:
            raise ValueError(f"recommend is answered 0–10, not {recommend}")
        parts.append(recommend / 10)
    elif recommend_1_5 is not None:
        if not 1 <= recommend_1_5 <= 5:
            raise ValueError(f"recommend (old scale) is answered 1–5, not {recommend_1_5}")
        parts.append((recommend_1_5 - 1) / 4)
    if len(parts) < MIN_ANSWERED:
        return None
    return round(100 * sum(parts) / len(parts))


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One survey on a customer's loyalty trend."""

    day: date
    index: int | None
    recommend: int | None


def trend_words(points: Sequence[TrendPoint]) -> Msg | None:
    """The customer's loyalty over time in a sentence: "Loyalty 80 (was 55), 3 surveys".

    *points* oldest first; surveys without an index are skipped.
    """
    scored = [p for p in points if p.index is not None]
    if not scored:
        return None
    last = scored[-1]
    if len(scored) == 1:
        return Msg("practices.loyalty.one", {"index": last.index, "day": last.day})
    first = scored[0]
    code = ("practices.loyalty.up" if last.index > first.index  # type: ignore[operator]
            else "practices.loyalty.down" if last.index < first.index  # type: ignore[operator]
            else "practices.loyalty.same")  # fmt: skip
    return Msg(code, {"index": last.index, "was": first.index, "n": len(scored),
                      "since": first.day})  # fmt: skip
