"""Finding a customer by any fragment: Chinese names, pinyin initials, phone, plate, VIN."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dealerdesk.services import customers
from dealerdesk.services.customers import CustomerFilter

TODAY = date(2026, 11, 23)


@pytest.fixture
def people(db_path: Path) -> dict[str, int]:
    ids = {}
    for name, phone in [("张伟", "13912345678"), ("张伟国", "13800138000"), ("欧阳娜娜", "15012340000"),
                        ("Emma Wilson", "+44 20 7946 0958"), ("王芳", None), ("鹏程物流有限公司", "02087654321")]:  # fmt: skip
        ids[name] = customers.create_customer({"name": name, "phone": phone}, today=TODAY).new_id
    customers.add_vehicle(ids["王芳"], {"vin": "LSVAU033912345674", "plate": "粤B ZW789",
                                        "make": "SAIC Volkswagen", "model": "Lavida"}, today=TODAY)  # fmt: skip
    customers.add_vehicle(ids["Emma Wilson"], {"vin": "1M8GDM9AXKP042788", "plate": "粤A12345",
                                               "make": "BYD", "model": "Han"}, today=TODAY)  # fmt: skip
    return ids


def find(text: str, **kw: object) -> list[str]:
    ids = customers.search_customer_ids(CustomerFilter(text=text, **kw))  # type: ignore[arg-type]
    return [r.name for r in customers.customer_rows(ids)]


def test_two_character_chinese_name(people: dict[str, int]) -> None:
    assert find("张伟") == ["张伟", "张伟国"]
    assert find("娜娜") == ["欧阳娜娜"]


def test_pinyin_and_initials(people: dict[str, int]) -> None:
    assert find("zw") == ["张伟", "张伟国"]  # not 王芳, whose plate holds "ZW"
    assert find("zhangwei") == ["张伟", "张伟国"]
    assert find("oyn") == ["欧阳娜娜"]
    assert find("ZWG") == ["张伟国"]


def test_phone_fragments_as_typed(people: dict[str, int]) -> None:
    assert find("139") == ["张伟"]
    assert find("139-1234") == ["张伟"]
    assert find("8765") == ["鹏程物流有限公司"]
    assert find("7946") == ["Emma Wilson"]


def test_plate_and_vin(people: dict[str, int]) -> None:
    assert find("粤B") == ["王芳"]
    assert find("zw789") == ["王芳"]
    assert find("粤a 123") == ["Emma Wilson"]
    assert find("042788") == ["Emma Wilson"]
    assert find("lsvau") == ["王芳"]


def test_several_terms_and_case(people: dict[str, int]) -> None:
    assert find("emma WILSON") == ["Emma Wilson"]
    assert find("张 138") == ["张伟国"]
    assert find("nobody") == []


def test_name_order_is_pinyin_and_archived_hidden(people: dict[str, int]) -> None:
    assert find("") == ["Emma Wilson", "欧阳娜娜", "鹏程物流有限公司", "王芳", "张伟", "张伟国"]
    customers.archive_customer(people["王芳"], today=TODAY)
    assert "王芳" not in find("")
    assert find("王芳", include_archived=True) == ["王芳"]
    assert find("", descending=True)[0] == "张伟国"


def test_edit_refreshes_the_index(people: dict[str, int]) -> None:
    customers.update_customer(people["张伟"], {"name": "章薇", "phone": "13700001111"}, today=TODAY)
    assert find("张伟") == ["张伟国"]
    assert find("章薇") == ["章薇"]
    assert find("zw") == ["章薇", "张伟国"]  # zhang wei < zhang wei guo
    assert find("1370000") == ["章薇"]
