"""Completing, snoozing and rescheduling a follow-up: the dialogs and the one controller.

Today and the Calendar both act on follow-ups; ``FollowupActions`` holds the shared
path (dialog → worker job → ``hub.changed``) so the two screens cannot drift apart.

The complete dialog is built for the DESIGN aim "a call logged with its outcome in five
keystrokes or fewer, no mouse": it opens with the outcome buttons focused, a single
letter picks the outcome (R reached, N no answer, C call back, W wrong number,
D declined) and Enter saves. Typing into the notes field is never
hijacked: the letters only pick outcomes while the focus is outside a text field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.errors import ValidationError
from dealerdesk.i18n.words import label as vocab_label
from dealerdesk.services import aftercare, aftersales, followups
from dealerdesk.services.changes import Changed
from dealerdesk.services.customers import StaffRecord
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_date
from dealerdesk.ui.key_account_panel import person_box  # issue #14
from dealerdesk.ui.outcome_extras import Cars, OutcomeExtras  # issue #16
from dealerdesk.ui.profile_form import FormDialog, Job, qdate
from dealerdesk.vocab.contact import OUTCOME_KEYS as VOCAB_OUTCOME_KEYS
from dealerdesk.vocab.contact import Outcome

# (outcome key stored by the service, the letter that picks it, the label): every outcome
# of dealerdesk.vocab, so the dialog offers exactly what the store accepts (issue #16
# added car sold, insured elsewhere, serviced elsewhere).
OUTCOME_KEYS: tuple[tuple[str, Qt.Key, str], ...] = tuple(
    (str(o), Qt.Key(ord(VOCAB_OUTCOME_KEYS[o])), vocab_label(o)) for o in Outcome
)
CHANNELS: tuple[tuple[str, str], ...] = (
    ("phone", QT_TRANSLATE_NOOP("CompleteDialog", "Phone")),
    ("sms", QT_TRANSLATE_NOOP("CompleteDialog", "SMS")),
    ("wechat", QT_TRANSLATE_NOOP("CompleteDialog", "WeChat")),
    ("email", QT_TRANSLATE_NOOP("CompleteDialog", "Email")),
    ("visit", QT_TRANSLATE_NOOP("CompleteDialog", "Visit")),
)


def outcome_label(key: str) -> str:
    for outcome, _letter, _label in OUTCOME_KEYS:
        if outcome == key:
            return vocab_label(Outcome(outcome))  # in the language of the moment
    return key


class CompleteDialog(QDialog):
    """Log the contact a follow-up asked for, with its outcome; accepting completes it.

    Attributes:
        row: the FollowupRow being completed (name, phone, kind and reason are shown).
    """

    def __init__(
        self, row: Any, *, today: date, phone: str = "", parent: QWidget | None = None,
        load_cars: Callable[[Callable[[Cars], None]], None] | None = None,
    ) -> None:
        """*load_cars* asks for the customer's cars, for the outcomes about one car when
        the follow-up names none (a follow-up about a car is about that car)."""
        super().__init__(parent)
        self.row = row
        self.setObjectName("CompleteDialog")
        self.setMinimumWidth(460)
        self.setWindowTitle(self.tr("Log the contact — %1").replace("%1", row.customer_name))
        head = QLabel(
            f"<b>{_esc(row.customer_name)}</b>&nbsp;&nbsp;{_esc(phone or row.phone or '')}"
            f"<br>{_esc(row.kind_label)}"
            + (f" · {_esc(row.reason)}" if row.reason else "")
            + (f"<br><span style='color:#666'>{_esc(row.vehicle)}</span>" if row.vehicle else "")
        )
        head.setTextFormat(Qt.TextFormat.RichText)
        head.setWordWrap(True)

        box = QGroupBox(self.tr("Outcome (press the letter)"))
        grid = QVBoxLayout(box)
        self._group = QButtonGroup(self)
        self._buttons: dict[str, QRadioButton] = {}
        self._letters: dict[int, str] = {}
        for outcome, letter, _label in OUTCOME_KEYS:
            hint = chr(letter.value)
            button = QRadioButton(f"{vocab_label(Outcome(outcome))}    [{hint}]")
            button.setObjectName(f"outcome_{outcome}")
            self._group.addButton(button)
            self._buttons[outcome] = button
            self._letters[letter.value] = outcome
            grid.addWidget(button)
        self._group.buttonToggled.connect(self._update_ok)

        self.channel = QComboBox()
        for key, label in CHANNELS:
            self.channel.addItem(self.tr(label), key)
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Optional: what was said, next step…"))
        # Which car (issue #16) and the agreed call-back day, as the log-contact dialog.
        ask_car = load_cars is not None and not row.vehicle
        self.extras = OutcomeExtras(today, load=load_cars if ask_car else None, parent=self)
        self.extras.cars_loaded.connect(self._update_ok)
        self.extras.vehicle.currentIndexChanged.connect(self._update_ok)
        self.callback = self.extras.callback
        form = QFormLayout()
        form.addRow(self.tr("Channel"), self.channel)
        self.extras.add_rows(form, vehicle=ask_car)
        form.addRow(self.tr("Notes"), self.notes)
        # The customer is on the line: the five loyalty questions take a minute more.
        self.survey = QCheckBox(self.tr("Then take the loyalty &survey"))
        self.survey.setObjectName("then_survey")
        form.addRow("", self.survey)

        self._box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._ok = self._box.button(QDialogButtonBox.StandardButton.Save)
        self._ok.setDefault(True)
        self._ok.setAutoDefault(True)
        self._box.accepted.connect(self.accept)
        self._box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(box)
        layout.addLayout(form)
        layout.addWidget(self._box)
        self._update_ok()
        # The outcome buttons own the focus so the first key picks an outcome.
        first = self._buttons[OUTCOME_KEYS[0][0]]
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setFocusProxy(first)

    def outcome(self) -> str | None:
        for key, button in self._buttons.items():
            if button.isChecked():
                return key
        return None

    def set_outcome(self, outcome: str) -> None:
        self._buttons[outcome].setChecked(True)
        self._buttons[outcome].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def channel_key(self) -> str:
        return str(self.channel.currentData())

    def notes_text(self) -> str:
        return self.notes.text().strip()

    def callback_on(self) -> date | None:
        return self.extras.callback_on(self.outcome())

    def vehicle_id(self) -> int | None:
        """The car a vehicle outcome is about when the follow-up names none (None: the
        follow-up's car, or the customer's only one)."""
        return self.extras.vehicle_id()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Letters pick outcomes; QLineEdit/QComboBox consume their own keys first."""
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier,
        )  # fmt: skip
        outcome = self._letters.get(event.key()) if plain else None
        if outcome is not None:
            self.set_outcome(outcome)
            event.accept()
            return
        super().keyPressEvent(event)

    def _update_ok(self, *_args: object) -> None:
        # Enter with no outcome chosen must not save a contact that says nothing, nor
        # "car sold" before saying which of several cars.
        outcome = self.outcome()
        self.extras.follow(outcome)
        self._ok.setEnabled(outcome is not None and not self.extras.lacks_car(outcome))
        self.survey.setEnabled(outcome == "reached")


class RescheduleDialog(QDialog):
    """Pick a new due day; arrows move the day, Enter accepts, quick buttons add days."""

    def __init__(self, row: Any, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RescheduleDialog")
        self.setWindowTitle(self.tr("Reschedule — %1").replace("%1", row.customer_name))
        self._today = today
        head = QLabel(
            self.tr("%1, due %2").replace("%1", row.kind_label).replace("%2", fmt_date(row.due))
        )
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("reschedule_calendar")
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(True)
        self.calendar.setMinimumDate(qdate(today))
        start = max(row.due, today) + timedelta(days=1)
        self.calendar.setSelectedDate(qdate(start))
        self.calendar.activated.connect(lambda _d: self.accept())

        quick = QHBoxLayout()
        for days, label in ((1, "+1 day"), (3, "+3 days"), (7, "+1 week"), (30, "+1 month")):
            button = QPushButton(self.tr(label))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, d=days: self._jump(d))
            quick.addWidget(button)

        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.calendar)
        layout.addLayout(quick)
        layout.addWidget(box)
        self.setFocusProxy(self.calendar)

    def new_due(self) -> date:
        return self.calendar.selectedDate().toPython()  # type: ignore[no-any-return]

    def set_new_due(self, day: date) -> None:
        self.calendar.setSelectedDate(qdate(day))

    def _jump(self, days: int) -> None:
        self.set_new_due(self._today + timedelta(days=days))


class ScheduleFollowupDialog(FormDialog):
    """Plan a call for a given day: it appears on Today, in the Calendar and on the
    customer's page. Keyboard first (issue #7): the dialog opens on the reason; the day
    is one key away — Alt+3 in three days, Alt+W in a week, Alt+M in a month — or picked
    on the calendar popup (Alt+D, then the arrows); Enter saves. So "in a week" is
    Alt+F (on the customer's page), the reason, Alt+W, Enter: three keys and the words.
    """

    PRESETS = ((3, "day", QT_TRANSLATE_NOOP("ScheduleFollowupDialog", "+&3 days")),
               (7, "day", QT_TRANSLATE_NOOP("ScheduleFollowupDialog", "+1 &week")),
               (1, "month", QT_TRANSLATE_NOOP("ScheduleFollowupDialog", "+1 &month")))  # fmt: skip

    def __init__(self, ctx: DeskContext, customer_id: int, customer_name: str, *,
                 staff: Sequence[StaffRecord] = (), people: Sequence[Any] = (),
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, "schedule_followup", self.tr("Schedule a follow-up — %1").replace(
            "%1", customer_name), parent)  # fmt: skip
        self.customer_id = customer_id
        today = ctx.today()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. call about the winter tyre offer"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)  # the date picker
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setMinimumDate(qdate(today))
        self.due.setDate(qdate(today + timedelta(days=1)))
        presets = QHBoxLayout()
        presets.setContentsMargins(0, 0, 0, 0)
        self.preset_buttons: list[QPushButton] = []
        for n, unit, label in self.PRESETS:
            button = QPushButton(self.tr(label))
            button.setObjectName(f"preset_{n}{unit[0]}")
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the reason
            button.clicked.connect(lambda _c=False, n=n, u=unit: self.set_in(n, u))
            presets.addWidget(button)
            self.preset_buttons.append(button)
        day_row = QWidget()
        day_box = QHBoxLayout(day_row)
        day_box.setContentsMargins(0, 0, 0, 0)
        day_box.addWidget(self.due)
        day_box.addLayout(presets)
        self.assignee = QComboBox()
        self.assignee.addItem(self.tr("Me"), ctx.staff_id)
        for member in staff:
            if member.id != ctx.staff_id:
                self.assignee.addItem(member.name, member.id)
        self.field("reason", self.tr("R&eason"), self.reason)  # Alt+W is "+1 week"
        self.field("due", self.tr("&Day"), day_row)
        self.field("assignee_id", self.tr("&Assign to"), self.assignee)
        self.person = person_box(people)  # issue #14: to whom at a company (None: hidden)
        if self.person is not None:
            self.field("contact_person_id", self.tr("&Call (at the company)"), self.person)
        self.finish_layout()
        self.setFocusProxy(self.reason)
        self.setTabOrder(self.reason, self.due)

    def set_in(self, n: int, unit: str) -> None:
        """Due *n* days (or months) from today."""
        start = qdate(self.ctx.today())
        self.due.setDate(start.addMonths(n) if unit == "month" else start.addDays(n))

    def due_day(self) -> date:
        return self.due.date().toPython()  # type: ignore[no-any-return]

    def build_job(self) -> Job:
        due = self.due_day()
        if due < self.ctx.today():
            raise ValidationError("due", self.tr("is in the past"))
        return partial(followups.schedule_followup, customer_id=self.customer_id, due=due,
                       reason=self.reason.text().strip(), assignee_id=self.assignee.currentData(),
                       today=self.ctx.today(),
                       contact_person_id=self.person.currentData() if self.person else None)  # fmt: skip

    def done_message(self) -> str:
        return self.tr("Follow-up scheduled for %1").replace("%1", fmt_date(self.due_day()))


class FollowupActions(QObject):
    """Runs complete / snooze / reschedule for a screen, then tells the whole window.

    Signals:
        done(Changed): a write finished (already broadcast on ``ctx.hub.changed``).
        stale(): a write was refused; what the screen shows may be out of date.
    """

    done = Signal(object)
    stale = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._widget = parent

    def complete(self, row: Any, *, phone: str = "") -> bool:
        """Ask for the outcome; False when the desk cancelled."""
        dialog = CompleteDialog(
            row, today=self._ctx.today(), phone=phone, parent=self._widget,
            load_cars=lambda done: self._ctx.worker.submit(
                aftersales.car_choices, row.customer_id, on_done=done),
        )  # fmt: skip
        back = QApplication.focusWidget()
        try:
            if not dialogs.run_modal(dialog, "complete_followup"):
                return False
            outcome = dialog.outcome()
            if outcome is None:
                return False
            survey = outcome == "reached" and dialog.survey.isChecked()
            self._ctx.worker.submit(
                aftercare.complete_followup,
                followup_id=row.id, outcome=outcome, channel=dialog.channel_key(),
                notes=dialog.notes_text(), staff_id=self._ctx.staff_id, now=self._ctx.now(),
                callback_on=dialog.callback_on(), vehicle_id=dialog.vehicle_id(),
                on_done=lambda ch: (self._finish(ch, self.tr("Logged: %1 — %2").replace(
                    "%1", row.customer_name).replace("%2", outcome_label(outcome))),
                    survey and self.take_survey(row)),
                on_error=self._failed,
            )  # fmt: skip
        finally:
            dialog.deleteLater()
            _refocus(back)
        return True

    def take_survey(self, row: Any) -> None:
        """The loyalty survey for the customer of a follow-up just completed."""
        from dealerdesk.ui.profile_form import run_form
        from dealerdesk.ui.survey_dialog import SurveyDialog

        run_form(SurveyDialog(self._ctx, row.customer_id, row.customer_name, parent=self._widget))

    def snooze(self, row: Any, days: int) -> None:
        self._ctx.worker.submit(
            followups.snooze_followup,
            followup_id=row.id, days=days, today=self._ctx.today(),
            on_done=lambda ch: self._finish(ch, self.tr("Snoozed %1 by %2 day(s)").replace(
                "%1", row.customer_name).replace("%2", str(days))),
            on_error=self._failed,
        )  # fmt: skip

    def reschedule(self, row: Any, new_due: date | None = None) -> bool:
        """Move to *new_due*, or ask with the date picker; False when cancelled."""
        if new_due is None:
            dialog = RescheduleDialog(row, today=self._ctx.today(), parent=self._widget)
            back = QApplication.focusWidget()
            try:
                if not dialogs.run_modal(dialog, "reschedule_followup"):
                    return False
                new_due = dialog.new_due()
            finally:
                dialog.deleteLater()
                _refocus(back)
        if new_due == row.due:
            return False
        day = new_due
        self._ctx.worker.submit(
            followups.reschedule_followup,
            followup_id=row.id, new_due=day, today=self._ctx.today(),
            on_done=lambda ch: self._finish(ch, self.tr("Moved %1 to %2").replace(
                "%1", row.customer_name).replace("%2", fmt_date(day))),
            on_error=self._failed,
        )  # fmt: skip
        return True

    def _finish(self, change: Changed | None, message: str) -> None:
        if not isinstance(change, Changed):
            change = Changed(tables=frozenset({"followup"}))
        self._ctx.hub.changed.emit(change)
        self._ctx.hub.status.emit(message)
        self.done.emit(change)

    def _failed(self, exc: BaseException) -> None:
        # Usually another desk got there first ("already done"): say so, then re-read.
        errors.report(exc, self._widget, title=self.tr("Follow-up not changed"))
        self.stale.emit()


def _refocus(widget: QWidget | None) -> None:
    """Give the keyboard back to the list the desk was working in, for the next call."""
    if widget is not None and widget.isVisible():
        widget.window().activateWindow()
        widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
