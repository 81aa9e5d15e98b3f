"""The translation layer: every code in both languages, plurals, dates and money."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from dealerdesk import i18n
from dealerdesk.i18n import CATALOG, Msg, fmt_date, fmt_money, render


@pytest.fixture(autouse=True)
def _english_after() -> None:
    yield
    i18n.set_language("en")


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_code_has_both_languages_with_the_same_fields(code: str) -> None:
    english, chinese = CATALOG[code]
    forms = english if isinstance(english, tuple) else (english,)
    assert all(f.strip() for f in forms), f"{code}: empty English"
    assert chinese.strip(), f"{code}: no Chinese translation"
    for form in forms:
        assert _fields(form) == _fields(chinese), f"{code}: fields differ between languages"


def test_english_plural_follows_n_and_chinese_has_none() -> None:
    assert render(Msg("common.customers", {"n": 1})) == "1 customer"
    assert render(Msg("common.customers", {"n": 3})) == "3 customers"
    assert render(Msg("common.customers", {"n": 3}), "zh_CN") == "3位客户"


def test_nested_messages_and_dates_render_in_the_same_language() -> None:
    i18n.set_language("zh_CN")
    assert str(Msg("common.months", {"n": 2})) == "2个月"
    assert fmt_date(date(2026, 11, 23)) == "2026年11月23日"
    i18n.set_language("en")
    assert fmt_date(date(2026, 11, 3)) == "3 Nov 2026"


def test_money_is_always_the_dealerships_currency() -> None:
    assert fmt_money(1234) == "¥1,234"
    assert fmt_money(-448.5, decimals=2) == "-¥448.50"
    assert fmt_money(None) == ""


def test_unknown_language_and_code_are_refused() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("fr")
    with pytest.raises(KeyError):
        render(Msg("no.such.code"))


def test_system_language_reads_the_locale() -> None:
    assert i18n.system_language({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert i18n.system_language({"LANG": "en_US.UTF-8"}) == "en"
    assert i18n.system_language({}) == "en"


def test_every_vocabulary_word_has_a_label() -> None:
    import enum
    import importlib
    import pkgutil

    import dealerdesk.vocab as vocab

    for info in pkgutil.iter_modules(vocab.__path__):
        module = importlib.import_module(f"dealerdesk.vocab.{info.name}")
        for name, obj in vars(module).items():
            if isinstance(obj, type) and issubclass(obj, enum.StrEnum) and obj is not enum.StrEnum:
                words = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
                for member in obj:
                    assert f"vocab.{words}.{member.value}" in CATALOG, (name, member)
