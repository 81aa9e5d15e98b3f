"""Complaints: every complaint on a model, unresolved first, overdue ones marked; the
speed figures; one complaint's detail with its history; the steps that move it on.

DESIGN.md: the speed of the answer is what a complaining customer remembers, so the two
figures at the top are the median first-response time (last 90 days) and how many
complaints are past their target now. The list and the detail load on the worker and
reload when a write touches complaints (from here, the customer detail or Today).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.services import complaints, customers
from dealerdesk.services.changes import Changed
from dealerdesk.services.complaints import ComplaintDetail, ComplaintFilter, ComplaintList
from dealerdesk.ui.complaint_dialogs import ComplaintDialog, ComplaintStepDialog, vocab_label
from dealerdesk.ui.complaint_model import ComplaintsModel
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_datetime, fmt_int, tr
from dealerdesk.ui.lazy_screen import LazyScreen
from dealerdesk.ui.profile_form import FormDialog, run_form
from dealerdesk.ui.widgets import list_table, side_by_side
from dealerdesk.vocab.complaints import UNRESOLVED, ComplaintCategory, ComplaintStatus

TABLES = frozenset({"complaint", "customer", "staff"})
AGES = ((None, "Any age"), (3, "3 days or older"), (7, "a week or older"), (30, "a month or older"))
STYLE = """
QLabel#complaints_title { font-size: 18pt; font-weight: 600; }
QLabel#complaint_figure { font-size: 12pt; padding: 4px 10px; border: 1px solid #d0d4da;
                          border-radius: 6px; background: palette(base); }
QLabel#complaint_figure[tone="bad"] { border-left: 4px solid #c62828; }
"""


def load_complaints(flt: ComplaintFilter, now: Any, min_age: int | None,
                    overdue: bool) -> tuple[ComplaintList, list[Any]]:  # fmt: skip
    """Worker job: the list and the staff for the owner filter."""
    return (complaints.list_complaints(flt, now=now, min_age_days=min_age, overdue_only=overdue),
            customers.list_staff())  # fmt: skip


class ComplaintsView(LazyScreen):
    """The Complaints screen.

    Attributes:
        model: ComplaintsModel of the filtered list; table: its view.
        status, owner, category, age, overdue: the filters.
        median_label, late_label: the two speed figures.
        detail: the selected complaint with its history.

    Signals:
        loaded(): a list arrived and is shown.
        detail_loaded(int): a complaint's detail arrived.
    """

    loaded = Signal()
    detail_loaded = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ComplaintsView")
        self.setStyleSheet(STYLE)
        self.ctx = ctx
        self._gen = 0
        self._staff: list[Any] = []
        self._detail: ComplaintDetail | None = None

        title = QLabel(self.tr("Complaints"))
        title.setObjectName("complaints_title")
        self.median_label = QLabel("–")
        self.median_label.setObjectName("complaint_figure")
        self.late_label = QLabel("–")
        self.late_label.setObjectName("complaint_figure")
        self.new_button = QPushButton(self.tr("&New complaint…"))
        self.new_button.setObjectName("new_complaint")
        self.new_button.clicked.connect(self.new_complaint)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.median_label)
        head.addWidget(self.late_label)
        head.addStretch(1)
        head.addWidget(self.new_button)

        self.status = QComboBox()
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("Not resolved"), "unresolved")
        self.status.addItem(self.tr("All statuses"), None)
        for code in ComplaintStatus:
            self.status.addItem(vocab_label("complaint_status", code), str(code))
        self.owner = QComboBox()
        self.owner.setObjectName("filter_owner")
        self.owner.addItem(self.tr("Everyone"), None)
        self.category = QComboBox()
        self.category.setObjectName("filter_category")
        self.category.addItem(self.tr("All categories"), None)
        for code in ComplaintCategory:
            self.category.addItem(vocab_label("complaint_category", code), str(code))
        self.age = QComboBox()
        self.age.setObjectName("filter_age")
        for days, label in AGES:
            self.age.addItem(self.tr(label), days)
        self.overdue = QCheckBox(self.tr("Past target only"))
        self.overdue.setObjectName("filter_overdue")
        filters = QHBoxLayout()
        for w in (self.status, self.owner, self.category, self.age, self.overdue):
            filters.addWidget(w)
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue.toggled.connect(lambda _c: self.refresh())
        filters.addStretch(1)

        self.model = ComplaintsModel(self)
        self.table = list_table(self.model, "complaints_table", widths=(48, 80, 88, 90, 58, 78, 104, 72, 40))
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._selected(cur.row())
        )
        self.table.doubleClicked.connect(lambda _i: self.open_customer())
        self.empty = QLabel(self.tr("No complaint matches these filters."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        self.detail = QTextBrowser()
        self.detail.setObjectName("complaint_detail")
        self.detail.setOpenLinks(False)
        self.buttons: dict[str, QPushButton] = {}
        actions = QGridLayout()  # two by two: the pane stays narrow, the list whole
        for n, (key, label, slot) in enumerate(
            (
                ("respond", self.tr("R&espond…"), lambda: self.step("respond")),
                ("resolve", self.tr("Re&solve…"), lambda: self.step("resolve")),
                ("close", self.tr("C&lose…"), lambda: self.step("close")),
                ("customer", self.tr("&Open customer"), self.open_customer),
            )
        ):
            button = QPushButton(label)
            button.setObjectName(f"complaint_{key}")
            button.clicked.connect(slot)
            button.setEnabled(False)
            self.buttons[key] = button
            actions.addWidget(button, n // 2, n % 2)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.detail, 1)
        rl.addLayout(actions)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.empty, 1)
        split = side_by_side(left, right, (800, 300))  # the list fits 1280 px without scrolling sideways

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        self.setFocusProxy(self.table)
        ctx.hub.changed.connect(self._on_changed)
        self._show_detail(None)

    # --- loading ------------------------------------------------------------------------
    def current_filter(self) -> tuple[ComplaintFilter, int | None, bool]:
        status = self.status.currentData()
        statuses = tuple(UNRESOLVED) if status == "unresolved" else (status,) if status else None
        flt = ComplaintFilter(statuses=statuses, assignee_id=self.owner.currentData(),
                              category=self.category.currentData())  # fmt: skip
        return flt, self.age.currentData(), self.overdue.isChecked()

    def reload(self) -> None:
        self._gen += 1
        gen = self._gen
        flt, age, overdue = self.current_filter()
        self.ctx.worker.submit(load_complaints, flt, self.ctx.now(), age, overdue,
                               on_done=lambda result: self._show(gen, result))  # fmt: skip

    def _show(self, gen: int, result: tuple[ComplaintList, list[Any]]) -> None:
        if gen != self._gen:
            return
        found, staff = result
        self._fill_owners(staff)
        keep = self.current_id()
        self.model.set_rows(found.items)
        median = found.median_response_hours
        self.median_label.setText(
            self.tr("Median first response: %1").replace(
                "%1", "–" if median is None else self.tr("%1 h").replace("%1", f"{median:.0f}"))
        )  # fmt: skip
        self.median_label.setToolTip(self.tr("Complaints opened in the last 90 days; %1 answered")
                                     .replace("%1", fmt_int(found.answered)))  # fmt: skip
        self.late_label.setText(
            self.tr("Past target: %1").replace("%1", fmt_int(found.past_target))
        )
        self.late_label.setProperty("tone", "bad" if found.past_target else "")
        self.late_label.style().unpolish(self.late_label)
        self.late_label.style().polish(self.late_label)
        self.table.setVisible(bool(found.items))
        self.empty.setVisible(not found.items)
        row = self.model.row_of(keep) if keep is not None else -1
        if found.items:
            self.table.selectRow(max(row, 0))
        else:
            self._show_detail(None)
        self.loaded.emit()

    def _fill_owners(self, staff: list[Any]) -> None:
        if [s.id for s in staff] == [s.id for s in self._staff]:
            return
        self._staff = staff
        chosen = self.owner.currentData()
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(self.tr("Everyone"), None)
        for s in staff:
            self.owner.addItem(s.name, s.id)
        self.owner.setCurrentIndex(max(0, self.owner.findData(chosen)))
        self.owner.blockSignals(False)

    def current_id(self) -> int | None:
        item = self.model.item_at(self.table.currentIndex().row())
        return None if item is None else item.row.id

    def _selected(self, row: int) -> None:
        item = self.model.item_at(row)
        if item is None:
            self._show_detail(None)
            return
        self.ctx.worker.submit(complaints.detail, item.row.id, now=self.ctx.now(),
                               on_done=partial(self._detail_arrived, item.row.id))  # fmt: skip

    def _detail_arrived(self, complaint_id: int, d: ComplaintDetail) -> None:
        if complaint_id != self.current_id():
            return
        self._show_detail(d)
        self.detail_loaded.emit(complaint_id)

    def _show_detail(self, d: ComplaintDetail | None) -> None:
        self._detail = d
        status = d.item.row.status if d else ""
        self.buttons["respond"].setEnabled(status == "open")
        self.buttons["resolve"].setEnabled(status in UNRESOLVED)
        self.buttons["close"].setEnabled(status == "resolved")
        self.buttons["customer"].setEnabled(d is not None)
        self.detail.setHtml(detail_html(d) if d else
                            "<p style='color:#777'>" + self.tr("Select a complaint.") + "</p>")  # fmt: skip

    # --- actions ------------------------------------------------------------------------
    def new_complaint(self) -> None:
        self._run(ComplaintDialog(self.ctx, None, staff=self._staff, parent=self))

    def step(self, step: str) -> None:
        if self._detail is not None:
            self._run(ComplaintStepDialog(self.ctx, self._detail.item.row, step, parent=self))

    def open_customer(self) -> None:
        if self._detail is not None:
            self.ctx.hub.open_customer.emit(self._detail.item.row.customer_id)

    def _run(self, dialog: FormDialog, then: Callable[[Changed], None] | None = None) -> None:
        if then is not None:
            dialog.saved.connect(then)
        run_form(dialog)

    def _on_changed(self, change: Changed) -> None:
        if change.tables & TABLES:
            self.refresh()


def detail_html(d: ComplaintDetail) -> str:
    """The complaint, where it stands against its targets, and its history."""
    r, c = d.item.row, d.item.clock
    e = html.escape
    ctx = "ComplaintsView"
    lines = [f"<h3>#{r.id} · {e(r.customer_name)} <span style='color:#666'>{e(r.phone)}</span></h3>",
             f"<p><b>{e(vocab_label('complaint_status', r.status))}</b> · "
             f"{e(vocab_label('complaint_category', r.category))} · "
             f"{e(vocab_label('complaint_severity', r.severity))}"
             + (f" · {e(r.assignee)}" if r.assignee else "") + "</p>",
             f"<p>{e(r.description)}</p>"]  # fmt: skip
    facts = []
    if r.vehicle:
        facts.append(tr("Vehicle: %1", ctx).replace("%1", e(r.vehicle)))
    if r.visit:
        facts.append(tr("Visit: %1", ctx).replace("%1", e(r.visit)))
    facts.append(tr("Respond by %1 · resolve by %2", ctx)
                 .replace("%1", fmt_datetime(c.response_due)).replace("%2", fmt_datetime(c.resolve_due)))  # fmt: skip
    if d.item.late:
        facts.append(f"<span style='color:#c62828'><b>{e(d.item.late)}</b></span>")
    if c.response_hours is not None:
        facts.append(tr("First answer after %1 h", ctx).replace("%1", f"{c.response_hours:.0f}"))
    if r.satisfaction is not None:
        facts.append(tr("Customer's satisfaction with the resolution: %1 of 5", ctx)
                     .replace("%1", str(r.satisfaction)))  # fmt: skip
    lines.append("<p>" + "<br>".join(facts) + "</p>")
    lines.append("<h4>" + tr("History", ctx) + "</h4><table cellspacing='4'>")
    for ev in d.history:
        label = (
            vocab_label("complaint_status", ev.status) if ev.status != "note" else tr("Note", ctx)
        )
        who = f" <span style='color:#666'>{e(ev.staff)}</span>" if ev.staff else ""
        lines.append(f"<tr><td style='color:#555'>{fmt_datetime(ev.at)}</td><td><b>{e(label)}</b>"
                     f"{who}</td><td>{e(ev.note)}</td></tr>")  # fmt: skip
    lines.append("</table>")
    return "".join(lines)
