"""Today: the front desk's home screen — who to call now, who is slipping away, how we do.

Each person's list is cut to their calls per day, best first (``services.desk_day``:
one priority for Today, the Calendar, the agenda PDF and ``dealerdesk today``); what is
left is counted as "later" and shown on request, never dropped. Greetings come as one
batch task per occasion and channel (Enter opens the list to send). Old work from a
first plan waits on the catch-up list, reviewed once.

Keyboard first (DESIGN "Who uses it"): the follow-up list has the focus and its first
row is current, so Enter opens the log dialog, one letter picks the outcome and Enter
saves — three keystrokes for the top call, four with a Down to pick the next one.
Ctrl+Enter (or a double-click) opens the customer instead.

The three parts load separately on the worker and refresh only when a ``Changed``
touches what they show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dtime
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.services import desk_day, scoring
from dealerdesk.services.changes import Changed
from dealerdesk.services.customers import display_phone
from dealerdesk.services.dashboard import DESK_FIGURE_TABLES, DeskFigures, desk_figures
from dealerdesk.ui import dialogs
from dealerdesk.ui.agenda_model import AgendaModel, AtRiskModel, ScoreBadgeDelegate, agenda_table
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.day_dialogs import BatchDialog, CatchUpDialog
from dealerdesk.ui.followup_dialogs import FollowupActions
from dealerdesk.ui.i18n import fmt_int, tr

DUE_TABLES = frozenset({"followup", "contact_log", "customer", "staff", "complaint"})
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Figure:
    """One key-figure tile: a caption, a formatted value and an optional tone."""

    key: str
    caption: str
    value: str
    tone: str = ""  # "" | "bad" | "good"
    hint: str = ""


@dataclass(frozen=True, slots=True)
class DueResult:
    """What the worker hands Today: the plan, the later rows when asked, phones."""

    plan: desk_day.DayPlan
    later: list[Any]
    phones: dict[int, str]
    staff: list[Any]


def load_due(today: date, staff_id: int | None = None, later: bool = False) -> DueResult:
    """Worker job: the day's plan (one person's, or everyone's), the "later" rows when
    asked for, and phones formatted off the GUI thread."""
    plan = desk_day.day_plan(today=today, staff_id=staff_id)
    rows: list[Any] = []
    if later:
        for person in plan.people:
            if person.later:
                rows += desk_day.later_page(today=today, staff_id=person.staff_id, limit=500)
    phones = {int(r.id): display_phone(r.phone) for r in [*plan.tasks, *rows] if r.phone}
    return DueResult(plan, rows, phones, desk_day.list_capacities())


def load_risk(today: date, limit: int) -> list[Any]:
    """Worker job: the top of the at-risk list from the score cache (writes rescore their
    customers as they land, so a logged call has already lowered "no contact" risk)."""
    return list(scoring.top_at_risk(today=today, limit=limit))


def load_metrics(today: date) -> DeskFigures:
    """Worker job: the key figures of the 12 months ending today (the dashboard's own
    definitions, issue #15)."""
    return desk_figures(today, now=datetime.combine(today, dtime(23, 59, 59)))


class FigureTile(QFrame):
    """A key figure: a big number over a short caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure_tile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–")
        self.value.setObjectName("figure_value")
        self.caption = QLabel()
        self.caption.setObjectName("figure_caption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def show_figure(self, figure: Figure) -> None:
        self.value.setText(figure.value)
        self.caption.setText(figure.caption)
        self.setToolTip(figure.hint)
        self.setProperty("tone", figure.tone)
        self.style().unpolish(self)
        self.style().polish(self)


TILE_STYLE = """
QFrame#figure_tile { background: palette(base); border: 1px solid #d0d4da; border-radius: 6px; }
QFrame#figure_tile[tone="bad"] { border-left: 4px solid #c62828; }
QFrame#figure_tile[tone="good"] { border-left: 4px solid #2e7d32; }
QLabel#figure_value { font-size: 20pt; font-weight: 600; }
QLabel#figure_caption { color: #555; }
QLabel#today_title { font-size: 18pt; font-weight: 600; }
QLabel#section_title { font-size: 12pt; font-weight: 600; }
"""


class TodayView(QWidget):
    """Overdue and due follow-ups, the top at-risk customers, and key figure tiles.

    Attributes:
        due_model: AgendaModel of overdue + today's follow-ups (overdue first).
        risk_model: AtRiskModel of the top at-risk customers.
        due_table / risk_list: the views over them (tests drive these).
    """

    RISK_LIMIT = 12

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TodayView")
        self.ctx = ctx
        self.actions = FollowupActions(ctx, self)
        self.actions.stale.connect(lambda: self.refresh(frozenset({"due"})))
        self._gen = {"due": 0, "risk": 0, "figures": 0}
        self._due_loaded = False
        self._show_later = False
        self._plan: desk_day.DayPlan | None = None
        self._staff_loaded = False
        self._metrics: DeskFigures | None = None
        self.setStyleSheet(TILE_STYLE)

        self.title = QLabel(self.tr("Today"))
        self.title.setObjectName("today_title")
        self.subtitle = QLabel()
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(12)
        header.addWidget(self.subtitle, 1)
        # Long counts must not widen the window: these labels take the room they get.
        for label in (self.subtitle,):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Whose day: one person's list, or everyone's (each cut to their own capacity).
        self.staff_combo = QComboBox()
        self.staff_combo.setObjectName("today_staff")
        self.staff_combo.addItem(self.tr("Everyone"), None)
        self.staff_combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.staff_combo.currentIndexChanged.connect(lambda _i: self._staff_changed())
        self.capacity = QSpinBox()
        self.capacity.setObjectName("today_capacity")
        self.capacity.setRange(0, desk_day.MAX_CAPACITY)
        self.capacity.setSuffix(self.tr(" calls a day"))
        self.capacity.setToolTip(self.tr("How many calls this person makes in a day: "
                                         "Today cuts their list there"))  # fmt: skip
        self.capacity.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.capacity.setEnabled(False)
        self.capacity.editingFinished.connect(self._capacity_edited)
        header.addWidget(QLabel(self.tr("List of")))
        header.addWidget(self.staff_combo)
        header.addWidget(self.capacity)

        self.tiles: dict[str, FigureTile] = {}
        self.tile_row = QHBoxLayout()
        self.tile_row.setSpacing(8)

        self.due_model = AgendaModel(self)
        self.due_table = agenda_table(self.due_model, "today_due")
        self.due_table.installEventFilter(self)
        self.due_table.doubleClicked.connect(self._open_due_customer)
        self.due_empty = QLabel(self.tr("Nothing due today. Well done."))
        self.due_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.due_empty.hide()

        log_button = QPushButton(self.tr("Log contact…  (Enter)"))
        log_button.clicked.connect(self.complete_current)
        snooze_button = QPushButton(self.tr("Tomorrow"))
        snooze_button.setToolTip(self.tr("Snooze the selected follow-up by one day"))
        snooze_button.clicked.connect(
            lambda: self._with_current(lambda r: self.actions.snooze(r, 1))
        )
        open_button = QPushButton(self.tr("Open customer  (Ctrl+Enter)"))
        open_button.clicked.connect(lambda: self._open_due_customer(self.due_table.currentIndex()))
        self.later_button = QPushButton()
        self.later_button.setObjectName("today_later")
        self.later_button.setCheckable(True)
        self.later_button.setToolTip(
            self.tr("Show what is past today's capacity, in the same order")
        )
        self.later_button.toggled.connect(self._toggle_later)
        self.catchup_button = QPushButton()
        self.catchup_button.setObjectName("today_catchup")
        self.catchup_button.setToolTip(self.tr("Old follow-ups from before the first plan: "
                                               "review them once"))  # fmt: skip
        self.catchup_button.clicked.connect(self.review_catchup)
        self.catchup_button.hide()
        for button in (log_button, snooze_button, open_button, self.later_button,
                       self.catchup_button):  # fmt: skip
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the lists
        due_buttons = QHBoxLayout()
        due_buttons.addWidget(log_button)
        due_buttons.addWidget(snooze_button)
        due_buttons.addWidget(self.later_button)
        due_buttons.addWidget(self.catchup_button)
        due_buttons.addStretch(1)
        due_buttons.addWidget(open_button)

        self.due_title = QLabel(self.tr("Follow-ups"))
        self.due_title.setObjectName("section_title")
        self.due_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.due_title)
        left_box.addWidget(self.due_table, 1)
        left_box.addWidget(self.due_empty, 1)
        left_box.addLayout(due_buttons)

        self.risk_model = AtRiskModel(self)
        self.risk_list = QListView()
        self.risk_list.setObjectName("today_risk")
        self.risk_list.setModel(self.risk_model)
        self.risk_list.setItemDelegate(ScoreBadgeDelegate(self.risk_list))
        self.risk_list.setUniformItemSizes(True)
        self.risk_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.risk_list.installEventFilter(self)
        self.risk_list.doubleClicked.connect(self._open_risk_customer)
        risk_title = QLabel(self.tr("Customers at risk"))
        risk_title.setObjectName("section_title")
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(risk_title)
        right_box.addWidget(self.risk_list, 1)
        risk_hint = QLabel(self.tr("Enter or double-click opens the customer"))
        risk_hint.setObjectName("figure_caption")
        right_box.addWidget(risk_hint)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 420])
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self.tile_row)
        layout.addWidget(split, 1)
        self.setFocusProxy(self.due_table)
        self.setTabOrder(self.due_table, self.risk_list)

        ctx.hub.changed.connect(self._on_changed)
        self.refresh()

    # --- loading ------------------------------------------------------------------------
    def refresh(
        self, parts: frozenset[str] = frozenset({"due", "risk", "figures"}),
        change: Changed | None = None,
    ) -> None:  # fmt: skip
        """Reload the named parts in the background; stale answers are dropped."""
        today = self.ctx.today()
        long_day = QLocale().toString(QDate(today.year, today.month, today.day),
                                      QLocale.FormatType.LongFormat)  # fmt: skip
        self.title.setText(self.tr("Today — %1").replace("%1", long_day))
        if "due" in parts:
            self._submit("due", load_due, today, self.staff_combo.currentData(),
                         self._show_later, done=self._show_due)  # fmt: skip
        if "risk" in parts:
            self._submit("risk", load_risk, today, self.RISK_LIMIT, done=self._show_risk)
        if "figures" in parts:
            self._submit("figures", load_metrics, today, done=self._show_metrics)

    def _submit(self, part: str, fn: Callable[..., Any], *args: Any,
                done: Callable[[Any], None]) -> None:  # fmt: skip
        self._gen[part] += 1
        gen = self._gen[part]

        def deliver(result: Any) -> None:
            if gen == self._gen[part]:
                done(result)

        self.ctx.worker.submit(fn, *args, on_done=deliver)

    def _on_changed(self, change: Changed) -> None:
        parts = set()
        if change.tables & DUE_TABLES:
            parts.add("due")
        if change.tables & scoring.SCORE_TABLES:
            parts.add("risk")
        if change.tables & DESK_FIGURE_TABLES:
            parts.add("figures")
        if parts:
            self.refresh(frozenset(parts), change)

    def _show_due(self, result: DueResult) -> None:
        plan = self._plan = result.plan
        tasks = plan.tasks
        rows = [*tasks, *result.later]
        keep = max(self.due_table.currentIndex().row(), 0)
        had_focus = self.due_table.hasFocus()
        self.due_model.set_rows(rows, phones=result.phones, today=self.ctx.today(),
                                muted_from=len(tasks) if result.later else None)  # fmt: skip
        self._fill_staff(result.staff)
        overdue = sum(1 for r in tasks if r.overdue_days > 0)
        later = plan.later
        self.due_title.setText(
            self.tr("Today's list: %1 (%2 overdue), %3 later")
            .replace("%1", fmt_int(len(tasks)))
            .replace("%2", fmt_int(overdue))
            .replace("%3", fmt_int(later))
        )
        calls = sum(p.followups_today for p in plan.people)
        self.subtitle.setText(self.tr("%1 tasks today (%2 follow-ups), best first")
                              .replace("%1", fmt_int(len(tasks))).replace("%2", fmt_int(calls)))  # fmt: skip
        self.later_button.setText(self.tr("Hide later") if self._show_later
                                  else self.tr("Later (%1)…").replace("%1", fmt_int(later)))  # fmt: skip
        self.later_button.setEnabled(bool(later) or self._show_later)
        self.catchup_button.setText(
            self.tr("Catch-up list (%1)…").replace("%1", fmt_int(plan.catchup))
        )
        self.catchup_button.setVisible(bool(plan.catchup))
        keys = [k for k, _ in self.due_model.COLUMNS]
        self.due_table.setColumnHidden(keys.index("assignee"), len(plan.people) < 2)
        self.due_table.setVisible(bool(rows))
        self.due_empty.setVisible(not rows)
        if rows:
            # The next call is always one Enter away, also right after logging one.
            self.due_table.setCurrentIndex(self.due_model.index(min(keep, len(rows) - 1), 0))
            if had_focus:
                self.due_table.setFocus()
        self._due_loaded = True
        self._show_figures()

    def _fill_staff(self, staff: list[Any]) -> None:
        """The staff choice, filled once; the desk's own list is chosen first."""
        self._staff = {s.id: s for s in staff}
        if not self._staff_loaded:
            self._staff_loaded = True
            self.staff_combo.blockSignals(True)
            for member in staff:
                self.staff_combo.addItem(member.name, member.id)
            mine = self.staff_combo.findData(self.ctx.staff_id)
            self.staff_combo.blockSignals(False)
            if self.ctx.staff_id is not None and mine > 0:
                self.staff_combo.setCurrentIndex(mine)  # reloads that list
        who = self.staff_combo.currentData()
        self.capacity.setEnabled(who is not None)
        self.capacity.setVisible(who is not None)  # everyone's lists: each has their own
        if who in self._staff and not self.capacity.hasFocus():
            self.capacity.blockSignals(True)
            self.capacity.setValue(self._staff[who].calls_per_day)
            self.capacity.blockSignals(False)

    def _staff_changed(self) -> None:
        self.refresh(frozenset({"due"}))

    def _capacity_edited(self) -> None:
        who = self.staff_combo.currentData()
        if who is None or (who in getattr(self, "_staff", {})
                           and self._staff[who].calls_per_day == self.capacity.value()):  # fmt: skip
            return
        self.ctx.worker.submit(
            desk_day.set_capacity, staff_id=who, calls_per_day=self.capacity.value(),
            today=self.ctx.today(), on_done=self.ctx.hub.changed.emit,
            on_error=lambda exc: self.refresh(frozenset({"due"})),
        )  # fmt: skip

    def _toggle_later(self, on: bool) -> None:
        self._show_later = on
        self.refresh(frozenset({"due"}))

    def review_catchup(self) -> None:
        """Open the catch-up list: bring the old follow-ups into the plan, or dismiss them."""
        dialog = CatchUpDialog(self.ctx, self.staff_combo.currentData(), parent=self)
        try:
            dialogs.run_modal(dialog, "catchup_review")
        finally:
            dialog.deleteLater()

    def _show_risk(self, rows: list[Any]) -> None:
        self.risk_model.set_rows(rows)
        self._show_figures()

    def _show_metrics(self, metrics: DeskFigures) -> None:
        self._metrics = metrics
        self._show_figures()

    def _show_figures(self) -> None:
        plan = self._plan
        figures = key_figures(plan.tasks if plan is not None else None, self._metrics,
                              plan.later if plan is not None else None)  # fmt: skip
        for figure in figures:
            tile = self.tiles.get(figure.key)
            if tile is None:
                tile = self.tiles[figure.key] = FigureTile(self)
                self.tile_row.addWidget(tile, 1)
            tile.show_figure(figure)

    # --- actions ------------------------------------------------------------------------
    def current_followup(self) -> Any | None:
        return self.due_model.row_at(self.due_table.currentIndex().row())

    def complete_current(self) -> None:
        row = self.current_followup()
        if isinstance(row, desk_day.BatchTask):
            self.send_batch(row)
        elif row is not None:
            self.actions.complete(row, phone=self.due_model.index(
                self.due_model.row_of(row.id), self._col("phone")).data())  # fmt: skip

    def send_batch(self, batch: desk_day.BatchTask) -> None:
        """The greeting list: copy it to send by WeChat/SMS, then tick it off at once."""
        dialog = BatchDialog(self.ctx, batch, parent=self)
        try:
            dialogs.run_modal(dialog, "send_batch")
        finally:
            dialog.deleteLater()

    def _with_current(self, fn: Callable[[Any], None]) -> None:
        row = self.current_followup()
        if row is not None and not isinstance(row, desk_day.BatchTask):
            fn(row)

    def _open_due_customer(self, index: QModelIndex) -> None:
        row = self.due_model.row_at(index.row())
        if row is not None and not isinstance(row, desk_day.BatchTask):
            self.ctx.hub.open_customer.emit(int(row.customer_id))

    def _open_risk_customer(self, index: QModelIndex) -> None:
        row = self.risk_model.row_at(index.row())
        if row is not None:
            self.ctx.hub.open_customer.emit(int(row.customer_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter logs a contact, Ctrl+Enter opens the customer (lists only)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
            Qt.Key.Key_Return, Qt.Key.Key_Enter,
        ):  # fmt: skip
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if watched is self.due_table:
                if ctrl:
                    self._open_due_customer(self.due_table.currentIndex())
                else:
                    self.complete_current()
                return True
            if watched is self.risk_list:
                self._open_risk_customer(self.risk_list.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _col(self, key: str) -> int:
        return [k for k, _ in AgendaModel.COLUMNS].index(key)


def key_figures(
    due: list[Any] | None, metrics: DeskFigures | None, later: int | None = None
) -> list[Figure]:
    """The tiles, in a fixed order; a figure not loaded yet shows a dash.

    Chosen for the desk's day: the work waiting (overdue, due), whether customers stay
    (retention; over 12 months churn is its complement, so it gets no tile of its own),
    whether they are pleased (NPS), and how fast complaints get an
    answer, since speed of response is what keeps a complaining customer.
    """
    dash = "–"
    overdue = sum(1 for r in due if r.overdue_days > 0) if due is not None else None
    today_n = (len(due) - (overdue or 0)) if due is not None else None
    out = [
        Figure("overdue", tr("Overdue on today's list"), dash if overdue is None else str(overdue),
               "bad" if overdue else "", tr("Past their due day and still open")),
        Figure("due_today", tr("Due today"), dash if today_n is None else str(today_n)),
    ]  # fmt: skip
    out.append(Figure("later", tr("Later"), dash if later is None else str(later), "",
                      tr("Past today's capacity: counted, shown with Later")))  # fmt: skip
    m = metrics
    kept = m.retention.value if m else None
    out.append(Figure(
        "retention", tr("Retention, 12 months"), _pct(kept),
        "good" if kept is not None and kept >= 0.8 else "bad" if kept is not None else "",
        tr("%1 of %2 customers active a year ago are still active")
        .replace("%1", fmt_int(m.retention.part)).replace("%2", fmt_int(m.retention.whole))
        if m else "",
    ))  # fmt: skip
    score = m.nps.score if m else None
    out.append(Figure(
        "nps", tr("NPS"), dash if score is None else f"{score:+.0f}",
        "" if score is None else "good" if score >= 30 else "bad" if score < 0 else "",
        tr("%1 answers in 12 months").replace("%1", fmt_int(m.nps.responses)) if m else "",
    ))  # fmt: skip
    median = m.first_response_median_h if m else None
    out.append(Figure(
        "first_response", tr("Complaint first response"),
        dash if median is None else tr("%1 h").replace("%1", f"{median:.0f}"),
        "" if median is None else "good" if median <= 24 else "bad",
        tr("Median hours to the first answer; target 24 h") if m else "",
    ))  # fmt: skip
    waiting = m.awaiting_response if m else None
    out.append(Figure(
        "awaiting", tr("Complaints unanswered"), dash if waiting is None else str(waiting),
        "bad" if waiting else "",
    ))  # fmt: skip
    return out


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"
