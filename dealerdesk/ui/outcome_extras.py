"""What an outcome needs besides its letter (issue #16): which car ("car sold",
"insured/serviced elsewhere" are about one car) and the agreed call-back day.

Added to the log-contact dialog; the choices come from the vocabulary
(``dealerdesk.retention.cadence.outcomes.VEHICLE_OUTCOMES``), so a new vehicle outcome
asks for its car without touching the dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import QComboBox, QDateEdit

from dealerdesk.retention.cadence.outcomes import VEHICLE_OUTCOMES
from dealerdesk.vocab.contact import Outcome

if TYPE_CHECKING:
    from dealerdesk.ui.profile_form import FormDialog


class OutcomeExtras(QObject):
    """The vehicle combo (shown when the customer has a car) and the call-back day.

    Attributes:
        vehicle: "—" or one of the customer's cars; enabled for a vehicle outcome.
        callback: the agreed day; the day before today reads "Next working day".
    """

    def __init__(self, today: date, vehicles: Sequence[tuple[int, str]]) -> None:
        super().__init__()
        self.vehicle = QComboBox()
        self.vehicle.setObjectName("field_vehicle_id")
        self.vehicle.addItem("—", None)
        for vid, label in vehicles:
            self.vehicle.addItem(label, vid)
        if len(vehicles) == 1:
            self.vehicle.setCurrentIndex(1)
        self.has_cars = bool(vehicles)
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

    def add_to(self, dialog: FormDialog) -> None:
        if self.has_cars:
            dialog.field("vehicle_id", self.tr("&Vehicle"), self.vehicle)
        dialog.field("callback_on", self.tr("Call &back on"), self.callback)
        self.vehicle.setParent(dialog)
        self.callback.setParent(dialog)

    def follow(self, outcome: str | None) -> None:
        """Enable what the picked outcome uses."""
        self.vehicle.setEnabled(outcome in VEHICLE_OUTCOMES)
        self.callback.setEnabled(outcome == Outcome.CALL_BACK)

    def vehicle_id(self) -> int | None:
        if not self.vehicle.isEnabled():
            return None
        data = self.vehicle.currentData()
        return None if data is None else int(data)

    def callback_on(self, outcome: str | None) -> date | None:
        if outcome != Outcome.CALL_BACK or self.callback.date() == self._no_day:
            return None
        return self.callback.date().toPython()  # type: ignore[no-any-return]
