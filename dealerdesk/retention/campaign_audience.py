"""A campaign's audience: who matches the criteria, who is left out and why, the message.

Pure functions over plain facts the store loaded (``AudienceFacts``), so every rule is
tested without a database. The exclusions follow DESIGN.md's contact rules, checked in
this order, the first that applies being the reason shown:

1. **do not contact** — a customer who is lost, moved away, deceased or archived gets no
   marketing (the win-back calls are their business), and one with no phone, WeChat or
   e-mail cannot be reached at all;
2. **consent by purpose** — an invitation is marketing: it needs a channel the customer
   can be reached on and has not opted out of for marketing;
3. **fatigue cap** — at most ``cap`` non-essential contacts in ``days`` days (defaults
   2 in 30): contacts made lately plus follow-ups already planned in the window count,
   and one more invitation must still fit.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dealerdesk.i18n import Msg, fmt_date
from dealerdesk.vocab.campaigns import Exclusion
from dealerdesk.vocab.contact import Channel
from dealerdesk.vocab.customer import GONE_STATUSES

__all__ = [
    "TEMPLATE_FIELDS", "AudienceFacts", "Criteria", "Preview", "VehicleFacts",
    "check_template", "exclusion", "matches", "message", "preview", "response_rate",
    "split_list",
]  # fmt: skip

TEMPLATE_FIELDS = ("name", "model", "plate", "date")
NO_MARKETING = GONE_STATUSES  # lost, moved away, deceased: no campaign reaches them


@dataclass(frozen=True, slots=True)
class Criteria:
    """The audience a manager chose; an empty tuple or None means "any"."""

    tiers: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    lifecycles: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    makes: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    min_vehicle_age: float | None = None
    max_vehicle_age: float | None = None
    last_service_before: date | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in self.__slots__:  # type: ignore[attr-defined]
            value = getattr(self, key)
            if value in ((), None):
                continue
            out[key] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Criteria:
        values: dict[str, Any] = {}
        for key in cls.__slots__:  # type: ignore[attr-defined]
            if key not in data:
                continue
            value = data[key]
            if key == "last_service_before":
                values[key] = date.fromisoformat(value)
            elif key in ("min_vehicle_age", "max_vehicle_age"):
                values[key] = float(value)
            else:
                values[key] = tuple(value)
        return cls(**values)


@dataclass(frozen=True, slots=True)
class VehicleFacts:
    make: str
    model: str
    plate: str
    age_years: float | None  # from the purchase date, else the model year


@dataclass(frozen=True, slots=True)
class AudienceFacts:
    """What the audience rules need to know about one customer."""

    id: int
    name: str
    status: str = "active"
    archived: bool = False
    tier: str = ""
    segment: str = ""
    lifecycle: str = ""
    city: str = ""
    vehicles: tuple[VehicleFacts, ...] = ()
    last_service: date | None = None
    reachable: frozenset[str] = frozenset()  # channels with contact details
    opted_out: frozenset[tuple[str, str]] = frozenset()  # (channel, purpose)
    recent_contacts: int = 0  # non-essential, outbound, within the fatigue window
    planned: int = 0  # non-essential follow-ups pending within the window


def _fold(text: str) -> str:
    return text.strip().casefold()


def matches(c: AudienceFacts, k: Criteria) -> bool:
    """Whether *c* is in the audience *k* describes (before the exclusions)."""
    for wanted, value in ((k.tiers, c.tier), (k.segments, c.segment),
                          (k.lifecycles, c.lifecycle)):  # fmt: skip
        if wanted and value not in wanted:
            return False
    if k.cities and _fold(c.city) not in {_fold(x) for x in k.cities}:
        return False
    if k.last_service_before is not None and (
        c.last_service is None or c.last_service >= k.last_service_before
    ):
        return False
    if not (k.makes or k.models or k.min_vehicle_age is not None or k.max_vehicle_age is not None):
        return True
    makes, models = {_fold(m) for m in k.makes}, {_fold(m) for m in k.models}
    return any(_vehicle_fits(v, makes, models, k) for v in c.vehicles)


def _vehicle_fits(v: VehicleFacts, makes: set[str], models: set[str], k: Criteria) -> bool:
    if makes and _fold(v.make) not in makes:
        return False
    if models and _fold(v.model) not in models:
        return False
    if k.min_vehicle_age is not None or k.max_vehicle_age is not None:
        if v.age_years is None:
            return False
        if k.min_vehicle_age is not None and v.age_years < k.min_vehicle_age:
            return False
        if k.max_vehicle_age is not None and v.age_years > k.max_vehicle_age:
            return False
    return True


MARKETING_CHANNELS = (Channel.PHONE, Channel.WECHAT, Channel.SMS, Channel.EMAIL)


def exclusion(c: AudienceFacts, *, cap: int | None, days: int) -> tuple[Exclusion, Msg] | None:
    """Why *c* gets no invitation (first rule that applies), or None: invite."""
    if c.archived or c.status in NO_MARKETING:
        state = "archived" if c.archived else c.status
        return Exclusion.DO_NOT_CONTACT, Msg("practices.exclude.status",
                                              {"status": Msg(f"practices.status.{state}")})  # fmt: skip
    if not c.reachable:
        return Exclusion.DO_NOT_CONTACT, Msg("practices.exclude.unreachable")
    allowed = [ch for ch in MARKETING_CHANNELS
               if ch in c.reachable and (ch, "marketing") not in c.opted_out]  # fmt: skip
    if not allowed:
        return Exclusion.NO_CONSENT, Msg("practices.exclude.no_consent")
    if cap is not None and c.recent_contacts + c.planned + 1 > cap:
        return Exclusion.FATIGUE, Msg(
            "practices.exclude.fatigue",
            {"n": c.recent_contacts + c.planned, "cap": cap, "days": days},
        )
    return None


def check_template(template: str) -> None:
    """Raise ValueError naming the first field that is not one of ``TEMPLATE_FIELDS``
    (or a brace that does not close)."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValueError(f"the message has a stray brace: {exc}") from exc
    for _text, name, spec, conv in parsed:
        if name is None:
            continue
        if name not in TEMPLATE_FIELDS or spec or conv:
            raise ValueError(
                f"{{{name}}} is not a field; use {{name}} {{model}} {{plate}} {{date}}"
            )


def message(template: str, c: AudienceFacts, *, day: date, language: str) -> str:
    """The invitation for *c*: {name} {model} {plate} from their first matching vehicle
    (the first one), {date} the campaign's start in *language*'s date format."""
    v = c.vehicles[0] if c.vehicles else None
    values = {
        "name": c.name,
        "model": f"{v.make} {v.model}".strip() if v else "",
        "plate": v.plate if v else "",
        "date": fmt_date(day, language),
    }
    text = template.format_map(values)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


@dataclass(frozen=True, slots=True)
class Preview:
    """Who matched, who is invited, who is left out and why."""

    matched: int
    invited: tuple[AudienceFacts, ...]
    excluded: tuple[tuple[AudienceFacts, Exclusion, Msg], ...]
    by_reason: dict[Exclusion, int] = field(default_factory=dict)


def preview(
    customers: Iterable[AudienceFacts], criteria: Criteria, *, cap: int | None, days: int
) -> Preview:
    """Apply the criteria, then the exclusions, to every customer (in the order given)."""
    invited: list[AudienceFacts] = []
    excluded: list[tuple[AudienceFacts, Exclusion, Msg]] = []
    for c in customers:
        if not matches(c, criteria):
            continue
        why = exclusion(c, cap=cap, days=days)
        if why is None:
            invited.append(c)
        else:
            excluded.append((c, *why))
    counts = Counter(kind for _c, kind, _m in excluded)
    by_reason = {kind: counts[kind] for kind in Exclusion if counts[kind]}
    return Preview(len(invited) + len(excluded), tuple(invited), tuple(excluded), by_reason)


def response_rate(invited: int, accepted: int) -> float | None:
    """Accepted invitations per invitation sent; None before any was sent."""
    return None if invited <= 0 else accepted / invited


def split_list(text: str) -> tuple[str, ...]:
    """ "BYD, 丰田，Toyota" → ("BYD", "丰田", "Toyota"): commas of either width."""
    return tuple(p.strip() for p in re.split(r"[,，;；]", text) if p.strip())
