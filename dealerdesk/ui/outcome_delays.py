"""Settings tab (issue #16): each call outcome's re-contact delay, editable.

What each delay means is said beside it (from the domain's catalog), so the manager sees
"days the renewal calls pause for the car" next to "Insured elsewhere". Loads when
shown, saves on the worker through ``services.aftersales`` (managers only, audited).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.i18n import render
from dealerdesk.i18n.words import label as vocab_label
from dealerdesk.retention.cadence.outcomes import MAX_DELAY
from dealerdesk.services import aftersales
from dealerdesk.ui import errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.vocab.contact import Outcome


class OutcomeDelaysTab(QWidget):
    """One row per outcome: its label, the delay in days (a spin box), what it does.

    Attributes:
        table: the rows; ``codes`` the outcome code of each row, in order.
    """

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome_delays")
        self.ctx = ctx
        self.codes: list[str] = []
        note = QLabel(self.tr("What each call outcome decides next, and after how many days."))
        note.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("outcome_delays_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Outcome"), self.tr("Days"), self.tr("What happens")]
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.save_button = QPushButton(self.tr("Save delays"))
        self.save_button.setObjectName("save_outcome_delays")
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.save_button)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.ctx.worker.submit(aftersales.outcome_delays, on_done=self._show,
                               on_error=lambda exc: errors.report(exc, self))  # fmt: skip

    def _show(self, rows: list[aftersales.OutcomeDelay]) -> None:
        self.codes = [r.code for r in rows]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(vocab_label(Outcome(r.code))))
            days = QSpinBox()
            days.setObjectName(f"delay_{r.code}")
            days.setRange(0, MAX_DELAY)
            days.setValue(r.days)
            self.table.setCellWidget(i, 1, days)
            self.table.setItem(i, 2, QTableWidgetItem(render(r.help)))
        self.table.resizeColumnToContents(0)

    def edits(self) -> list[tuple[str, int]]:
        out = []
        for i, code in enumerate(self.codes):
            box: Any = self.table.cellWidget(i, 1)
            out.append((code, int(box.value())))
        return out

    def save(self) -> None:
        edits = self.edits()
        staff = self.ctx.staff_id

        def job() -> None:
            for code, days in edits:
                aftersales.set_outcome_delay(code=code, days=days, staff_id=staff)

        def done(_result: object) -> None:
            self.ctx.hub.status.emit(self.tr("Outcome delays saved"))
            self.refresh()

        self.ctx.worker.submit(job, on_done=done, on_error=lambda exc: errors.report(exc, self))
