"""Win-back: lost and lapsed customers with their tries, the reason they left, a customer
won back, and "why customers leave" for a period.

DESIGN.md: "Ask people who left why they left." The list shows where each customer is in
the (at most four) win-back calls — the last one is marked, since the caller says it is
the last — and the reason is captured from a list plus the customer's own words.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dealerdesk import i18n
from dealerdesk.services import surveys, winback
from dealerdesk.services.changes import Changed
from dealerdesk.services.winback import ReasonCount, WinbackItem
from dealerdesk.ui.complaint_dialogs import vocab_label
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date, fmt_int, tr
from dealerdesk.ui.lazy_screen import LazyScreen
from dealerdesk.ui.profile_form import FormDialog, Job, parse_day, qdate, run_form
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.ui.widgets import button_row, list_table, side_by_side
from dealerdesk.vocab.winback import LostReason

_Index = QModelIndex | QPersistentModelIndex
TABLES = frozenset({"customer", "followup", "contact_log", "visit"})
LAST = QColor("#c62828")


class WinbackModel(RecordsTableModel):
    """Rows are ``WinbackItem``: lost customers first (latest first), then lapsed ones."""

    COLUMNS = ("name", "state", "since", "reason", "tries", "next", "owner")
    HEADERS = ("Customer", "State", "Since", "Why they left", "Tries", "Next call", "Owner")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: WinbackItem | None = self._row(index)
        if item is None:
            return None
        key, r = self.COLUMNS[index.column()], item.row
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "name":
                return r.name
            if key == "state":
                return tr("Lapsed", "WinbackModel") if item.lapsed else tr("Lost", "WinbackModel")
            if key == "since":
                return fmt_date(r.lost_on if not item.lapsed else r.last_visit)
            if key == "reason":
                label = vocab_label("lost_reason", r.lost_category) if r.lost_category else ""
                return " — ".join(p for p in (label, r.lost_reason) if p)
            if key == "tries":
                return item.words
            if key == "next":
                return fmt_date(r.next_due)
            return r.owner
        if role == Qt.ItemDataRole.UserRole:
            return r.customer_id
        if key == "tries" and (item.tries.is_last or item.tries.exhausted):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(LAST)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole and key == "reason":
            return r.lost_reason
        return None


class ReasonsModel(RecordsTableModel):
    """ "Why customers leave": one row per reason, with its count and share."""

    HEADERS = ("Reason", "Customers", "Share")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: ReasonCount | None = self._row(index)
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return vocab_label("lost_reason", r.reason) if r.reason else tr(
                    "No reason recorded", "ReasonsModel")  # fmt: skip
            if index.column() == 1:
                return str(r.count)
            return f"{r.share * 100:.0f}%  " + "█" * max(1, round(r.share * 8))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class LostReasonDialog(FormDialog):
    """Why the customer left: a reason from the list and their own words."""

    def __init__(self, ctx: DeskContext, item: WinbackItem, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "lost_reason", self.tr("Why did they leave? — %1").replace(
            "%1", item.row.name), parent)  # fmt: skip
        self.item = item
        self.reason = QComboBox()
        for code in LostReason:
            self.reason.addItem(vocab_label("lost_reason", code), str(code))
        if item.row.lost_category:
            self.reason.setCurrentIndex(max(0, self.reason.findData(item.row.lost_category)))
        self.text = QLineEdit(item.row.lost_reason)
        self.text.setPlaceholderText(self.tr("In the customer's words"))
        self.on = QLineEdit((item.row.lost_on or ctx.today()).isoformat())
        self.field("lost_category", self.tr("&Reason"), self.reason)
        self.field("lost_reason", self.tr("&Their words"), self.text)
        self.field("lost_on", self.tr("&Left on"), self.on)
        self.finish_layout()
        self.setFocusProxy(self.reason)

    def build_job(self) -> Job:
        on = parse_day(self.on.text(), "lost_on", required=True)
        return partial(winback.record_reason, self.item.row.customer_id,
                       category=self.reason.currentData(), text=self.text.text(), on=on,
                       today=self.ctx.today(), staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Reason recorded")


class WonBackDialog(FormDialog):
    """The customer is back: active again from this day."""

    def __init__(self, ctx: DeskContext, item: WinbackItem, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "won_back", self.tr("Won back — %1").replace("%1", item.row.name),
                         parent)  # fmt: skip
        self.item = item
        self.on = QLineEdit(ctx.today().isoformat())
        self.field("won_back_on", self.tr("&Back since"), self.on)
        self.finish_layout()
        self.setFocusProxy(self.on)

    def build_job(self) -> Job:
        on = parse_day(self.on.text(), "won_back_on", required=True)
        return partial(winback.mark_won_back, self.item.row.customer_id, on=on,
                       today=self.ctx.today(), staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Welcome back: the customer is active again")


class WinbackView(LazyScreen):
    """The Win-back screen.

    Attributes:
        model / table: the lost and lapsed customers; show: all | lost | lapsed.
        reasons: ReasonsModel of the breakdown for ``start``..``end``.

    Signals:
        loaded(): the list arrived; reasons_loaded(): the breakdown arrived.
    """

    loaded = Signal()
    reasons_loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WinbackView")
        self.ctx = ctx
        self._gen = {"list": 0, "reasons": 0}
        self._all: list[WinbackItem] = []
        title = QLabel(self.tr("Win-back"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.summary = QLabel()
        self.show_filter = QComboBox()
        self.show_filter.setObjectName("winback_show")
        for key, label in (("all", "Lost and lapsed"), ("lost", "Lost"), ("lapsed", "Lapsed")):
            self.show_filter.addItem(self.tr(label), key)
        self.show_filter.currentIndexChanged.connect(lambda _i: self._fill())
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.summary, 1)
        head.addWidget(self.show_filter)

        self.model = WinbackModel(self)
        self.table = list_table(self.model, "winback_table", widths=(110, 52, 88, 190, 150, 88))
        self.table.doubleClicked.connect(lambda _i: self.open_customer())
        self.buttons: dict[str, QPushButton] = {}
        row = button_row("winback", (("reason", self.tr("Why they left…"), self.record_reason),
                                     ("won_back", self.tr("Won back…"), self.won_back),
                                     ("customer", self.tr("Open customer"), self.open_customer)),
                         self.buttons)  # fmt: skip
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table, 1)
        ll.addLayout(row)

        today = ctx.today()
        self.start = QDateEdit(qdate(today - timedelta(days=365)))
        self.end = QDateEdit(qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.refresh_reasons())
        self.reasons = ReasonsModel(self)
        self.reasons_table = QTableView()
        self.reasons_table.setObjectName("reasons_table")
        self.reasons_table.setModel(self.reasons)
        self.reasons_table.verticalHeader().hide()
        self.reasons_table.horizontalHeader().setStretchLastSection(True)
        self.reasons_table.setWordWrap(False)
        self.reasons_table.setColumnWidth(0, 150)
        self.reasons_table.setColumnWidth(1, 75)
        self.reasons_total = QLabel()
        self.nps_label = QLabel("–")
        self.nps_label.setObjectName("period_nps")
        self.nps_label.setWordWrap(True)
        self.nps_label.setStyleSheet("font-size: 11pt; padding: 4px 0;")
        reasons_title = QLabel(self.tr("Why customers leave, and NPS"))
        reasons_title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("From")))
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.end)
        period.addStretch(1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(reasons_title)
        rl.addLayout(period)
        rl.addWidget(self.nps_label)
        rl.addWidget(self.reasons_table, 1)
        rl.addWidget(self.reasons_total)

        split = side_by_side(left, right, (820, 380))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self.setFocusProxy(self.table)
        ctx.hub.changed.connect(self._on_changed)

    def reload(self) -> None:
        self._gen["list"] += 1
        gen = self._gen["list"]
        self.ctx.worker.submit(winback.winback_list, today=self.ctx.today(),
                               on_done=lambda items: self._show(gen, items))  # fmt: skip
        self.refresh_reasons()

    def refresh_reasons(self) -> None:
        self._gen["reasons"] += 1
        gen = self._gen["reasons"]
        start, end = self.start.date().toPython(), self.end.date().toPython()
        if end < start:
            self.reasons.set_rows([])
            self.reasons_total.setText(self.tr("The period ends before it starts."))
            return
        self.ctx.worker.submit(winback.reasons, start, end,
                               on_done=lambda rows: self._show_reasons(gen, rows))  # fmt: skip
        self.ctx.worker.submit(surveys.nps_for, start, end,
                               on_done=lambda result: self._show_nps(gen, result))  # fmt: skip

    def _show(self, gen: int, items: list[WinbackItem]) -> None:
        if gen != self._gen["list"]:
            return
        self._all = items
        self._fill()
        self.loaded.emit()

    def _fill(self) -> None:
        keep = self.current()
        show = self.show_filter.currentData()
        rows = [i for i in self._all
                if show == "all" or (show == "lapsed") == i.lapsed]  # fmt: skip
        self.model.set_rows(rows)
        lost = sum(1 for i in self._all if not i.lapsed)
        last = sum(1 for i in self._all if i.tries.is_last)
        self.summary.setText(self.tr("%1 lost, %2 lapsed; %3 on their last try").replace(
            "%1", fmt_int(lost)).replace("%2", fmt_int(len(self._all) - lost)).replace("%3", fmt_int(last)))  # fmt: skip
        ids = [i.row.customer_id for i in rows]
        if rows:
            self.table.selectRow(
                ids.index(keep.row.customer_id) if keep and keep.row.customer_id in ids else 0
            )
        for button in self.buttons.values():
            button.setEnabled(bool(rows))

    def _show_reasons(self, gen: int, rows: list[ReasonCount]) -> None:
        if gen != self._gen["reasons"]:
            return
        self.reasons.set_rows(rows)
        total = sum(r.count for r in rows)
        self.reasons_total.setText(i18n.t("count.customers_left", n=total))
        self.reasons_loaded.emit()

    def _show_nps(self, gen: int, result: surveys.NPSResult) -> None:
        if gen != self._gen["reasons"]:
            return
        if result.score is None:
            self.nps_label.setText(self.tr("NPS in this period: no answers"))
            return
        self.nps_label.setText(
            self.tr("NPS in this period: <b>%1</b> (%2 answers: %3 promoters, %4 detractors)")
            .replace("%1", f"{result.score:+.0f}").replace("%2", str(result.responses))
            .replace("%3", str(result.promoters)).replace("%4", str(result.detractors))
        )  # fmt: skip

    def current(self) -> WinbackItem | None:
        return self.model.item_at(self.table.currentIndex().row())

    def record_reason(self) -> None:
        item = self.current()
        if item is not None:
            run_form(LostReasonDialog(self.ctx, item, self))

    def won_back(self) -> None:
        item = self.current()
        if item is not None:
            run_form(WonBackDialog(self.ctx, item, self))

    def open_customer(self) -> None:
        item = self.current()
        if item is not None:
            self.ctx.hub.open_customer.emit(item.row.customer_id)

    def _on_changed(self, change: Changed) -> None:
        if change.tables & TABLES:
            self.refresh()
