"""The partner screen's dialogs: a partner's details, a customer exchanged, reported spend."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from dealerdesk.errors import ValidationError
from dealerdesk.i18n.words import label_of
from dealerdesk.services import partners
from dealerdesk.services.partners import ExchangeRow, PartnerRow
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_picker import CustomerPicker
from dealerdesk.ui.profile_form import FormDialog, Job, parse_day
from dealerdesk.vocab.referrals import PartnerDirection, PartnerKind

_Index = QModelIndex | QPersistentModelIndex
TABLES = frozenset({"partner", "partner_referral", "partner_spend", "visit", "customer"})


class PartnerDialog(FormDialog):
    """Add or edit a partner: name, kind, contact, phone, terms, notes."""

    def __init__(self, ctx: DeskContext, partner: PartnerRow | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        title = (self.tr("Edit partner — %1").replace("%1", partner.name) if partner
                 else self.tr("New partner"))  # fmt: skip
        super().__init__(ctx, "partner_form", title, parent)
        self.partner = partner
        self.name = QLineEdit(partner.name if partner else "")
        self.kind = QComboBox()
        for code in PartnerKind:
            self.kind.addItem(label_of(PartnerKind, code), str(code))
        if partner is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(partner.kind)))
        self.contact = QLineEdit(partner.contact_person if partner else "")
        self.phone = QLineEdit(partner.phone if partner else "")
        self.terms = QPlainTextEdit(partner.terms if partner else "")
        self.terms.setTabChangesFocus(True)
        self.terms.setFixedHeight(60)
        self.notes = QPlainTextEdit(partner.notes if partner else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(50)
        self.field("name", self.tr("&Name"), self.name)
        self.field("kind", self.tr("&Kind"), self.kind)
        self.field("contact_person", self.tr("&Contact"), self.contact)
        self.field("phone", self.tr("&Phone"), self.phone)
        self.field("terms", self.tr("&Terms"), self.terms)
        self.field("notes", self.tr("Notes"), self.notes)
        self.finish_layout()
        self.setFocusProxy(self.name)

    def build_job(self) -> Job:
        fields = {"name": self.name.text(), "kind": self.kind.currentData(),
                  "contact_person": self.contact.text(), "phone": self.phone.text(),
                  "terms": self.terms.toPlainText(), "notes": self.notes.toPlainText()}  # fmt: skip
        return partial(partners.save_partner, self.partner.id if self.partner else None, fields,
                       staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Partner saved")


class ExchangeDialog(FormDialog):
    """A customer sent to us by the partner, or one we sent to it."""

    def __init__(
        self, ctx: DeskContext, partner: PartnerRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "partner_exchange", self.tr("Customer exchanged with %1").replace(
            "%1", partner.name), parent)  # fmt: skip
        self.partner = partner
        self.picker = CustomerPicker(ctx, self)
        self.direction = QComboBox()
        for code in PartnerDirection:
            self.direction.addItem(label_of(PartnerDirection, code), str(code))
        self.on = QLineEdit(ctx.today().isoformat())
        self.notes = QLineEdit()
        self.field("customer_id", self.tr("C&ustomer"), self.picker)
        self.errors.widgets["customer_id"] = self.picker.search
        self.field("direction", self.tr("&Direction"), self.direction)
        self.field("date", self.tr("&On"), self.on)
        self.field("notes", self.tr("Notes"), self.notes)
        self.finish_layout()
        self.setFocusProxy(self.picker)

    def build_job(self) -> Job:
        if self.picker.customer_id is None:
            raise ValidationError("customer_id", self.tr("Find the customer and pick them"))
        on = parse_day(self.on.text(), "date", required=True)
        return partial(partners.add_exchange, self.partner.id, self.picker.customer_id,
                       self.direction.currentData(), on=on, today=self.ctx.today(),
                       notes=self.notes.text(), staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Customer added to the partner")


class SpendDialog(FormDialog):
    """Spend the partner reported for a customer we sent it, typed in."""

    def __init__(self, ctx: DeskContext, row: ExchangeRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "partner_spend", self.tr("Reported spend — %1").replace(
            "%1", row.customer_name), parent)  # fmt: skip
        self.row = row
        self.on = QLineEdit(ctx.today().isoformat())
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 100_000_000)
        self.amount.setDecimals(2)
        self.amount.setPrefix("¥")
        self.amount.setGroupSeparatorShown(True)
        self.note = QLineEdit()
        self.field("date", self.tr("&On"), self.on)
        self.field("amount", self.tr("&Amount"), self.amount)
        self.field("note", self.tr("&What for"), self.note)
        self.finish_layout()
        self.setFocusProxy(self.amount)

    def build_job(self) -> Job:
        on = parse_day(self.on.text(), "date", required=True)
        if not self.amount.value():
            raise ValidationError("amount", self.tr("an amount is required"))
        return partial(partners.add_spend, self.row.id, on=on, amount=self.amount.value(),
                       today=self.ctx.today(), note=self.note.text(), staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Spend recorded")
