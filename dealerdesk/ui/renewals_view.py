"""The renewal list (续保, issue #16): policies ending soon, with the policy kind, the
end date and last year's insurer, and the cars serviced here but insured elsewhere.

A Chinese 4S desk works renewals from a list like this: who to call first (soonest end),
what cover they had (交强险/商业险), with whom — and the cars we service but do not
insure are the policies to win. Double-click opens the customer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.i18n.words import label as vocab_label
from dealerdesk.services import aftersales
from dealerdesk.services.changes import Changed
from dealerdesk.ui import errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date, tr
from dealerdesk.ui.lazy_screen import LazyScreen
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.vocab.aftersales import PolicyKind

_Index = QModelIndex | QPersistentModelIndex
TABLES = frozenset({"vehicle", "followup", "visit", "customer"})
AWAY = QColor("#b26a00")


class RenewalsModel(RecordsTableModel):
    """Rows are ``aftersales.RenewalRow``, soonest policy end first."""

    COLUMNS = ("ends", "name", "phone", "vehicle", "kind", "insurer", "where", "paused")
    HEADERS = ("Policy ends", "Customer", "Phone", "Vehicle", "Policy", "Last insurer",
               "Insured with", "Calls")  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: aftersales.RenewalRow | None = self._row(index)
        if r is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "ends":
                return fmt_date(r.insurance_end)
            if key == "name":
                return r.customer_name
            if key == "phone":
                return r.phone
            if key == "vehicle":
                return r.vehicle
            if key == "kind":
                return vocab_label(PolicyKind(r.insurance_kind)) if r.insurance_kind else ""
            if key == "insurer":
                return r.insurer
            if key == "where":
                if r.insured_here:
                    return tr("Us", "RenewalsModel")
                if r.services_here:
                    return tr("Elsewhere — services here", "RenewalsModel")
                return tr("Elsewhere", "RenewalsModel")
            return r.paused_reason or tr("Planned", "RenewalsModel")
        if role == Qt.ItemDataRole.ForegroundRole and key == "where" and not r.insured_here:
            return QBrush(AWAY)
        if role == Qt.ItemDataRole.UserRole:
            return r.customer_id
        return None


class RenewalsView(LazyScreen):
    """The screen: the window in days, the "insured elsewhere" filter, the list.

    Attributes:
        days, elsewhere: the filters; model: RenewalsModel; summary: the counts line.
    """

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("renewals_view")
        self.ctx = ctx
        title = QLabel("<h2>" + self.tr("Insurance renewals (续保)") + "</h2>")
        self.days = QSpinBox()
        self.days.setObjectName("renewal_days")
        self.days.setRange(7, 366)
        self.days.setValue(60)
        self.days.setSuffix(self.tr(" days"))
        self.days.valueChanged.connect(lambda _v: self.reload())
        self.elsewhere = QCheckBox(self.tr("Only cars serviced here but insured elsewhere"))
        self.elsewhere.setObjectName("renewal_elsewhere")
        self.elsewhere.toggled.connect(lambda _on: self.reload())
        self.summary = QLabel()
        self.summary.setObjectName("renewal_summary")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(QLabel(self.tr("Policies ending within")))
        head.addWidget(self.days)
        head.addWidget(self.elsewhere)
        head.addStretch(1)
        self.model = RenewalsModel(self)
        self.table = QTableView()
        self.table.setObjectName("renewals_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(False)
        for col, width in enumerate((80, 110, 118, 215, 175, 85, 180)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _i: self.open_customer())
        self.open_button = QPushButton(self.tr("Open customer"))
        self.open_button.setObjectName("renewal_open")
        self.open_button.clicked.connect(self.open_customer)
        foot = QHBoxLayout()
        foot.addWidget(self.summary, 1)
        foot.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)
        ctx.hub.changed.connect(self._on_changed)

    def reload(self) -> None:
        self.ctx.worker.submit(
            aftersales.renewal_list, today=self.ctx.today(), days=self.days.value(),
            elsewhere_only=self.elsewhere.isChecked(), on_done=self._show,
            on_error=lambda exc: errors.report(exc, self),
        )  # fmt: skip

    def _show(self, rows: list[aftersales.RenewalRow]) -> None:
        self.model.set_rows(rows)
        away = sum(1 for r in rows if not r.insured_here)
        self.summary.setText(self.tr("%1 policies; %2 insured elsewhere last year")
                             .replace("%1", str(len(rows))).replace("%2", str(away)))  # fmt: skip

    def open_customer(self) -> None:
        index = self.table.currentIndex()
        item = self.model.item_at(index.row()) if index.isValid() else None
        if item is not None:
            self.ctx.hub.open_customer.emit(item.customer_id)

    def _on_changed(self, change: Changed) -> None:
        if change.tables & TABLES:
            self.refresh()
