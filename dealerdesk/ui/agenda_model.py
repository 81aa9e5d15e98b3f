"""Qt models over the plain rows the follow-up and scoring services return, and the
view pieces that go with them (the agenda table's set-up, the at-risk badge delegate).

Both models are adapters (napari's word): they hold a Python list handed over by a worker job
and answer ``data()`` from it, so painting never waits on the database. Phone numbers
arrive pre-formatted from the job too, because ``display_phone`` reads a setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from dealerdesk.i18n import render
from dealerdesk.i18n.words import label_of
from dealerdesk.ui.i18n import fmt_date, tr
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.vocab.retention import ValueTier

FOLLOWUP_MIME = "application/x-dealerdesk-followup-ids"
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""Custom role: the whole row object (a FollowupRow or an at-risk row)."""

OVERDUE_RED = QColor("#c62828")
BAND_COLOURS = {"high": QColor("#c62828"), "medium": QColor("#ef6c00"), "low": QColor("#2e7d32")}
DONE_GREY = QColor("#8a8f98")
_Index = QModelIndex | QPersistentModelIndex


def encode_ids(ids: Iterable[int]) -> QMimeData:
    """Drag payload: follow-up ids as ASCII, so a drop never needs the source model."""
    mime = QMimeData()
    mime.setData(FOLLOWUP_MIME, ",".join(str(i) for i in ids).encode("ascii"))
    return mime


def decode_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(FOLLOWUP_MIME):
        return []
    raw = bytes(mime.data(FOLLOWUP_MIME).data()).decode("ascii")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]


def due_text(row: Any) -> str:
    """ "3 days overdue" or the date: the desk reads urgency, not a calendar."""
    days = int(row.overdue_days)
    if days == 1:
        return tr("1 day overdue", "AgendaModel")
    if days > 1:
        return tr("{n} days overdue", "AgendaModel").format(n=days)
    return fmt_date(row.due)


class AgendaModel(RecordsTableModel):
    """Follow-ups as a table (Today's list, the Calendar's overdue list and day agenda).

    Attributes:
        today: the desk's "today", so a due date equal to it reads "Today".
    """

    COLUMNS: tuple[tuple[str, str], ...] = (
        ("due", QT_TRANSLATE_NOOP("AgendaModel", "Due")),
        ("customer", QT_TRANSLATE_NOOP("AgendaModel", "Customer")),
        ("phone", QT_TRANSLATE_NOOP("AgendaModel", "Phone")),
        ("kind", QT_TRANSLATE_NOOP("AgendaModel", "Follow-up")),
        ("reason", QT_TRANSLATE_NOOP("AgendaModel", "Reason")),
        ("vehicle", QT_TRANSLATE_NOOP("AgendaModel", "Vehicle")),
        ("assignee", QT_TRANSLATE_NOOP("AgendaModel", "Assigned to")),
        ("last_contact", QT_TRANSLATE_NOOP("AgendaModel", "Last contact")),
    )
    HEADERS = tuple(label for _key, label in COLUMNS)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._phones: dict[int, str] = {}
        self.today: date | None = None
        self.muted_from: int | None = None  # rows from here on are "later" (greyed)

    # --- Qt interface -------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [tr(str(row.kind_label), "FollowupKind"), row.reason, row.vehicle]
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status != "pending" or (
                self.muted_from is not None and index.row() >= self.muted_from
            ):
                return QBrush(DONE_GREY)
            if key == "due" and row.overdue_days > 0:
                return QBrush(OVERDUE_RED)
        if role == Qt.ItemDataRole.FontRole and key == "customer":
            font = QFont()
            font.setBold(True)
            font.setItalic(bool(getattr(row, "is_batch", False)))  # a list, not a person
            return font
        if role == Qt.ItemDataRole.UserRole:
            return int(row.id)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._rows[index.row()].status == "pending":  # only open work can be moved
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [FOLLOWUP_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_ids(int(self._rows[r].id) for r in rows)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    # --- our interface ------------------------------------------------------------------
    def set_rows(
        self, rows: Sequence[Any], *, phones: Mapping[int, str] | None = None,
        today: date | None = None, muted_from: int | None = None,
    ) -> None:  # fmt: skip
        """Replace the whole list (a day's agenda is small; a reset is the honest signal)."""
        self.beginResetModel()
        self.muted_from = muted_from
        self._rows = list(rows)
        self._phones = dict(phones or {})
        if today is not None:
            self.today = today
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _display(self, row: Any, key: str) -> str:
        if key == "due":
            if row.status != "pending":
                return tr("Done", "AgendaModel") if row.status == "done" else tr(
                    "Skipped", "AgendaModel")  # fmt: skip
            if row.overdue_days > 0:
                return due_text(row)
            if self.today is not None and row.due == self.today:
                return tr("Today", "AgendaModel")
            return fmt_date(row.due)
        if key == "customer":  # issue #14: a call for a named person at a company
            person = getattr(row, "contact_person", "")
            return f"{row.customer_name} · {person}" if person else str(row.customer_name)
        if key == "phone":
            return self._phones.get(int(row.id)) or (row.phone or "")
        if key == "kind":
            return tr(str(row.kind_label), "FollowupKind")
        if key == "last_contact":
            return fmt_date(row.last_contact, empty=tr("never", "AgendaModel"))
        return str(getattr(row, key, "") or "")


class AtRiskModel(QAbstractListModel):
    """Top at-risk customers for Today: DisplayRole is the name, ROW_ROLE the whole row.

    A list (not a table) because one delegate paints badge, name and first reason in a
    single two-line cell: the desk scans names, the badge colour says how urgent.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"• {render(r)}" for r in row.reasons) or None
        if role == Qt.ItemDataRole.UserRole:
            return int(row.customer_id)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


def agenda_table(model: AgendaModel, name: str, *, drag: bool = False) -> QTableView:
    """A table over an AgendaModel, set up the same on Today and in the Calendar.

    Whole rows are selected (the desk acts on a follow-up, not a cell) and the columns a
    desk needs while calling come first; vehicle, assignee and last contact are hidden
    by default to keep the reason readable at 1280 px, and stay in the tooltip.
    """
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    if drag:
        table.setDragEnabled(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
    for col, width in enumerate((124, 104, 110, 150, 220, 150, 90, 100)):
        table.setColumnWidth(col, width)
    table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
    keys = [k for k, _ in AgendaModel.COLUMNS]
    for key in ("vehicle", "assignee", "last_contact"):
        table.setColumnHidden(keys.index(key), True)
    return table


class ScoreBadgeDelegate(QStyledItemDelegate):
    """Paints an AtRiskModel row: a score badge coloured by band, the name with its
    tier, and the first reason in words (the rest are in the tooltip)."""

    ROW_HEIGHT = 50

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(240, self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            super().paint(painter, option, index)
            return
        painter.save()
        if option.widget is not None:
            option.widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect.adjusted(8, 6, -8, -6)
        badge = QRect(rect.left(), rect.top() + (rect.height() - 28) // 2, 40, 28)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAND_COLOURS.get(str(row.band), QColor("#607d8b")))
        painter.drawRoundedRect(badge, 6, 6)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(row.score))

        left = badge.right() + 10
        line1 = QRect(left, rect.top(), rect.right() - left, rect.height() // 2)
        line2 = line1.translated(0, line1.height())
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        tier = label_of(ValueTier, row.tier)  # the tier's own label: 普通, not "Standard"
        name = f"{row.name}  · {tier}" if row.tier else str(row.name)
        self._line(painter, line1, name)
        painter.setFont(option.font)
        if not selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        self._line(painter, line2, render(row.reasons[0]) if row.reasons else "")
        painter.restore()

    @staticmethod
    def _line(painter: QPainter, rect: QRect, text: str) -> None:
        text = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
