"""Turn one mapped file row into clean values, or into row-level errors.

The values pass the same store checks the window's forms use (``store.validation``:
E.164 phones by libphonenumber for the dealership's region, the VIN check digit, text
lengths of the columns, dates not in the future); this module only adds what a file needs
first: the many ways people write dates and phones, and Excel's own cell types.
Each failure becomes a :class:`RowError` with a message code, so the preview, the CLI and
the error file can say it in Chinese or English.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import phonenumbers

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import Msg
from dealerdesk.services.import_read import Cell
from dealerdesk.store.customer_writes import VISIT_KINDS
from dealerdesk.store.validation import (
    MAX_AMOUNT,
    normalize_phone,
    validate_date,
    validate_text,
    validate_vin,
)

# The column lengths the window's forms enforce (store.customer_writes).
TEXT_LIMITS = {
    "name": 120, "wechat": 60, "email": 120, "address": 200, "city": 60, "notes": 4000,
    "plate": 12, "make": 40, "model": 60, "color": 20,
}  # fmt: skip
DATE_FIELDS = ("birthday", "purchase_date", "warranty_end", "insurance_end", "inspection_due",
               "service_date")  # fmt: skip
PAST_DATES = ("birthday", "purchase_date", "service_date")
_YMD = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_EXCEL_EPOCH = date(1899, 12, 30)
_GENDERS = {"男": "M", "m": "M", "male": "M", "先生": "M", "女": "F", "f": "F",
            "female": "F", "女士": "F"}  # fmt: skip
_SERVICE_KINDS = {"保养": "service", "维修": "repair", "钣喷": "repair", "事故": "repair",
                  "配件": "parts", "精品": "accessory", "保险": "insurance",
                  "首保": "service", "service": "service"}  # fmt: skip
_FORMULA = ("=",)


@dataclass(frozen=True, slots=True)
class RowError:
    """One refused value: Excel row, column header, the value as written, and why."""

    row: int
    column: str
    value: str
    reason: Msg


@dataclass(slots=True)
class CleanRow:
    """A valid row: customer fields, an optional vehicle, and the visits it brings."""

    row: int
    customer: dict[str, Any]
    vehicle: dict[str, Any] | None = None
    visits: list[dict[str, Any]] = field(default_factory=list)
    signature: tuple[tuple[str, str], ...] = ()  # the row as typed: equal rows are twins

    @property
    def phone(self) -> str | None:
        return self.customer.get("phone")

    @property
    def vin(self) -> str | None:
        return self.vehicle["vin"] if self.vehicle else None


def cell_text(value: Cell) -> str:
    """A cell as the user typed it: 13912345678.0 from Excel reads 13912345678."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    # Our own exports neutralise formulas as '=…; an import takes the quote off again.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def parse_date(value: Cell) -> date | None:
    """A date from any of the forms the file may hold; ValueError when it is none."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(float(value))
    text = cell_text(value)
    if not text:
        return None
    match = _YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return date(year, month, day)
    if re.fullmatch(r"\d{8}", text):
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if re.fullmatch(r"\d{1,5}(\.0+)?", text):
        return _serial(float(text))
    raise ValueError(text)


def _serial(number: float) -> date:
    """Excel's day number (1900 system): 45356 is 2024-03-05."""
    if not math.isfinite(number) or not 1 <= number < 2958466:
        raise ValueError(str(number))
    return _EXCEL_EPOCH + timedelta(days=int(number))


_CN_MOBILE = re.compile(r"^(?:\+?86)?(1\d{10})$")


def phone_e164(text: str, region: str, field: str) -> str | None:
    """``store.validation.normalize_phone``, with a shortcut for the common case.

    A Chinese mobile number written as 11 digits (maybe after +86) is what
    ``phonenumbers.parse`` would produce anyway (country 86, that national number), so
    only the validity check — the same libphonenumber metadata the window uses — runs;
    parsing was two thirds of the time of checking a 100,000-row file.
    """
    match = _CN_MOBILE.match(text) if region == "CN" else None
    if match is None:
        return normalize_phone(text, region, field=field)
    national = match.group(1)
    if not phonenumbers.is_valid_number(
        phonenumbers.PhoneNumber(country_code=86, national_number=int(national))
    ):
        raise ValidationError(field, f"“{text}” is not a valid number for region {region}")
    return "+86" + national


def clean_phone_text(text: str) -> str:
    """Spaces, dashes, dots and brackets out; 0086 becomes +86."""
    text = re.sub(r"[\s\-.()（）]", "", text)
    if text.startswith("00"):
        text = "+" + text[2:]
    return text


class _Row:
    """Collects the errors of one row while its values are checked."""

    def __init__(self, number: int, cells: Mapping[str, Cell], headers: Mapping[str, str]) -> None:
        self.number = number
        self.cells = cells
        self.headers = headers  # field -> header
        self.errors: list[RowError] = []
        self.texts = {k: cell_text(v) for k, v in cells.items()}

    def raw(self, key: str) -> Cell:
        return self.cells.get(key)

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def fail(self, key: str, code: str, **params: Any) -> None:
        value = self.text(key)
        self.errors.append(
            RowError(self.number, self.headers.get(key, key), value, Msg(code, params))
        )


def validate_row(
    number: int,
    cells: Mapping[str, Cell],
    headers: Mapping[str, str],
    *,
    today: date,
    region: str,
) -> tuple[CleanRow | None, list[RowError]]:
    """``cells``: field -> raw cell; ``headers``: field -> header (for the messages)."""
    r = _Row(number, cells, headers)
    for key, text in r.texts.items():
        if text.startswith(_FORMULA):
            r.fail(key, "import.formula")
    if r.errors:
        return None, r.errors
    customer = _customer(r, today, region)
    vehicle = _vehicle(r, today) if _any(r, ("vin", "plate", "make", "model")) else None
    if vehicle is None and _any(r, ("purchase_date", "purchase_price", "year", "warranty_end",
                                    "insurance_end", "inspection_due", "mileage_km")):  # fmt: skip
        r.fail("vin", "import.vin_needed")
    visits = _visits(r, today, vehicle)
    if not customer.get("phone") and vehicle is None and not r.errors:
        r.fail("phone", "import.phone_or_vin")
    if r.errors:
        return None, r.errors
    signature = tuple(sorted(r.texts.items()))
    return CleanRow(number, customer, vehicle, visits, signature), []


def _any(r: _Row, keys: tuple[str, ...]) -> bool:
    return any(r.text(k) for k in keys)


def _customer(r: _Row, today: date, region: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("name", "wechat", "email", "address", "city", "notes"):
        if key in r.cells or key == "name":
            out[key] = _text(r, key, required=key == "name") or None
    if out.get("email") and "@" not in out["email"]:
        r.fail("email", "import.bad_email")
    for key in ("phone", "phone2"):
        text = r.text(key)
        if not text:
            continue
        try:
            out[key] = phone_e164(clean_phone_text(text), region, field=key)
        except ValidationError:
            r.fail(key, "import.bad_phone", region=region)
    if out.get("phone2") and out.get("phone2") == out.get("phone"):
        out.pop("phone2")
    gender = r.text("gender").lower()
    if gender:
        if gender in _GENDERS:
            out["gender"] = _GENDERS[gender]
        else:
            r.fail("gender", "import.bad_gender")
    birthday = _date(r, "birthday", today)
    if birthday:
        out["birthday"] = birthday
    return out


def _text(r: _Row, key: str, *, required: bool = False) -> str:
    limit = TEXT_LIMITS[key]
    try:
        return validate_text(r.text(key), key, required=required, max_len=limit)
    except ValidationError:
        if required and not r.text(key):
            r.fail(key, "import.required")
        else:
            r.fail(key, "import.too_long", max=limit)
        return ""


def _date(r: _Row, key: str, today: date) -> date | None:
    try:
        value = parse_date(r.raw(key))
    except ValueError:
        r.fail(key, "import.bad_date")
        return None
    if value is None:
        return None
    try:
        validate_date(value, key, not_after=today if key in PAST_DATES else None)
    except ValidationError:
        r.fail(key, "import.date_out_of_range", earliest=date(1900, 1, 1), latest=today)
        return None
    return value


def _number(r: _Row, key: str, *, whole: bool, low: float, high: float) -> float | None:
    text = r.text(key).replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
    text = text.removesuffix("元").removesuffix("km").removesuffix("公里").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        r.fail(key, "import.bad_number")
        return None
    if not math.isfinite(number) or (whole and number != int(number)):
        r.fail(key, "import.bad_number")
        return None
    if not low <= number <= high:
        r.fail(key, "import.number_out_of_range", low=int(low), high=int(high))
        return None
    return number


def _vehicle(r: _Row, today: date) -> dict[str, Any] | None:
    vin = ""
    try:
        vin = validate_vin(r.text("vin"))
    except ValidationError:
        r.fail("vin", "import.bad_vin" if r.text("vin") else "import.vin_needed")
    out: dict[str, Any] = {"vin": vin}
    for key in ("plate", "make", "model", "color"):
        out[key] = _text(r, key, required=key in ("make", "model")) or None
    if out["plate"]:
        out["plate"] = re.sub(r"\s", "", out["plate"]).upper()
    year = _number(r, "year", whole=True, low=1950, high=today.year + 1)
    out["year"] = None if year is None else int(year)
    price = _number(r, "purchase_price", whole=False, low=0, high=MAX_AMOUNT - 1)
    out["purchase_price"] = None if not price else round(price, 2)
    km = _number(r, "mileage_km", whole=True, low=0, high=2_000_000)
    out["mileage_km"] = None if km is None else int(km)
    for key in ("purchase_date", "warranty_end", "insurance_end", "inspection_due"):
        out[key] = _date(r, key, today)
    return out


def _visits(r: _Row, today: date, vehicle: dict[str, Any] | None) -> list[dict[str, Any]]:
    visits: list[dict[str, Any]] = []
    if vehicle and vehicle.get("purchase_date"):
        visits.append({"date": vehicle["purchase_date"], "kind": "sale",
                       "amount": vehicle.get("purchase_price") or 0.0, "mileage_km": None})  # fmt: skip
    if not _any(r, SERVICE_KEYS):
        return visits
    day = _date(r, "service_date", today)
    if day is None and not r.text("service_date"):
        r.fail("service_date", "import.required")
    kind_text = r.text("service_kind").lower()
    kind = _SERVICE_KINDS.get(kind_text, kind_text) or "service"
    if kind not in VISIT_KINDS:
        r.fail("service_kind", "import.bad_choice", choices=", ".join(VISIT_KINDS))
    amount = _number(r, "service_amount", whole=False, low=0, high=MAX_AMOUNT - 1)
    km = _number(r, "service_mileage", whole=True, low=0, high=2_000_000)
    if day is not None:
        visits.append({"date": day, "kind": kind, "amount": round(amount or 0.0, 2),
                       "mileage_km": None if km is None else int(km)})  # fmt: skip
    return visits


SERVICE_KEYS = ("service_date", "service_kind", "service_amount", "service_mileage")
