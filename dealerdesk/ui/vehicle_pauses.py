"""Per vehicle: which contact types are paused or closed, and why (issue #16).

A tab on the customer page: one row per pause or close in force (a car with none shows
"contacted as the rules say"), the car's first-service state (首保), and two actions —
"Do not contact…" (a car, a contact type, a required reason, optionally until a day)
and "Contact again" (clears the selected pause). Loads and writes on the worker.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from dealerdesk.i18n import t
from dealerdesk.i18n.words import label as vocab_label
from dealerdesk.services import aftersales
from dealerdesk.services.changes import Changed
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date
from dealerdesk.ui.profile_form import FormDialog, Job, run_form
from dealerdesk.vocab.aftersales import ContactType, PauseState


class PauseDialog(FormDialog):
    """Do-not-contact for one car and one contact type, with the reason (required)."""

    def __init__(self, ctx: DeskContext, customer_id: int, cars: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, "pause_contact", self.tr("Do not contact"), parent)
        self.customer_id = customer_id
        self.vehicle = QComboBox()
        for vid, label in cars:
            self.vehicle.addItem(label, vid)
        self.kind = QComboBox()
        for c in ContactType:
            self.kind.addItem(vocab_label(c), str(c))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (required), e.g. the customer asked"))
        self.has_until = QCheckBox(self.tr("Until"))
        self.has_until.setObjectName("field_has_until")
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        tomorrow = ctx.today() + timedelta(days=1)
        self.until.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        later = ctx.today() + timedelta(days=180)
        self.until.setDate(QDate(later.year, later.month, later.day))
        self.until.setEnabled(False)
        self.has_until.toggled.connect(self.until.setEnabled)
        row = QWidget()
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.has_until)
        rl.addWidget(self.until, 1)
        self.field("vehicle_id", self.tr("&Vehicle"), self.vehicle)
        self.field("contact_type", self.tr("&Contact type"), self.kind)
        self.field("reason", self.tr("&Reason"), self.reason)
        self.field("until", self.tr("Pause"), row)
        self.finish_layout()
        self.setFocusProxy(self.reason)

    def build_job(self) -> Job:
        until = self.until.date().toPython() if self.has_until.isChecked() else None
        return partial(
            aftersales.pause_contact, customer_id=self.customer_id,
            vehicle_id=int(self.vehicle.currentData()), contact_type=str(self.kind.currentData()),
            reason=self.reason.text(), today=self.ctx.today(), until=until,
            staff_id=self.ctx.staff_id,
        )  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Contact paused")


class VehiclePausesPanel(QWidget):
    """The customer's cars with their paused or closed contact types and why.

    Attributes:
        table: one row per pause in force (or per car without any); ``rows`` holds
            the VehiclePauses loaded.

    Signals:
        counted(int): reloaded; how many pauses and closes are in force.
    """

    counted = Signal(int)
    COLUMNS = ("Vehicle", "First service", "Contact type", "State", "Reason", "Until")

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vehicle_pauses")
        self.ctx = ctx
        self.customer_id: int | None = None
        self.rows: list[aftersales.VehiclePauses] = []
        self._pause_ids: list[int | None] = []
        self._gen = 0
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("vehicle_pauses_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the reason
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.pause_button = QPushButton(self.tr("Do not contact…"))
        self.pause_button.setObjectName("pause_button")
        self.pause_button.clicked.connect(self.pause)
        self.clear_button = QPushButton(self.tr("Contact again"))
        self.clear_button.setObjectName("clear_pause_button")
        self.clear_button.clicked.connect(self.clear_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.pause_button)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table, 1)
        box.addLayout(bar)
        ctx.hub.changed.connect(self._on_changed)
        self._update_buttons()

    def load(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(
            aftersales.vehicle_pauses, customer_id=customer_id, today=self.ctx.today(),
            on_done=lambda r: self._show(r) if gen == self._gen else None,
        )  # fmt: skip

    def _show(self, rows: list[aftersales.VehiclePauses]) -> None:
        if not isValid(self):
            return
        self.rows = rows
        self._pause_ids = []
        lines: list[tuple[Any, ...]] = []
        lapsed: set[int] = set()
        for v in rows:
            if v.first_service == "lapsed":  # the classic lost customer: show it in red
                lapsed.update(range(len(lines), len(lines) + max(1, len(v.pauses))))
            first = t(f"aftersales.first_service.{v.first_service}") if v.first_service else "–"
            if not v.pauses:
                lines.append((v.label, first, "–", "–", self.tr("Contacted as the rules say"), ""))
                self._pause_ids.append(None)
            for p in v.pauses:
                until = fmt_date(p.until) if p.until else self.tr("until cleared")
                lines.append((v.label, first, vocab_label(ContactType(p.contact_type)),
                              vocab_label(PauseState(p.state)), p.reason,
                              "" if p.state == PauseState.CLOSED else until))  # fmt: skip
                self._pause_ids.append(p.id)
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, text in enumerate(line):
                item = QTableWidgetItem(str(text))
                item.setToolTip(str(text))
                if c == 1 and r in lapsed:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, item)
        self._update_buttons()
        self.counted.emit(sum(len(v.pauses) for v in rows))

    def selected_pause(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._pause_ids):
            return None
        return self._pause_ids[rows[0].row()]

    def _update_buttons(self) -> None:
        self.pause_button.setEnabled(self.customer_id is not None and bool(self.rows))
        self.clear_button.setEnabled(self.selected_pause() is not None)

    def pause(self) -> None:
        if self.customer_id is None or not self.rows:
            return
        run_form(PauseDialog(self.ctx, self.customer_id,
                             [(v.vehicle_id, v.label) for v in self.rows], self))  # fmt: skip

    def clear_selected(self) -> None:
        pause_id = self.selected_pause()
        if pause_id is None:
            return
        if not dialogs.confirm(self, self.tr("Contact again"),
                               self.tr("Contact this car again about this as the rules say?")):  # fmt: skip
            return
        self.ctx.worker.submit(
            aftersales.clear_pause, pause_id=pause_id, today=self.ctx.today(),
            staff_id=self.ctx.staff_id, on_done=self.ctx.hub.changed.emit,
            on_error=lambda exc: errors.report(exc, self),
        )  # fmt: skip

    def _on_changed(self, change: Changed) -> None:
        if self.customer_id is not None and (
            change.touches("followup") or change.touches("vehicle")
        ) and (not change.customer_ids or self.customer_id in change.customer_ids):  # fmt: skip
            self.load(self.customer_id)
