"""The Duplicates screen: likely duplicate customers with the reason, and a merge.

The list comes from ``services.duplicates`` on the worker. Selecting a pair shows the two
side by side; "Keep left" / "Keep right" merges the other one into it after a question
(a merge cannot be taken back from here, but the audit log keeps the dropped record).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.i18n import render
from dealerdesk.services import duplicates
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.records_model import RecordsTableModel

_Index = QModelIndex | QPersistentModelIndex


class DuplicatesModel(RecordsTableModel):
    """One row per likely pair: both names and phones, and the reasons."""

    HEADERS = ("Customer", "Phone", "Possible duplicate", "Phone", "Why")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        pair = self._row(index)
        if pair is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            f"{pair.a.name} (#{pair.a.id})", pair.a.phone, f"{pair.b.name} (#{pair.b.id})",
            pair.b.phone, "; ".join(render(r) for r in pair.reasons),
        )[index.column()]  # fmt: skip


class _Side(QGroupBox):
    """One customer of the selected pair."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__(title)
        self.setObjectName(name)
        self.body = QLabel()
        self.body.setObjectName(f"{name}_body")
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep = QPushButton(self.tr("&Keep this one, merge the other into it"))
        self.keep.setObjectName(f"{name}_keep")
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(self.keep)

    def show_customer(self, c: duplicates.DupCustomer | None) -> None:
        self.keep.setEnabled(c is not None)
        if c is None:
            self.body.setText("")
            return
        self.body.setText(
            f"<b>{c.name}</b> (#{c.id})<br>{c.phone or '—'}<br>{c.address or '—'}<br>"
            + self.tr("%1 vehicles, %2 visits").replace("%1", str(c.vehicles))
            .replace("%2", str(c.visits))
        )  # fmt: skip


class DuplicatesView(QWidget):
    """The screen. Attributes: model (the pairs), table, left/right (the two sides)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicates_view")
        self.ctx = ctx
        self._loading = False
        title = QLabel(self.tr("Likely duplicate customers"))
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.find_button = QPushButton(self.tr("&Find again"))
        self.find_button.setObjectName("find_button")
        self.find_button.clicked.connect(self.refresh)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.count_label, 1)
        head.addWidget(self.find_button)
        self.model = DuplicatesModel(self)
        self.table = QTableView()
        self.table.setObjectName("duplicates_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda _i: None)
        self.left = _Side(self.tr("Customer"), "left")
        self.right = _Side(self.tr("Possible duplicate"), "right")
        self.left.keep.clicked.connect(lambda: self.merge(keep_left=True))
        self.right.keep.clicked.connect(lambda: self.merge(keep_left=False))
        sides = QGridLayout()
        sides.addWidget(self.left, 0, 0)
        sides.addWidget(self.right, 0, 1)
        note = QLabel(self.tr(
            "A merge moves every vehicle, visit, contact, complaint, survey, referral and "
            "follow-up to the customer you keep, fills their empty details from the other, "
            "and records the merged customer in the audit log."))  # fmt: skip
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addLayout(sides)
        layout.addWidget(note)
        self._selected()
        ctx.hub.changed.connect(self._changed)

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.find_button.setEnabled(False)
        self.count_label.setText(self.tr("Looking…"))
        self.ctx.worker.submit(duplicates.find_duplicates, on_done=self._loaded,
                               on_error=self._failed)  # fmt: skip

    def _loaded(self, pairs: list[duplicates.DuplicatePair]) -> None:
        self._loading = False
        self.find_button.setEnabled(True)
        self.model.set_rows(pairs)
        self.table.resizeColumnsToContents()
        self.count_label.setText(self.tr("%1 pairs to check").replace("%1", str(len(pairs))))
        if pairs:
            self.table.selectRow(0)
        self._selected()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.find_button.setEnabled(True)
        errors.report(exc, self)

    def current_pair(self) -> duplicates.DuplicatePair | None:
        index = self.table.currentIndex()
        rows = self.model.rows()
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def _selected(self) -> None:
        pair = self.current_pair()
        self.left.show_customer(pair.a if pair else None)
        self.right.show_customer(pair.b if pair else None)

    def merge(self, *, keep_left: bool) -> None:
        pair = self.current_pair()
        if pair is None or self._loading:
            return
        keep, drop = (pair.a, pair.b) if keep_left else (pair.b, pair.a)
        question = self.tr("Merge %1 (#%2) into %3 (#%4)? %1 will no longer exist on its own.")
        question = (question.replace("%1", drop.name).replace("%2", str(drop.id))
                    .replace("%3", keep.name).replace("%4", str(keep.id)))  # fmt: skip
        if not dialogs.confirm(self, self.tr("Merge customers"), question, destructive=True):
            return
        self._loading = True
        self.ctx.worker.submit(
            duplicates.merge_customers, keep=keep.id, drop=drop.id, today=self.ctx.today(),
            now=self.ctx.now(), staff_id=self.ctx.staff_id, on_done=self._merged,
            on_error=self._failed,
        )  # fmt: skip

    def _merged(self, changes: Any) -> None:
        self._loading = False
        self.ctx.hub.changed.emit(changes)
        self.ctx.hub.status.emit(self.tr("Customers merged"))
        self.refresh()

    def _changed(self, _change: Any) -> None:
        """Another screen wrote something: the list may be stale, find again when shown."""
        if self.isVisible() and not self._loading:
            self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self.model.rowCount() and not self._loading:
            self.refresh()
