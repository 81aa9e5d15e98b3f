"""Validation at the store boundary: bad VIN, phone and date are refused, nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import set_language
from dealerdesk.services import customers
from dealerdesk.store.bulk import table_counts
from dealerdesk.store.validation import (
    EARLIEST,
    MAX_AMOUNT,
    normalize_phone,
    validate_amount,
    validate_choice,
    validate_date,
    validate_text,
    validate_vin,
    vin_check_digit,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "vin",
    ["1M8GDM9AXKP042788", "11111111111111111", "1HGCM82633A004352", "LSVAU033912345674"],
)
def test_valid_vins_pass(vin: str) -> None:
    assert validate_vin(vin.lower()) == vin


@pytest.mark.parametrize(
    ("vin", "fragment"),
    [
        ("1M8GDM9AXKP04278", "17 characters, not 16"),
        ("1M8GDM9A1KP042788", "check digit (9th character) should be X, not 1"),
        ("1M8GDM9AXKP04278O", "may not contain O"),
        ("", "required"),
    ],
)
def test_bad_vins_name_the_field(vin: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_vin(vin)
    assert err.value.field == "vin"
    assert fragment in str(err.value)


def test_check_digit_x() -> None:
    assert vin_check_digit("1M8GDM9A0KP042788") == "X"


def test_phone_normalised_to_e164() -> None:
    assert normalize_phone("139 1234 5678") == "+8613912345678"
    assert normalize_phone("+86-139-1234-5678") == "+8613912345678"
    assert normalize_phone("020 8765 4321") == "+862087654321"
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"
    assert normalize_phone("  ") is None


@pytest.mark.parametrize("raw", ["12345", "phone", "+86 139 1234 567"])
def test_bad_phone(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalize_phone(raw)
    assert err.value.field == "phone"


def test_dates() -> None:
    assert validate_date("2024-02-29", "birthday") == date(2024, 2, 29)
    with pytest.raises(ValidationError, match="birthday: “2023-02-29” is not a date"):
        validate_date("2023-02-29", "birthday")
    with pytest.raises(ValidationError, match="after"):
        validate_date(date(2027, 1, 1), "birthday", not_after=TODAY)
    with pytest.raises(ValidationError, match="before 1900"):
        validate_date(date(1850, 1, 1), "birthday")


def _counts() -> dict[str, int]:
    return dict(table_counts())


def test_bad_customer_writes_nothing(db_path: object) -> None:
    before = _counts()
    for fields, field in [
        ({"name": "张伟", "phone": "123"}, "phone"),
        ({"name": "张伟", "birthday": "1990-13-01"}, "birthday"),
        ({"name": "张伟", "birthday": "2030-01-01"}, "birthday"),
        ({"name": "  "}, "name"),
        ({"name": "张伟", "email": "zhang"}, "email"),
        ({"name": "张伟", "colour": "red"}, "colour"),
    ]:
        with pytest.raises(ValidationError) as err:
            customers.create_customer(fields, today=TODAY)
        assert err.value.field == field
    assert _counts() == before


def test_bad_vehicle_writes_nothing(db_path: object) -> None:
    cid = customers.create_customer({"name": "李娜", "phone": "13800138000"}, today=TODAY).new_id
    assert cid is not None
    before = _counts()
    with pytest.raises(ValidationError) as err:
        customers.add_vehicle(cid, {"vin": "1M8GDM9A1KP042788", "make": "BYD", "model": "Han"},
                              today=TODAY)  # fmt: skip
    assert err.value.field == "vin"
    with pytest.raises(ValidationError) as err:
        customers.add_vehicle(cid, {"vin": "1M8GDM9AXKP042788", "make": "BYD", "model": "Han",
                                    "purchase_date": "2026-02-30"}, today=TODAY)  # fmt: skip
    assert err.value.field == "purchase_date"
    assert _counts() == before


def test_duplicate_phone_and_vin_refused(db_path: object) -> None:
    a = customers.create_customer({"name": "王芳", "phone": "13912345678"}, today=TODAY).new_id
    with pytest.raises(ValidationError, match="already belongs to 王芳"):
        customers.create_customer({"name": "王芳芳", "phone": "+86 139 1234 5678"}, today=TODAY)
    assert a is not None
    customers.add_vehicle(
        a, {"vin": "1M8GDM9AXKP042788", "make": "BYD", "model": "Han"}, today=TODAY
    )
    with pytest.raises(ValidationError, match="already registered"):
        customers.add_vehicle(a, {"vin": "1m8gdm9axkp042788", "make": "BYD", "model": "Tang"},
                              today=TODAY)  # fmt: skip


def test_survey_and_contact_ranges(db_path: object) -> None:
    cid = customers.create_customer({"name": "Emma Wilson"}, today=TODAY).new_id
    assert cid is not None
    before = _counts()
    with pytest.raises(ValidationError) as err:
        customers.record_survey(cid, {"nps": 11}, today=TODAY)
    assert err.value.field == "nps"
    with pytest.raises(ValidationError) as err:
        customers.record_survey(cid, {"nps": 8, "satisfaction": 0}, today=TODAY)
    assert err.value.field == "satisfaction"
    from datetime import datetime

    with pytest.raises(ValidationError) as err:
        customers.log_contact(cid, now=datetime(2026, 11, 23, 9), channel="fax", outcome="reached")
    assert err.value.field == "channel"
    assert _counts() == before


@pytest.mark.parametrize("amount", ["inf", "nan", "1e20", "-5"])
def test_impossible_amounts_refused(db_path: object, amount: str) -> None:
    cid = customers.create_customer({"name": "赵磊"}, today=TODAY).new_id
    assert cid is not None
    before = _counts()
    with pytest.raises(ValidationError) as err:
        customers.add_visit(cid, {"date": "2026-11-01", "kind": "service", "amount": amount},
                            today=TODAY)  # fmt: skip
    assert err.value.field == "amount"
    assert _counts() == before


def test_whole_numbers_are_not_truncated(db_path: object) -> None:
    cid = customers.create_customer({"name": "赵磊"}, today=TODAY).new_id
    assert cid is not None
    for fields, field in [({"nps": 7.9}, "nps"), ({"nps": "abc"}, "nps")]:
        with pytest.raises(ValidationError) as err:
            customers.record_survey(cid, fields, today=TODAY)
        assert err.value.field == field
    with pytest.raises(ValidationError) as err:
        customers.add_vehicle(cid, {"vin": "1M8GDM9AXKP042788", "make": "BYD", "model": "Han",
                                    "year": "2020.5"}, today=TODAY)  # fmt: skip
    assert err.value.field == "year"


def test_a_failure_after_the_write_rolls_the_write_back(
    db_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write and its follow-up/score update are one transaction."""
    from datetime import datetime

    from dealerdesk.services import aftercare

    cid = customers.create_customer({"name": "赵磊"}, today=TODAY).new_id
    assert cid is not None
    before = _counts()

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("scoring broke")

    monkeypatch.setattr(aftercare.scoring, "refresh_for_changes", broken)
    with pytest.raises(RuntimeError):
        customers.log_contact(cid, now=datetime(2026, 11, 23, 9), channel="phone",
                              outcome="reached")  # fmt: skip
    assert _counts() == before


def test_foreign_vehicle_and_unknown_staff_refused(db_path: object) -> None:
    from datetime import datetime

    a = customers.create_customer({"name": "甲"}, today=TODAY).new_id
    b = customers.create_customer({"name": "乙"}, today=TODAY).new_id
    assert a is not None and b is not None
    vid = customers.add_vehicle(a, {"vin": "1M8GDM9AXKP042788", "make": "BYD", "model": "Han"},
                                today=TODAY).new_id  # fmt: skip
    before = _counts()
    with pytest.raises(ValidationError) as err:
        customers.record_complaint(b, now=datetime(2026, 11, 23, 9), category="service",
                                   severity="low", description="noise", vehicle_id=vid)  # fmt: skip
    assert err.value.field == "vehicle_id"
    with pytest.raises(ValidationError) as err:
        customers.log_contact(a, now=datetime(2026, 11, 23, 9), channel="phone",
                              outcome="reached", staff_id=999)  # fmt: skip
    assert err.value.field == "staff_id"
    assert _counts() == before


def test_date_range_bounds_are_inclusive() -> None:
    assert validate_date(EARLIEST, "d") == EARLIEST
    assert validate_date(TODAY, "d", not_after=TODAY) == TODAY
    assert validate_date("", "d") is None and validate_date(None, "d") is None
    for bad, kwargs in ((date(1899, 12, 31), {}), (date(2026, 11, 24), {"not_after": TODAY})):
        with pytest.raises(ValidationError) as err:
            validate_date(bad, "due", **kwargs)
        assert err.value.field == "due"
    with pytest.raises(ValidationError, match="due: a date is required"):
        validate_date("", "due", required=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0.0), ("12.345", 12.35), (-0.004, 0.0), (MAX_AMOUNT - 0.01, MAX_AMOUNT - 0.01)],
)
def test_amounts_at_their_bounds(value: object, expected: float) -> None:
    assert validate_amount(value, "amount") == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("abc", "is not an amount"), (float("nan"), "is not an amount"), (True, "is not an amount"),
     (-0.01, "cannot be negative"), (MAX_AMOUNT, "is more than 10,000,000,000"),
     (MAX_AMOUNT - 0.004, "is more than")],
)  # fmt: skip
def test_bad_amounts_name_the_field(value: object, fragment: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_amount(value, "spend")  # type: ignore[arg-type]
    assert err.value.field == "spend" and fragment in err.value.detail


def test_text_and_choice_name_the_field_and_the_limit() -> None:
    assert validate_text("  ab  ", "name", max_len=2) == "ab"
    with pytest.raises(ValidationError) as err:
        validate_text("abc", "name", max_len=2)
    assert err.value.field == "name" and "3 characters, at most 2" in err.value.detail
    with pytest.raises(ValidationError, match="name: is required"):
        validate_text(" ", "name", required=True, max_len=2)
    assert validate_choice("sms", "channel", ("phone", "sms")) == "sms"
    with pytest.raises(ValidationError, match="channel: “fax” is not one of phone, sms"):
        validate_choice("fax", "channel", ("phone", "sms"))


def test_the_messages_speak_chinese_too() -> None:
    set_language("zh_CN")
    try:
        with pytest.raises(ValidationError) as err:
            validate_vin("1M8GDM9AXKP04278")
        assert err.value.detail == "车架号应为17位，而不是16位（1M8GDM9AXKP04278）"
        with pytest.raises(ValidationError) as err:
            validate_amount(-5, "amount")
        assert err.value.detail == "-5 不能为负数"
    finally:
        set_language("en")
