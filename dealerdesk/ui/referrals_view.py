"""Referrals between customers: every referral with where it stands (referred → bought
or serviced → rewarded, or lost), the reward given, and the customers who bring the most.

DESIGN.md's 1:25:8:1 rule: a loyal customer moves people to buy; the desk thanks them
with a reward, but only once the friend came (the rule lives in
``services/referral_rules.py``). Loading the list also moves referrals on from visits
logged elsewhere (an import), so what is shown is never stale.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.i18n.words import label_of
from dealerdesk.services import referral_rules, referrals
from dealerdesk.services.changes import Changed
from dealerdesk.services.referrals import ReferralList, ReferralRow, TopReferrer
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date, fmt_int, fmt_money
from dealerdesk.ui.lazy_screen import LazyScreen
from dealerdesk.ui.profile_form import FormDialog, Job, parse_day, run_form
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.ui.widgets import button_row, list_table, side_by_side
from dealerdesk.vocab.referrals import ReferralStatus

_Index = QModelIndex | QPersistentModelIndex
TABLES = frozenset({"referral", "customer", "visit"})
COLOURS = {"referred": "#1565c0", "bought": "#2e7d32", "serviced": "#00838f",
           "rewarded": "#6a1b9a", "lost": "#777777"}  # fmt: skip


def money(amount: float | None) -> str:
    return fmt_money(amount)


class ReferralsModel(RecordsTableModel):
    """Rows are ``ReferralRow``, newest first; ``Qt.UserRole`` is the referral id."""

    COLUMNS = ("date", "referrer", "friend", "status", "came", "reward", "rewarded_on")
    HEADERS = ("Referred on", "Referred by", "Friend", "Status", "Came on", "Reward",
               "Rewarded on")  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: ReferralRow | None = self._row(index)
        if r is None:
            return None
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "date": fmt_date(r.date), "referrer": r.referrer_name,
                "friend": r.referred_name + ("" if r.referred_id else " *"),
                "status": label_of(ReferralStatus, r.status), "came": fmt_date(r.status_on),
                "reward": " · ".join(p for p in (r.reward, money(r.reward_amount)) if p),
                "rewarded_on": fmt_date(r.rewarded_on),
            }[key]  # fmt: skip
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QBrush(QColor(COLOURS.get(r.status, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and key == "friend" and not r.referred_id:
            return self.tr("Not a customer yet")
        return None


class TopReferrersModel(RecordsTableModel):
    """The customers who brought the most friends."""

    HEADERS = ("Customer", "Brought", "Came", "Rewarded")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: TopReferrer | None = self._row(index)
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.name, str(r.made), str(r.converted), str(r.rewarded))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r.customer_id
        return None


class RewardDialog(FormDialog):
    """What the referrer was given (words and/or an amount) and when."""

    def __init__(self, ctx: DeskContext, row: ReferralRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "referral_reward", self.tr("Reward — %1 for bringing %2").replace(
            "%1", row.referrer_name).replace("%2", row.referred_name), parent)  # fmt: skip
        self.row = row
        self.reward = QLineEdit()
        self.reward.setPlaceholderText(self.tr("e.g. a free service, a fuel card"))
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 1_000_000)
        self.amount.setDecimals(0)
        self.amount.setPrefix("¥")
        self.amount.setGroupSeparatorShown(True)
        self.on = QLineEdit(ctx.today().isoformat())
        self.field("reward", self.tr("&Reward"), self.reward)
        self.field("reward_amount", self.tr("&Amount"), self.amount)
        self.field("rewarded_on", self.tr("&Given on"), self.on)
        self.finish_layout()
        self.setFocusProxy(self.reward)

    def build_job(self) -> Job:
        on = parse_day(self.on.text(), "rewarded_on", required=True)
        return partial(referrals.reward, self.row.id, reward=self.reward.text(),
                       amount=self.amount.value() or None, on=on, staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Reward recorded")


class ReferralsView(LazyScreen):
    """The referral list and the top referrers.

    Attributes:
        status: the status filter; model / table: the referrals; top / top_table: the
            top referrers; summary: the counts per status; buttons: the actions by key.

    Signals:
        loaded(): a list arrived and is shown.
    """

    loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReferralsView")
        self.ctx = ctx
        self._gen = 0
        title = QLabel(self.tr("Referrals"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setObjectName("referrals_summary")
        self.status = QComboBox()
        self.status.setObjectName("referrals_status")
        self.status.addItem(self.tr("All statuses"), None)
        for code in ReferralStatus:
            self.status.addItem(label_of(ReferralStatus, code), str(code))
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.summary, 1)
        head.addWidget(self.status)

        self.model = ReferralsModel(self)
        self.table = list_table(self.model, "referrals_table")
        for col, width in enumerate((96, 110, 120, 80, 96, 150)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.table.doubleClicked.connect(lambda _i: self.open_customer("friend"))
        self.buttons: dict[str, QPushButton] = {}
        row = button_row("referral", (
            ("reward", self.tr("Re&ward…"), self.reward),
            ("lost", self.tr("Mark l&ost"), lambda: self.move("lost")),
            ("reopen", self.tr("Reo&pen"), lambda: self.move("referred")),
            ("referrer", self.tr("Open referr&er"), lambda: self.open_customer("referrer")),
            ("friend", self.tr("Open frien&d"), lambda: self.open_customer("friend")),
        ), self.buttons)  # fmt: skip
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table, 1)
        ll.addLayout(row)

        self.top = TopReferrersModel(self)
        self.top_table = list_table(self.top, "top_referrers")
        header = self.top_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.top_table.doubleClicked.connect(self._open_top)
        top_title = QLabel(self.tr("Top referrers"))
        top_title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        note = QLabel(self.tr("Friends brought; of them, who bought or came for service; "
                              "rewards given."))  # fmt: skip
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(top_title)
        rl.addWidget(note)
        rl.addWidget(self.top_table, 1)
        split = side_by_side(left, right, (850, 350))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self.setFocusProxy(self.table)
        ctx.hub.changed.connect(self._on_changed)
        self._enable()

    def reload(self) -> None:
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(referrals.list_referrals, status=self.status.currentData(),
                               on_done=lambda found: self._show(gen, found))  # fmt: skip

    def _show(self, gen: int, found: ReferralList) -> None:
        if gen != self._gen:
            return
        keep = self.current()
        self.model.set_rows(found.rows)
        self.top.set_rows(found.top)
        parts = [f"{label_of(ReferralStatus, s)} {fmt_int(found.counts.get(str(s), 0))}"
                 for s in ReferralStatus]  # fmt: skip
        self.summary.setText(self.tr("%1 referrals: %2").replace(
            "%1", fmt_int(sum(found.counts.values()))).replace("%2", " · ".join(parts)))  # fmt: skip
        if found.rows:
            at = self.model.row_of(keep.id) if keep is not None else -1
            self.table.selectRow(max(at, 0))
        self._enable()
        if found.moved:
            self.ctx.hub.status.emit(self.tr("%1 referrals moved on from the friends' visits")
                                     .replace("%1", fmt_int(found.moved)))  # fmt: skip
        self.loaded.emit()

    def current(self) -> ReferralRow | None:
        return self.model.item_at(self.table.currentIndex().row())

    def _enable(self) -> None:
        r = self.current()
        status = r.status if r is not None else ""
        self.buttons["reward"].setEnabled(referral_rules.can_move(status, "rewarded"))
        self.buttons["lost"].setEnabled(referral_rules.can_move(status, "lost"))
        self.buttons["reopen"].setEnabled(referral_rules.can_move(status, "referred"))
        self.buttons["referrer"].setEnabled(r is not None and r.referrer_id is not None)
        self.buttons["friend"].setEnabled(r is not None and r.referred_id is not None)

    # --- actions ------------------------------------------------------------------------
    def reward(self) -> None:
        r = self.current()
        if r is not None:
            run_form(RewardDialog(self.ctx, r, self))

    def move(self, target: str) -> None:
        r = self.current()
        if r is None:
            return
        if target == "lost" and not dialogs.confirm(
            self, self.tr("Mark lost"),
            self.tr("Mark the referral of %1 as lost? It can be reopened later.").replace(
                "%1", r.referred_name)):  # fmt: skip
            return
        self.ctx.worker.submit(referrals.move, r.id, target, on=self.ctx.today(),
                               staff_id=self.ctx.staff_id, on_done=self._moved,
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _moved(self, change: Changed) -> None:
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("Referral updated"))

    def open_customer(self, who: str) -> None:
        r = self.current()
        cid = None if r is None else (r.referrer_id if who == "referrer" else r.referred_id)
        if cid is not None:
            self.ctx.hub.open_customer.emit(cid)

    def _open_top(self, index: QModelIndex) -> None:
        item = self.top.item_at(index.row())
        if item is not None:
            self.ctx.hub.open_customer.emit(item.customer_id)

    def _on_changed(self, change: Changed) -> None:
        if change.tables & TABLES:
            self.refresh()
