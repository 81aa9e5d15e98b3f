"""Checks at the store boundary: a bad value raises ValidationError naming the field.

VIN: 17 characters, no I/O/Q, and the ISO 3779 check digit in position 9 (the North
American rule that China's GB 16735 also requires). Phones: parsed and normalised to
E.164 by Google's libphonenumber (``phonenumbers``) for the dealership's region.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import phonenumbers

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import fmt_int, t

_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_CHARS = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
EARLIEST = date(1900, 1, 1)
MAX_AMOUNT = 10_000_000_000  # the DECIMAL(12, 2) columns' range
# issue #11: a contact, complaint or answer happens in the dealership's working life;
# 1900 or 2999 is a typo, and year 1 overflowed later date arithmetic.
EARLIEST_TIME = datetime(2000, 1, 1)
LATEST_TIME = datetime(2100, 1, 1)
PHONE_MAX = 20  # the phone columns' width
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


def vin_check_digit(vin: str) -> str:
    """The check character ('0'–'9' or 'X') for a 17-character VIN (position 9 ignored)."""
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def validate_vin(value: str | None, field: str = "vin") -> str:
    """Upper-case, strip spaces, and check length, alphabet and check digit."""
    vin = re.sub(r"[\s-]", "", value or "").upper()
    if not vin:
        raise ValidationError(field, t("safety.valid.vin_required"))
    if len(vin) != 17:
        raise ValidationError(field, t("safety.valid.vin_length", n=len(vin), vin=vin))
    if not _VIN_CHARS.match(vin):
        bad = sorted({c for c in vin if not re.match(r"[A-HJ-NPR-Z0-9]", c)})
        raise ValidationError(field, t("safety.valid.vin_chars", chars=", ".join(bad), vin=vin))
    expected = vin_check_digit(vin)
    if vin[8] != expected:
        raise ValidationError(
            field, t("safety.valid.vin_check", expected=expected, got=vin[8], vin=vin)
        )
    return vin


def normalize_phone(value: str | None, region: str = "CN", field: str = "phone") -> str | None:
    """E.164 form (``+8613912345678``) of a valid number; None for an empty value."""
    raw = (value or "").strip()
    if not raw:
        return None
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(field, t("safety.valid.not_phone", value=raw)) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(field, t("safety.valid.phone_region", value=raw, region=region))
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if parsed.extension:  # issue #11: an office's extension is kept, not dropped
        e164 = f"{e164}x{parsed.extension}"
        if len(e164) > PHONE_MAX:
            raise ValidationError(field, t("safety.valid.extension", value=raw))
    return e164


def format_phone(e164: str | None, region: str = "CN") -> str:
    """How a stored number is shown: national format at home, international abroad."""
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(parsed) == region:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_date(
    value: date | str | None,
    field: str,
    *,
    required: bool = False,
    not_before: date = EARLIEST,
    not_after: date | None = None,
) -> date | None:
    """Accept a date or an ISO string; refuse impossible or out-of-range dates."""
    if value is None or value == "":
        if required:
            raise ValidationError(field, t("safety.valid.date_required"))
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValidationError(field, t("safety.valid.not_date", value=value)) from exc
    if value < not_before:
        raise ValidationError(
            field,
            t("safety.valid.date_before", value=value.isoformat(), low=not_before.isoformat()),
        )
    if not_after is not None and value > not_after:
        raise ValidationError(
            field, t("safety.valid.date_after", value=value.isoformat(), high=not_after.isoformat())
        )
    return value


def validate_choice(value: str, field: str, choices: tuple[str, ...]) -> str:
    """A value from a fixed list (status, channel, outcome…)."""
    if value not in choices:
        raise ValidationError(
            field, t("safety.valid.choice", value=value, choices=", ".join(choices))
        )
    return value


def validate_text(value: str | None, field: str, *, required: bool = False, max_len: int) -> str:
    """Stripped text within its column's length, valid Unicode (no lone surrogates)."""
    text = (value or "").strip()
    check_unicode(text, field)
    if required and not text:
        raise ValidationError(field, t("safety.valid.required"))
    if len(text) > max_len:
        raise ValidationError(field, t("safety.valid.too_long", n=len(text), max=max_len))
    return text


def validate_amount(value: float | int | str | None, field: str) -> float:
    """Money: a non-negative number, rounded to cents BEFORE its range is checked."""
    if isinstance(value, bool):
        raise ValidationError(field, t("safety.valid.not_amount", value=value))
    try:
        amount = float(value or 0)
    except (TypeError, ValueError) as exc:
        raise ValidationError(field, t("safety.valid.not_amount", value=value)) from exc
    if not math.isfinite(amount):
        raise ValidationError(field, t("safety.valid.not_amount", value=value))
    amount = round(amount, 2)
    if amount < 0:
        raise ValidationError(field, t("safety.valid.negative", value=value))
    if amount >= MAX_AMOUNT:
        raise ValidationError(
            field, t("safety.valid.too_large", value=value, max=fmt_int(MAX_AMOUNT))
        )
    return amount


def check_unicode(text: str, field: str) -> None:
    """Refuse text that cannot be stored as UTF-8 (a lone surrogate from a bad paste)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(field, t("safety.valid.not_unicode")) from exc


def validate_whole(value: object, field: str) -> int | None:
    """A whole number, or None for empty; 7.9, True or "abc" is refused, never truncated."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(field, t("safety.valid.not_whole", value=value))
    if isinstance(value, int):
        return value
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ValidationError(field, t("safety.valid.not_whole", value=value)) from exc
    if not math.isfinite(number) or number != int(number):
        raise ValidationError(field, t("safety.valid.not_whole", value=value))
    return int(number)


def validate_time(value: object, field: str) -> datetime:
    """A moment (contact, complaint, answer) within the sane range, to the second."""
    if not isinstance(value, datetime):
        raise ValidationError(field, t("safety.valid.not_time", value=value))
    if not EARLIEST_TIME <= value.replace(tzinfo=None) < LATEST_TIME:
        raise ValidationError(
            field,
            t("safety.valid.time_range", value=f"{value:%Y-%m-%d %H:%M}",
              low=EARLIEST_TIME.year, high=LATEST_TIME.year - 1),
        )  # fmt: skip
    return value.replace(microsecond=0)


def validate_email(value: str | None, field: str = "email") -> str | None:
    """An address with a name, an @ and a domain with a dot ("a@" is refused)."""
    if not value:
        return None
    if not _EMAIL.match(value):
        raise ValidationError(field, t("safety.valid.email", value=value))
    return value
