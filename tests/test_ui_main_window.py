"""The main window and the app: navigation, shortcuts, remembered state, the report,
errors that reach the user politely, and ``python main.py`` start-up paths."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from test_ui_customers import TODAY, ctx, seed, type_text, wait_idle  # noqa: F401

from dealerdesk import app as desk_app
from dealerdesk.services import customers
from dealerdesk.ui import errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.main_window import SCREENS, MainWindow

ROOT = Path(__file__).resolve().parents[1]


def make_window(ctx: DeskContext, qtbot: Any, settings_file: Path) -> MainWindow:  # noqa: F811
    window = MainWindow(ctx, settings=QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ctx)
    return window


@pytest.fixture
def window(ctx: DeskContext, qtbot: Any, tmp_path: Path) -> Iterator[MainWindow]:  # noqa: F811
    win = make_window(ctx, qtbot, tmp_path / "window.ini")
    yield win
    wait_idle(qtbot, ctx)


def activate(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


# --- navigation and state -----------------------------------------------------------------
def test_every_screen_is_reachable_by_ctrl_number(db_path: Path, window: MainWindow,
                                                  qtbot: Any) -> None:  # fmt: skip
    activate(qtbot, window)
    for i, (key, _label) in enumerate(SCREENS):
        key_ = Qt.Key(Qt.Key.Key_0.value + (i + 1) % 10)  # Ctrl+1…9, then Ctrl+0 (issue #16)
        qtbot.keyClick(window, key_, Qt.KeyboardModifier.ControlModifier)
        assert window.current_screen() == key
        assert window.nav.currentRow() == i
    window.nav.setCurrentRow(1)  # a click in the list does the same
    assert window.current_screen() == "customers"
    wait_idle(qtbot, window.ctx)  # the screens' loads land before the window goes


def test_geometry_and_last_screen_are_remembered(db_path: Path, ctx: DeskContext,  # noqa: F811
                                                 qtbot: Any, tmp_path: Path) -> None:  # fmt: skip
    ini = tmp_path / "window.ini"
    first = make_window(ctx, qtbot, ini)
    first.resize(first.minimumSizeHint().width(), 731)  # wider than the 800-px offscreen screen
    size = (first.width(), first.height())
    first.show_screen("calendar")
    first.close()
    second = make_window(ctx, qtbot, ini)
    assert second.current_screen() == "calendar"
    assert (second.width(), second.height()) == size
    second.close()


def test_menus_toolbar_and_status_bar(db_path: Path, window: MainWindow) -> None:
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Customer", "View", "Reports", "Help"]
    assert window.actions["new_customer"].shortcut().toString() == "Ctrl+N"
    assert window.actions["find"].shortcut().toString() == "Ctrl+F"
    assert window.actions["log_contact"].shortcut().toString() == "Ctrl+L"
    assert window.db_label.text() == str(db_path)


def test_ctrl_f_finds_from_any_screen(db_path: Path, window: MainWindow, qtbot: Any) -> None:
    seed()
    window.show_screen("today")
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "customers"
    assert window.customers.search.hasFocus()


def test_tab_order_works_without_a_mouse(db_path: Path, window: MainWindow, qtbot: Any) -> None:
    seed()
    window.show_screen("customers")
    activate(qtbot, window)
    window.customers.focus_search()
    seen = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().objectName())
    assert seen == ["filter_tier", "filter_segment", "filter_band", "filter_staff",
                    "new_customer_button", "customer_table"]  # fmt: skip


# --- customers from the window ------------------------------------------------------------
def test_ctrl_n_creates_and_opens_the_customer(db_path: Path, window: MainWindow, qtbot: Any,
                                               dialogs: Any) -> None:  # fmt: skip
    def fill(dialog: Any) -> bool:
        dialog.edits["name"].setText("孙悦")
        dialog.edits["phone"].setText("139 0000 1111")
        dialog.accept()
        return True

    dialogs.answer(fill)
    activate(qtbot, window)
    with qtbot.waitSignal(window.detail.loaded, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "detail"
    assert window.detail.form.edits["name"].text() == "孙悦"
    assert window.detail.form.edits["phone"].text() == "139 0000 1111"


def test_open_from_a_list_and_go_back(db_path: Path, window: MainWindow, qtbot: Any) -> None:
    ids = seed().ids
    window.show_screen("today")
    with qtbot.waitSignal(window.detail.loaded, timeout=5000):
        window.ctx.hub.open_customer.emit(ids["张伟"])
    assert window.current_screen() == "detail" and window.nav.currentRow() == 1
    window.actions["back"].trigger()
    assert window.current_screen() == "today"


def test_leaving_unsaved_edits_asks_first(db_path: Path, window: MainWindow, qtbot: Any,
                                          dialogs: Any) -> None:  # fmt: skip
    ids = seed().ids
    with qtbot.waitSignal(window.detail.loaded, timeout=5000):
        window.open_customer(ids["王芳"])
    email = window.detail.form.edits["email"]
    email.setText("x@example.cn")
    email.textEdited.emit("x@example.cn")
    dialogs.answer("cancel")
    window.show_screen("today")
    assert window.current_screen() == "detail" and window.nav.currentRow() == 1
    dialogs.answer("cancel")
    window.close()  # closing the window is guarded too
    assert window.isVisible()
    dialogs.answer("discard")
    window.show_screen("today")
    assert window.current_screen() == "today"
    assert customers.get_customer(ids["王芳"]).email == ""


def test_ctrl_l_logs_a_contact_for_the_selected_customer(
    db_path: Path, window: MainWindow, qtbot: Any, dialogs: Any
) -> None:
    ids = seed().ids
    window.show_screen("customers")
    window.customers.refresh()
    wait_idle(qtbot, window.ctx)
    assert window.customers.select_customer(ids["李娜"])

    def keys(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClick(dialog, Qt.Key.Key_N)  # no answer
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        return True

    dialogs.answer(keys)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.ctx)
    contacts = [e for e in customers.timeline(ids["李娜"]) if e.kind == "contact"]
    assert len(contacts) == 1 and "no_answer" in contacts[0].title


def test_ctrl_l_with_nobody_selected_says_so(db_path: Path, window: MainWindow) -> None:
    window.show_screen("reports")
    window.actions["log_contact"].trigger()
    assert "Select a customer" in window.statusBar().currentMessage()


# --- the at-risk report -------------------------------------------------------------------
def test_at_risk_pdf_is_written_off_the_gui_thread_then_opened(
    db_path: Path, window: MainWindow, qtbot: Any, tmp_path: Path, dialogs: Any
) -> None:
    seed(score=True)
    opened: list[Path] = []
    window.reports.open_file = lambda path: opened.append(path) or True  # type: ignore[func-returns-value]
    out = tmp_path / "at-risk.pdf"

    def choose(dialog: Any) -> bool:
        dialog.selectFile(str(out))
        return True

    dialogs.answer(choose)
    with qtbot.waitSignal(window.reports.finished, timeout=60_000) as done:
        window.reports.at_risk_action.trigger()
        assert window.reports.progress is not None and window.reports.progress.isVisible()
    assert done.args[0].pages >= 1
    assert opened == [out] and out.read_bytes().startswith(b"%PDF")
    assert window.reports.progress is None and window.reports.at_risk_action.isEnabled()


def test_report_cancelled_at_the_file_dialog(db_path: Path, window: MainWindow,
                                             dialogs: Any) -> None:  # fmt: skip
    dialogs.answer(False)
    assert window.reports.make_at_risk() is False
    assert window.reports.progress is None


def test_report_that_cannot_be_written_is_explained(
    db_path: Path, window: MainWindow, qtbot: Any, tmp_path: Path, dialogs: Any
) -> None:
    dialogs.answer(None)
    window.reports.make_at_risk(tmp_path / "missing-folder" / "r.pdf")
    qtbot.waitUntil(lambda: not window.reports.running, timeout=30_000)
    kind, _title, text = dialogs.seen[0]
    assert kind == "warning" and "does not exist" in text


# --- errors -------------------------------------------------------------------------------
def test_unexpected_errors_are_logged_and_shown_politely(
    db_path: Path, ctx: DeskContext, qtbot: Any, tmp_path: Path, dialogs: Any,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("dealerdesk", "dealerdesk.ui"):  # import-linter's run disables old loggers
        monkeypatch.setattr(logging.getLogger(name), "disabled", False)
    monkeypatch.setattr(logging.getLogger("dealerdesk"), "level", logging.INFO)
    log_file = tmp_path / "dealerdesk.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger("dealerdesk").addHandler(handler)
    uninstall = errors.install(parent=lambda: None, log_path=log_file, worker=ctx.worker)
    try:
        def broken() -> None:
            raise RuntimeError("boom in a job")

        dialogs.answer(None, None)
        ctx.worker.submit(broken)  # no on_error: Worker.failed is the route
        wait_idle(qtbot, ctx)
        try:
            raise KeyError("boom in a slot")
        except KeyError:
            sys.excepthook(*sys.exc_info())  # what PySide does with an exception in a slot
    finally:
        uninstall()
        logging.getLogger("dealerdesk").removeHandler(handler)
        handler.close()
    assert [kind for kind, _t, _x in dialogs.seen] == ["error", "error"]
    assert all("Traceback" not in text and str(log_file) in text for _k, _t, text in dialogs.seen)
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "boom in a job" in logged and "boom in a slot" in logged


# --- the app: python main.py --------------------------------------------------------------
# The first-run setup wizard: tests/test_ui_first_run.py


def test_a_database_that_cannot_open_is_explained(tmp_path: Path, qtbot: Any,
                                                  dialogs: Any) -> None:  # fmt: skip
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite, just some text")
    dialogs.answer(None)
    assert desk_app.build(["--db", str(bad)]) == 1
    kind, _title, text = dialogs.seen[0]
    assert kind == "error" and "not a DealerDesk database" in text and "Traceback" not in text


def test_main_py_runs(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"],
                            capture_output=True, text=True, check=False, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0 and result.stdout.startswith("DealerDesk ")
