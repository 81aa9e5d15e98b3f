"""Win-back: how many tries, what the caller says on the last one, and why people leave.

DESIGN.md's cadence: a lost or lapsed customer gets at most 4 win-back calls (the limit
is the ``winback`` rule's second figure), the last one said to be the last — a customer
told "this is our last call" may answer, and one who is not is not pestered for ever.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dealerdesk.i18n import Msg
from dealerdesk.vocab.winback import LostReason

__all__ = ["DEFAULT_LIMIT", "ReasonCount", "TryState", "breakdown", "try_state"]

DEFAULT_LIMIT = 4


@dataclass(frozen=True, slots=True)
class TryState:
    """Where a customer is in the win-back tries.

    Attributes:
        made: tries already made; limit: the most there will be.
        next_try: the number of the next try, None when none is left.
        is_last: the next try is the last one (the caller says so).
    """

    made: int
    limit: int

    @property
    def next_try(self) -> int | None:
        return self.made + 1 if self.made < self.limit else None

    @property
    def is_last(self) -> bool:
        return self.made + 1 == self.limit

    @property
    def exhausted(self) -> bool:
        return self.made >= self.limit

    def words(self) -> Msg:
        """ "Try 2 of 4", "Last try (4 of 4): say this is our last call", or "No tries left"."""
        if self.exhausted:
            return Msg("practices.winback.no_tries_left", {"limit": self.limit})
        n = self.made + 1
        if self.is_last:
            return Msg("practices.winback.last_try", {"n": n, "limit": self.limit})
        return Msg("practices.winback.try", {"n": n, "limit": self.limit})


def try_state(made: int, limit: int | None = DEFAULT_LIMIT) -> TryState:
    """*made* tries so far against *limit* (None or below 1: the default 4)."""
    if made < 0:
        raise ValueError("tries made cannot be negative")
    return TryState(made, limit if limit and limit >= 1 else DEFAULT_LIMIT)


@dataclass(frozen=True, slots=True)
class ReasonCount:
    reason: LostReason | None  # None: left without a reason recorded
    count: int
    share: float


def breakdown(reasons: Iterable[str | None]) -> list[ReasonCount]:
    """ "Why customers leave": each reason's count and share, most frequent first (ties in
    the list's order); unknown codes count as "other", no reason as None, last."""
    counts: Counter[LostReason | None] = Counter()
    for code in reasons:
        if code is None or code == "":
            counts[None] += 1
        else:
            counts[
                LostReason(code) if code in LostReason._value2member_map_ else LostReason.OTHER
            ] += 1
    total = sum(counts.values())
    order = {r: i for i, r in enumerate(LostReason)}
    rows = sorted(counts.items(), key=lambda kv: (kv[0] is None, -kv[1], order.get(kv[0], 99)))  # type: ignore[arg-type]
    return [ReasonCount(r, n, n / total) for r, n in rows]
