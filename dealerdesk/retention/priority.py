"""The one priority of an open follow-up, and a desk's day cut to its capacity.

DESIGN "The desk's day": *Priority, in this order of weight: an open complaint or safety
recall; essential service (maintenance overdue, warranty or insurance about to end); the
customer's value tier and risk; then the due date.* That sentence is :func:`priority_key`,
and every list that ranks follow-ups uses it: Today, the Calendar's lists, the agenda
PDF, ``dealerdesk today`` and the contact-fatigue cap (which keeps the better task).

The key is a tuple compared lexicographically (smaller = do it first):

1. **urgency** (``URGENCY``): 0 an open complaint or a safety recall; 1 essential service
   (maintenance reminder, insurance renewal, inspection, warranty end) and a greeting
   *batch* (kind ``batch``: one list sent to many customers, bound to its day, so it is
   not pushed past its day by a backlog of calls); 2 any other call; 3 a single greeting
   (holiday, birthday, anniversary, personal date; on Today these come as batches).
2. **value and risk**, highest first: ``tier weight × (50 + risk score)``, where the tier
   weight is VIP 3, Gold 2, anything else 1 and the risk score is 0–100 (unknown: 0). A
   VIP at risk 80 (390) comes before a Gold at risk 90 (280) and a Standard at 100 (150);
   the +50 keeps value counting for customers nobody has scored yet.
3. **kind**: the cadence rule's own rank within its urgency (thank-you before week-one
   check-in before satisfaction call before stay-in-touch before trade-in…), so the
   fatigue cap keeps the check-in rather than a stay-in-touch call of the same customer.
4. **due date**, oldest first: what has waited longest.
5. the follow-up id, so equal keys still sort the same way every time.

Pure: plain values in, a tuple out; no clock, no database (tests/test_priority.py).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

__all__ = [
    "DEFAULT_CAPACITY", "ESSENTIAL_SERVICE", "GREETINGS", "KIND_RANK", "TIER_WEIGHT", "URGENCY",
    "DayCut", "PriorityInput", "cut_to_capacity", "priority_key", "ranked", "sort_key", "urgency",
    "value_risk",
]  # fmt: skip

D = TypeVar("D", int, str)

DEFAULT_CAPACITY = 40
"""Calls a desk makes in a day when nobody set another figure (DESIGN: 40–60)."""

URGENCY = {"complaint": 0, "essential": 1, "call": 2, "greeting": 3}
URGENT_KINDS = frozenset({"complaint", "recall"})
ESSENTIAL_SERVICE = frozenset(
    {"service_due", "insurance", "inspection", "warranty", "first_service"}
)  # issue #16: 首保 is a maintenance reminder
GREETINGS = frozenset({"holiday", "birthday", "anniversary", "personal_date"})
TIER_WEIGHT: Mapping[str, int] = {"VIP": 3, "Gold": 2, "Standard": 1}
# The cadence rules' ranks (rules.py ``priority``), for kinds no rule owns as well.
KIND_RANK: Mapping[str, int] = {
    "complaint": 0, "recall": 0, "batch": 0, "service_due": 1, "insurance": 2, "warranty": 3,
    "inspection": 4, "callback": 5, "manual": 6, "thanks": 10, "checkin": 20,
    "satisfaction": 30, "declined_work": 60, "winback": 65, "touch": 75, "campaign": 80,
    "trade_in": 85, "holiday": 90, "birthday": 91, "personal_date": 92, "anniversary": 93,
    "first_service": 1, "first_lapsed": 65, "new_owner": 6,  # issue #16
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PriorityInput:
    """What the priority reads of one follow-up (or one batch of greetings).

    Attributes:
        kind: the follow-up kind (``complaint``, ``service_due``, ``touch``…).
        due: its due date.
        tier: the customer's value tier (``VIP``/``Gold``/``Standard``, "" unknown).
        risk: the customer's risk score 0–100, None when not scored.
        id: a tie-breaker (the follow-up id).
    """

    kind: str
    due: date
    tier: str = ""
    risk: int | None = None
    id: int = 0


def urgency(kind: str) -> int:
    """0 complaint or recall, 1 essential service, 2 other calls, 3 greetings."""
    if kind in URGENT_KINDS:
        return URGENCY["complaint"]
    if kind in ESSENTIAL_SERVICE or kind == "batch":
        return URGENCY["essential"]
    if kind in GREETINGS:
        return URGENCY["greeting"]
    return URGENCY["call"]


def value_risk(tier: str, risk: int | None) -> int:
    """``tier weight × (50 + risk)``: the customer's worth of a call today (50–450)."""
    r = min(max(int(risk or 0), 0), 100)
    return TIER_WEIGHT.get(tier, 1) * (50 + r)


def priority_key(item: PriorityInput) -> tuple[int, int, int, int, int]:
    """The sort key of *item*: smaller comes first (see the module docstring)."""
    return sort_key(item.kind, item.due.toordinal(), item.tier, item.risk, item.id)


_KIND_PARTS: dict[str, tuple[int, int]] = {}  # kind -> (urgency, rank), filled on use


def sort_key(
    kind: str, due: D, tier: str, risk: int | None, id: int
) -> tuple[int, int, int, D, int]:
    """:func:`priority_key` from plain values, for lists of tens of thousands of rows read
    as tuples. *due* is anything that orders like the date: its ordinal, or the ISO text
    ``YYYY-MM-DD`` as the database stores it."""
    parts = _KIND_PARTS.get(kind)
    if parts is None:
        parts = _KIND_PARTS[kind] = (urgency(kind), KIND_RANK.get(kind, 70))
    r = 0 if risk is None else 0 if risk < 0 else 100 if risk > 100 else int(risk)
    return (parts[0], -TIER_WEIGHT.get(tier, 1) * (50 + r), parts[1], due, id)


T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class DayCut(Generic[T]):
    """One person's day: ``today`` (at most their capacity, best first) and ``later``
    (everything else, in the same order: counted and reachable, never dropped)."""

    capacity: int
    today: tuple[T, ...] = ()
    later: tuple[T, ...] = field(default_factory=tuple)


def cut_to_capacity(
    items: Iterable[T],
    *,
    key: Callable[[T], tuple[object, ...]],
    owner: Callable[[T], K],
    capacity: Callable[[K], int],
) -> dict[K, DayCut[T]]:
    """Rank *items* and cut each owner's list at their capacity.

    *key* gives an item's priority key (:func:`priority_key`, or :func:`sort_key` for
    rows read as tuples), *owner* whose list it is on, *capacity* how many calls that
    owner makes in a day (a negative figure counts as 0). Every item lands in exactly
    one list: ``today`` or ``later``.
    """
    lists: dict[K, list[tuple[tuple[object, ...], T]]] = {}
    for item in items:
        lists.setdefault(owner(item), []).append((key(item), item))
    out: dict[K, DayCut[T]] = {}
    for who, rows in lists.items():
        # Priority keys end with the id, so two never tie and items are never compared.
        rows.sort(key=_first)
        cap = max(0, capacity(who))
        ordered = [r[1] for r in rows]
        out[who] = DayCut(cap, tuple(ordered[:cap]), tuple(ordered[cap:]))
    return out


def _first(pair: tuple[tuple[object, ...], object]) -> tuple[object, ...]:
    return pair[0]


def ranked(items: Sequence[T], key: Callable[[T], PriorityInput]) -> list[T]:
    """*items* in priority order (a stable sort: equal keys keep their order)."""
    return sorted(items, key=lambda i: priority_key(key(i)))
