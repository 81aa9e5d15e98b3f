"""Cards & fleets (issue #14): membership cards with the review list of cards whose
suggested tier differs, the key accounts by purchase stage, and the added-value uptake.

The review list is the 80/20 cut's proposal: a card set by hand is listed too (marked),
because only a person decides; "Accept suggestion" moves the selected cards in one write.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.i18n.words import label, label_of
from dealerdesk.services import added_value, key_accounts, membership
from dealerdesk.services.added_value import Uptake
from dealerdesk.services.changes import Changed
from dealerdesk.services.key_accounts import AccountRow
from dealerdesk.services.membership import Card
from dealerdesk.ui import errors
from dealerdesk.ui.card_panel import TierNamesDialog
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date, fmt_int, fmt_money, tr
from dealerdesk.ui.lazy_screen import LazyScreen
from dealerdesk.ui.profile_form import run_form
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.ui.widgets import list_table
from dealerdesk.vocab.accounts import PurchaseStage

_Index = QModelIndex | QPersistentModelIndex
TABLES = frozenset({"membership_card", "customer_score", "score", "setting", "customer",
                    "contact_person", "key_account", "vehicle", "followup", "added_value_offer"})  # fmt: skip
DIFFERS = QColor("#ef6c00")


class CardsModel(RecordsTableModel):
    HEADERS = ("Customer", "Card no.", "Card tier", "Suggested", "24-month spend", "Issued",
               "Benefits")  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c: Card | None = self._row(index)
        if c is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            tier = f"{c.tier_name} ✎" if c.overridden else c.tier_name
            return (c.customer_name, c.card_number, tier, c.suggested_name, fmt_money(c.spend_24m),
                    fmt_date(c.issued_on), c.benefits.replace("\n", " "))[col]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and c.overridden:
            return tr("Set by hand: a new score never changes it", "CardsModel")
        if role == Qt.ItemDataRole.ForegroundRole and col == 3 and c.differs:
            return QBrush(DIFFERS)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AccountsModel(RecordsTableModel):
    HEADERS = ("Company", "Next purchase", "Expected", "Fleet size", "Vehicles", "People",
               "Decision maker")  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        a: AccountRow | None = self._row(index)
        if a is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (a.name, label_of(PurchaseStage, a.stage), fmt_date(a.expected_on),
                fmt_int(a.fleet_size), str(a.vehicles), str(a.people), a.decision_maker)[
            index.column()]  # fmt: skip


class UptakeModel(RecordsTableModel):
    HEADERS = ("Offer", "Shown", "Follow-ups made", "Taken up", "Taken up of shown")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        u: Uptake | None = self._row(index)
        if u is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            rate = f"{u.taken_up / u.shown * 100:.0f}%" if u.shown else "–"
            return (label(u.kind), fmt_int(u.shown), fmt_int(u.made), fmt_int(u.taken_up),
                    rate)[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def load_all(
    stage: str | None, differing: bool
) -> tuple[list[Card], list[AccountRow], list[Uptake]]:
    """Worker job: the cards (or the review list), the key accounts, the uptake."""
    return (membership.cards(differing_only=differing), key_accounts.key_accounts(stage),
            added_value.uptake())  # fmt: skip


class AccountsView(LazyScreen):
    """The Cards & fleets screen.

    Attributes:
        cards / cards_table, accounts / accounts_table, uptake / uptake_table: the tabs'
        models and views; show: all cards or the review list; stage: the stage filter.

    Signals:
        loaded(): the three lists arrived.
    """

    loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AccountsView")
        self.ctx = ctx
        self._gen = 0
        title = QLabel(self.tr("Cards & fleets"))
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setObjectName("accounts_summary")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.summary, 1)

        self.cards = CardsModel(self)
        self.cards_table = list_table(self.cards, "cards_table", multi=True, alternating=True)
        for col, width in enumerate((150, 105, 100, 90, 125, 100)):
            self.cards_table.setColumnWidth(col, width)
        self.cards_table.doubleClicked.connect(lambda _i: self.open_customer())
        self.show_filter = QComboBox()
        self.show_filter.setObjectName("cards_show")
        self.show_filter.addItem(self.tr("All cards"), False)
        self.show_filter.addItem(self.tr("Suggested tier differs from the card"), True)
        self.show_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.buttons: dict[str, QPushButton] = {}
        card_row = QHBoxLayout()
        card_row.addWidget(self.show_filter)
        for key, text, slot in (("accept", self.tr("&Accept suggestion"), self.accept_selected),
                                ("names", self.tr("Tier &names…"), self.edit_names),
                                ("open_card", self.tr("Open customer"), self.open_customer)):  # fmt: skip
            card_row.addWidget(self._button(key, text, slot))
        card_row.addStretch(1)
        cards_page = QWidget()
        cl = QVBoxLayout(cards_page)
        cl.addLayout(card_row)
        cl.addWidget(self.cards_table, 1)

        self.accounts = AccountsModel(self)
        self.accounts_table = list_table(self.accounts, "accounts_table", alternating=True)
        for col, width in enumerate((200, 130, 100, 75, 65, 60)):
            self.accounts_table.setColumnWidth(col, width)
        self.accounts_table.doubleClicked.connect(lambda _i: self.open_account())
        self.stage = QComboBox()
        self.stage.setObjectName("accounts_stage")
        self.stage.addItem(self.tr("Any stage"), None)
        for s in PurchaseStage:
            self.stage.addItem(label(s), s.value)
        self.stage.currentIndexChanged.connect(lambda _i: self.reload())
        self.stages = QLabel()
        self.stages.setObjectName("accounts_by_stage")
        account_row = QHBoxLayout()
        account_row.addWidget(self.stage)
        account_row.addWidget(
            self._button("open_account", self.tr("Open company"), self.open_account)
        )
        account_row.addWidget(self.stages, 1)
        accounts_page = QWidget()
        al = QVBoxLayout(accounts_page)
        al.addLayout(account_row)
        al.addWidget(self.accounts_table, 1)

        self.uptake = UptakeModel(self)
        self.uptake_table = list_table(self.uptake, "uptake_table", alternating=True)
        self.uptake_table.setColumnWidth(0, 150)
        uptake_page = QWidget()
        ul = QVBoxLayout(uptake_page)
        note = QLabel(self.tr("Added-value (A+) offers: shown on a customer's page, made into a "
                              "follow-up, and taken up (done with the customer reached or booked)."))  # fmt: skip
        note.setWordWrap(True)
        ul.addWidget(note)
        ul.addWidget(self.uptake_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("accounts_tabs")
        self.tabs.addTab(cards_page, self.tr("&Membership cards"))
        self.tabs.addTab(accounts_page, self.tr("&Key accounts"))
        self.tabs.addTab(uptake_page, self.tr("A+ &uptake"))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.cards_table)
        ctx.hub.changed.connect(self._on_changed)

    def _button(self, key: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"accounts_{key}")
        button.clicked.connect(lambda _c=False: slot())
        self.buttons[key] = button
        return button

    # --- loading -----------------------------------------------------------------------
    def reload(self) -> None:
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(load_all, self.stage.currentData(), bool(self.show_filter.currentData()),
                               on_done=lambda r: self._show(gen, r),
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _show(self, gen: int, result: tuple[list[Card], list[AccountRow], list[Uptake]]) -> None:
        if gen != self._gen:
            return
        cards, accounts, uptake = result
        self.cards.set_rows(cards)
        self.accounts.set_rows(accounts)
        self.uptake.set_rows(uptake)
        differing = sum(1 for c in cards if c.differs)
        self.summary.setText(self.tr("%1 cards shown, %2 of them differ from the suggestion; "
                                     "%3 companies").replace("%1", fmt_int(len(cards)))
                             .replace("%2", fmt_int(differing)).replace("%3", fmt_int(len(accounts))))  # fmt: skip
        if len(cards) >= membership.CARD_LIMIT:  # cut: say so, never drop rows in silence
            self.summary.setText(self.summary.text() + " " + self.tr(
                "(the first %1 by name; find a customer to see their card)").replace(
                "%1", fmt_int(membership.CARD_LIMIT)))  # fmt: skip
        counts: dict[str, int] = {}
        for a in accounts:
            counts[a.stage] = counts.get(a.stage, 0) + 1
        self.stages.setText("  ·  ".join(f"{label(s)} {counts[s.value]}" for s in PurchaseStage
                                         if counts.get(s.value)))  # fmt: skip
        for table, rows in ((self.cards_table, cards), (self.accounts_table, accounts)):
            if rows and not table.currentIndex().isValid():
                table.selectRow(0)
        self.buttons["accept"].setEnabled(differing > 0)
        self.loaded.emit()

    # --- actions -----------------------------------------------------------------------
    def selected_cards(self) -> list[Card]:
        rows = sorted({i.row() for i in self.cards_table.selectionModel().selectedRows()})
        return [self.cards.rows()[r] for r in rows if r < self.cards.rowCount()]

    def accept_selected(self) -> None:
        ids = [c.customer_id for c in self.selected_cards() if c.differs]
        if not ids:
            self.ctx.hub.status.emit(self.tr("Select cards whose suggestion differs"))
            return
        self.ctx.worker.submit(membership.accept_suggestions, ids, staff_id=self.ctx.staff_id,
                               on_done=self._accepted, on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _accepted(self, change: Changed) -> None:
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("%1 cards now carry the suggested tier").replace(
            "%1", str(len(change.customer_ids))))  # fmt: skip

    def edit_names(self) -> None:
        """Read the names on the worker, then open the dialog with them."""
        self.ctx.worker.submit(membership.custom_tier_names,
                               on_done=lambda own: run_form(TierNamesDialog(self.ctx, own, self)),
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def open_customer(self) -> None:
        cards = self.selected_cards()
        if cards:
            self.ctx.hub.open_customer.emit(cards[0].customer_id)

    def open_account(self) -> None:
        row = self.accounts_table.currentIndex().row()
        rows = self.accounts.rows()
        if 0 <= row < len(rows):
            self.ctx.hub.open_customer.emit(rows[row].customer_id)

    def _on_changed(self, change: Changed) -> None:
        if change.tables & TABLES:
            self.refresh()
