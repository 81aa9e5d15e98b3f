"""A customer's open follow-ups on their page, and what the contact limit holds back.

Self-contained (issue #7): the customer page adds it as a tab and calls ``load(id)``
whenever it shows a customer; it loads on the worker and reloads when a write touches
that customer's follow-ups. So a follow-up just scheduled shows where the desk is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from dealerdesk.i18n import render
from dealerdesk.services import desk_day, followups
from dealerdesk.services.changes import Changed
from dealerdesk.ui.agenda_model import AgendaModel, agenda_table
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date


def load_customer_followups(customer_id: int, today: date) -> tuple[list[Any], list[str]]:
    """Worker job: the open follow-ups, and each held-back one as a sentence."""
    rows = desk_day.customer_followups(customer_id=customer_id, today=today)
    held = [f"{desk_day.kind_text_of(h.kind)} ({fmt_date(h.due)}): {render(h.reason)}"
            for h in followups.held_back(customer_id=customer_id, today=today)]  # fmt: skip
    return rows, held


class CustomerFollowups(QWidget):
    """The open follow-ups of the customer shown (soonest first) and, under them, what
    the contact-fatigue cap holds back and why.

    Attributes:
        model: AgendaModel of the open follow-ups; held: the held-back sentences label.

    Signals:
        counted(int): the open follow-ups were (re)loaded; how many there are.
    """

    counted = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_followups")
        self.ctx = ctx
        self.customer_id: int | None = None
        self._gen = 0
        self.model = AgendaModel(self)
        self.table = agenda_table(self.model, "customer_followups_table")
        keys = [k for k, _ in AgendaModel.COLUMNS]
        for key in ("customer", "phone"):
            self.table.setColumnHidden(keys.index(key), True)
        self.table.setColumnHidden(keys.index("assignee"), False)
        self.held = QLabel()
        self.held.setObjectName("customer_followups_held")
        self.held.setWordWrap(True)
        self.held.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table, 1)
        box.addWidget(self.held)
        ctx.hub.changed.connect(self._on_changed)

    def load(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(load_customer_followups, customer_id, self.ctx.today(),
                               on_done=lambda r: self._show(r) if gen == self._gen else None)  # fmt: skip

    def count(self) -> int:
        return self.model.rowCount()

    def _show(self, result: tuple[list[Any], list[str]]) -> None:
        if not isValid(self) or not isValid(self.model):
            return  # the page was closed while the worker was loading
        rows, held = result
        self.model.set_rows(rows, today=self.ctx.today())
        self.held.setText(self.tr("Held back by the contact limit:") + "\n"
                          + "\n".join(f"• {h}" for h in held))  # fmt: skip
        self.held.setVisible(bool(held))
        self.counted.emit(len(rows))

    def _on_changed(self, change: Changed) -> None:
        if (
            self.customer_id is not None
            and change.touches("followup")
            and (not change.customer_ids or self.customer_id in change.customer_ids)
        ):
            self.load(self.customer_id)
