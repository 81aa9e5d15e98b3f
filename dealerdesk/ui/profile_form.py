"""Forms: the editable customer profile, and the plumbing every form dialog shares.

Validation messages are shown beside their field (``FieldErrors``); ``FormDialog`` is
the base of the quick-action dialogs: its Save runs a service call on the worker and it
closes only when the write landed. The profile form knows the values it was loaded with, so ``changes()`` sends the service only
what the user actually edited, and ``is_dirty()`` backs the "unsaved changes" guard.
Validation lives in one place — the store — and comes back as a ``ValidationError``
naming the field; the form puts the message under that field and focuses it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.errors import DealerDeskError, ValidationError
from dealerdesk.i18n import t
from dealerdesk.i18n.words import label as vocab_label
from dealerdesk.services.changes import Changed
from dealerdesk.services.customers import CustomerRecord, StaffRecord
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import tr
from dealerdesk.vocab.contact import Channel
from dealerdesk.vocab.customer import CustomerStatus

Job = Callable[[], Changed]

ERROR_STYLE = "color: #c62828;"
KINDS = (("person", "Person"), ("company", "Company"))
# Built from dealerdesk.vocab (the lists the store validates against), never copied.
STATUSES = tuple((str(s), vocab_label(s)) for s in CustomerStatus)
CHANNELS = tuple((str(c), vocab_label(c)) for c in Channel)
SOURCES = (("walk_in", "Walk-in"), ("referral", "Referral"), ("online", "Online"),
           ("event", "Event"), ("partner", "Partner"))  # fmt: skip


class FieldErrors:
    """Red messages under fields, keyed by the service's field names.

    A message for a field the form does not show goes to the ``general`` label, so an
    error is never lost.
    """

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        _style(general)

    def add_row(self, form: QFormLayout, key: str, caption: str, widget: QWidget) -> None:
        """A form row whose field column holds *widget* with its (hidden) message below."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        label = QLabel()
        label.setObjectName(f"error_{key}")
        _style(label)
        box.addWidget(label)
        form.addRow(caption, holder)
        caption_label = form.labelForField(holder)
        if isinstance(caption_label, QLabel):
            caption_label.setBuddy(widget)
        self.labels[key] = label
        self.widgets[key] = widget

    def show(self, field: str, message: str) -> None:
        label = self.labels.get(field)
        if label is None:
            self.general.setText(message if not field else f"{field}: {message}")
            self.general.show()
            return
        label.setText(message)
        label.show()
        widget = self.widgets[field]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def clear(self) -> None:
        for label in (*self.labels.values(), self.general):
            label.clear()
            label.hide()

    def message(self, field: str) -> str:
        """The message shown for *field* ("" when none): tests and screen readers use it."""
        label = self.labels.get(field, self.general)
        return "" if label.isHidden() else label.text()


def _style(label: QLabel) -> None:
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()


def combo(items: tuple[tuple[str, str], ...], name: str, context: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for key, label in items:
        box.addItem(tr(label, context), key)
    return box


class ProfileForm(QWidget):
    """The customer's own fields. ``changes()`` is what differs from the loaded record.

    Signals:
        dirty_changed(bool): the form started or stopped differing from the record.
    """

    dirty_changed = Signal(bool)

    TEXT_FIELDS = ("name", "name_alt", "phone", "phone2", "wechat", "email", "birthday",
                   "address", "city", "lost_reason")  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProfileForm")
        ctx = "ProfileForm"
        self.kind = combo(KINDS, "field_kind", ctx)
        self.edits: dict[str, QLineEdit] = {}
        for key in self.TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{key}")
            edit.textEdited.connect(self._edited)
            self.edits[key] = edit
        self.edits["birthday"].setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edits["phone"].setPlaceholderText(self.tr("mobile, e.g. 139 1234 5678"))
        self.lunar = QCheckBox(self.tr("Lunar calendar birthday"))
        self.lunar.setObjectName("field_birthday_lunar")
        self.source = combo((("", "—"), *SOURCES), "field_source", ctx)
        self.owner = QComboBox()
        self.owner.setObjectName("field_owner_id")
        self.channel = combo(CHANNELS, "field_preferred_channel", ctx)
        self.status = combo(STATUSES, "field_status", ctx)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        for box in (self.kind, self.source, self.owner, self.channel, self.status):
            box.currentIndexChanged.connect(self._edited)
        self.lunar.toggled.connect(self._edited)
        self.notes.textChanged.connect(self._edited)

        general = QLabel()
        general.setObjectName("error_general")
        self.errors = FieldErrors(general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, str, QWidget]] = [
            ("kind", self.tr("&Kind"), self.kind),
            ("name", self.tr("&Name"), self.edits["name"]),
            ("name_alt", self.tr("Other name"), self.edits["name_alt"]),
            ("phone", self.tr("&Phone"), self.edits["phone"]),
            ("phone2", self.tr("Phone &2"), self.edits["phone2"]),
            ("wechat", self.tr("WeChat"), self.edits["wechat"]),
            ("email", self.tr("E-mail"), self.edits["email"]),
            ("birthday", self.tr("Birthda&y"), self.edits["birthday"]),
            ("birthday_lunar", "", self.lunar),
            ("address", self.tr("&Address"), self.edits["address"]),
            ("city", self.tr("C&ity"), self.edits["city"]),
            ("source", self.tr("Source"), self.source),
            ("owner_id", self.tr("Assi&gned to"), self.owner),
            ("preferred_channel", self.tr("Prefers"), self.channel),
            ("status", self.tr("Status"), self.status),
            ("lost_reason", self.tr("Lost because"), self.edits["lost_reason"]),
            ("notes", self.tr("Notes"), self.notes),
        ]
        for key, caption, widget in rows:
            self.errors.add_row(form, key, caption, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setFocusProxy(self.edits["name"])
        self._record: CustomerRecord | None = None
        self._loaded: dict[str, Any] = {}
        self._phones: dict[str, str] = {}
        self._dirty = False
        self._loading = False

    # --- loading and reading ------------------------------------------------------------
    def set_record(
        self, record: CustomerRecord, *, staff: list[StaffRecord], phones: dict[str, str]
    ) -> None:
        """Show *record*; *phones* maps its E.164 numbers to how people read them."""
        self._loading = True
        try:
            self._record = record
            self._phones = phones
            self.owner.clear()
            self.owner.addItem(self.tr("Nobody"), None)
            for member in staff:
                self.owner.addItem(member.name, member.id)
            self._fill(record)
            self._loaded = self.values()
        finally:
            self._loading = False
        self.errors.clear()
        self._set_dirty(False)

    def revert(self) -> None:
        if self._record is not None:
            self.set_record(self._record, staff=self._staff(), phones=self._phones)

    def mark_saved(self, saved: dict[str, Any]) -> None:
        """The service accepted *saved* (the edits sent). Anything typed while the save
        was on its way is still unsaved, and the form stays dirty for it."""
        self._loaded.update(saved)
        self.errors.clear()
        self._set_dirty(bool(self.changes()))

    def values(self) -> dict[str, Any]:
        """Every field as the service takes it (text as typed; the service normalises)."""
        out: dict[str, Any] = {key: edit.text().strip() for key, edit in self.edits.items()}
        out["kind"] = self.kind.currentData()
        out["birthday_lunar"] = self.lunar.isChecked()
        out["source"] = self.source.currentData() or ""
        out["owner_id"] = self.owner.currentData()
        out["preferred_channel"] = self.channel.currentData()
        out["status"] = self.status.currentData()
        out["notes"] = self.notes.toPlainText().strip()
        return out

    def changes(self) -> dict[str, Any]:
        now = self.values()
        return {k: v for k, v in now.items() if self._loaded.get(k) != v}

    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def record(self) -> CustomerRecord | None:
        return self._record

    # --- internals ----------------------------------------------------------------------
    def _fill(self, r: CustomerRecord) -> None:
        text = {
            "name": r.name, "name_alt": r.name_alt, "wechat": r.wechat, "email": r.email,
            "phone": self._phones.get(r.phone, r.phone),
            "phone2": self._phones.get(r.phone2, r.phone2),
            "birthday": r.birthday.isoformat() if r.birthday else "",
            "address": r.address, "city": r.city, "lost_reason": r.lost_reason,
        }  # fmt: skip
        for key, edit in self.edits.items():
            edit.setText(str(text.get(key) or ""))
            edit.setCursorPosition(0)
        _select(self.kind, r.kind)
        _select(self.source, r.source or "")
        _select(self.owner, r.owner_id)
        _select(self.channel, r.preferred_channel)
        _select(self.status, r.status)
        self.lunar.setChecked(r.birthday_lunar)
        self.notes.setPlainText(r.notes)

    def _staff(self) -> list[StaffRecord]:
        return [
            StaffRecord(int(self.owner.itemData(i)), self.owner.itemText(i), "", "")
            for i in range(1, self.owner.count())
        ]

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(bool(self.changes()))

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)


def _select(box: QComboBox, value: object) -> None:
    at = box.findData(value)
    if at < 0 and isinstance(value, str) and value:
        box.addItem(value, value)  # a value from an import the list does not know
        at = box.count() - 1
    box.setCurrentIndex(max(at, 0))


def parse_day(text: str, field: str, *, required: bool = False) -> date | None:
    """A YYYY-MM-DD field; a bad one is refused beside the field before any job runs."""
    text = text.strip()
    if not text:
        if required:
            raise ValidationError(field, t("safety.valid.date_required"))
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(field, t("safety.valid.not_date", value=text)) from exc


def qdate(value: date) -> QDate:
    """A date for a QDateEdit or QCalendarWidget (``QDate.toPython()`` goes back)."""
    return QDate(value.year, value.month, value.day)


class FormDialog(QDialog):
    """A dialog whose Save runs ``build_job()`` on the worker and closes only on success.

    Attributes:
        errors: the red messages beside the fields.
        pending: a job is on the worker (Save and Cancel wait for it).
        change: what the successful save changed.

    Signals:
        saved(Changed): the write landed (already broadcast on ``ctx.hub.changed``).
    """

    saved = Signal(object)

    def __init__(self, ctx: DeskContext, name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.pending = False
        self.change: Changed | None = None
        general = QLabel()
        general.setObjectName("error_general")
        self.errors = FieldErrors(general)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(general)
        self.body.addLayout(self.form)
        self.setMinimumWidth(420)

    def finish_layout(self) -> None:
        self.body.addWidget(self.buttons)

    def field(self, key: str, caption: str, widget: QWidget) -> QWidget:
        widget.setObjectName(f"field_{key}")
        self.errors.add_row(self.form, key, caption, widget)
        return widget

    def build_job(self) -> Job:
        """The service call to run, with the values read now (may raise ValidationError)."""
        raise NotImplementedError

    def done_message(self) -> str:
        return self.tr("Saved")

    def accept(self) -> None:
        if self.pending:
            return
        self.errors.clear()
        try:
            job = self.build_job()
        except ValidationError as exc:
            self.errors.show(exc.field, exc.detail)
            return
        self._set_pending(True)
        self.ctx.worker.submit(job, on_done=self._done, on_error=self._failed)

    def reject(self) -> None:
        if not self.pending:  # closing mid-save would drop the answer on the floor
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.pending:
            event.ignore()
            return
        super().closeEvent(event)

    def _set_pending(self, pending: bool) -> None:
        self.pending = pending
        self.buttons.setEnabled(not pending)

    def _done(self, change: Changed) -> None:
        self._set_pending(False)
        self.change = change
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.done_message())
        self.saved.emit(change)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_pending(False)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.field, exc.detail)
        elif isinstance(exc, DealerDeskError):
            self.errors.show("", str(exc))
        else:
            errors.report(exc, self)


def run_form(dialog: FormDialog) -> bool:
    """Show *dialog* modally (tests answer through ui.dialogs) and dispose of it after."""
    accepted = dialogs.run_modal(dialog, dialog.objectName())
    if dialog.pending:  # a test answered before the worker did: let the job finish first
        dialog.finished.connect(dialog.deleteLater)
    else:
        dialog.deleteLater()
    return accepted
