"""Whom a customer brought: their referrals on their page (issue #14), a tab of its own.

Self-contained like ``customer_followups``: the page calls ``load(id)`` for each customer
it shows; it loads on the worker and reloads when a write touches referrals.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from dealerdesk.services import referrals
from dealerdesk.services.changes import Changed
from dealerdesk.services.referrals import ReferralRow
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.referrals_view import ReferralsModel
from dealerdesk.ui.widgets import list_table


class CustomerReferrals(QWidget):
    """The friends the customer referred, newest first, with status and reward.

    Attributes:
        model / table: the referrals; note: a line under them (none yet, or the count).

    Signals:
        counted(int): the referrals were (re)loaded; how many there are.
    """

    counted = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_referrals")
        self.ctx = ctx
        self.customer_id: int | None = None
        self._gen = 0
        self.model = ReferralsModel(self)
        self.table = list_table(self.model, "customer_referrals_table")
        self.table.setColumnHidden(ReferralsModel.COLUMNS.index("referrer"), True)
        self.table.doubleClicked.connect(self._open)
        self.note = QLabel()
        self.note.setObjectName("customer_referrals_note")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table, 1)
        box.addWidget(self.note)
        ctx.hub.changed.connect(self._on_changed)

    def load(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(referrals.brought_by, customer_id,
                               on_done=lambda rows: self._show(gen, rows))  # fmt: skip

    def _show(self, gen: int, rows: list[ReferralRow]) -> None:
        if gen != self._gen or not isValid(self) or not isValid(self.model):
            return
        self.model.set_rows(rows)
        came = sum(1 for r in rows if r.status in ("bought", "serviced", "rewarded"))
        self.note.setText(self.tr("Has not referred anyone yet.") if not rows else
                          self.tr("Brought %1; %2 came").replace("%1", str(len(rows)))
                          .replace("%2", str(came)))  # fmt: skip
        self.counted.emit(len(rows))

    def _open(self) -> None:
        r = self.model.item_at(self.table.currentIndex().row())
        if r is not None and r.referred_id is not None:
            self.ctx.hub.open_customer.emit(r.referred_id)

    def _on_changed(self, change: Changed) -> None:
        if self.customer_id is not None and "referral" in change.tables:
            self.load(self.customer_id)
