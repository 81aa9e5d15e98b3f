"""The desk's day from the keyboard (issue #7), on the real window over a real database.

Each flow counts the keys it sends and asserts DESIGN's limit of five: completing from
the Calendar, scheduling a follow-up a week out (presets and a date picker, the dialog
opening on the reason), and the day's greeting batch on Today.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from followup_support import add_followup, clear_generated_followups, idle
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog

from dealerdesk.services import customers, desk_day, followups
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.hub import ChangeHub
from dealerdesk.ui.worker import Worker

TODAY = date(2026, 5, 12)  # a Tuesday


@pytest.fixture
def ctx(db_path: Path, qtbot: object) -> Iterator[DeskContext]:
    from dealerdesk.store import db as store_db

    worker = Worker(on_thread_exit=store_db.close)
    yield DeskContext(db_path=db_path, worker=worker, hub=ChangeHub(), clock=lambda: TODAY)
    worker.shutdown()


def customer(name: str, phone: str) -> int:
    cid = customers.create_customer({"name": name, "phone": phone}, today=TODAY).new_id
    assert cid is not None
    return cid


class Keys:
    """Sends keys to whatever has the focus, as a person would, and counts them."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot, self.count = qtbot, 0

    def press(
        self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.count += 1
        self.qtbot.keyClick(QApplication.focusWidget(), key, mods)
        if mods & Qt.KeyboardModifier.AltModifier:
            self.qtbot.wait(250)  # a mnemonic clicks its button after a short flash

    def in_dialog(self, keys: list[tuple[Qt.Key, Qt.KeyboardModifier]], *, typed: str = "") -> Any:
        def drive(dialog: QDialog) -> bool:
            self.qtbot.addWidget(dialog)
            dialog.show()
            dialog.activateWindow()
            self.qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
            if typed:  # the words themselves are not counted (the issue: "plus the reason")
                self.qtbot.keyClicks(QApplication.focusWidget(), typed)
            for key, mods in keys:
                self.press(key, mods)
            accepted = dialog.result() == QDialog.DialogCode.Accepted
            dialog.hide()
            return accepted

        return drive


NONE = Qt.KeyboardModifier.NoModifier


def window(ctx: DeskContext, qtbot: Any, tmp_path: Path) -> Any:
    from dealerdesk.ui.main_window import MainWindow

    win = MainWindow(ctx, settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    idle(qtbot, ctx)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    return win


def test_complete_from_the_calendar_in_four_keys(
    ctx: DeskContext, qtbot: Any, dialogs: Any, tmp_path: Path
) -> None:
    followups.ensure_cadence_rules()
    a, b = customer("张伟", "13800138001"), customer("王芳", "13800138002")
    clear_generated_followups()
    first = add_followup(a, TODAY)
    add_followup(b, TODAY, kind="checkin")
    win = window(ctx, qtbot, tmp_path)
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # to the Calendar
    idle(qtbot, ctx)
    cal = win.calendar
    qtbot.waitUntil(lambda: cal.agenda_table.hasFocus())  # the keyboard is in the list
    assert cal.agenda_table.currentIndex().row() == 0
    top = cal.agenda_model.row_at(0)
    dialogs.answer(keys.in_dialog([(Qt.Key.Key_R, NONE), (Qt.Key.Key_Return, NONE)]))
    with qtbot.waitSignal(ctx.hub.changed, timeout=10_000):
        keys.press(Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert keys.count == 4 <= 5
    done = [r for r in followups.day_agenda(day=TODAY) if r.id == top.id]
    assert done and done[0].status == "done" and top.id in (first, first + 1)


def test_the_agenda_for_today_holds_only_today_and_past_due_is_apart(
    ctx: DeskContext, qtbot: Any, tmp_path: Path
) -> None:
    followups.ensure_cadence_rules()
    a, b = customer("张伟", "13800138001"), customer("王芳", "13800138002")
    clear_generated_followups()
    today_id = add_followup(a, TODAY)
    # A stay-in-touch call due a month ago is within its grace: not "overdue" yet, but it
    # is past its day, so it is listed under Past due, never in today's agenda.
    month_old = add_followup(b, TODAY - timedelta(days=29), kind="touch")
    assert [r.overdue_days for r in followups.due_followups(today=TODAY) if r.id == month_old] == [
        0
    ]
    from dealerdesk.ui.calendar_view import CalendarView

    view = CalendarView(ctx)
    qtbot.addWidget(view)
    view.show()
    idle(qtbot, ctx)
    assert [r.id for r in view.agenda_model.rows()] == [today_id]
    assert [r.id for r in view.overdue_model.rows()] == [month_old]
    assert view.agenda_title.text() == "Agenda for today: 1"
    assert view.overdue_title.text() == "Past due: 1"


def test_schedule_a_follow_up_in_a_week_in_three_keys_plus_the_reason(
    ctx: DeskContext, qtbot: Any, dialogs: Any
) -> None:
    from dealerdesk.ui.customer_detail import CustomerDetail

    followups.ensure_cadence_rules()
    cid = customer("赵磊", "13800138009")
    detail = CustomerDetail(ctx)
    qtbot.addWidget(detail)
    detail.resize(1280, 800)
    detail.show()
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        detail.load(cid)
    idle(qtbot, ctx)
    detail.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is detail, timeout=3000)
    detail.setFocus()
    before = detail.followups.count()
    keys = Keys(qtbot)
    seen: list[Any] = []

    def on_reason(dialog: QDialog) -> bool:
        seen.append(QApplication.focusWidget() is dialog.reason)  # opens on the reason
        return keys.in_dialog([(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier),
                               (Qt.Key.Key_Return, NONE)], typed="winter tyre offer")(dialog)  # fmt: skip

    def first_focus(dialog: QDialog) -> bool:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
        return on_reason(dialog)

    dialogs.answer(first_focus)
    keys.press(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # "Follo&w-up…"
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    idle(qtbot, ctx)
    assert keys.count == 3 <= 5 and seen == [True]
    week = TODAY + timedelta(days=7)
    planned = [r for r in followups.day_agenda(day=week) if r.customer_id == cid]
    assert [(r.kind, r.reason) for r in planned] == [("manual", "winter tyre offer")]
    # The new follow-up shows on the customer's page.
    qtbot.waitUntil(lambda: detail.followups.count() == before + 1, timeout=5000)
    rows = detail.followups.model.rows()
    assert any(r.due == week and r.reason == "winter tyre offer" for r in rows)


def test_schedule_presets_and_the_date_picker(ctx: DeskContext, qtbot: Any) -> None:
    from dealerdesk.ui.followup_dialogs import ScheduleFollowupDialog

    dialog = ScheduleFollowupDialog(ctx, 1, "赵磊")
    qtbot.addWidget(dialog)
    assert dialog.due.calendarPopup() and dialog.due_day() == TODAY + timedelta(days=1)
    for button, expected in zip(dialog.preset_buttons, (date(2026, 5, 15), date(2026, 5, 19),
                                                        date(2026, 6, 12)), strict=True):  # fmt: skip
        button.click()
        assert dialog.due_day() == expected
    dialog.set_in(1, "month")
    assert dialog.due_day() == date(2026, 6, 12)
    assert dialog.due.minimumDate().toPython() == TODAY  # no day in the past to pick


def test_today_sends_a_greeting_batch_in_two_keys(
    ctx: DeskContext, qtbot: Any, dialogs: Any
) -> None:
    from dealerdesk.store.models import Customer, Followup
    from dealerdesk.ui.today_view import TodayView

    followups.ensure_cadence_rules()
    for n in range(1, 4):
        customer(f"客户{n}", f"1380013800{n}")
    Customer.update(wechat="wx", preferred_channel="wechat", birthday=date(1985, 5, 13)).execute()
    followups.generate_followups(today=TODAY - timedelta(days=40))
    followups.generate_followups(today=TODAY)
    assert Followup.select().where(Followup.kind == "birthday").count() == 3
    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    idle(qtbot, ctx)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=3000)
    rows = view.due_model.rows()
    batch = [r for r in rows if isinstance(r, desk_day.BatchTask)]
    assert len(batch) == 1 and batch[0].count == 3  # counts once
    view.due_table.setFocus()
    view.due_table.setCurrentIndex(view.due_model.index(rows.index(batch[0]), 0))
    keys = Keys(qtbot)
    dialogs.answer(keys.in_dialog([(Qt.Key.Key_Return, NONE)]))
    with qtbot.waitSignal(ctx.hub.changed, timeout=10_000):
        keys.press(Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert keys.count == 2
    assert Followup.select().where((Followup.kind == "birthday")
                                   & (Followup.status == "done")).count() == 3  # fmt: skip
    assert not [r for r in view.due_model.rows() if isinstance(r, desk_day.BatchTask)]
    assert not view.grab().isNull()


def test_today_cuts_at_capacity_and_later_is_reachable(ctx: DeskContext, qtbot: Any) -> None:
    from dealerdesk.store.models import Staff
    from dealerdesk.ui.today_view import TodayView

    followups.ensure_cadence_rules()
    ana = Staff.create(name="Ana", username="ana", calls_per_day=2).id
    ids = [customer(f"客户{n}", f"1380013800{n}") for n in range(1, 6)]
    clear_generated_followups()
    for n, cid in enumerate(ids):
        add_followup(cid, TODAY - timedelta(days=n), staff_id=ana)
    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.show()
    idle(qtbot, ctx)
    assert view.due_model.rowCount() == 2 and view.tiles["later"].value.text() == "3"
    assert view.later_button.text() == "Later (3)…"
    view.later_button.click()
    idle(qtbot, ctx)
    assert view.due_model.rowCount() == 5 and view.due_model.muted_from == 2
    view.staff_combo.setCurrentIndex(view.staff_combo.findData(ana))
    idle(qtbot, ctx)
    assert view.capacity.isEnabled() and view.capacity.value() == 2
    view.capacity.setValue(4)
    view.capacity.editingFinished.emit()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    view.later_button.setChecked(False)
    idle(qtbot, ctx)
    assert view.due_model.rowCount() == 4 and view.tiles["later"].value.text() == "1"


def test_the_catch_up_list_is_reviewed_once_from_today(
    ctx: DeskContext, qtbot: Any, dialogs: Any
) -> None:
    from dealerdesk.store.models import ContactLog, Customer
    from dealerdesk.ui.today_view import TodayView

    followups.ensure_cadence_rules()
    ids = [customer(f"客户{n}", f"1380013800{n}") for n in range(1, 4)]
    from dealerdesk.store.models import Followup

    Followup.delete().execute()  # as if imported: never planned
    for cid in ids:
        ContactLog.create(customer=cid, at=datetime(2025, 12, 1, 9), channel="phone",
                          outcome="reached")  # fmt: skip
    # issue #16: a customer not seen for 12 months is lapsed (a win-back call today), so
    # these are customers of 8 months.
    Customer.update(created_at=datetime(2025, 9, 1)).execute()
    followups.generate_followups(today=TODAY)  # the first plan: old calls wait apart
    view = TodayView(ctx)
    qtbot.addWidget(view)
    view.show()
    idle(qtbot, ctx)
    assert view.due_model.rowCount() == 0 and view.catchup_button.isVisible()
    assert view.catchup_button.text() == "Catch-up list (3)…"

    def bring_all(dialog: QDialog) -> bool:
        qtbot.addWidget(dialog)
        idle(qtbot, ctx)
        assert dialog.model.rowCount() == 3
        dialog.bring.click()  # nothing selected: the whole list
        return True

    dialogs.answer(bring_all)
    view.review_catchup()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    assert view.due_model.rowCount() == 3 and not view.catchup_button.isVisible()
    assert {r.due for r in view.due_model.rows()} == {TODAY}
