"""The customers behind a dashboard bar or number (issue #15): a list to act on.

Double-clicking a customer (or Enter) closes the list and opens their detail, as from
any other list; the dashboard asks the window through ``hub.open_customer``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.ui.i18n import fmt_date, fmt_int


class DrillDialog(QDialog):
    """A read-only table of ``DrillLine`` rows; ``chosen`` is the customer to open."""

    def __init__(self, title: str, lines: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drill_dialog")
        self.setWindowTitle(title)
        self.chosen: int | None = None
        self.lines = list(lines.lines)
        shown = len(self.lines)
        note = self.tr("%1 customers").replace("%1", fmt_int(lines.total))
        if shown < lines.total:
            note += " " + self.tr("(the first %1 by name)").replace("%1", fmt_int(shown))
        self.count = QLabel(note)
        self.count.setObjectName("drill_count")
        self.table = QTableWidget(shown, 5)
        self.table.setObjectName("drill_table")
        self.table.setHorizontalHeaderLabels([self.tr("Customer"), self.tr("Phone"),
                                              self.tr("Owner"), self.tr("Risk"),
                                              self.tr("Last visit")])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row, line in enumerate(self.lines):
            cells = (line.name, line.phone, line.owner,
                     "" if line.score is None else str(line.score), fmt_date(line.last_visit))  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, line.customer_id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 480)

    def customer_ids(self) -> list[int]:
        return [line.customer_id for line in self.lines]

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.chosen = self.lines[row].customer_id
            self.accept()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.open_row(self.table.currentRow())
            return
        super().keyPressEvent(event)
