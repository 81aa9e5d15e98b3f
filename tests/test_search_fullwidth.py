"""Search as a Chinese input method types: full-width forms, numbers with their spaces."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dealerdesk.services import customers
from dealerdesk.services.customers import CustomerFilter
from dealerdesk.store.search_index import normalize_query

TODAY = date(2026, 11, 23)


@pytest.fixture
def people(db_path: Path) -> dict[str, int]:
    ids = {}
    for name, phone in [("张伟", "18595782009"), ("李娜", "13912345678"), ("ＡＡ汽修", None)]:
        ids[name] = customers.create_customer({"name": name, "phone": phone}, today=TODAY).new_id
    customers.add_vehicle(ids["李娜"], {"vin": "LSVAU033912345674", "plate": "粤AA4201",
                                        "make": "BYD", "model": "Han"}, today=TODAY)  # fmt: skip
    return ids


def find(text: str) -> list[str]:
    ids = customers.search_customer_ids(CustomerFilter(text=text))
    return [r.name for r in customers.customer_rows(ids)]


def test_full_width_letters_and_digits_find_a_plate(people: dict[str, int]) -> None:
    assert find("ａａ４２０１") == ["李娜"]
    assert find("ＡＡ４２０１") == ["李娜"]
    assert find("aa4202") == []


def test_a_phone_number_typed_with_spaces_and_country_code(people: dict[str, int]) -> None:
    assert find("+86 185 9578 2009") == ["张伟"]
    assert find("185 9578 2009") == ["张伟"]
    assert find("＋８６ １８５ ９５７８") == ["张伟"]
    assert find("185 9578 2008") == []  # one digit off is someone else (nobody)


def test_a_full_width_name_is_found_by_ascii(people: dict[str, int]) -> None:
    assert find("aa汽修") == ["ＡＡ汽修"]


def test_normalize_query_keeps_separate_words_apart() -> None:
    assert normalize_query("张伟 139") == ["张伟", "139"]
    assert normalize_query("＋８６ １８５-９５７８") == ["1859578"]
