"""Added value ("A+") on a customer's page (issue #14): the offers that fit the vehicles
and history now, each one click from a follow-up, and how many were taken up.

Loading the offers counts them as shown (the first step of the uptake count), so the
panel loads only when its tab is opened, not on every customer page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from dealerdesk.i18n import render
from dealerdesk.i18n.words import label, label_of
from dealerdesk.services import added_value
from dealerdesk.services.added_value import Offer, Uptake
from dealerdesk.services.changes import Changed
from dealerdesk.ui import errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import tr
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.vocab.contact import Outcome

_Index = QModelIndex | QPersistentModelIndex
TABLES = frozenset({"vehicle", "visit", "followup", "contact_log", "added_value_offer"})
DONE = QColor("#2e7d32")


def load_offers(customer_id: int, today: Any) -> tuple[list[Offer], list[Uptake]]:
    """Worker job: today's offers (counted as shown) and this customer's uptake."""
    return added_value.offers_for(customer_id, today=today), added_value.uptake(customer_id)


def uptake_text(rows: list[Uptake]) -> str:
    """ "Tyres 1 shown · 1 made · 1 taken up" per kind that has any, one line each."""
    lines = [tr("%1: %2 shown · %3 made into follow-ups · %4 taken up", "AddedValuePanel")
             .replace("%1", label(u.kind)).replace("%2", str(u.shown)).replace("%3", str(u.made))
             .replace("%4", str(u.taken_up)) for u in rows if u.shown or u.made]  # fmt: skip
    return "\n".join(lines) or tr("No offers shown yet.", "AddedValuePanel")


class OffersModel(RecordsTableModel):
    HEADERS = ("Offer", "Why", "Follow-up")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        o: Offer | None = self._row(index)
        if o is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return label(o.kind)
            if col == 1:
                return render(o.suggestion.reason)
            return self.state(o)
        if role == Qt.ItemDataRole.ForegroundRole and col == 2 and o.made:
            return QBrush(DONE)
        return None

    @staticmethod
    def state(o: Offer) -> str:
        if not o.made:
            return ""
        if o.followup_status == "pending":
            return tr("Planned", "OffersModel")
        if o.followup_status == "done":
            return tr("Done: %1", "OffersModel").replace(
                "%1", label_of(Outcome, o.followup_outcome) or "–")  # fmt: skip
        return tr("Skipped", "OffersModel")


class AddedValuePanel(QWidget):
    """The offers of one customer and the button that makes one a follow-up.

    Signals:
        loaded(): the offers arrived and are shown.
    """

    loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("added_value_panel")
        self.ctx = ctx
        self.customer_id: int | None = None
        self._gen = 0
        self._stale = False
        self.model = OffersModel(self)
        self.table = QTableView()
        self.table.setObjectName("offers_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 140)
        self.table.setColumnWidth(2, 110)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.make_followup())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_button())
        self.make_button = QPushButton(self.tr("Make follow-up"))
        self.make_button.setObjectName("make_offer_followup")
        self.make_button.clicked.connect(self.make_followup)
        self.empty = QLabel(self.tr("Nothing to offer today: no vehicle is due for tyres, a "
                                    "warranty or insurance renewal, accessories or a new model."))  # fmt: skip
        self.empty.setWordWrap(True)
        self.uptake = QLabel()
        self.uptake.setObjectName("offers_uptake")
        self.uptake.setStyleSheet("color: #555")
        row = QHBoxLayout()
        row.addWidget(self.make_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Taken up by this customer:")))
        layout.addWidget(self.uptake)
        ctx.hub.changed.connect(self._on_changed)

    def set_customer(self, customer_id: int) -> None:
        """The customer page shows *customer_id*: load now if the tab is open, else when
        it is opened (loading counts the offers as shown)."""
        if customer_id != self.customer_id:
            self.model.set_rows([])
        self.customer_id = customer_id
        self._stale = True
        if self.isVisible():
            self.load(customer_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.customer_id is not None:
            self.load(self.customer_id)

    def load(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self._stale = False
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(load_offers, customer_id, self.ctx.today(),
                               on_done=lambda r: self._show(gen, r),
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _show(self, gen: int, result: tuple[list[Offer], list[Uptake]]) -> None:
        if gen != self._gen or not isValid(self):
            return
        offers, uptake = result
        keep = self.current()
        self.model.set_rows(offers)
        keys = [o.source_key for o in offers]
        if offers:
            self.table.selectRow(
                keys.index(keep.source_key) if keep and keep.source_key in keys else 0
            )
        self.empty.setVisible(not offers)
        self.table.setVisible(bool(offers))
        self.uptake.setText(uptake_text(uptake))
        self._update_button()
        self.loaded.emit()

    def current(self) -> Offer | None:
        row = self.table.currentIndex().row()
        rows = self.model.rows()
        return rows[row] if 0 <= row < len(rows) else None

    def _update_button(self) -> None:
        o = self.current()
        self.make_button.setEnabled(o is not None and not o.made)

    def make_followup(self) -> None:
        o = self.current()
        if o is None or o.made or self.customer_id is None:
            return
        self.make_button.setEnabled(False)
        self.ctx.worker.submit(added_value.make_followup, self.customer_id, o.source_key,
                               today=self.ctx.today(), staff_id=self.ctx.staff_id,
                               on_done=self._made, on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _made(self, change: Changed) -> None:
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("Follow-up planned for today"))

    def _on_changed(self, change: Changed) -> None:
        if self.customer_id is not None and self.customer_id in change.customer_ids and (
                change.tables & TABLES):  # fmt: skip
            self.set_customer(self.customer_id)
