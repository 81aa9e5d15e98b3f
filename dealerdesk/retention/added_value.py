"""Added value ("A+"): what to offer a customer next, from their vehicles and history.

The seeds' advice: add value beyond the car by recommending what fits — tyres at the
right mileage, an extended warranty before the warranty ends, accessories after a new
purchase, the insurance renewal (续保), a new model when the car is 4–6 years old. Each
rule is pure (facts and ``today`` in, suggestions out) with its threshold as a named
constant, and gives a reason as a translatable ``Msg``.

Each suggestion carries a ``source_key`` naming that one offer (the vehicle and the date
or mileage it is about), so a follow-up made from it is never made twice, and the count
shown → made → taken up can follow one key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dealerdesk.i18n import Msg
from dealerdesk.vocab.accounts import AddedValueKind

__all__ = [
    "ACCESSORY_WINDOW_DAYS", "DEFAULT_KM_PER_YEAR", "INSURANCE_NOTICE_DAYS",
    "NEW_MODEL_MAX_AGE", "NEW_MODEL_MIN_AGE", "TYRE_INTERVAL_KM", "TYRE_WINDOW_KM", "TYRE_WORDS",
    "WARRANTY_NOTICE_DAYS", "Suggestion", "VehicleHistory", "age_years", "estimated_km",
    "is_tyre_job", "suggestions",
]  # fmt: skip

TYRE_INTERVAL_KM = 40_000  # a set of tyres: offer new ones every 40,000 km since the last
TYRE_WINDOW_KM = 5_000  # …for the next 5,000 km after each 40,000 (then it was done elsewhere)
WARRANTY_NOTICE_DAYS = 90  # offer the extension within 90 days before the warranty ends
ACCESSORY_WINDOW_DAYS = 60  # accessories: within 60 days after a new car was bought
INSURANCE_NOTICE_DAYS = 45  # the renewal: from 45 days before the policy ends (4S practice)
NEW_MODEL_MIN_AGE, NEW_MODEL_MAX_AGE = 4, 6  # whole years of age: invite to a new model
DEFAULT_KM_PER_YEAR = 15_000  # when one reading is all there is and no purchase date
TYRE_WORDS = ("tyre", "tire", "轮胎")


@dataclass(frozen=True, slots=True)
class VehicleHistory:
    """What the rules read about one vehicle.

    ``readings``: (date, odometer km) from visits and the vehicle record, any order;
    ``tyre_jobs``: (date, km or None) of visits that fitted tyres; ``accessory_dates``:
    days of accessory purchases.
    """

    vehicle_id: int
    label: str  # plate or model, for the reason
    purchase_date: date | None = None
    model_year: int | None = None
    warranty_end: date | None = None
    insurance_end: date | None = None
    readings: tuple[tuple[date, int], ...] = ()
    tyre_jobs: tuple[tuple[date, int | None], ...] = ()
    accessory_dates: tuple[date, ...] = ()


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One offer: what, for which vehicle, why (translatable), and its unique key."""

    kind: AddedValueKind
    vehicle_id: int
    source_key: str
    reason: Msg


def is_tyre_job(*texts: str | None, declined: str | None = None) -> bool:
    """A visit that fitted tyres: its work mentions tyres and the customer did not decline them."""

    def says(text: str | None) -> bool:
        low = (text or "").lower()
        return any(w in low for w in TYRE_WORDS)

    return any(says(t) for t in texts) and not says(declined)


def estimated_km(v: VehicleHistory, today: date) -> int | None:
    """The odometer today: the last reading plus the car's own daily distance since.

    The rate comes from the first and last readings; with one reading, from the purchase
    date (a new car starts at 0); failing that, ``DEFAULT_KM_PER_YEAR``.
    """
    readings = sorted(r for r in v.readings if r[0] <= today)
    if not readings:
        return None
    first, last = readings[0], readings[-1]
    if last[0] > first[0] and last[1] >= first[1]:
        per_day = (last[1] - first[1]) / (last[0] - first[0]).days
    elif v.purchase_date is not None and last[0] > v.purchase_date:
        per_day = last[1] / (last[0] - v.purchase_date).days
    else:
        per_day = DEFAULT_KM_PER_YEAR / 365
    return round(last[1] + per_day * (today - last[0]).days)


def age_years(v: VehicleHistory, today: date) -> int | None:
    """Whole years since the car was bought (or since 1 January of its model year)."""
    start = v.purchase_date or (date(v.model_year, 1, 1) if v.model_year else None)
    if start is None or start > today:
        return None
    years = today.year - start.year
    if (today.month, today.day) < (start.month, start.day):
        years -= 1
    return years


def _tyres(v: VehicleHistory, today: date) -> Suggestion | None:
    km = estimated_km(v, today)
    if km is None:
        return None
    fitted = [j for j in v.tyre_jobs if j[0] <= today]
    last_job = max(fitted, default=None)
    since = 0
    if last_job is not None:
        since = last_job[1] if last_job[1] is not None else _km_on(v, last_job[0])
    done = km - since
    sets, over = divmod(done, TYRE_INTERVAL_KM)
    if sets < 1 or over >= TYRE_WINDOW_KM:
        return None  # not yet, or long past: tyres were most likely changed elsewhere
    due_at = since + sets * TYRE_INTERVAL_KM
    return Suggestion(AddedValueKind.TYRES, v.vehicle_id, f"av:tyres:{v.vehicle_id}:{due_at}",
                      Msg("av.tyres", {"vehicle": v.label, "km": done, "odo": km}))  # fmt: skip


def _km_on(v: VehicleHistory, day: date) -> int:
    """The odometer on *day* (for a tyre job whose mileage was not written down): between
    the readings around it, else from the readings before it."""
    readings = sorted(v.readings)
    before = [r for r in readings if r[0] <= day]
    after = [r for r in readings if r[0] > day]
    if before and after:
        (d0, k0), (d1, k1) = before[-1], after[0]
        return round(k0 + (k1 - k0) * (day - d0).days / (d1 - d0).days)
    earlier = VehicleHistory(v.vehicle_id, v.label, v.purchase_date, v.model_year,
                             readings=tuple(before))  # fmt: skip
    return estimated_km(earlier, day) or 0


def _within(end: date | None, today: date, days: int) -> int | None:
    """Days left until *end* when it is 0..*days* away, else None."""
    if end is None:
        return None
    left = (end - today).days
    return left if 0 <= left <= days else None


def _before_end(kind: AddedValueKind, end: date | None, notice_days: int, v: VehicleHistory,
                today: date) -> Suggestion | None:  # fmt: skip
    """An offer while *end* (the warranty's, the policy's) is 0..*notice_days* away."""
    left = _within(end, today, notice_days)
    if left is None:
        return None
    return Suggestion(kind, v.vehicle_id, f"av:{kind}:{v.vehicle_id}:{end}",
                      Msg(f"av.{kind}", {"vehicle": v.label, "days": left, "end": end}))  # fmt: skip


def _warranty(v: VehicleHistory, today: date) -> Suggestion | None:
    return _before_end(AddedValueKind.EXTENDED_WARRANTY, v.warranty_end, WARRANTY_NOTICE_DAYS,
                       v, today)  # fmt: skip


def _insurance(v: VehicleHistory, today: date) -> Suggestion | None:
    return _before_end(AddedValueKind.INSURANCE_RENEWAL, v.insurance_end, INSURANCE_NOTICE_DAYS,
                       v, today)  # fmt: skip


def _accessories(v: VehicleHistory, today: date) -> Suggestion | None:
    bought = v.purchase_date
    if bought is None or not 0 <= (today - bought).days <= ACCESSORY_WINDOW_DAYS:
        return None
    if any(bought <= d <= today for d in v.accessory_dates):
        return None  # already bought accessories for it
    return Suggestion(AddedValueKind.ACCESSORIES, v.vehicle_id,
                      f"av:accessories:{v.vehicle_id}:{bought}",
                      Msg("av.accessories", {"vehicle": v.label, "n": (today - bought).days}))  # fmt: skip


def _new_model(v: VehicleHistory, today: date) -> Suggestion | None:
    age = age_years(v, today)
    if age is None or not NEW_MODEL_MIN_AGE <= age <= NEW_MODEL_MAX_AGE:
        return None
    return Suggestion(AddedValueKind.NEW_MODEL, v.vehicle_id,
                      f"av:new_model:{v.vehicle_id}:{today.year}",
                      Msg("av.new_model", {"vehicle": v.label, "n": age}))  # fmt: skip


RULES = (_tyres, _warranty, _accessories, _insurance, _new_model)


def suggestions(vehicles: Iterable[VehicleHistory], today: date) -> list[Suggestion]:
    """Every offer that fits, vehicle by vehicle, in the rules' order."""
    out: list[Suggestion] = []
    for v in vehicles:
        for rule in RULES:
            found = rule(v, today)
            if found is not None:
                out.append(found)
    return out


def kind_of(source_key: str) -> AddedValueKind | None:
    """The kind named in an ``av:`` key (for counting follow-ups made from suggestions)."""
    parts = source_key.split(":")
    if len(parts) < 3 or parts[0] != "av":
        return None
    try:
        return AddedValueKind(parts[1])
    except ValueError:
        return None
