"""Calendar screen: the month grid's counts, the overdue list and the day's agenda, and
completing / snoozing / rescheduling (keys, the date picker, drag onto a day) on the real
widgets over a real database through the worker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from followup_support import add_followup, clear_generated_followups, idle
from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPainter
from PySide6.QtWidgets import QApplication, QDialog

from dealerdesk.services import customers, followups
from dealerdesk.services.changes import changed
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


def add_staff(name: str) -> int:
    from dealerdesk.store.models import Staff  # arranging data only; no service adds staff

    return int(Staff.create(name=name, username=name.lower()).id)


@pytest.fixture
def data(db_path: Path) -> dict[str, int]:
    followups.ensure_cadence_rules()
    anna, bo = add_staff("Anna"), add_staff("Bo")
    ids = {}
    for i, name in enumerate(("张伟", "王芳", "李娜", "Smith & Co Logistics"), start=1):
        ids[f"c{i}"] = customers.create_customer(
            {"name": name, "phone": f"1380013800{i}"}, today=TODAY).new_id  # fmt: skip
    clear_generated_followups()
    return {
        "anna": anna, "bo": bo, **ids,
        "late": add_followup(ids["c1"], TODAY - timedelta(days=5), staff_id=anna),
        "t1": add_followup(ids["c2"], TODAY, staff_id=anna),
        "t2": add_followup(ids["c3"], TODAY, kind="checkin", staff_id=bo),
        "soon": add_followup(ids["c4"], TODAY + timedelta(days=3), staff_id=bo),
    }  # fmt: skip


def make_view(qtbot: object, ctx: DeskContext) -> object:
    from dealerdesk.ui.calendar_view import CalendarView

    view = CalendarView(ctx)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.resize(1280, 800)
    view.show()
    idle(qtbot, ctx)
    return view


def focus_agenda_row(qtbot: object, view: object, followup_id: int) -> None:
    table, model = view.agenda_table, view.agenda_model
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)  # type: ignore[attr-defined]
    table.setCurrentIndex(model.index(model.row_of(followup_id), 0))


def press_in_dialog(qtbot: object, keys: list[Qt.Key]) -> Callable[[QDialog], bool]:
    def drive(dialog: QDialog) -> bool:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))  # type: ignore[attr-defined]
        for key in keys:
            qtbot.keyClick(QApplication.focusWidget(), key)  # type: ignore[attr-defined]
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.hide()
        return accepted

    return drive


def cell_centre(calendar: object, day: date) -> QPoint:
    """Where *day* sits in the grid's viewport, found through the widget's own hit test."""
    view = calendar.view
    for row in range(view.model().rowCount()):
        for col in range(view.model().columnCount()):
            centre = view.visualRect(view.model().index(row, col)).center()
            if calendar.date_at(centre) == day:
                return centre
    raise AssertionError(f"{day} is not on the shown page")


def drop_on(calendar: object, mime: object, day: date) -> bool:
    port = calendar.view.viewport()
    pos = QPointF(cell_centre(calendar, day))
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    try:  # PySide6 6.12 takes a QPointF here, earlier versions a QPoint
        enter = QDragEnterEvent(pos, *args)
    except TypeError:
        enter = QDragEnterEvent(pos.toPoint(), *args)
    QApplication.sendEvent(port, enter)
    drop = QDropEvent(pos, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)  # fmt: skip
    QApplication.sendEvent(port, drop)
    return enter.isAccepted() and drop.isAccepted()


def test_agenda_model_passes_the_model_tester(
    qtbot: object, qtmodeltester: object, data: dict[str, int]
) -> None:
    from dealerdesk.ui.agenda_model import AgendaModel

    followups.complete_followup(followup_id=data["t1"], outcome="reached",
                                now=datetime.combine(TODAY, datetime.min.time()))  # fmt: skip
    owner = QObject()
    model = AgendaModel(owner)
    model.set_rows(followups.day_agenda(day=TODAY), today=TODAY)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    done = model.row_of(data["t1"])
    assert model.index(done, 0).data() == "Done"
    assert not model.flags(model.index(done, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(model.index(1 - done, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_grid_counts_each_day_with_overdue_apart(
    qtbot: object, ctx: DeskContext, data: dict[str, int]
) -> None:
    view = make_view(qtbot, ctx)
    cal = view.calendar
    assert cal.count_on(TODAY) == 2
    assert cal.count_on(TODAY - timedelta(days=5)) == 1  # painted red on its own day
    assert cal.count_on(TODAY + timedelta(days=3)) == 1
    assert sum(cal.counts.values()) == 4
    assert [r.id for r in view.overdue_model.rows()] == [data["late"]]
    assert {r.id for r in view.agenda_model.rows()} == {data["t1"], data["t2"]}
    assert view.overdue_model.index(0, 0).data() == "5 days overdue"
    assert not view.grab().isNull()  # paintCell runs for every cell


def test_complete_in_the_calendar_changes_the_days_count(
    qtbot: object, ctx: DeskContext, data: dict[str, int], dialogs: object
) -> None:
    view = make_view(qtbot, ctx)
    assert view.calendar.count_on(TODAY) == 2
    focus_agenda_row(qtbot, view, data["t1"])
    dialogs.answer(press_in_dialog(qtbot, [Qt.Key.Key_R, Qt.Key.Key_Return]))  # type: ignore[attr-defined]
    with qtbot.waitSignal(ctx.hub.changed, timeout=10_000):  # type: ignore[attr-defined]
        qtbot.keyClick(view.agenda_table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    idle(qtbot, ctx)
    assert view.calendar.count_on(TODAY) == 1
    done = view.agenda_model.rows()[view.agenda_model.row_of(data["t1"])]
    assert done.status == "done"  # still on the day's agenda, greyed as done
    # A done row cannot be completed twice: Enter on it opens no dialog.
    view.agenda_table.setCurrentIndex(
        view.agenda_model.index(view.agenda_model.row_of(data["t1"]), 0)
    )
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert dialogs.seen == [("modal", "complete_followup", "")]  # type: ignore[attr-defined]


def test_complete_an_overdue_one_clears_its_red_day(
    qtbot: object, ctx: DeskContext, data: dict[str, int], dialogs: object
) -> None:
    view = make_view(qtbot, ctx)
    view.overdue_table.setFocus()
    qtbot.waitUntil(view.overdue_table.hasFocus)  # type: ignore[attr-defined]
    view.overdue_table.setCurrentIndex(view.overdue_model.index(0, 0))
    dialogs.answer(press_in_dialog(qtbot, [Qt.Key.Key_D, Qt.Key.Key_Return]))  # type: ignore[attr-defined]
    qtbot.keyClick(view.overdue_table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    idle(qtbot, ctx)
    assert view.calendar.count_on(TODAY - timedelta(days=5)) == 0
    assert view.overdue_model.rowCount() == 0 and view.overdue_table.isHidden()


def test_snooze_keys_move_a_follow_up_later(
    qtbot: object, ctx: DeskContext, data: dict[str, int]
) -> None:
    view = make_view(qtbot, ctx)
    focus_agenda_row(qtbot, view, data["t2"])
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_3)  # type: ignore[attr-defined]
    idle(qtbot, ctx)
    assert view.calendar.count_on(TODAY) == 1
    assert view.calendar.count_on(TODAY + timedelta(days=3)) == 2


def test_reschedule_with_the_date_picker(
    qtbot: object, ctx: DeskContext, data: dict[str, int], dialogs: object
) -> None:
    view = make_view(qtbot, ctx)
    focus_agenda_row(qtbot, view, data["t1"])
    target = TODAY + timedelta(days=9)

    def pick(dialog: QDialog) -> bool:
        assert dialog.new_due() == TODAY + timedelta(days=1)  # starts on the next day
        dialog.set_new_due(target)
        return True

    dialogs.answer(pick)  # type: ignore[attr-defined]
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_R)  # type: ignore[attr-defined]
    idle(qtbot, ctx)
    assert dialogs.seen == [("modal", "reschedule_followup", "")]  # type: ignore[attr-defined]
    assert view.calendar.count_on(TODAY) == 1
    assert view.calendar.count_on(target) == 1


def test_drag_an_agenda_row_onto_a_day_reschedules_it(
    qtbot: object, ctx: DeskContext, data: dict[str, int]
) -> None:
    view = make_view(qtbot, ctx)
    model = view.agenda_model
    mime = model.mimeData([model.index(model.row_of(data["t2"]), 1)])
    assert drop_on(view.calendar, mime, TODAY + timedelta(days=4))
    idle(qtbot, ctx)
    assert view.calendar.count_on(TODAY) == 1
    assert view.calendar.count_on(TODAY + timedelta(days=4)) == 1
    # A past day refuses the drop: nothing can be planned into yesterday.
    mime = model.mimeData([model.index(0, 0)])
    assert not drop_on(view.calendar, mime, TODAY - timedelta(days=1))
    assert ctx.worker.pending == 0


def test_staff_and_kind_filters(qtbot: object, ctx: DeskContext, data: dict[str, int]) -> None:
    view = make_view(qtbot, ctx)
    view.staff_combo.setCurrentIndex(view.staff_combo.findData(data["bo"]))
    idle(qtbot, ctx)
    assert view.calendar.count_on(TODAY) == 1
    assert view.calendar.count_on(TODAY - timedelta(days=5)) == 0
    assert [r.id for r in view.agenda_model.rows()] == [data["t2"]]
    view.staff_combo.setCurrentIndex(0)
    view.kind_combo.setCurrentIndex(view.kind_combo.findData("satisfaction"))
    idle(qtbot, ctx)
    assert view.calendar.count_on(TODAY) == 1
    assert [r.id for r in view.agenda_model.rows()] == [data["t1"]]
    assert view.overdue_model.rowCount() == 1


def test_choosing_a_day_and_another_month(
    qtbot: object, ctx: DeskContext, data: dict[str, int]
) -> None:
    view = make_view(qtbot, ctx)
    soon = TODAY + timedelta(days=3)
    view.calendar.setSelectedDate(QDate(soon.year, soon.month, soon.day))
    idle(qtbot, ctx)
    assert [r.id for r in view.agenda_model.rows()] == [data["soon"]]
    view.calendar.setCurrentPage(2026, 6)
    idle(qtbot, ctx)
    assert view.calendar.counts == {}
    view.go_today()
    idle(qtbot, ctx)
    assert view.calendar.count_on(TODAY) == 2


def test_refreshes_when_another_screen_writes(
    qtbot: object, ctx: DeskContext, data: dict[str, int]
) -> None:
    view = make_view(qtbot, ctx)
    ctx.hub.changed.emit(changed("survey"))
    assert ctx.worker.pending == 0  # the calendar shows no surveys
    done = followups.snooze_followup(followup_id=data["t1"], days=1, today=TODAY)
    ctx.hub.changed.emit(done)
    idle(qtbot, ctx)
    assert view.calendar.count_on(TODAY) == 1
    assert view.calendar.count_on(TODAY + timedelta(days=1)) == 1


@pytest.mark.parametrize("first_day", [Qt.DayOfWeek.Monday, Qt.DayOfWeek.Sunday])
def test_hit_test_matches_the_painted_cells(qtbot: object, first_day: Qt.DayOfWeek) -> None:
    from dealerdesk.ui.calendar_view import FollowupCalendar

    class Recording(FollowupCalendar):
        def __init__(self) -> None:
            super().__init__(TODAY)
            self.cells: dict[date, QRect] = {}

        def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
            self.cells[qdate.toPython()] = QRect(rect)
            super().paintCell(painter, rect, qdate)

    cal = Recording()
    qtbot.addWidget(cal)  # type: ignore[attr-defined]
    cal.setFirstDayOfWeek(first_day)
    cal.resize(560, 420)
    for year, month in ((2026, 2), (2026, 3), (2026, 5), (2026, 6), (2026, 8), (2026, 11)):
        cal.setCurrentPage(year, month)
        cal.cells.clear()
        cal.grab()
        assert len(cal.cells) == 42
        wrong = {d: cal.date_at(r.center()) for d, r in cal.cells.items()
                 if cal.date_at(r.center()) != d}  # fmt: skip
        assert not wrong, (year, month, first_day)
