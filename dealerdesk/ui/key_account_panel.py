"""A company's page (大客户, issue #14): its contact people with their roles, the stage
of its next fleet purchase, and its vehicles together with who drives each.

Shown as a tab of the customer page for companies only; it loads itself on the worker
and reloads when a write touches its customer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from dealerdesk.errors import ValidationError
from dealerdesk.i18n.words import label, label_of
from dealerdesk.services import key_accounts
from dealerdesk.services.changes import Changed
from dealerdesk.services.key_accounts import FleetVehicleRow, KeyAccount, PersonRow
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date, tr
from dealerdesk.ui.profile_form import FormDialog, Job, parse_day, run_form
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.ui.widgets import list_table
from dealerdesk.vocab.accounts import ContactRole, PurchaseStage

_Index = QModelIndex | QPersistentModelIndex
TABLES = frozenset({"contact_person", "key_account", "vehicle", "customer"})


class PeopleModel(RecordsTableModel):
    HEADERS = ("Name", "Role", "Phone", "E-mail", "Notes")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.phones: dict[int, str] = {}  # person id → the phone as dialled, per load

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p: PersonRow | None = self._row(index)
        if p is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        phone = self.phones.get(p.id, p.phone)
        return (p.name, label_of(ContactRole, p.role), phone, p.email, p.notes)[index.column()]


class FleetModel(RecordsTableModel):
    HEADERS = ("Plate", "Vehicle", "Year", "Bought", "Driver")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        v: FleetVehicleRow | None = self._row(index)
        if v is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (v.plate, f"{v.make} {v.model}", str(v.year or ""), fmt_date(v.purchase_date),
                v.driver or "–")[index.column()]  # fmt: skip


def person_box(people: Sequence[PersonRow]) -> QComboBox | None:
    """Whom at a company a call is with or for; None when there is no one to choose."""
    if not people:
        return None
    box = QComboBox()
    box.addItem(tr("The company (no one in particular)", "PersonBox"), None)
    for p in people:
        box.addItem(f"{p.name} — {label_of(ContactRole, p.role)}", p.id)
    return box


def role_box(current: str = ContactRole.DECISION_MAKER) -> QComboBox:
    box = QComboBox()
    for r in ContactRole:
        box.addItem(label(r), r.value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class PersonDialog(FormDialog):
    """Add or edit someone at the company: name, role, phone, e-mail, notes."""

    def __init__(self, ctx: DeskContext, customer_id: int, company: str, *,
                 person: PersonRow | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        title = (
            self.tr("Edit contact person — %1") if person else self.tr("Add a contact person — %1")
        )
        super().__init__(ctx, "contact_person", title.replace("%1", company), parent)
        self.customer_id, self.person = customer_id, person
        self.name = QLineEdit(person.name if person else "")
        self.role = role_box(person.role if person else ContactRole.DECISION_MAKER)
        self.phone = QLineEdit(person.phone if person else "")
        self.email = QLineEdit(person.email if person else "")
        self.notes = QLineEdit(person.notes if person else "")
        self.field("name", self.tr("&Name"), self.name)
        self.field("role", self.tr("&Role"), self.role)
        self.field("phone", self.tr("&Phone"), self.phone)
        self.field("email", self.tr("E-&mail"), self.email)
        self.field("notes", self.tr("N&otes"), self.notes)
        self.finish_layout()
        self.setFocusProxy(self.name)

    def build_job(self) -> Job:
        fields = {"name": self.name.text(), "role": self.role.currentData(),
                  "phone": self.phone.text(), "email": self.email.text(),
                  "notes": self.notes.text()}  # fmt: skip
        if self.person is None:
            return partial(key_accounts.add_person, self.customer_id, fields,
                           staff_id=self.ctx.staff_id)  # fmt: skip
        return partial(key_accounts.update_person, self.person.id, fields,
                       staff_id=self.ctx.staff_id)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Contact person saved")


class DriverDialog(FormDialog):
    """Who drives this vehicle (one of the company's people, or not known)."""

    def __init__(self, ctx: DeskContext, vehicle: FleetVehicleRow, people: list[PersonRow],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, "vehicle_driver", self.tr("Driver — %1").replace(
            "%1", vehicle.plate or vehicle.model), parent)  # fmt: skip
        self.vehicle = vehicle
        self.driver = QComboBox()
        self.driver.addItem(self.tr("Not known"), None)
        for p in people:
            self.driver.addItem(f"{p.name} ({label_of(ContactRole, p.role)})", p.id)
        self.driver.setCurrentIndex(max(0, self.driver.findData(vehicle.driver_id)))
        self.field("driver_id", self.tr("&Driver"), self.driver)
        self.finish_layout()

    def build_job(self) -> Job:
        return partial(key_accounts.set_driver, self.vehicle.vehicle_id,
                       self.driver.currentData(), staff_id=self.ctx.staff_id)  # fmt: skip


class KeyAccountPanel(QWidget):
    """People, next purchase and fleet of one company.

    Signals:
        loaded(): the company's data arrived and is shown.
    """

    loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key_account_panel")
        self.ctx = ctx
        self.customer_id: int | None = None
        self.company = ""
        self.account: KeyAccount | None = None
        self._gen = 0
        self.people = PeopleModel(self)
        self.people_table = list_table(self.people, "people_table")
        self.people_table.doubleClicked.connect(lambda _i: self.edit_person())
        self.fleet = FleetModel(self)
        self.fleet_table = list_table(self.fleet, "fleet_table")
        self.fleet_table.doubleClicked.connect(lambda _i: self.set_driver())
        for view, widths in ((self.people_table, (110, 100, 120, 150)),
                             (self.fleet_table, (90, 150, 50, 95))):  # fmt: skip
            for col, width in enumerate(widths):
                view.setColumnWidth(col, width)
        self.buttons: dict[str, QPushButton] = {}
        people_row = QHBoxLayout()
        for key, text, slot in (("add_person", self.tr("Add person…"), self.add_person),
                                ("edit_person", self.tr("Edit…"), self.edit_person),
                                ("remove_person", self.tr("Remove"), self.remove_person)):  # fmt: skip
            people_row.addWidget(self._button(key, text, slot))
        people_row.addStretch(1)
        self.stage = QComboBox()
        self.stage.setObjectName("purchase_stage")
        for s in PurchaseStage:
            self.stage.addItem(label(s), s.value)
        self.expected = QLineEdit()
        self.expected.setObjectName("purchase_expected")
        self.expected.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.expected.setMaximumWidth(110)
        self.fleet_size = QSpinBox()
        self.fleet_size.setObjectName("purchase_fleet_size")
        self.fleet_size.setRange(0, key_accounts.MAX_FLEET)
        self.fleet_size.setSpecialValueText("–")
        self.stage_notes = QLineEdit()
        self.stage_notes.setObjectName("purchase_notes")
        self.stage_notes.setPlaceholderText(self.tr("Notes on the purchase"))
        self.stage_error = QLabel()
        self.stage_error.setObjectName("purchase_error")
        self.stage_error.setStyleSheet("color: #c62828")
        self.stage_error.hide()
        stage_row = QHBoxLayout()
        for caption, widget in ((self.tr("Stage"), self.stage), (self.tr("Expected"), self.expected),
                                (self.tr("Fleet size"), self.fleet_size)):  # fmt: skip
            stage_row.addWidget(QLabel(caption))
            stage_row.addWidget(widget)
        stage_row.addWidget(self.stage_notes, 1)
        stage_row.addWidget(self._button("save_stage", self.tr("Save stage"), self.save_stage))
        fleet_row = QHBoxLayout()
        fleet_row.addWidget(self._button("set_driver", self.tr("Driver…"), self.set_driver))
        fleet_row.addStretch(1)

        layout = QVBoxLayout(self)
        for title, parts in ((self.tr("Contact people and their roles"), (self.people_table, people_row)),
                             (self.tr("Next fleet purchase"), (stage_row, self.stage_error)),
                             (self.tr("The company's vehicles"), (self.fleet_table, fleet_row))):  # fmt: skip
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            for part in parts:
                if isinstance(part, QWidget):
                    inner.addWidget(part)
                else:
                    inner.addLayout(part)
            if title == self.tr("Next fleet purchase"):  # one row: the tables get the height
                box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            layout.addWidget(box)
        ctx.hub.changed.connect(self._on_changed)

    def _button(self, key: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(key)
        button.clicked.connect(lambda _c=False: slot())
        self.buttons[key] = button
        return button

    # --- loading -----------------------------------------------------------------------
    def load(self, customer_id: int, company: str = "") -> None:
        self.customer_id, self.company = customer_id, company or self.company
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(key_accounts.key_account, customer_id,
                               on_done=lambda a: self._show(gen, a),
                               on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _show(self, gen: int, account: KeyAccount) -> None:
        if gen != self._gen or not isValid(self):
            return
        self.account = account
        self.people.phones = dict(account.phones)
        self.people.set_rows(account.people)
        self.fleet.set_rows(account.fleet)
        s = account.stage
        self.stage.setCurrentIndex(max(0, self.stage.findData(s.stage)))
        self.expected.setText(s.expected_on.isoformat() if s.expected_on else "")
        self.fleet_size.setValue(s.fleet_size or 0)
        self.stage_notes.setText(s.notes)
        self._stage_message("")
        has_people, has_cars = bool(account.people), bool(account.fleet)
        self.buttons["edit_person"].setEnabled(has_people)
        self.buttons["remove_person"].setEnabled(has_people)
        self.buttons["set_driver"].setEnabled(has_cars)
        if has_people and not self.people_table.currentIndex().isValid():
            self.people_table.selectRow(0)
        if has_cars and not self.fleet_table.currentIndex().isValid():
            self.fleet_table.selectRow(0)
        self.loaded.emit()

    # --- actions -----------------------------------------------------------------------
    def current_person(self) -> PersonRow | None:
        row = self.people_table.currentIndex().row()
        rows = self.people.rows()
        return rows[row] if 0 <= row < len(rows) else None

    def add_person(self) -> None:
        if self.customer_id is not None:
            run_form(PersonDialog(self.ctx, self.customer_id, self.company, parent=self))

    def edit_person(self) -> None:
        p = self.current_person()
        if p is not None and self.customer_id is not None:
            run_form(PersonDialog(self.ctx, self.customer_id, self.company, person=p, parent=self))

    def remove_person(self) -> None:
        p = self.current_person()
        if p is None or not dialogs.confirm(
            self, self.tr("Remove contact person"),
            self.tr("Remove %1? Calls already logged with them stay, addressed to the company.")
            .replace("%1", p.name), destructive=True,
        ):  # fmt: skip
            return
        self._submit(key_accounts.remove_person, p.id, staff_id=self.ctx.staff_id)

    def save_stage(self) -> None:
        if self.customer_id is None:
            return
        self._stage_message("")
        try:
            expected = parse_day(self.expected.text(), "expected_on")
        except ValidationError as exc:
            self._stage_message(self.tr("Expected date: %1").replace("%1", exc.detail))
            return
        self._submit(key_accounts.set_stage, self.customer_id, stage=self.stage.currentData(),
                     expected_on=expected, fleet_size=self.fleet_size.value() or None,
                     notes=self.stage_notes.text(), today=self.ctx.today(),
                     staff_id=self.ctx.staff_id)  # fmt: skip

    def set_driver(self) -> None:
        row = self.fleet_table.currentIndex().row()
        rows = self.fleet.rows()
        if self.account is not None and 0 <= row < len(rows):
            run_form(DriverDialog(self.ctx, rows[row], list(self.account.people), self))

    def _submit(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        self.ctx.worker.submit(fn, *args, **kwargs, on_done=self._done, on_error=self._failed)

    def _done(self, change: Changed) -> None:
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("Saved"))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self._stage_message(f"{exc.field}: {exc.detail}")
        else:
            errors.report(exc, self)

    def _stage_message(self, text: str) -> None:
        """A refused purchase value, under its row (hidden when there is none)."""
        self.stage_error.setText(text)
        self.stage_error.setVisible(bool(text))

    def _on_changed(self, change: Changed) -> None:
        if self.customer_id is not None and self.customer_id in change.customer_ids and (
                change.tables & TABLES):  # fmt: skip
            self.load(self.customer_id)
