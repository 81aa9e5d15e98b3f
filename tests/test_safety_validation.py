"""issue #11 item 9: the gaps that got through the store, each refused naming its field."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from dealerdesk.errors import ValidationError
from dealerdesk.services import complaints, customers
from dealerdesk.store.bulk import table_counts
from dealerdesk.store.validation import (
    format_phone,
    normalize_phone,
    validate_amount,
    validate_time,
    validate_whole,
)

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30)
VIN = "1M8GDM9AXKP042788"


def _counts() -> dict[str, int]:
    return dict(table_counts())


def _customer() -> int:
    cid = customers.create_customer({"name": "王芳", "phone": "13912345678"}, today=TODAY).new_id
    assert cid is not None
    return cid


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "张\ud800伟"}, "name"),
        ({"name": "张伟", "notes": "bad \udfff paste"}, "notes"),
        ({"name": "张伟", "gender": "X"}, "gender"),
        ({"name": "张伟", "email": "a@"}, "email"),
        ({"name": "张伟", "email": "a@b"}, "email"),
        ({"name": "张伟", "email": "@b.cn"}, "email"),
    ],
)
def test_customer_gaps_refused(db_path: Path, fields: dict[str, object], field: str) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as err:
        customers.create_customer(fields, today=TODAY)
    assert err.value.field == field
    assert _counts() == before


def test_gender_and_email_accepted_at_the_boundary(db_path: Path) -> None:
    cid = customers.create_customer(
        {"name": "张伟", "gender": "f", "email": "zw@galaxy.cn"}, today=TODAY
    ).new_id
    assert cid is not None
    detail = customers.get_customer(cid)
    assert detail.gender == "F"


@pytest.mark.parametrize(
    "at", [datetime(1900, 1, 1), datetime(2999, 1, 1), datetime(1, 1, 1), datetime(1999, 12, 31)]
)
def test_contact_and_complaint_times_in_range(db_path: Path, at: datetime) -> None:
    cid = _customer()
    before = _counts()
    with pytest.raises(ValidationError) as err:
        customers.log_contact(cid, now=at, channel="phone", outcome="reached")
    assert err.value.field == "at"
    with pytest.raises(ValidationError) as err:
        complaints.open_complaint(
            cid, now=at, category="service", severity="low", description="漏油"
        )
    assert err.value.field == "at"
    assert _counts() == before


def test_time_boundaries() -> None:
    assert validate_time(datetime(2000, 1, 1), "at") == datetime(2000, 1, 1)
    assert validate_time(datetime(2099, 12, 31, 23, 59, 59, 5), "at").microsecond == 0
    with pytest.raises(ValidationError, match="at: "):
        validate_time(datetime(2100, 1, 1), "at")
    with pytest.raises(ValidationError, match="not a date and time"):
        validate_time("2026-01-01", "at")


def test_whole_numbers_whole_and_bools_refused(db_path: Path) -> None:
    cid = _customer()
    before = _counts()
    for fields, field in [
        ({"mileage_km": 7.9}, "mileage_km"),
        ({"mileage_km": True}, "mileage_km"),
        ({"year": True}, "year"),
        ({"year": 2020.5}, "year"),
        ({"purchase_price": True}, "purchase_price"),
    ]:
        with pytest.raises(ValidationError) as err:
            customers.add_vehicle(cid, {"vin": VIN, "make": "BYD", "model": "Han", **fields},
                                  today=TODAY)  # fmt: skip
        assert err.value.field == field
    with pytest.raises(ValidationError) as err:
        customers.record_survey(cid, {"nps": True}, today=TODAY)
    assert err.value.field == "nps"
    assert _counts() == before
    assert validate_whole(8.0, "km") == 8
    assert validate_whole("12", "km") == 12


def test_amount_rounded_before_range_check() -> None:
    assert validate_amount(9_999_999_999.99, "amount") == 9_999_999_999.99
    with pytest.raises(ValidationError) as err:
        validate_amount(9_999_999_999.999, "amount")
    assert err.value.field == "amount"
    assert validate_amount(-0.001, "amount") == 0  # rounds to zero, not negative


def test_phone_extension_kept(db_path: Path) -> None:
    assert normalize_phone("010 1234 5678 ext. 123") == "+861012345678x123"
    assert format_phone("+861012345678x123") == "010 1234 5678 ext. 123"
    with pytest.raises(ValidationError) as err:
        normalize_phone("139 1234 5678 ext. 123456789")
    assert err.value.field == "phone"
    cid = customers.create_customer(
        {"name": "前台", "phone": "010 1234 5678 ext. 123"}, today=TODAY
    ).new_id
    assert cid is not None
    assert customers.get_customer(cid).phone == "+861012345678x123"
