"""The partner businesses tab (issue #14) through the real widgets: add, edit and archive
a partner; add a customer exchanged with it; type in the spend it reports; import its CSV
(the bad rows listed, nothing written); print its statement through the worker."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from test_ui_complaints import drive
from test_ui_customers import TODAY, ctx, seed, type_text, wait_idle  # noqa: F401

from dealerdesk.services import customers, partners
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_money
from dealerdesk.ui.partners_view import PartnersView


def shown(qtbot: Any, ctx: DeskContext) -> PartnersView:  # noqa: F811
    view = PartnersView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    wait_idle(qtbot, ctx)
    return view


def cells(model: Any, cols: tuple[int, ...]) -> list[list[Any]]:
    return [[model.index(r, c).data() for c in cols] for r in range(model.rowCount())]


def test_add_edit_archive_a_partner(db_path: Path, ctx: DeskContext, qtbot: Any,  # noqa: F811
                                    dialogs: Any, qtmodeltester: Any) -> None:  # fmt: skip
    view = shown(qtbot, ctx)
    assert view.model.rowCount() == 0 and not view.buttons["edit"].isEnabled()

    def new(dialog: Any) -> None:
        dialog.accept()  # no name: refused beside the field
        qtbot.waitUntil(lambda: bool(dialog.errors.message("name")))
        type_text(qtbot, dialog.name, "Sparkle Car Wash")
        dialog.kind.setCurrentIndex(dialog.kind.findData("car_wash"))
        type_text(qtbot, dialog.contact, "Amy")
        type_text(qtbot, dialog.phone, "13600001111")
        dialog.terms.setPlainText("10% off for our customers")
        dialog.accept()

    dialogs.answer(drive(qtbot, new))
    view.buttons["add"].click()
    wait_idle(qtbot, ctx)
    qtmodeltester.check(view.model)
    assert cells(view.model, (0, 1, 2, 3, 4)) == [["Sparkle Car Wash", "Car wash", "Amy", "0", "0"]]
    assert view.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == "136 0000 1111"
    assert view.terms.text() == "Terms: 10% off for our customers"

    def rename(dialog: Any) -> None:
        dialog.name.setText("Sparkle Wash")
        dialog.kind.setCurrentIndex(dialog.kind.findData("other"))
        dialog.accept()

    dialogs.answer(drive(qtbot, rename))
    view.buttons["edit"].click()
    wait_idle(qtbot, ctx)
    assert cells(view.model, (0, 1)) == [["Sparkle Wash", "Other"]]
    dialogs.answer(True)  # "Archive Sparkle Wash?"
    view.buttons["archive"].click()
    wait_idle(qtbot, ctx)
    assert view.model.rowCount() == 0
    view.show_archived.setChecked(True)
    wait_idle(qtbot, ctx)
    assert view.model.index(0, 0).data() == "Sparkle Wash (archived)"
    assert view.buttons["archive"].text().replace("&", "") == "Restore"


@pytest.fixture
def shop(db_path: Path) -> dict[str, int]:
    ids = seed().ids
    pid = partners.save_partner(None, {"name": "米其林驰加南山店", "kind": "tyre_shop"}).new_id
    ids["partner"] = pid  # type: ignore[assignment]
    partners.add_exchange(pid, ids["欧阳娜娜"], "from_partner", on=date(2026, 10, 2), today=TODAY)  # type: ignore[arg-type]
    customers.add_visit(ids["欧阳娜娜"], {"date": date(2026, 10, 20), "kind": "service",
                                          "amount": 1888}, today=TODAY)  # fmt: skip
    return ids


def test_exchange_a_customer_type_and_import_spend(shop: dict[str, int], ctx: DeskContext,  # noqa: F811
                                                   qtbot: Any, dialogs: Any, tmp_path: Path) -> None:  # fmt: skip
    view = shown(qtbot, ctx)
    assert cells(view.exchanges, (0, 2, 4)) == [["欧阳娜娜", "Sent to us", fmt_money(1888)]]
    assert not view.buttons["spend"].isEnabled()  # the partner reports only on those we sent

    def send(dialog: Any) -> None:
        type_text(qtbot, dialog.picker.search, "zw")  # 张伟 (and 张伟国) by pinyin initials
        with qtbot.waitSignal(dialog.picker.searched, timeout=5000):
            pass
        qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
        dialog.direction.setCurrentIndex(dialog.direction.findData("to_partner"))
        dialog.on.setText("2026-10-01")
        dialog.accept()

    dialogs.answer(drive(qtbot, send))
    view.buttons["exchange"].click()
    wait_idle(qtbot, ctx)
    assert cells(view.exchanges, (0, 2)) == [["欧阳娜娜", "Sent to us"], ["张伟", "Sent by us"]]
    view.exchanges_table.selectRow(1)
    assert view.buttons["spend"].isEnabled()

    def spend(dialog: Any) -> None:
        dialog.amount.setValue(680)
        dialog.on.setText("2026-10-03")
        type_text(qtbot, dialog.note, "tyres")
        dialog.accept()

    dialogs.answer(drive(qtbot, spend))
    view.buttons["spend"].click()
    wait_idle(qtbot, ctx)
    assert view.exchanges.index(1, 4).data() == fmt_money(680)
    assert view.model.index(0, 5).data() == fmt_money(680)  # the partner's reported total

    bad = tmp_path / "bad.csv"
    bad.write_text("手机号,日期,金额\n13912345678,2026-10-09,120\n13800138000,2026-10-09,abc\n",
                   encoding="utf-8")  # fmt: skip
    dialogs.answer(None)  # the warning
    assert view.import_spend(bad)
    wait_idle(qtbot, ctx)
    kind, title, text = dialogs.seen[-1]
    assert (kind, title) == ("warning", "Nothing was imported")
    assert "Row 3: no customer sent to this partner has the phone 13800138000" in text
    assert "Row 3" in text and "abc" not in text.split("Row 3")[0]
    assert view.exchanges.index(1, 4).data() == fmt_money(680)  # row 2 was good, nothing written

    good = tmp_path / "good.csv"
    good.write_text("手机号,日期,金额\n13912345678,2026-10-09,120\n", encoding="utf-8")
    dialogs.answer(None)  # the report
    view.import_spend(good)
    wait_idle(qtbot, ctx)
    assert dialogs.seen[-1][2] == "1 spend rows imported for 米其林驰加南山店, total ¥120.00"
    assert view.exchanges.index(1, 4).data() == fmt_money(800)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
def test_statement_pdf_from_the_screen(shop: dict[str, int], ctx: DeskContext,  # noqa: F811
                                       qtbot: Any, dialogs: Any, tmp_path: Path) -> None:  # fmt: skip
    view = shown(qtbot, ctx)
    opened: list[Path] = []
    view.open_file = lambda p: opened.append(p) or True  # type: ignore[func-returns-value]
    view.start.setDate(QDate(2026, 10, 1))
    view.end.setDate(QDate(2026, 10, 31))
    out = tmp_path / "statement.pdf"

    def choose(dialog: Any) -> bool:
        dialog.selectFile(str(out))
        return True

    dialogs.answer(choose)
    with qtbot.waitSignal(view.statement_written, timeout=20_000) as done:
        assert view.write_statement()
    assert dialogs.seen[-1][:2] == ("modal", "save_statement")
    assert opened == [out] and done.args[0].pages == 1
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    assert "欧阳娜娜" in text and "¥1,888.00" in text
    view.end.setDate(QDate(2026, 9, 1))
    dialogs.answer(None)
    assert not view.write_statement(out)
    assert dialogs.seen[-1][2] == "The period ends before it starts."
