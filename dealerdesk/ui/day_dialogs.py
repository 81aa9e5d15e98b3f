"""The desk's day dialogs: a greeting batch to send, and the one-time catch-up review.

Both load on the worker and write through ``services.desk_day``; each opens through
``ui/dialogs.run_modal`` so tests drive the real dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.services import desk_day
from dealerdesk.services.changes import Changed
from dealerdesk.services.customers import display_phone
from dealerdesk.ui import errors
from dealerdesk.ui.agenda_model import AgendaModel, agenda_table
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_int


def load_members(ids: tuple[int, ...]) -> list[tuple[str, str, str, str]]:
    """Worker job: (name, phone, WeChat, e-mail) of a batch's members, phones formatted."""
    return [(m.name, display_phone(m.phone) if m.phone else "", m.wechat, m.email)
            for m in desk_day.batch_members(ids)]  # fmt: skip


class BatchDialog(QDialog):
    """One greeting batch: whom to send it to, a Copy button for the WeChat/SMS list, and
    "Mark all sent" (Enter), which logs each member as reached on the batch's channel.

    Attributes:
        batch: the ``BatchTask``; members: its rows once loaded (name, phone, WeChat, e-mail).
    """

    def __init__(self, ctx: DeskContext, batch: desk_day.BatchTask,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("BatchDialog")
        self.ctx, self.batch = ctx, batch
        self.members: list[tuple[str, str, str, str]] = []
        self.setWindowTitle(batch.reason)
        self.setMinimumSize(560, 420)
        head = QLabel(f"<b>{_esc(batch.reason)}</b><br>{_esc(batch.customer_name)}")
        head.setTextFormat(Qt.TextFormat.RichText)
        head.setWordWrap(True)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Phone"), self.tr("WeChat"), self.tr("E-mail")]
        )
        self.table = QTableView()
        self.table.setObjectName("batch_members")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.copy_button = QPushButton(self.tr("&Copy list"))
        self.copy_button.setObjectName("batch_copy")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_list)
        self.send_button = QPushButton(self.tr("Mark all &sent  (Enter)"))
        self.send_button.setObjectName("batch_sent")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.mark_sent)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        row.addWidget(close)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.setFocusProxy(self.send_button)
        ctx.worker.submit(load_members, batch.followup_ids, on_done=self._show)

    def _show(self, members: list[tuple[str, str, str, str]]) -> None:
        self.members = members
        self.model.setRowCount(0)
        for member in members:
            self.model.appendRow([QStandardItem(v) for v in member])
        self.table.resizeColumnsToContents()

    def list_text(self) -> str:
        """The list to paste into WeChat or an SMS tool: one customer a line."""
        contact = {"wechat": 2, "email": 3}.get(self.batch.channel, 1)
        return "\n".join(f"{m[0]}\t{m[contact] or m[1]}" for m in self.members)

    def copy_list(self) -> None:
        QApplication.clipboard().setText(self.list_text())
        self.ctx.hub.status.emit(
            self.tr("Copied %1 names").replace("%1", fmt_int(len(self.members)))
        )

    def mark_sent(self) -> None:
        batch, hub = self.batch, self.ctx.hub
        sent = self.tr("Sent: %1").replace("%1", batch.reason)

        def done(change: Changed) -> None:  # the dialog may be gone by now: only the hub
            hub.changed.emit(change)
            hub.status.emit(sent)

        self.ctx.worker.submit(
            desk_day.complete_batch, followup_ids=batch.followup_ids, now=self.ctx.now(),
            staff_id=self.ctx.staff_id, on_done=done,
            on_error=lambda exc: errors.report(exc, None),
        )  # fmt: skip
        self.accept()


class CatchUpDialog(QDialog):
    """The catch-up list: back-dated follow-ups of a first plan, reviewed once.

    "Bring into the plan" makes the chosen ones (all, when none is selected) due today,
    where Today ranks them with the rest and cuts at capacity; "Dismiss" drops them (a
    stay-in-touch call then starts again from today).
    """

    def __init__(self, ctx: DeskContext, staff_id: int | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("CatchUpDialog")
        self.ctx, self.staff_id = ctx, staff_id
        self.setWindowTitle(self.tr("Catch-up list"))
        self.setMinimumSize(900, 480)
        self.note = QLabel(self.tr(
            "These follow-ups fell due long before this file's first plan. Review them once: "
            "bring the ones worth doing into the plan (they join today's ranking), dismiss "
            "the rest."))  # fmt: skip
        self.note.setWordWrap(True)
        self.model = AgendaModel(self)
        self.table = agenda_table(self.model, "catchup_list")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.bring = QPushButton(self.tr("&Bring into the plan"))
        self.bring.setObjectName("catchup_bring")
        self.bring.clicked.connect(lambda: self._act(bring=True))
        self.dismiss = QPushButton(self.tr("&Dismiss"))
        self.dismiss.setObjectName("catchup_dismiss")
        self.dismiss.clicked.connect(lambda: self._act(bring=False))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for button in (self.bring, self.dismiss, close):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.bring)
        row.addWidget(self.dismiss)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        ctx.worker.submit(desk_day.catchup_list, today=ctx.today(), staff_id=staff_id,
                          on_done=self._show)  # fmt: skip

    def _show(self, rows: list[Any]) -> None:
        self.model.set_rows(rows, today=self.ctx.today())
        self.setWindowTitle(self.tr("Catch-up list (%1)").replace("%1", fmt_int(len(rows))))

    def chosen(self) -> list[int] | None:
        """The selected follow-ups; None when none is selected: the whole list (also
        what is past the rows shown)."""
        picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        rows = [self.model.row_at(r) for r in picked]
        return [int(r.id) for r in rows if r is not None] or None

    def _act(self, *, bring: bool) -> None:
        ids = self.chosen()
        if ids is None and not self.model.rowCount():
            return
        common = {"followup_ids": ids, "staff_id": self.staff_id}
        if bring:
            job: Any = (desk_day.bring_in_catchup, {**common, "today": self.ctx.today()})
        else:
            job = (desk_day.dismiss_catchup, {**common, "now": self.ctx.now()})
        fn, kwargs = job
        self.ctx.worker.submit(fn, **kwargs, on_done=self.ctx.hub.changed.emit,
                               on_error=lambda exc: errors.report(exc, self))  # fmt: skip
        self.accept()


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["BatchDialog", "CatchUpDialog"]
