"""The quick-action dialogs: log a contact, mark lost, new customer, vehicle, follow-up.

The complaint and survey dialogs live in ``complaint_dialogs`` and ``survey_dialog``.

Each dialog's Save runs its service call on the worker and stays open until the
answer comes: a ``ValidationError`` puts the message beside its field (nothing was
written), success broadcasts ``Changed`` on the hub and closes the dialog. Callers
listen to ``saved`` rather than the modal result, because in tests the modal returns
before the worker has answered.

The log-contact dialog is keyboard-first: digits pick the channel, the same letters as
Today's complete dialog pick the outcome (R reached, N no answer, C call back, W wrong
number, D declined, L left a message), and Enter saves.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.errors import ValidationError
from dealerdesk.i18n.words import label as vocab_label
from dealerdesk.services import aftersales, customers, referrals
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_picker import CustomerPicker  # issue #14
from dealerdesk.ui.followup_dialogs import ScheduleFollowupDialog  # issue #7: moved there
from dealerdesk.ui.key_account_panel import person_box  # issue #14
from dealerdesk.ui.outcome_extras import OutcomeExtras  # issue #16
from dealerdesk.ui.profile_form import (
    CHANNELS,
    KINDS,
    SOURCES,
    FormDialog,
    Job,
    combo,
    parse_day,
    run_form,
)
from dealerdesk.vocab.contact import OUTCOME_KEYS, Outcome

__all__ = ["AddVehicleDialog", "FormDialog", "LogContactDialog", "MarkLostDialog",
           "NewCustomerDialog", "ScheduleFollowupDialog", "run_form"]  # fmt: skip
# Every outcome the store accepts, with its letter and label, from dealerdesk.vocab.
OUTCOMES: tuple[tuple[str, Qt.Key, str], ...] = tuple(
    (str(o), Qt.Key(ord(OUTCOME_KEYS[o])), vocab_label(o)) for o in Outcome
)
LOST_REASONS = ("Moved away", "Bought from a competitor", "Sold the car",
                "Unhappy with our service", "Price")  # fmt: skip


class LogContactDialog(FormDialog):
    """Log a call, message or visit with its outcome: Ctrl+L, one letter, Enter."""

    def __init__(self, ctx: DeskContext, customer_id: int, customer_name: str, *,
                 preferred_channel: str = "phone", people: Sequence[Any] = (),
                 parent: QWidget | None = None,
                 vehicles: Sequence[tuple[int, str]] | None = None) -> None:  # fmt: skip
        """*vehicles*: the customer's cars (None: not at hand, they are loaded)."""
        super().__init__(ctx, "log_contact", self.tr("Log a contact — %1").replace(
            "%1", customer_name), parent)  # fmt: skip
        self.customer_id = customer_id
        load = None if vehicles is not None else (lambda done: ctx.worker.submit(
            aftersales.car_choices, customer_id, on_done=done))  # fmt: skip
        self.outcome_extras = OutcomeExtras(ctx.today(), vehicles or (), load=load,
                                            parent=self)  # issue #16  # fmt: skip
        self.outcome_extras.cars_loaded.connect(self._update_save)
        self.outcome_extras.vehicle.currentIndexChanged.connect(self._update_save)
        self._keys: dict[int, QRadioButton] = {}
        self.channels, channel_box = self._radio_group(
            self.tr("Channel (press 1–5)"),
            [
                (key, Qt.Key(Qt.Key.Key_1.value + i), label)
                for i, (key, label) in enumerate(CHANNELS)
            ],
            "channel",
        )
        self.outcomes, outcome_box = self._radio_group(
            self.tr("Outcome (press the letter)"), list(OUTCOMES), "outcome"
        )
        self.outcomes.buttonToggled.connect(self._update_save)
        (self.channels_buttons().get(preferred_channel) or self.channels.buttons()[0]).setChecked(
            True
        )
        self.incoming = QCheckBox(self.tr("The customer contacted us (&incoming)"))
        self.incoming.setObjectName("field_direction")
        self.purpose = combo((("service", "Service"), ("marketing", "Marketing")),
                             "purpose", "LogContactDialog")  # fmt: skip
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Optional: what was said, next step…"))
        self.body.insertWidget(1, channel_box)
        self.body.insertWidget(2, outcome_box)
        self.field("direction", "", self.incoming)
        self.field("purpose", self.tr("&Purpose"), self.purpose)
        self.field("notes", self.tr("&Notes"), self.notes)
        self.person = person_box(people)  # issue #14: with whom at a company (None: hidden)
        if self.person is not None:
            self.field("contact_person_id", self.tr("With (&at the company)"), self.person)
        self.outcome_extras.add_to(self)
        self.finish_layout()
        self._update_save()
        first = self.outcomes.buttons()[0]
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setFocusProxy(first)

    def _radio_group(
        self, title: str, items: Sequence[tuple[str, Qt.Key, str]], name: str
    ) -> tuple[QButtonGroup, QGroupBox]:
        box = QGroupBox(title)
        grid = QHBoxLayout(box) if name == "channel" else QVBoxLayout(box)
        group = QButtonGroup(self)
        for key, letter, label in items:
            button = QRadioButton(f"{self.tr(label)}  [{chr(letter.value)}]")
            button.setObjectName(f"{name}_{key}")
            button.setProperty("value", key)
            group.addButton(button)
            grid.addWidget(button)
            self._keys[letter.value] = button
        return group, box

    def channels_buttons(self) -> dict[str, QRadioButton]:
        return {str(b.property("value")): b for b in self.channels.buttons()}  # type: ignore[misc]

    def picked(self, group: QButtonGroup) -> str | None:
        button = group.checkedButton()
        return None if button is None else str(button.property("value"))

    def pick(self, key: str) -> None:
        """Check the channel or outcome *key* (what the keyboard shortcut does)."""
        for button in (*self.channels.buttons(), *self.outcomes.buttons()):
            if button.property("value") == key:
                button.setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)  # fmt: skip
        button = self._keys.get(event.key()) if plain else None
        if button is not None:  # text fields consume their own keys before we see them
            button.setChecked(True)
            event.accept()
            return
        super().keyPressEvent(event)

    def _update_save(self, *_args: object) -> None:
        # Enter before an outcome is chosen must not log a contact that says nothing, nor
        # "car sold" before saying which of several cars.
        outcome = self.picked(self.outcomes)
        self.outcome_extras.follow(outcome)
        self.save_button.setEnabled(outcome is not None
                                   and not self.outcome_extras.lacks_car(outcome))  # fmt: skip

    def build_job(self) -> Job:
        outcome = self.picked(self.outcomes)
        if outcome is None:
            raise ValidationError("outcome", self.tr("pick an outcome"))
        return partial(
            customers.log_contact, self.customer_id, now=self.ctx.now(),
            channel=self.picked(self.channels) or "phone", outcome=outcome,
            direction="in" if self.incoming.isChecked() else "out",
            purpose=self.purpose.currentData(), notes=self.notes.text().strip(),
            staff_id=self.ctx.staff_id,
            contact_person_id=self.person.currentData() if self.person is not None else None,
            vehicle_id=self.outcome_extras.vehicle_id(),
            callback_on=self.outcome_extras.callback_on(outcome),
        )  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Contact logged")


class MarkLostDialog(FormDialog):
    """Record that a customer left, and why (the win-back calls ask; reports count)."""

    def __init__(self, ctx: DeskContext, customer_id: int, customer_name: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, "mark_lost", self.tr("Mark as lost — %1").replace(
            "%1", customer_name), parent)  # fmt: skip
        self.customer_id = customer_id
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems([""] + [self.tr(r) for r in LOST_REASONS])
        self.on = QLineEdit(ctx.today().isoformat())
        self.field("lost_reason", self.tr("&Reason"), self.reason)
        self.field("lost_on", self.tr("&Since"), self.on)
        self.finish_layout()
        self.setFocusProxy(self.reason)

    def build_job(self) -> Job:
        on = parse_day(self.on.text(), "lost_on", required=True)
        return partial(customers.mark_lost, self.customer_id, reason=self.reason.currentText(),
                       on=on, today=self.ctx.today(), staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Marked as lost")


# ScheduleFollowupDialog moved to followup_dialogs (issue #7), re-exported above.


def _score_box(special: int, high: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(special, high)
    box.setSpecialValueText("–")
    box.setValue(special)
    return box


class NewCustomerDialog(FormDialog):
    """The few fields needed to start a customer; the rest is edited on the detail screen."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "new_customer", self.tr("New customer"), parent)
        self.kind = combo(KINDS, "kind", "NewCustomerDialog")
        self.edits: dict[str, QLineEdit] = {}
        self.field("kind", self.tr("&Kind"), self.kind)
        for key, label in (("name", "&Name"), ("name_alt", "Other name"), ("phone", "&Phone"),
                           ("wechat", "WeChat"), ("email", "E-mail"), ("city", "C&ity")):  # fmt: skip
            self.edits[key] = self.field(key, self.tr(label), QLineEdit())  # type: ignore[assignment]
        self.source = combo((("", "—"), *SOURCES), "source", "NewCustomerDialog")
        self.field("source", self.tr("Source"), self.source)
        # issue #14: who brought them (any fragment finds the customer); records a referral
        self.referrer = CustomerPicker(ctx, self)
        self.field("referred_by_id", self.tr("&Referred by"), self.referrer)
        self.errors.widgets["referred_by_id"] = self.referrer.search
        self.referrer.picked.connect(lambda *_: self.source.setCurrentIndex(
            max(0, self.source.findData("referral"))))  # fmt: skip
        self.finish_layout()
        self.setFocusProxy(self.edits["name"])

    def build_job(self) -> Job:
        fields: dict[str, Any] = {k: e.text() for k, e in self.edits.items() if e.text().strip()}
        fields["kind"] = self.kind.currentData()
        fields["name"] = self.edits["name"].text()
        if self.source.currentData():
            fields["source"] = self.source.currentData()
        if self.referrer.customer_id is not None:  # issue #14
            return partial(referrals.refer_new_customer, fields, referrer_id=self.referrer.customer_id,
                           today=self.ctx.today(), staff_id=self.ctx.staff_id)  # fmt: skip
        return partial(customers.create_customer, fields, today=self.ctx.today(),
                       staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Customer created")


class AddVehicleDialog(FormDialog):
    """A vehicle with the dates the cadence rules watch (warranty, insurance, inspection)."""

    DATES = (("purchase_date", "&Bought on"), ("warranty_end", "&Warranty ends"),
             ("insurance_end", "&Insurance ends"), ("inspection_due", "Ins&pection due"))  # fmt: skip

    def __init__(self, ctx: DeskContext, customer_id: int, customer_name: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, "add_vehicle", self.tr("Add a vehicle — %1").replace(
            "%1", customer_name), parent)  # fmt: skip
        self.customer_id = customer_id
        self.edits: dict[str, QLineEdit] = {}
        for key, label in (("vin", "&VIN"), ("plate", "P&late"), ("make", "&Make"),
                           ("model", "M&odel"), ("color", "Colo&ur")):  # fmt: skip
            self.edits[key] = self.field(key, self.tr(label), QLineEdit())  # type: ignore[assignment]
        self.year = _score_box(1949, ctx.today().year + 1)  # 1949 shows as "–": not given
        self.field("year", self.tr("&Year"), self.year)
        self.price = QDoubleSpinBox()
        self.price.setRange(0, 100_000_000)
        self.price.setDecimals(2)
        self.price.setGroupSeparatorShown(True)
        self.field("purchase_price", self.tr("P&rice"), self.price)
        self.mileage = QSpinBox()
        self.mileage.setRange(0, 2_000_000)
        self.mileage.setSuffix(" km")
        self.field("mileage_km", self.tr("Mil&eage"), self.mileage)
        for key, label in self.DATES:
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            self.edits[key] = self.field(key, self.tr(label), edit)  # type: ignore[assignment]
        self.finish_layout()
        self.setFocusProxy(self.edits["vin"])

    def build_job(self) -> Job:
        fields: dict[str, Any] = {k: e.text().strip() for k, e in self.edits.items()}
        for key, _label in self.DATES:
            fields[key] = parse_day(fields[key], key)
        fields["year"] = None if self.year.value() == self.year.minimum() else self.year.value()
        fields["purchase_price"] = self.price.value() or None
        fields["mileage_km"] = self.mileage.value() or None
        return partial(customers.add_vehicle, self.customer_id, fields, today=self.ctx.today())

    def done_message(self) -> str:
        return self.tr("Vehicle added")
