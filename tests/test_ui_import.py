"""The import wizard, the Duplicates screen and the export actions, driven as a user would."""
# ruff: noqa: F811  (the ctx fixture is imported from test_ui_customers)

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMenu
from rawdb import query
from test_ui_customers import TODAY, ctx, wait_idle  # noqa: F401

from dealerdesk.services import customers
from dealerdesk.store.validation import vin_check_digit
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.data_actions import DataActions
from dealerdesk.ui.duplicates_view import DuplicatesView
from dealerdesk.ui.import_wizard import ImportWizard

CORPUS = Path(__file__).parent / "data" / "imports"


def count(db: Path, sql: str) -> int:
    return int(query(db, sql)[0][0])


def make_wizard(ctx: DeskContext, qtbot: Any) -> ImportWizard:
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_wizard_file_mapping_preview_import_undo(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
    dialogs: Any,
    tmp_path: Path,
) -> None:
    wizard = make_wizard(ctx, qtbot)
    changes: list[object] = []
    ctx.hub.changed.connect(changes.append)
    assert wizard.page() == "file" and not wizard.back_button.isEnabled()
    qtbot.keyClicks(wizard.path_edit, str(CORPUS / "mixed_dates.xlsx"))
    click(qtbot, wizard.next_button)
    wait_idle(qtbot, ctx)
    assert wizard.page() == "mapping"
    assert wizard.sheet_combo.isEnabled() and wizard.sheet_combo.currentText() == "客户"
    assert "Guessed from the headers" in wizard.mapping_note.text()
    table = wizard.mapping_table
    assert [table.item(r, 0).text() for r in range(table.rowCount())][:3] == [
        "姓名",
        "手机",
        "车架号",
    ]
    assert "13912340001" in table.item(1, 1).text()  # the first values are shown
    # the user decides not to import birthdays: picks "(ignore)" in the 生日 row
    birthday = table.cellWidget(7, 2)
    assert isinstance(birthday, QComboBox) and birthday.currentData() == "birthday"
    birthday.setCurrentIndex(birthday.findData(""))
    assert wizard.mapping()["生日"] == ""
    click(qtbot, wizard.next_button)
    wait_idle(qtbot, ctx)
    assert wizard.page() == "preview"
    assert "4 new customers" in wizard.summary_label.text()
    assert not wizard.errors_table.isVisible()
    assert wizard.next_button.text().replace("&", "") == "Import"
    assert count(db_path, "SELECT count(*) FROM customer") == 0  # nothing written yet
    click(qtbot, wizard.next_button)
    wait_idle(qtbot, ctx)
    assert wizard.page() == "import" and wizard.result is not None
    assert "Done in" in wizard.stage_label.text()
    assert count(db_path, "SELECT count(*) FROM customer") == 4
    assert count(db_path, "SELECT count(*) FROM customer WHERE birthday IS NOT NULL") == 0
    assert changes and len(changes[-1].customer_ids) >= 4  # type: ignore[attr-defined]
    assert wizard.cancel_button.text() == "Close"
    # the edited mapping is remembered for the next file of this shape
    again = make_wizard(ctx, qtbot)
    again.set_path(CORPUS / "mixed_dates.xlsx")
    click(qtbot, again.next_button)
    wait_idle(qtbot, ctx)
    assert "saved for files of this shape" in again.mapping_note.text()
    assert again.mapping()["生日"] == ""
    again.close()
    # undo, after a question
    dialogs.answer(True)
    click(qtbot, wizard.undo_button)
    wait_idle(qtbot, ctx)
    assert dialogs.seen[-1][0] == "confirm"
    assert count(db_path, "SELECT count(*) FROM customer") == 0
    assert "undone" in wizard.stage_label.text()
    wizard.close()


def test_wizard_shows_row_errors_and_refuses_to_import(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    wizard = make_wizard(ctx, qtbot)
    wizard.set_path(CORPUS / "bad_rows.csv")
    click(qtbot, wizard.next_button)
    wait_idle(qtbot, ctx)
    click(qtbot, wizard.next_button)
    wait_idle(qtbot, ctx)
    assert wizard.page() == "preview"
    errors = wizard.errors_table
    assert errors.isVisible() and errors.rowCount() == 7
    assert [errors.item(1, c).text() for c in range(3)] == ["4", "手机", "12345"]
    assert "not a valid phone number" in errors.item(1, 3).text()
    assert not wizard.next_button.isEnabled()
    assert "Fix these rows" in wizard.duplicates_label.text()
    assert wizard.save_errors_button.isVisible()
    assert wizard.save_errors(tmp_path / "problems.csv")
    wait_idle(qtbot, ctx)
    lines = (tmp_path / "problems.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Row,Column,Value,Problem" and len(lines) == 8
    assert lines[2].startswith("4,手机,12345,not a valid phone number")
    click(qtbot, wizard.back_button)
    assert wizard.page() == "mapping"
    click(qtbot, wizard.cancel_button)
    assert not wizard.isVisible()
    assert count(db_path, "SELECT count(*) FROM customer") == 0


def test_unreadable_file_is_a_polite_warning(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
    dialogs: Any,
) -> None:
    wizard = make_wizard(ctx, qtbot)
    wizard.set_path(CORPUS / "junk.csv")
    dialogs.answer(None)
    click(qtbot, wizard.next_button)
    wait_idle(qtbot, ctx)
    assert dialogs.seen[-1][0] == "warning" and "not a table" in dialogs.seen[-1][2]
    assert wizard.page() == "file" and wizard.next_button.isEnabled()
    wizard.close()


def test_cancel_during_the_import_writes_nothing(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["姓名", "手机"])
        writer.writerows([f"客户{i}", f"139{i:08d}"] for i in range(20000))
    wizard = make_wizard(ctx, qtbot)
    wizard.set_path(path)
    click(qtbot, wizard.next_button)
    wait_idle(qtbot, ctx)
    click(qtbot, wizard.next_button)
    wait_idle(qtbot, ctx, timeout=60_000)
    click(qtbot, wizard.next_button)  # Import
    assert wizard.cancel_button.text() == "Cancel" and not wizard.back_button.isEnabled()
    click(qtbot, wizard.cancel_button)
    wait_idle(qtbot, ctx, timeout=60_000)
    assert wizard.result is None
    assert "nothing was written" in wizard.stage_label.text()
    assert count(db_path, "SELECT count(*) FROM customer") == 0
    assert wizard.isVisible()  # the first Cancel stops the import, not the wizard
    wizard.close()


def _vin(n: int) -> str:
    body = f"LFVAB21X0NA{n:06d}"
    return body[:8] + vin_check_digit(body) + body[9:]


def test_duplicates_screen_merges_the_chosen_pair(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
    dialogs: Any,
) -> None:
    a = customers.create_customer({"name": "张伟", "phone": "13912345678"}, today=TODAY).new_id
    b = customers.create_customer({"name": "张伟", "phone": "13912345679", "email": "z@x.cn"},
                                  today=TODAY).new_id  # fmt: skip
    customers.add_vehicle(b, {"vin": _vin(1), "make": "大众", "model": "朗逸"}, today=TODAY)  # type: ignore[arg-type]
    customers.create_customer({"name": "王芳", "phone": "13700000000"}, today=TODAY)
    view = DuplicatesView(ctx)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    wait_idle(qtbot, ctx)
    assert view.model.rowCount() == 1
    assert "1 pairs" in view.count_label.text() or "1 pair" in view.count_label.text()
    why = view.model.index(0, 4).data()
    assert why == "same name 张伟, phone one digit apart"
    assert "张伟" in view.left.body.text() and "0 vehicles" in view.left.body.text()
    assert "1 vehicles" in view.right.body.text()
    dialogs.answer(False)  # the user thinks again
    click(qtbot, view.left.keep)
    wait_idle(qtbot, ctx)
    assert count(db_path, "SELECT count(*) FROM customer") == 3
    dialogs.answer(True)
    click(qtbot, view.left.keep)
    wait_idle(qtbot, ctx)
    assert "Merge 张伟 (#2) into 张伟 (#1)" in dialogs.seen[-1][2]
    assert count(db_path, "SELECT count(*) FROM customer") == 2
    assert count(db_path, f"SELECT count(*) FROM vehicle WHERE customer_id = {a}") == 1
    assert count(db_path, f"SELECT count(*) FROM customer WHERE id = {a} AND email = 'z@x.cn'") == 1
    assert view.model.rowCount() == 0 and not view.left.keep.isEnabled()


def test_export_actions_write_the_filtered_list(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
    tmp_path: Path,
) -> None:
    from PySide6.QtWidgets import QWidget

    for name, phone in (("张伟", "13912345678"), ("王芳", "13700000000")):
        customers.create_customer({"name": name, "phone": phone}, today=TODAY)
    host = QWidget()
    qtbot.addWidget(host)
    actions = DataActions(ctx, host, lambda: customers.CustomerFilter(text="王"))
    written: list[object] = []
    ctx.hub.status.connect(written.append)
    assert actions.export("customers", tmp_path / "list.csv")
    wait_idle(qtbot, ctx)
    text = (tmp_path / "list.csv").read_text(encoding="utf-8-sig")
    assert "王芳" in text and "张伟" not in text
    assert written and "1 rows" in str(written[-1])
    assert actions.export("followups", tmp_path / "f.xlsx")
    wait_idle(qtbot, ctx)
    assert (tmp_path / "f.xlsx").exists()
    menu = QMenu()
    actions.fill_menu(menu)
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names == ["import_customers", "undo_import", "export_customers", "export_vehicles",
                     "export_followups", "export_complaints", "export_calendar"]  # fmt: skip
    wizard = actions.open_import()
    assert wizard.isVisible() and actions.open_import() is wizard
    wizard.close()


def test_phone_calendar_for_the_chosen_staff_member(
    db_path: Path, ctx: DeskContext, qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QWidget

    from dealerdesk.services import followups
    from dealerdesk.store.models import Staff

    Staff.create(name="刘洋", username="liuyang")
    second = Staff.create(name="Emily Zhou", username="emily").id
    cid = customers.create_customer({"name": "张伟", "phone": "13912345678"}, today=TODAY).new_id
    followups.schedule_followup(customer_id=cid, due=TODAY, assignee_id=second, today=TODAY,
                                reason="问保养")  # fmt: skip
    host = QWidget()
    qtbot.addWidget(host)
    actions = DataActions(ctx, host, customers.CustomerFilter)

    def pick(dialog: Any) -> bool:
        combo = dialog.findChild(QComboBox, "staff_combo")
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "Emily Zhou",
            "刘洋",
        ]  # as list_staff orders them
        combo.setCurrentIndex(combo.findData(second))
        return True

    dialogs.answer(pick)
    assert actions.export_calendar(tmp_path / "emily.ics")
    wait_idle(qtbot, ctx)
    text = (tmp_path / "emily.ics").read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 1 and "张伟" in text


def test_undo_an_earlier_import_from_the_menu(
    db_path: Path, ctx: DeskContext, qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QListWidget, QWidget

    from dealerdesk.services import importing

    for name, phone in (("one.csv", "13900000001"), ("two.csv", "13900000002")):
        path = tmp_path / name
        path.write_text(f"姓名,手机\n客户,{phone}\n", encoding="utf-8")
        importing.run_import(importing.open_file(path), today=TODAY, now=ctx.now())
    host = QWidget()
    qtbot.addWidget(host)
    actions = DataActions(ctx, host, customers.CustomerFilter)
    shown: list[str] = []

    def pick_first_import(dialog: Any) -> bool:
        listing = dialog.findChild(QListWidget, "imports_list")
        shown.extend(listing.item(i).text() for i in range(listing.count()))
        listing.setCurrentRow(1)  # newest first: row 1 is one.csv
        return True

    dialogs.answer(pick_first_import)
    actions.actions["undo_import"].trigger()
    wait_idle(qtbot, ctx)
    assert len(shown) == 2 and "two.csv" in shown[0] and "1 customers" in shown[1]
    assert count(db_path, "SELECT count(*) FROM customer") == 1
    assert count(db_path, "SELECT count(*) FROM customer WHERE phone = '+8613900000002'") == 1
