"""The window's language: chosen or the system's, money always in yuan, the smoke start."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings

from dealerdesk import i18n
from dealerdesk.ui import language
from dealerdesk.ui.i18n import fmt_date, fmt_int, fmt_money

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def restore_language(qapp: Any) -> Iterator[None]:
    yield
    language.apply_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.mark.parametrize(
    ("lang", "country"),
    [
        (QLocale.Language.English, QLocale.Country.UnitedStates),
        (QLocale.Language.Chinese, QLocale.Country.Taiwan),
        (QLocale.Language.German, QLocale.Country.Germany),
    ],
)
def test_money_is_yuan_whatever_the_pc_locale(
    restore_language: None, lang: QLocale.Language, country: QLocale.Country
) -> None:
    QLocale.setDefault(QLocale(lang, country))
    assert fmt_money(448).startswith("¥")
    assert "$" not in fmt_money(448) and "NT" not in fmt_money(448)
    assert fmt_money(-12.5).startswith("-¥")


def test_chinese_dates_and_numbers(restore_language: None) -> None:
    language.apply_language("zh_CN")
    assert i18n.current_language() == "zh_CN"
    assert fmt_date(date(2026, 11, 23)) == "2026/11/23"  # tables; headings and PDFs: 年月日
    assert i18n.fmt_date(date(2026, 11, 23)) == "2026年11月23日"
    assert fmt_money(1234) == "¥1,234.00"
    assert fmt_int(1031) == "1,031"
    assert i18n.t("common.customers", n=1) == "1位客户"
    language.apply_language("en")
    assert fmt_date(date(2026, 11, 23)) != "2026/11/23"
    assert fmt_money(1234) == "¥1,234.00"
    assert i18n.t("common.customers", n=1) == "1 customer"
    assert i18n.t("count.customers", n=1) == "1 customer"
    assert i18n.t("count.customers", n=1031) == "1,031 customers"
    assert i18n.t("count.customers", n=1031) == fmt_int(1031) + " customers"
    assert i18n.render(i18n.Msg("count.customers", {"n": 1031}), "zh_CN") == "1,031位客户"


def test_the_choice_is_kept_and_wins_over_the_system(tmp_path: Path, qapp: Any) -> None:
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    assert language.chosen(settings) == language.FOLLOW_SYSTEM
    assert language.effective(settings) == language.system_language()
    language.store(settings, "zh_CN")
    again = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    assert language.chosen(again) == "zh_CN" == language.effective(again)
    with pytest.raises(ValueError):
        language.store(settings, "fr")


def test_smoke_flag_opens_the_window_and_exits_zero(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    made = subprocess.run([sys.executable, "-m", "dealerdesk", "demo", "--db", str(db),
                           "--customers", "60", "--today", "2026-11-23"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert made.returncode == 0, made.stderr
    env_args = ["--data", str(tmp_path / "data"), "--today", "2026-11-23"]
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "--smoke",
                             "--lang", "zh_CN", *env_args, "-platform", "offscreen"],
                            capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "smoke test: window opened" in result.stdout
