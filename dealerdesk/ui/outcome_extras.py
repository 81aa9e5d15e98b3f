"""What an outcome needs besides its letter (issue #16): which car ("car sold",
"insured/serviced elsewhere" are about one car) and the agreed call-back day.

Added to the log-contact dialog and the complete-follow-up dialog; the choices come from
the vocabulary (``dealerdesk.retention.cadence.outcomes.VEHICLE_OUTCOMES``), so a new
vehicle outcome asks for its car without touching the dialogs. Where the caller does not
have the customer's cars at hand (a follow-up from Today or the calendar), they are
loaded on the worker while the dialog opens: the row appears if the customer has any.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QWidget

from dealerdesk.retention.cadence.outcomes import VEHICLE_OUTCOMES
from dealerdesk.vocab.contact import Outcome

if TYPE_CHECKING:
    from dealerdesk.ui.profile_form import FormDialog


Cars = Sequence[tuple[int, str]]


class OutcomeExtras(QObject):
    """The vehicle combo (shown when the customer has a car) and the call-back day.

    Attributes:
        vehicle: "—" or one of the customer's cars; enabled for a vehicle outcome.
        callback: the agreed day; the day before today reads "Next working day".

    Signals:
        cars_loaded(): the cars asked for with ``load`` arrived (the combo is filled).
    """

    cars_loaded = Signal()

    def __init__(self, today: date, vehicles: Cars = (), *,
                 load: Callable[[Callable[[Cars], None]], None] | None = None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        """*load*, when given, is asked for the cars (it calls back with them later);
        *parent*: the dialog, so cars arriving after it closed are dropped, not shown."""
        super().__init__(parent)
        self.vehicle = QComboBox()
        self.vehicle.setObjectName("field_vehicle_id")
        self._form: QFormLayout | None = None
        self._row: QWidget = self.vehicle  # what stands in the form's field column
        self.set_vehicles(vehicles)
        self.callback = QDateEdit()
        self.callback.setObjectName("field_callback_on")
        self.callback.setCalendarPopup(True)
        no_day = today - timedelta(days=1)
        self._no_day = QDate(no_day.year, no_day.month, no_day.day)
        self.callback.setMinimumDate(self._no_day)
        self.callback.setSpecialValueText(self.tr("Next working day"))
        self.callback.setDate(self._no_day)
        self.callback.setEnabled(False)
        self.vehicle.setEnabled(False)
        if load is not None:
            load(self.set_vehicles)

    def set_vehicles(self, vehicles: Cars) -> None:
        """Offer *vehicles* (the only one is chosen); the row shows only if there are any."""
        self.vehicle.clear()
        self.vehicle.addItem(self.tr("Which car?") if len(vehicles) > 1 else "—", None)
        for vid, label in vehicles:
            self.vehicle.addItem(label, vid)
        if len(vehicles) == 1:
            self.vehicle.setCurrentIndex(1)
        self.has_cars = bool(vehicles)
        if self._form is not None:
            self._form.setRowVisible(self._row, self.has_cars)
        self.cars_loaded.emit()

    def add_to(self, dialog: FormDialog) -> None:
        dialog.field("vehicle_id", self.tr("&Vehicle"), self.vehicle)
        dialog.field("callback_on", self.tr("Call &back on"), self.callback)
        self._form, self._row = dialog.form, self.vehicle.parentWidget()  # its message holder
        self._form.setRowVisible(self._row, self.has_cars)

    def add_rows(self, form: QFormLayout, *, vehicle: bool = True) -> None:
        """The rows in a plain form; *vehicle* False: the call-back day only."""
        if vehicle:
            form.addRow(self.tr("&Vehicle"), self.vehicle)
            self._form = form
            form.setRowVisible(self.vehicle, self.has_cars)
        form.addRow(self.tr("Call &back on"), self.callback)

    def follow(self, outcome: str | None) -> None:
        """Enable what the picked outcome uses."""
        self.vehicle.setEnabled(outcome in VEHICLE_OUTCOMES)
        self.callback.setEnabled(outcome == Outcome.CALL_BACK)

    def lacks_car(self, outcome: str | None) -> bool:
        """True while *outcome* is about one car and none of several is chosen yet (the
        service would have to ask which)."""
        return (outcome in VEHICLE_OUTCOMES and self.vehicle.count() > 2
                and self.vehicle.currentData() is None)  # fmt: skip

    def vehicle_id(self) -> int | None:
        if not self.vehicle.isEnabled():
            return None
        data = self.vehicle.currentData()
        return None if data is None else int(data)

    def callback_on(self, outcome: str | None) -> date | None:
        if outcome != Outcome.CALL_BACK or self.callback.date() == self._no_day:
            return None
        return self.callback.date().toPython()  # type: ignore[no-any-return]
