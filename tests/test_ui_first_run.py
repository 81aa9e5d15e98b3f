"""The first-run setup wizard: name and language, first staff, then demo or empty."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWizard
from test_ui_customers import wait_idle

from dealerdesk import app as desk_app
from dealerdesk import i18n
from dealerdesk.errors import ValidationError
from dealerdesk.services import customers, settings
from dealerdesk.services.setup import NewStaff, check_setup, suggest_username
from dealerdesk.ui import language
from dealerdesk.ui.first_run import FirstRunWizard


@pytest.fixture(autouse=True)
def _english_after(qapp: Any) -> Any:
    yield
    language.apply_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def fill(qtbot: Any, *, name: str, lang: str, staff: list[str], demo: bool,
         import_file: bool = False) -> Any:  # fmt: skip
    """A responder that types into the real wizard and presses its buttons."""

    def answer(wizard: FirstRunWizard) -> bool:
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.dealership
        wizard.next()  # nothing typed: Next is refused (the name is required)
        assert wizard.currentPage() is page
        page.name.insert(name)  # as an input method commits it (QTest types ASCII only)
        page.language.setCurrentIndex(page.language.findData(lang))
        wizard.next()
        assert wizard.currentPage() is wizard.staff_page
        for row, person in enumerate(staff):
            item_name = person
            wizard.staff_page.set_row(row, item_name)
        wizard.next()
        assert wizard.currentPage() is wizard.start
        chosen = wizard.start.import_file if import_file else wizard.start.demo if demo else None
        (chosen or wizard.start.empty).setChecked(True)
        wizard.button(QWizard.WizardButton.FinishButton).click()
        return wizard.result() == 1

    return answer


def test_setup_starts_empty_with_the_name_the_staff_and_chinese(
    tmp_path: Path, qtbot: Any, dialogs: Any
) -> None:
    db = tmp_path / "new.db"
    dialogs.answer(fill(qtbot, name="鑫源汽车", lang="zh_CN", staff=["陈经理", "李娜"], demo=False))
    desk = desk_app.build(["--db", str(db), "--today", "2026-11-23", "--lang", "en",
                           "--data", str(tmp_path / "data")])  # fmt: skip
    assert not isinstance(desk, int)
    try:
        assert dialogs.seen[0][:2] == ("modal", "first_run")
        wait_idle(qtbot, desk.ctx)
        assert settings.dealership_name() == "鑫源汽车"
        staff = {(s.name, s.username) for s in customers.list_staff()}
        assert staff == {("陈经理", "chenjingli"), ("李娜", "lina")}
        assert i18n.current_language() == "zh_CN"  # the choice applies at once...
        assert language.chosen(language.desk_settings()) == "zh_CN"  # ...and is kept
        assert desk.window.customers.model.rowCount() == 0
        assert desk.window.isVisible() and desk.ctx.today() == date(2026, 11, 23)
    finally:
        desk.close()


def test_setup_can_create_the_demo_keeping_the_typed_staff(
    tmp_path: Path, qtbot: Any, dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk_app, "DEMO_CUSTOMERS", 120)  # the real first run makes 2,000
    db = tmp_path / "demo.db"
    dialogs.answer(fill(qtbot, name="Test Motors", lang="en", staff=["李娜"], demo=True))
    desk = desk_app.build(["--db", str(db), "--today", "2026-11-23"])
    assert not isinstance(desk, int)
    try:
        wait_idle(qtbot, desk.ctx, timeout=60_000)
        assert desk.window.customers.model.rowCount() == 120
        users = [s.username for s in customers.list_staff()]
        assert "lina" in users and "lina2" in users  # the demo's 李娜 keeps her name
        assert settings.dealership_name() == "Test Motors"
    finally:
        desk.close()


def test_setup_can_start_with_an_import(tmp_path: Path, qtbot: Any, dialogs: Any) -> None:
    db = tmp_path / "mine.db"
    dialogs.answer(fill(qtbot, name="鑫源汽车", lang="en", staff=[], demo=False, import_file=True))
    desk = desk_app.build(["--db", str(db), "--today", "2026-11-23"])
    assert not isinstance(desk, int)
    try:
        wizard = desk.window.data.wizard
        assert wizard is not None and wizard.isVisible()  # straight into the import wizard
        wait_idle(qtbot, desk.ctx)
        assert desk.window.customers.model.rowCount() == 0
        wizard.close()
    finally:
        desk.close()


def test_closing_the_setup_creates_nothing(tmp_path: Path, qtbot: Any, dialogs: Any) -> None:
    db = tmp_path / "never.db"
    dialogs.answer(False)
    assert desk_app.build(["--db", str(db), "--data", str(tmp_path / "d")]) == 0
    assert not db.exists()


def test_staff_page_refuses_a_bad_row_and_says_which(qtbot: Any, tmp_path: Path) -> None:
    wizard = FirstRunWizard(tmp_path / "x.db", language="en", demo_customers=2000)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.dealership.name, "A")
    wizard.next()
    wizard.staff_page.set_row(0, "王强", "wq")
    wizard.staff_page.set_row(1, "王倩", "wq")
    wizard.next()
    assert wizard.currentPage() is wizard.staff_page
    assert "Row 2" in wizard.staff_page.error.text() and "wq" in wizard.staff_page.error.text()
    assert wizard.staff_page.error.isVisible()
    wizard.staff_page.table.item(1, 1).setText("wangqian")
    wizard.next()
    assert wizard.currentPage() is wizard.start
    assert "2,000" in wizard.start.demo.text()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)


def test_check_setup_boundaries() -> None:
    with pytest.raises(ValidationError) as err:
        check_setup(dealership="  ", staff=())
    assert err.value.field == "dealership"
    assert check_setup(dealership="x" * 80, staff=())[0] == "x" * 80
    with pytest.raises(ValidationError):
        check_setup(dealership="x" * 81, staff=())
    with pytest.raises(ValidationError) as err:
        check_setup(dealership="A", staff=[NewStaff("a", "ok"), NewStaff("b", "A B")])
    assert (err.value.field, err.value.row) == ("username", 2)
    assert suggest_username("欧阳娜娜", {"ouyangnana"}) == "ouyangnana2"
