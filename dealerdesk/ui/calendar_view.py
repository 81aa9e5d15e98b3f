"""Calendar: a month of follow-ups at a glance, the chosen day's agenda, and rescheduling.

Each day cell paints how many follow-ups are pending on it; past days that still hold
pending ones are painted red, and those same follow-ups are listed apart ("Past due",
everything due before today) above the day's agenda, which holds only that day's
follow-ups — so nothing late hides in last month's page, and today's agenda never mixes
in month-old work. Both lists are in the one priority order (``retention.priority``).
When the screen opens the keyboard is in a list with its first row current, so a call
is completed in four keys from anywhere (Ctrl+3, Enter, the outcome letter, Enter). A row dragged from
either list onto a day reschedules it; the same actions have keys (Enter complete,
1/3/7 snooze, R reschedule) and buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QDropEvent, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.services import customers, desk_day, followups
from dealerdesk.services.changes import Changed
from dealerdesk.ui.agenda_model import AgendaModel, agenda_table, decode_ids
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.followup_dialogs import FollowupActions
from dealerdesk.ui.i18n import fmt_date, fmt_int, tr
from dealerdesk.ui.profile_form import qdate

PAST_RED = QColor("#c62828")
TODAY_ORANGE = QColor("#ef6c00")
FUTURE_BLUE = QColor("#1565c0")
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
SNOOZE_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_3: 3, Qt.Key.Key_7: 7}


def load_month(year: int, month: int, today: date, staff: int | None, kind: str | None
               ) -> dict[date, int]:  # fmt: skip
    """Worker job: open follow-ups per day of the shown month, overdue ones on their day.

    The service counts overdue work on *today* (it is today's work). The grid instead
    paints each overdue follow-up on the day it was due, in red, so the backlog stands
    apart from what is due today and the desk sees how late it is. "Overdue" is the
    service's own word (``overdue_days > 0``, after any grace), the same as on Today.
    """
    counts = followups.month_counts(year=year, month=month, today=today, staff_id=staff,
                                    kind=kind)  # fmt: skip
    late = [r for r in followups.due_followups(today=today, staff_id=staff, kind=kind)
            if r.due < today]  # fmt: skip
    if today in counts:
        counts[today] = max(0, counts[today] - len(late))
    for r in late:
        if (r.due.year, r.due.month) == (year, month):
            counts[r.due] = counts.get(r.due, 0) + 1
    return {day: n for day, n in counts.items() if n}


def load_lists(day: date, today: date, staff: int | None, kind: str | None
               ) -> tuple[list[Any], list[Any], dict[int, str]]:  # fmt: skip
    """Worker job: (past due, the chosen day's agenda, display phones), best first.

    Past due is every open follow-up due before today (also those still within a grace,
    e.g. a stay-in-touch call between 30 and 60 days); the agenda is the chosen day's
    own follow-ups only, open ones first (issue #7: "Agenda for today" listed month-old
    work that was not under Overdue).
    """
    due = followups.due_followups(today=today, days=0, staff_id=staff, kind=kind)
    overdue = desk_day.sort_rows(r for r in due if r.due < today)
    agenda = [r for r in followups.day_agenda(day=day, staff_id=staff, kind=kind)
              if r.due == day]  # fmt: skip
    agenda = [*desk_day.sort_rows(r for r in agenda if r.status == "pending"),
              *(r for r in agenda if r.status != "pending")]  # fmt: skip
    phones = {int(r.id): customers.display_phone(r.phone) for r in [*overdue, *agenda]}
    return overdue, agenda, phones


class FollowupCalendar(QCalendarWidget):
    """A month grid whose cells paint the number of pending follow-ups as a badge.

    Signals:
        dropped(list, object): follow-up ids were dropped on a day (``date``).
    """

    dropped = Signal(list, object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followup_calendar")
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(True)
        self.counts: dict[date, int] = {}
        self.today = today  # the desk's day (``--today``), not the system clock
        self._drop_day: date | None = None
        self.view: QTableView = self.findChild(QTableView, "qt_calendar_calendarview")
        self.view.viewport().setAcceptDrops(True)
        self.view.viewport().installEventFilter(self)
        # Qt stretches the weekday header like a week row; a slim header leaves the
        # height to the days, where the counts are.
        rows = self.view.verticalHeader()
        rows.setMinimumSectionSize(1)
        rows.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        rows.resizeSection(0, self.fontMetrics().height() + 10)

    def set_counts(self, counts: dict[date, int], today: date) -> None:
        self.counts = dict(counts)
        self.today = today
        self.updateCells()

    def count_on(self, day: date) -> int:
        return self.counts.get(day, 0)

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        day: date = qdate.toPython()  # type: ignore[assignment]
        painter.save()
        pal = self.palette()
        selected = qdate == self.selectedDate()
        in_month = qdate.month() == self.monthShown()
        painter.fillRect(rect, pal.color(QPalette.ColorRole.Base))
        if selected:
            painter.fillRect(
                rect.adjusted(1, 1, -1, -1), pal.color(QPalette.ColorRole.Highlight).lighter(170)
            )
        if day == self.today:
            painter.setPen(TODAY_ORANGE)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        if day == self._drop_day:
            painter.setPen(FUTURE_BLUE)
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        font = QFont(self.font())
        font.setBold(day == self.today)
        painter.setFont(font)
        tone = QPalette.ColorRole.Text if in_month else QPalette.ColorRole.PlaceholderText
        painter.setPen(pal.color(tone))
        painter.drawText(
            rect.adjusted(6, 3, -4, -3),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            str(qdate.day()),
        )
        count = self.counts.get(day, 0)
        if count:
            colour = (
                PAST_RED if day < self.today else TODAY_ORANGE if day == self.today else FUTURE_BLUE
            )
            if not in_month:
                colour = colour.lighter(150)
            font.setBold(True)
            painter.setFont(font)
            text = fmt_int(count)
            width = max(painter.fontMetrics().horizontalAdvance(text) + 12, 22)
            height = painter.fontMetrics().height() + 4
            badge = QRect(rect.right() - width - 5, rect.bottom() - height - 4, width, height)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(badge, height / 2, height / 2)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def date_at(self, pos: QPoint) -> date | None:
        """The day under a viewport position (QCalendarWidget has no public hit test).

        Mirrors QCalendarModel::dateForCell: row 0 is the weekday header, and the first
        of the month sits in the first row unless it would fall in column 0, in which
        case Qt shows a whole week of the previous month first.
        """
        index = self.view.indexAt(pos)
        first_row = (
            0
            if self.horizontalHeaderFormat()
            == QCalendarWidget.HorizontalHeaderFormat.NoHorizontalHeader
            else 1
        )
        if not index.isValid() or index.row() < first_row:
            return None
        first = QDate(self.yearShown(), self.monthShown(), 1)
        first_col = (first.dayOfWeek() - self.firstDayOfWeek().value) % 7
        row = index.row() - first_row
        if first_col < 1:
            row -= 1
        offset = 7 * row + index.column() - first_col
        return first.addDays(offset).toPython()  # type: ignore[no-any-return]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept follow-up drags over today or later; a past day cannot take one."""
        kind = event.type()
        if kind == QEvent.Type.DragLeave:
            self._set_drop_day(None)
        elif kind in _DRAG_EVENTS and isinstance(event, QDropEvent):
            day = self.date_at(event.position().toPoint())
            ids = decode_ids(event.mimeData())
            ok = bool(ids) and day is not None and day >= self.today
            dropping = kind == QEvent.Type.Drop
            self._set_drop_day(day if ok and not dropping else None)
            if not ok:
                event.ignore()
                return True
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            if dropping:
                self.dropped.emit(ids, day)
            return True
        return super().eventFilter(watched, event)

    def _set_drop_day(self, day: date | None) -> None:
        if day != self._drop_day:
            self._drop_day = day
            self.updateCells()


class CalendarView(QWidget):
    """Month grid with counts, staff/kind filters, overdue list and the day's agenda.

    Attributes:
        calendar: the FollowupCalendar (its ``counts`` are what the grid paints).
        overdue_model / agenda_model: AgendaModels over the two lists.
    """

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CalendarView")
        self.ctx = ctx
        self.actions = FollowupActions(ctx, self)
        self.actions.stale.connect(self.refresh)
        self._gen = {"month": 0, "lists": 0}
        self._staff_loaded = False

        self.staff_combo = QComboBox()
        self.staff_combo.setObjectName("calendar_staff")
        self.staff_combo.addItem(self.tr("All staff"), None)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("calendar_kind")
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for key, label in followups.KIND_LABELS.items():
            self.kind_combo.addItem(tr(label, "FollowupKind"), key)
        self.staff_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        today_button = QPushButton(self.tr("Today"))
        today_button.clicked.connect(self.go_today)
        legend = QLabel(self.tr("<span style='color:#c62828'>●</span> overdue  "
                                "<span style='color:#ef6c00'>●</span> today  "
                                "<span style='color:#1565c0'>●</span> coming  — "
                                "drag a follow-up onto a day to move it"))  # fmt: skip
        legend.setTextFormat(Qt.TextFormat.RichText)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Staff")))
        bar.addWidget(self.staff_combo)
        bar.addWidget(QLabel(self.tr("Kind")))
        bar.addWidget(self.kind_combo)
        bar.addWidget(today_button)
        bar.addStretch(1)
        bar.addWidget(legend)

        self.calendar = FollowupCalendar(ctx.today())
        self.calendar.setMinimumSize(420, 360)
        self.calendar.setSelectedDate(qdate(ctx.today()))
        self.calendar.selectionChanged.connect(lambda: self.refresh(month=False))
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.refresh(lists=False))
        self.calendar.dropped.connect(self._on_dropped)
        self.calendar.activated.connect(lambda _d: self.agenda_table.setFocus())

        self.overdue_model = AgendaModel(self)
        self.agenda_model = AgendaModel(self)
        self.overdue_table = self._table(self.overdue_model, "calendar_overdue")
        self.agenda_table = self._table(self.agenda_model, "calendar_agenda")
        self.overdue_title = QLabel()
        self.overdue_title.setStyleSheet("font-weight: 600; color: #c62828;")
        self.agenda_title = QLabel()
        self.agenda_title.setStyleSheet("font-weight: 600; font-size: 12pt;")

        complete = QPushButton(self.tr("Complete…  (Enter)"))
        complete.clicked.connect(lambda: self._act(self._complete))
        snooze = QToolButton()
        snooze.setText(self.tr("Snooze"))
        snooze.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(snooze)
        for days, label in ((1, self.tr("1 day  (1)")), (3, self.tr("3 days  (3)")),
                            (7, self.tr("1 week  (7)"))):  # fmt: skip
            action = menu.addAction(label)
            action.triggered.connect(
                lambda _c=False, d=days: self._act(lambda r: self.actions.snooze(r, d))
            )
        snooze.setMenu(menu)
        reschedule = QPushButton(self.tr("Reschedule…  (R)"))
        reschedule.clicked.connect(lambda: self._act(self.actions.reschedule))
        open_button = QPushButton(self.tr("Open customer"))
        open_button.clicked.connect(lambda: self._act(self._open, pending_only=False))
        buttons = QHBoxLayout()
        for widget in (complete, snooze, reschedule, open_button):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the lists
        for widget in (complete, snooze, reschedule):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(open_button)

        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.overdue_title)
        box.addWidget(self.overdue_table, 2)
        box.addWidget(self.agenda_title)
        box.addWidget(self.agenda_table, 3)
        box.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.calendar)
        split.addWidget(right)
        split.setSizes([470, 760])
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._active = self.agenda_table
        self.setFocusProxy(self.agenda_table)
        ctx.hub.changed.connect(self._on_changed)
        self.refresh()

    def _table(self, model: AgendaModel, name: str) -> QTableView:
        table = agenda_table(model, name, drag=True)
        table.installEventFilter(self)
        table.doubleClicked.connect(lambda i, m=model: self._open(m.row_at(i.row())))
        return table

    # --- loading ------------------------------------------------------------------------
    def selected_day(self) -> date:
        return self.calendar.selectedDate().toPython()  # type: ignore[no-any-return]

    def filters(self) -> tuple[int | None, str | None]:
        return self.staff_combo.currentData(), self.kind_combo.currentData()

    def go_today(self) -> None:
        self.calendar.setSelectedDate(qdate(self.ctx.today()))
        self.calendar.showSelectedDate()

    def refresh(self, *, month: bool = True, lists: bool = True) -> None:
        """Reload the grid counts and/or the two lists on the worker."""
        today = self.ctx.today()
        staff, kind = self.filters()
        if not self._staff_loaded:
            self._staff_loaded = True
            self.ctx.worker.submit(customers.list_staff, on_done=self._show_staff)
        if month:
            page = self.calendar.yearShown(), self.calendar.monthShown()
            self._submit("month", load_month, *page, today, staff, kind,
                         done=lambda c: self.calendar.set_counts(c, today))  # fmt: skip
        if lists:
            self._submit("lists", load_lists, self.selected_day(), today, staff, kind,
                         done=self._show_lists)  # fmt: skip

    def _submit(self, part: str, fn: Callable[..., Any], *args: Any,
                done: Callable[[Any], None]) -> None:  # fmt: skip
        self._gen[part] += 1
        gen = self._gen[part]
        self.ctx.worker.submit(
            fn, *args, on_done=lambda r: done(r) if gen == self._gen[part] else None
        )

    def _show_staff(self, staff: list[Any]) -> None:
        for member in staff:
            self.staff_combo.addItem(member.name, member.id)

    def _show_lists(self, result: tuple[list[Any], list[Any], dict[int, str]]) -> None:
        overdue, agenda, phones = result
        today, day = self.ctx.today(), self.selected_day()
        keep = {t: t.currentIndex().row() for t in (self.overdue_table, self.agenda_table)}
        self.overdue_model.set_rows(overdue, phones=phones, today=today)
        self.agenda_model.set_rows(agenda, phones=phones, today=today)
        for table, row in keep.items():
            count = table.model().rowCount()
            if count and row >= 0:
                table.setCurrentIndex(table.model().index(min(row, count - 1), 0))
        self.overdue_title.setText(self.tr("Past due: %1").replace("%1", fmt_int(len(overdue))))
        self.overdue_table.setVisible(bool(overdue))
        self._aim_keyboard(overdue, agenda)
        when = self.tr("today") if day == today else fmt_date(day)
        self.agenda_title.setText(
            self.tr("Agenda for %1: %2").replace("%1", when).replace("%2", fmt_int(len(agenda)))
        )

    def _aim_keyboard(self, overdue: list[Any], agenda: list[Any]) -> None:
        """Keep the keyboard in a list with a current row: the day's agenda when it has
        open work, else the past-due list; so Enter completes at once (issue #7)."""
        target = self.agenda_table
        if not any(r.status == "pending" for r in agenda) and overdue:
            target = self.overdue_table
        for table in (self.overdue_table, self.agenda_table):
            if table.model().rowCount() and table.currentIndex().row() < 0:
                table.setCurrentIndex(table.model().index(0, 0))
        self.setFocusProxy(target)
        focus = QApplication.focusWidget()
        lost = focus is None or focus is self or (
            focus in (self.overdue_table, self.agenda_table) and not focus.model().rowCount()
        )  # fmt: skip
        if self.isVisible() and lost and target.model().rowCount():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self._active = target

    def _on_changed(self, change: Changed) -> None:
        if change.touches("followup"):
            self.refresh()
        elif change.tables & {"customer", "staff"}:
            self.refresh(month=False)

    # --- actions ------------------------------------------------------------------------
    def current_followup(self) -> Any | None:
        table = self._active
        model = table.model()
        assert isinstance(model, AgendaModel)
        return model.row_at(table.currentIndex().row())

    def _act(self, fn: Callable[[Any], object], *, pending_only: bool = True) -> None:
        row = self.current_followup()
        if row is None:
            return
        if pending_only and row.status != "pending":
            self.ctx.hub.status.emit(self.tr("That follow-up is already done."))
            return
        fn(row)

    def _complete(self, row: Any) -> None:
        model = self._active.model()
        assert isinstance(model, AgendaModel)
        self.actions.complete(row, phone=model.index(model.row_of(row.id), 2).data())

    def _open(self, row: Any | None) -> None:
        if row is not None:
            self.ctx.hub.open_customer.emit(int(row.customer_id))

    def _on_dropped(self, ids: list[int], day: date) -> None:
        rows = {r.id: r for r in [*self.overdue_model.rows(), *self.agenda_model.rows()]}
        for fid in ids:
            if fid in rows:
                self.actions.reschedule(rows[fid], day)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys on the lists: Enter complete, Ctrl+Enter open, 1/3/7 snooze, R reschedule."""
        if watched in (self.overdue_table, self.agenda_table):
            if event.type() == QEvent.Type.FocusIn:
                self._active = watched  # type: ignore[assignment]
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                self._active = watched  # type: ignore[assignment]
                key, mods = event.key(), event.modifiers()
                ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if ctrl:
                        self._act(self._open, pending_only=False)
                    else:
                        self._act(self._complete)
                    return True
                if not ctrl and key in SNOOZE_KEYS:
                    self._act(lambda r: self.actions.snooze(r, SNOOZE_KEYS[Qt.Key(key)]))
                    return True
                if not ctrl and key == Qt.Key.Key_R:
                    self._act(self.actions.reschedule)
                    return True
        return super().eventFilter(watched, event)
