"""Opening a complaint, and moving one along (respond, resolve, close).

The complaint dialog is built the way the desk uses it on the phone with an upset
customer: it opens on "What happened" (typing starts at once), Enter there only adds a
line, Ctrl+Enter saves from anywhere, and the vehicle is the customer's car when they
have only one. Opened from the Complaints screen it starts with a search box that finds
the customer by any fragment (name, pinyin initials, phone, plate, VIN).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.services import complaints
from dealerdesk.services.customers import StaffRecord
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_picker import CustomerPicker
from dealerdesk.ui.profile_form import FormDialog, Job
from dealerdesk.vocab.complaints import ComplaintCategory, ComplaintSeverity

__all__ = ["ComplaintDialog", "ComplaintStepDialog", "vocab_label"]


def vocab_label(word_list: str, code: str) -> str:
    """The label of a vocabulary word in the current language (its code if unknown)."""
    try:
        return render(Msg(f"vocab.{word_list}.{code}"))
    except KeyError:
        return code


def _save_shortcut(dialog: FormDialog) -> None:
    """Ctrl+Enter saves from any field (Enter in a text box adds a line)."""
    action = QAction(dialog)
    action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(dialog.accept)
    dialog.addAction(action)


def _text_box(height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class ComplaintDialog(FormDialog):
    """Open a complaint: what happened, category, severity, the car and visit, the owner.

    Attributes:
        customer_id: the customer (None until picked, when opened from the Complaints screen).
        picker: the customer search (only when no customer was given).
    """

    def __init__(self, ctx: DeskContext, customer_id: int | None, customer_name: str = "", *,
                 vehicles: Sequence[Any] = (), staff: Sequence[StaffRecord] = (),
                 parent: QWidget | None = None) -> None:  # fmt: skip
        title = (self.tr("Record a complaint — %1").replace("%1", customer_name)
                 if customer_id is not None else self.tr("Record a complaint"))  # fmt: skip
        super().__init__(ctx, "record_complaint", title, parent)
        self.setMinimumWidth(520)
        self.customer_id = customer_id
        self.picker: CustomerPicker | None = None
        if customer_id is None:
            self.picker = CustomerPicker(ctx, self, height=96)
            self.picker.picked.connect(self.set_customer)
            # Enter took the first match: go on to the description (keyboard only).
            self.picker.search.returnPressed.connect(self._after_pick)
            self.field("customer_id", self.tr("C&ustomer"), self.picker)
            self.errors.widgets["customer_id"] = self.picker.search
        self.description = _text_box()
        self.description.setPlaceholderText(self.tr("In the customer's words. Ctrl+Enter saves."))
        self.category = QComboBox()
        for code in ComplaintCategory:
            self.category.addItem(vocab_label("complaint_category", code), str(code))
        self.severity = QComboBox()
        for code in ComplaintSeverity:
            self.severity.addItem(vocab_label("complaint_severity", code), str(code))
        self.severity.setCurrentIndex(1)
        self.vehicle = QComboBox()
        self.visit = QComboBox()
        self.assignee = QComboBox()
        self.assignee.addItem(self.tr("Nobody yet"), None)
        for member in staff:
            self.assignee.addItem(member.name, member.id)
        if ctx.staff_id is not None:
            self.assignee.setCurrentIndex(max(0, self.assignee.findData(ctx.staff_id)))
        self.field("description", self.tr("&What happened"), self.description)
        self.field("category", self.tr("&Category"), self.category)
        self.field("severity", self.tr("&Severity"), self.severity)
        self.field("vehicle_id", self.tr("&Vehicle"), self.vehicle)
        self.field("visit_id", self.tr("V&isit"), self.visit)
        self.field("assignee_id", self.tr("&Assign to"), self.assignee)
        self.finish_layout()
        self.save_button.setText(self.tr("Save  (Ctrl+Enter)"))
        _save_shortcut(self)
        self.set_vehicles(vehicles)
        self.set_visits(())
        if customer_id is not None:
            ctx.worker.submit(complaints.form_choices, customer_id,
                              on_done=partial(self._choices, customer_id))  # fmt: skip
            self.setFocusProxy(self.description)
            self.description.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            assert self.picker is not None
            self.setFocusProxy(self.picker.search)

    def set_vehicles(self, vehicles: Sequence[Any]) -> None:
        """The customer's cars; with only one, it is already chosen."""
        self.vehicle.clear()
        self.vehicle.addItem(self.tr("—"), None)
        for v in vehicles:
            self.vehicle.addItem(v.label or v.vin, v.id)
        if len(vehicles) == 1:
            self.vehicle.setCurrentIndex(1)

    def set_visits(self, visits: Sequence[complaints.VisitChoice]) -> None:
        self.visit.clear()
        self.visit.addItem(self.tr("—"), None)
        for v in visits:
            self.visit.addItem(f"{v.date.isoformat()}  {self.tr(v.kind)}", v.id)

    def _after_pick(self) -> None:
        if self.picker is not None and self.picker.customer_id is not None:
            self.description.setFocus()

    def set_customer(self, customer_id: int, label: str) -> None:
        """The customer picked in the search: load their cars and visits."""
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Record a complaint — %1").replace("%1", label.split("  ")[0]))
        self.set_vehicles(())
        self.set_visits(())
        self.ctx.worker.submit(complaints.form_choices, customer_id,
                               on_done=partial(self._choices, customer_id))  # fmt: skip

    def _choices(self, customer_id: int, found: complaints.FormChoices) -> None:
        if customer_id != self.customer_id:
            return
        kept = self.vehicle.currentData()
        self.set_vehicles(found.vehicles)
        if kept is not None:
            self.vehicle.setCurrentIndex(max(0, self.vehicle.findData(kept)))
        self.set_visits(found.visits)

    def build_job(self) -> Job:
        if self.customer_id is None:
            raise ValidationError("customer_id", self.tr("find and choose the customer first"))
        return partial(
            complaints.open_complaint, self.customer_id, now=self.ctx.now(),
            category=self.category.currentData(), severity=self.severity.currentData(),
            description=self.description.toPlainText(), vehicle_id=self.vehicle.currentData(),
            visit_id=self.visit.currentData(), assignee_id=self.assignee.currentData(),
            staff_id=self.ctx.staff_id,
        )  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Complaint recorded")


class ComplaintStepDialog(FormDialog):
    """Respond to, resolve or close a complaint (``step``: respond | resolve | close)."""

    def __init__(self, ctx: DeskContext, row: complaints.ComplaintRow, step: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        titles = {"respond": self.tr("First response — #%1 %2"),
                  "resolve": self.tr("Resolve — #%1 %2"),
                  "close": self.tr("Close — #%1 %2")}  # fmt: skip
        super().__init__(ctx, f"complaint_{step}",
                         titles[step].replace("%1", str(row.id)).replace("%2", row.customer_name),
                         parent)  # fmt: skip
        self.row, self.step = row, step
        head = QLabel(row.description)
        head.setWordWrap(True)
        head.setStyleSheet("color:#444;")
        self.body.insertWidget(0, head)
        self.text = _text_box(80)
        self.satisfaction = QSpinBox()
        self.satisfaction.setRange(0, 5)
        self.satisfaction.setSpecialValueText(self.tr("not asked"))
        if step == "respond":
            self.text.setPlaceholderText(self.tr("What we told the customer, and the next step"))
            self.field("note", self.tr("&Response"), self.text)
        elif step == "resolve":
            self.text.setPlaceholderText(self.tr("What was done about it"))
            self.field("resolution", self.tr("&Resolution"), self.text)
        else:
            self.field("satisfaction", self.tr("&Satisfied with the resolution (1–5)"),
                       self.satisfaction)  # fmt: skip
            self.field("note", self.tr("&Note"), self.text)
        self.finish_layout()
        _save_shortcut(self)
        first = self.satisfaction if step == "close" else self.text
        self.setFocusProxy(first)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def build_job(self) -> Job:
        now, staff, text = self.ctx.now(), self.ctx.staff_id, self.text.toPlainText()
        if self.step == "respond":
            return partial(complaints.respond, self.row.id, now=now, note=text, staff_id=staff)
        if self.step == "resolve":
            return partial(complaints.resolve, self.row.id, now=now, resolution=text,
                           staff_id=staff)  # fmt: skip
        score = self.satisfaction.value() or None
        return partial(complaints.close, self.row.id, now=now, satisfaction=score, note=text,
                       staff_id=staff)  # fmt: skip

    def done_message(self) -> str:
        return {"respond": self.tr("Response recorded"),
                "resolve": self.tr("Resolved; the satisfaction call is planned"),
                "close": self.tr("Complaint closed")}[self.step]  # fmt: skip
