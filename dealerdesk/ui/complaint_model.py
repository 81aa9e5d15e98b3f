"""The Complaints screen's table model: one row per complaint, overdue ones marked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from dealerdesk.services.complaints import ComplaintItem
from dealerdesk.ui.complaint_dialogs import vocab_label
from dealerdesk.ui.i18n import fmt_date, tr
from dealerdesk.ui.records_model import RecordsTableModel

_Index = QModelIndex | QPersistentModelIndex
LATE = QColor("#c62828")
LATE_BG = QColor("#fdecea")
DONE = QColor("#777777")
SEVERITY_COLOURS = {"high": QColor("#c62828"), "medium": QColor("#ef6c00")}


class ComplaintsModel(RecordsTableModel):
    """Rows are ``ComplaintItem`` (the complaint and its clock), as the service ordered
    them: unresolved first, oldest first. ``Qt.UserRole`` gives the complaint id."""

    COLUMNS = ("id", "opened", "customer", "category", "severity", "status", "late", "owner",
               "age", "respond_by")  # fmt: skip
    HEADERS = ("#", "Opened", "Customer", "Category", "Severity", "Status", "Past target",
               "Owner", "Age", "Respond by")  # fmt: skip

    def row_of(self, complaint_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.row.id == complaint_id), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: ComplaintItem | None = self._row(index)
        if item is None:
            return None
        key, r = self.COLUMNS[index.column()], item.row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key, item)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.clock.overdue and key in ("late", "respond_by", "id"):
                return QBrush(LATE)
            if key == "severity" and r.severity in SEVERITY_COLOURS and r.unresolved:
                return QBrush(SEVERITY_COLOURS[r.severity])
            if not r.unresolved:
                return QBrush(DONE)
        if role == Qt.ItemDataRole.BackgroundRole and item.clock.overdue:
            return QBrush(LATE_BG)
        if role == Qt.ItemDataRole.FontRole and item.clock.overdue and key in ("id", "late"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.late if key == "late" and item.late else r.description
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("id", "age"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, key: str, item: ComplaintItem) -> str:
        r, c = item.row, item.clock
        if key == "id":
            return ("⚠ " if c.overdue else "") + str(r.id)
        if key == "opened":
            return fmt_date(r.opened_at.date())
        if key == "customer":
            return r.customer_name
        if key in ("category", "severity", "status"):
            return vocab_label(f"complaint_{key}", getattr(r, key))
        if key == "owner":
            return r.assignee
        if key == "age":
            return tr("%1 d", "ComplaintsModel").replace("%1", str(c.age_days))
        if key == "respond_by":
            if r.first_response_at is not None:
                return "✓ " + fmt_date(r.first_response_at.date())
            return fmt_date(c.response_due.date())
        if not c.overdue:
            return ""
        if r.first_response_at is None and r.resolved_at is None and c.response_late:
            return tr("Response late", "ComplaintsModel")
        return tr("Resolution late", "ComplaintsModel")
