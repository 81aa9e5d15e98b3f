"""Campaigns: build an audience, see who is invited and who is left out (and why), write
the message, create the invitations; then record results and read the response rate.

The preview runs on the worker over every customer (consent by purpose, fatigue cap,
do-not-contact; see ``retention.campaign_audience``); "Create invitations" stores the
campaign with the invited customers and plans their invitation follow-ups.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.services import campaigns
from dealerdesk.services.changes import Changed
from dealerdesk.ui import errors
from dealerdesk.ui.campaign_builder import CampaignBuilder
from dealerdesk.ui.campaign_models import CampaignsModel, MembersModel
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.lazy_screen import LazyScreen
from dealerdesk.ui.widgets import list_table


class CampaignsView(LazyScreen):
    """The Campaigns screen: the campaigns with their results, and the builder.

    Attributes:
        model / table: the campaigns; members / members_view: the selected one's people.
        builder: the "New campaign" tab.
    """

    loaded = Signal()
    members_loaded = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CampaignsView")
        self.ctx = ctx
        self._select_id: int | None = None
        title = QLabel(self.tr("Campaigns"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.model = CampaignsModel(self)
        self.table = list_table(self.model, "campaigns_table")
        for col, width in enumerate((260, 90, 95, 65, 65, 70, 65, 105)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._load_members())
        self.members = MembersModel(self)
        self.members_view = list_table(self.members, "members_table")
        for col, width in enumerate((90, 120, 110, 60, 65, 55)):
            self.members_view.setColumnWidth(col, width)
        self.result_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Selected customer:")))
        for key, label in (("reached", "R&eached"), ("accepted", "&Accepted"),
                           ("visited", "V&isited"), ("clear", "C&lear")):  # fmt: skip
            button = QPushButton(self.tr(label))
            button.setObjectName(f"result_{key}")
            button.clicked.connect(partial(self.record, key))
            self.result_buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.copy_button = QPushButton(self.tr("Copy messages for WeChat/SMS"))
        self.copy_button.setObjectName("copy_messages")
        self.copy_button.setToolTip(self.tr("Name, phone and message of everyone invited, one "
                                            "per line, to paste into a WeChat or SMS batch"))  # fmt: skip
        self.copy_button.clicked.connect(self.copy_messages)
        row.addWidget(self.copy_button)
        page = QWidget()
        pl = QVBoxLayout(page)
        pl.addWidget(self.table, 2)
        pl.addWidget(QLabel(self.tr("Invited customers")))
        pl.addWidget(self.members_view, 3)
        pl.addLayout(row)
        self.builder = CampaignBuilder(ctx)
        self.builder.created.connect(self._created)
        self.tabs = QTabWidget()
        self.tabs.addTab(page, self.tr("Campaigns and results"))
        self.tabs.addTab(self.builder, self.tr("New campaign"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        ctx.hub.changed.connect(self._on_changed)
        self.setFocusProxy(self.table)

    def reload(self) -> None:
        self.ctx.worker.submit(campaigns.list_campaigns, on_done=self._show)

    def _show(self, rows: list[campaigns.CampaignRow]) -> None:
        keep = self._select_id or self.current_id()
        self._select_id = None
        self.model.set_rows(rows)
        ids = [r.id for r in rows]
        if rows:
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
            self._load_members()
        else:
            self.members.set_rows([])
        self.loaded.emit()

    def current_id(self) -> int | None:
        r = self.model.item_at(self.table.currentIndex().row())
        return None if r is None else r.id

    def _load_members(self) -> None:
        cid = self.current_id()
        if cid is not None:
            self.ctx.worker.submit(campaigns.members, cid, on_done=partial(self._members, cid))

    def _members(self, cid: int, rows: list[campaigns.MemberRow]) -> None:
        if cid != self.current_id():
            return
        keep = self.members_view.currentIndex().row()
        self.members.set_rows(rows)
        if rows:
            self.members_view.selectRow(min(max(keep, 0), len(rows) - 1))
        self.members_loaded.emit(cid)

    def record(self, key: str) -> None:
        cid = self.current_id()
        m = self.members.item_at(self.members_view.currentIndex().row())
        if cid is None or m is None:
            return
        flags = {"reached": m.reached, "accepted": m.accepted, "visited": m.visited}
        if key == "clear":
            flags = dict.fromkeys(flags, False)
        else:
            flags[key] = True
        self.ctx.worker.submit(campaigns.record_result, cid, m.customer_id, **flags,
                               on_done=self.ctx.hub.changed.emit,
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def copy_messages(self) -> str:
        """The invited customers' messages as tab-separated lines, on the clipboard."""
        text = "\n".join("\t".join((m.name, m.phone, m.message)) for m in self.members.rows())
        QApplication.clipboard().setText(text)
        self.ctx.hub.status.emit(self.tr("%1 messages copied").replace(
            "%1", str(self.members.rowCount())))  # fmt: skip
        return text

    def _created(self, change: Changed) -> None:
        self._select_id = change.new_id  # the new campaign is selected when the list arrives
        self.tabs.setCurrentIndex(0)

    def _on_changed(self, change: Changed) -> None:
        if "campaign" in change.tables:
            self.refresh()
