"""The membership card (会员卡) on a customer's page, and its dialogs (issue #14).

The card shows the tier the staff set and, beside it, the tier the 80/20 cut suggests;
"Accept suggestion" is the one click that closes the gap. The panel loads itself on the
worker (like the follow-ups tab) and reloads when a write touches its customer.
"""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from dealerdesk.i18n import t
from dealerdesk.services import membership
from dealerdesk.services.changes import Changed
from dealerdesk.services.membership import Card
from dealerdesk.ui import errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date, fmt_money
from dealerdesk.ui.profile_form import FormDialog, Job, parse_day, run_form
from dealerdesk.vocab.retention import ValueTier

TABLES = frozenset({"membership_card", "customer_score", "score", "setting", "visit"})


def load_card(customer_id: int) -> tuple[Card | None, str, dict[str, str]]:
    """Worker job: the card, the suggestion, and the dealership's tier names."""
    return (membership.card_of(customer_id), membership.suggested_tier(customer_id),
            membership.tier_names())  # fmt: skip


def tier_box(names: dict[str, str], current: str) -> QComboBox:
    box = QComboBox()
    for tier in ValueTier:
        box.addItem(names.get(tier.value, tier.value), tier.value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class CardDialog(FormDialog):
    """Issue a card (tier preset to the suggestion, number automatic) or edit one."""

    def __init__(self, ctx: DeskContext, customer_id: int, customer_name: str, *,
                 card: Card | None, suggested: str, names: dict[str, str],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        title = self.tr("Edit the card — %1") if card else self.tr("Issue a membership card — %1")
        super().__init__(ctx, "membership_card", title.replace("%1", customer_name), parent)
        self.customer_id, self.card = customer_id, card
        self.tier = tier_box(names, card.tier if card else (suggested or ValueTier.STANDARD))
        self.number = QLineEdit(card.card_number if card else "")
        self.number.setPlaceholderText(self.tr("automatic"))
        self.issued = QLineEdit((card.issued_on if card else ctx.today()).isoformat())
        self.benefits = QPlainTextEdit(card.benefits if card else "")
        self.benefits.setFixedHeight(70)
        self.benefits.setPlaceholderText(self.tr("e.g. free car wash every month, birthday gift"))
        hint = QLabel(self.tr("Suggested by spend: %1").replace(
            "%1", names.get(suggested, suggested) or self.tr("not scored yet")))  # fmt: skip
        hint.setObjectName("card_suggestion_hint")
        self.field("tier", self.tr("&Tier"), self.tier)
        self.body.insertWidget(2, hint)
        self.field("card_number", self.tr("Card &number"), self.number)
        self.field("issued_on", self.tr("&Issued on"), self.issued)
        self.field("benefits", self.tr("&Benefits"), self.benefits)
        self.finish_layout()
        self.setFocusProxy(self.tier)

    def build_job(self) -> Job:
        issued = parse_day(self.issued.text(), "issued_on", required=True)
        tier = str(self.tier.currentData())
        benefits = self.benefits.toPlainText()
        if self.card is None:
            return partial(membership.issue_card, self.customer_id, today=self.ctx.today(),
                           tier=tier, card_number=self.number.text(), benefits=benefits,
                           issued_on=issued, staff_id=self.ctx.staff_id)  # fmt: skip
        return partial(membership.update_card, self.customer_id, today=self.ctx.today(),
                       tier=tier, card_number=self.number.text(), benefits=benefits,
                       issued_on=issued, staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Card saved")


class TierNamesDialog(FormDialog):
    """The dealership's own names for the three tiers ("钻石卡", "金卡", "银卡")."""

    def __init__(self, ctx: DeskContext, own: dict[str, str],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, "tier_names", self.tr("Tier names"), parent)
        self.edits: dict[str, QLineEdit] = {}
        for tier in ValueTier:
            standard = t(f"accounts.card_tier.{tier.value}")
            edit = QLineEdit(own.get(tier.value, ""))
            edit.setPlaceholderText(standard)
            self.edits[tier.value] = edit
            self.field(f"tier_{tier.value}", standard, edit)
        note = QLabel(self.tr("Leave a name empty to keep the standard one."))
        self.body.insertWidget(2, note)
        self.finish_layout()

    def build_job(self) -> Job:
        names = {code: e.text() for code, e in self.edits.items()}
        return partial(membership.set_tier_names, names, staff_id=self.ctx.staff_id)

    def done_message(self) -> str:
        return self.tr("Tier names saved")


class CardPanel(QWidget):
    """The customer's card, the suggestion beside it, and the actions on it.

    Signals:
        loaded(): the card was (re)loaded and is shown.
    """

    loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_panel")
        self.ctx = ctx
        self.customer_id: int | None = None
        self.customer_name = ""
        self.card: Card | None = None
        self.suggested = ""
        self.names: dict[str, str] = {}
        self._gen = 0
        self.text = QLabel()
        self.text.setObjectName("card_text")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.edit_button = QPushButton(self.tr("Issue card…"))
        self.edit_button.setObjectName("card_edit")
        self.edit_button.clicked.connect(self.edit)
        self.accept_button = QPushButton(self.tr("Accept suggestion"))
        self.accept_button.setObjectName("card_accept")
        self.accept_button.clicked.connect(self.accept_suggestion)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.accept_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addStretch(1)
        ctx.hub.changed.connect(self._on_changed)

    def load(self, customer_id: int, name: str = "") -> None:
        self.customer_id, self.customer_name = customer_id, name or self.customer_name
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(load_card, customer_id,
                               on_done=lambda r: self._show(gen, r),
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _show(self, gen: int, result: tuple[Card | None, str, dict[str, str]]) -> None:
        if gen != self._gen or not isValid(self):
            return
        self.card, self.suggested, self.names = result
        suggested = self.names.get(self.suggested, "") or self.tr("not scored yet")
        c = self.card
        if c is None:
            self.text.setText(self.tr("No membership card yet.") + "<br>" + self.tr(
                "Suggested tier by spend: <b>%1</b>").replace("%1", html.escape(suggested)))  # fmt: skip
            self.edit_button.setText(self.tr("Issue card…"))
        else:
            lines = [self.tr("Card <b>%1</b> · No. %2 · issued %3").replace(
                "%1", html.escape(c.tier_name)).replace("%2", html.escape(c.card_number)).replace(
                "%3", fmt_date(c.issued_on))]  # fmt: skip
            if c.overridden:
                lines.append(self.tr("Tier set by hand: a new score never changes it."))
            lines.append(self.tr("Suggested by the 24-month spend (%1): <b>%2</b>").replace(
                "%1", fmt_money(c.spend_24m)).replace("%2", html.escape(suggested)))  # fmt: skip
            if c.differs:
                lines.append("<span style='color:#ef6c00'>" + self.tr(
                    "The card and the suggestion differ.") + "</span>")  # fmt: skip
            if c.benefits:
                lines.append(self.tr("Benefits: %1").replace(
                    "%1", html.escape(c.benefits).replace("\n", "<br>")))  # fmt: skip
            self.text.setText("<br>".join(lines))
            self.edit_button.setText(self.tr("Edit card…"))
        self.accept_button.setEnabled(c is not None and c.differs)
        self.accept_button.setText(self.tr("Accept suggestion: %1").replace("%1", suggested)
                                   if c is not None and c.differs
                                   else self.tr("Accept suggestion"))  # fmt: skip
        self.loaded.emit()

    def edit(self) -> None:
        if self.customer_id is None:
            return
        run_form(CardDialog(self.ctx, self.customer_id, self.customer_name, card=self.card,
                            suggested=self.suggested, names=self.names, parent=self))  # fmt: skip

    def accept_suggestion(self) -> None:
        if self.customer_id is None or self.card is None or not self.card.differs:
            return
        self.ctx.worker.submit(membership.accept_suggestions, [self.customer_id],
                               staff_id=self.ctx.staff_id, on_done=self._done,
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _done(self, change: Changed) -> None:
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("Card tier updated"))

    def _on_changed(self, change: Changed) -> None:
        if self.customer_id is None:
            return
        if (self.customer_id in change.customer_ids and change.tables & TABLES) or (
                "setting" in change.tables):  # fmt: skip
            self.load(self.customer_id)
