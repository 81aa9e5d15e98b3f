"""The "New campaign" tab: the audience criteria, the message and its language, the
dates; a preview of who is invited and who is left out (and why); Create.

The preview runs on the worker over every customer (``services.campaigns``); changing
the criteria after a preview disables Create until the next preview, so a campaign is
never created from a count the manager did not see.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.errors import DealerDeskError, ValidationError
from dealerdesk.i18n.words import label as word_label
from dealerdesk.retention.campaign_audience import split_list
from dealerdesk.retention.segments import LIFECYCLE_STAGES, SEGMENTS, TIERS
from dealerdesk.services import campaigns
from dealerdesk.services.campaigns import AudiencePreview, Criteria
from dealerdesk.services.changes import Changed
from dealerdesk.ui import errors
from dealerdesk.ui.campaign_models import ExcludedModel
from dealerdesk.ui.complaint_dialogs import vocab_label
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import fmt_int
from dealerdesk.ui.profile_form import FieldErrors, qdate
from dealerdesk.ui.widgets import list_table
from dealerdesk.vocab.campaigns import CampaignKind, Exclusion

TEMPLATES = {
    "zh_CN": "{name}您好！您的{model}（{plate}）车主专享活动将于{date}举行，诚邀您到店参加。",
    "en": "Dear {name}, owners of a {model} ({plate}) are invited to our event on {date}.",
}



def _choice(items: Any, name: str, any_text: str, label: Any = str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.addItem(any_text, None)
    for value in items:
        box.addItem(label(value), value)
    return box


class CampaignBuilder(QWidget):
    """The "New campaign" tab: criteria, message, dates, the preview and Create."""

    created = Signal(object)  # Changed
    previewed = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CampaignBuilder")
        self.ctx = ctx
        self._gen = 0
        self.result: AudiencePreview | None = None
        today = ctx.today()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Winter check for 4–6 year old cars"))
        self.kind = QComboBox()
        for code in CampaignKind:
            self.kind.addItem(vocab_label("campaign_kind", code), str(code))
        self.starts = QDateEdit(qdate(today + timedelta(days=21)))
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("yyyy-MM-dd")
        self.invite_days = QSpinBox()
        self.invite_days.setRange(0, 90)
        self.invite_days.setValue(7)
        self.invite_days.setSuffix(self.tr(" days before"))
        # The word lists' own labels (vocab), in the chosen language.
        self.tier = _choice(TIERS, "tier", self.tr("Any tier"), word_label)
        self.segment = _choice(SEGMENTS, "segment", self.tr("Any segment"), word_label)
        self.lifecycle = _choice(LIFECYCLE_STAGES, "lifecycle", self.tr("Any stage"), word_label)
        self.cities = QLineEdit()
        self.makes = QLineEdit()
        self.models = QLineEdit()
        for edit, hint in ((self.cities, "any city (comma-separated)"),
                           (self.makes, "any make, e.g. BYD, Toyota"),
                           (self.models, "any model")):  # fmt: skip
            edit.setPlaceholderText(self.tr(hint))
        self.min_age, self.max_age = QDoubleSpinBox(), QDoubleSpinBox()
        for box in (self.min_age, self.max_age):
            box.setRange(-1, 30)
            box.setDecimals(0)
            box.setSpecialValueText(self.tr("any"))
            box.setValue(-1)
            box.setSuffix(self.tr(" years"))
        ages = QHBoxLayout()
        ages.addWidget(self.min_age)
        ages.addWidget(QLabel(self.tr("to")))
        ages.addWidget(self.max_age)
        self.service_check = QCheckBox(self.tr("Last service before"))
        self.service_before = QDateEdit(qdate(today - timedelta(days=180)))
        self.service_before.setCalendarPopup(True)
        self.service_before.setDisplayFormat("yyyy-MM-dd")
        self.service_before.setEnabled(False)
        self.service_check.toggled.connect(self.service_before.setEnabled)
        service = QHBoxLayout()
        service.addWidget(self.service_check)
        service.addWidget(self.service_before, 1)
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.template = QPlainTextEdit(TEMPLATES["zh_CN"])
        self.template.setTabChangesFocus(True)
        self.template.setFixedHeight(70)
        self.language.currentIndexChanged.connect(self._language_changed)
        general = QLabel()
        self.errors = FieldErrors(general)
        form = QFormLayout()
        for key, caption, widget in (
            ("name", self.tr("&Name"), self.name), ("kind", self.tr("&Kind"), self.kind),
            ("starts_on", self.tr("&Starts on"), self.starts),
            ("invite_days_before", self.tr("&Invite"), self.invite_days),
            ("tiers", self.tr("&Tier"), self.tier), ("segments", self.tr("Se&gment"), self.segment),
            ("lifecycles", self.tr("&Lifecycle"), self.lifecycle),
            ("makes", self.tr("&Make"), self.makes), ("models", self.tr("M&odel"), self.models),
        ):  # fmt: skip
            self.errors.add_row(form, key, caption, widget)
        age_label = QLabel(self.tr("Vehicle &age"))
        age_label.setBuddy(self.min_age)  # a label with a buddy underlines its Alt letter
        form.addRow(age_label, ages)
        form.addRow("", service)
        self.errors.add_row(form, "cities", self.tr("Cit&y"), self.cities)
        self.errors.add_row(form, "language", self.tr("Lang&uage"), self.language)
        self.errors.add_row(form, "template", self.tr("M&essage"), self.template)
        hint = QLabel(self.tr("Fields: {name} {model} {plate} {date}"))
        hint.setStyleSheet("color:#666;")
        form.addRow("", hint)
        self.preview_button = QPushButton(self.tr("&Preview audience"))
        self.preview_button.setObjectName("preview_audience")
        self.preview_button.clicked.connect(self.preview)
        self.create_button = QPushButton(self.tr("Create invitations"))
        self.create_button.setObjectName("create_campaign")
        self.create_button.clicked.connect(self.create)
        self.create_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(general)
        ll.addLayout(form)
        ll.addLayout(buttons)
        ll.addStretch(1)

        self.summary = QLabel(self.tr("Choose the audience, then Preview."))
        self.summary.setObjectName("audience_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 12pt;")
        self.sample = QLabel()
        self.sample.setObjectName("sample_message")
        self.sample.setWordWrap(True)
        self.sample.setStyleSheet("background: palette(base); border: 1px solid #d0d4da;"
                                  " border-radius: 6px; padding: 8px;")  # fmt: skip
        self.excluded = ExcludedModel(self)
        self.excluded_view = list_table(self.excluded, "excluded_table")
        self.excluded_view.setColumnWidth(0, 140)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.summary)
        rl.addWidget(QLabel(self.tr("Sample message:")))
        rl.addWidget(self.sample)
        rl.addWidget(QLabel(self.tr("Left out, and why:")))
        rl.addWidget(self.excluded_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 600])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        for w in (self.tier, self.segment, self.lifecycle, self.kind):
            w.currentIndexChanged.connect(self._stale)
        for e in (self.cities, self.makes, self.models):
            e.textEdited.connect(self._stale)
        for s in (self.min_age, self.max_age):
            s.valueChanged.connect(self._stale)
        self.service_check.toggled.connect(self._stale)
        self.setFocusProxy(self.name)

    def criteria(self) -> Criteria:
        def one(box: QComboBox) -> tuple[str, ...]:
            value = box.currentData()
            return () if value is None else (str(value),)

        lo, hi = self.min_age.value(), self.max_age.value()
        return Criteria(
            tiers=one(self.tier), segments=one(self.segment), lifecycles=one(self.lifecycle),
            cities=split_list(self.cities.text()), makes=split_list(self.makes.text()),
            models=split_list(self.models.text()),
            min_vehicle_age=None if lo < 0 else lo, max_vehicle_age=None if hi < 0 else hi,
            last_service_before=self.service_before.date().toPython()
            if self.service_check.isChecked() else None,
        )  # fmt: skip

    def _language_changed(self) -> None:
        if self.template.toPlainText().strip() in TEMPLATES.values():
            self.template.setPlainText(TEMPLATES[self.language.currentData()])
        self._stale()

    def _stale(self, *_args: object) -> None:
        """The criteria changed: the shown preview no longer says who would be invited."""
        self.create_button.setEnabled(False)

    def preview(self) -> None:
        self.errors.clear()
        self._gen += 1
        gen = self._gen
        self.summary.setText(self.tr("Counting…"))
        self.ctx.worker.submit(
            campaigns.preview_audience, self.criteria(), today=self.ctx.today(),
            template=self.template.toPlainText(), language=self.language.currentData(),
            starts_on=self.starts.date().toPython(),
            on_done=lambda r: self._previewed(gen, r), on_error=self._failed,
        )  # fmt: skip

    def _previewed(self, gen: int, result: AudiencePreview) -> None:
        if gen != self._gen:
            return
        self.result = result
        p = result.preview
        parts = [vocab_label("exclusion", k) + f" {fmt_int(n)}" for k, n in p.by_reason.items()]
        text = (self.tr("<b>%1</b> match · <b>%2</b> invited · <b>%3</b> left out")
                .replace("%1", fmt_int(p.matched)).replace("%2", fmt_int(len(p.invited)))
                .replace("%3", fmt_int(len(p.excluded))))  # fmt: skip
        if parts:
            text += " (" + ", ".join(parts) + ")"
        if result.cap is not None:
            text += "<br><span style='color:#666; font-size:9pt'>" + self.tr(
                "Fatigue cap: at most %1 non-essential contacts in %2 days").replace(
                "%1", str(result.cap)).replace("%2", str(result.days)) + "</span>"  # fmt: skip
        self.summary.setText(text)
        self.sample.setText(result.sample_message or self.tr("(nobody to write to)"))
        self.excluded.set_rows(list(p.excluded[:500]))
        self.create_button.setEnabled(bool(p.invited))
        self.previewed.emit()

    def counts(self) -> dict[Exclusion, int]:
        return dict(self.result.preview.by_reason) if self.result else {}

    def create(self) -> None:
        self.errors.clear()
        self.create_button.setEnabled(False)
        self.ctx.worker.submit(
            campaigns.create_campaign, name=self.name.text(), kind=self.kind.currentData(),
            criteria=self.criteria(), template=self.template.toPlainText(),
            language=self.language.currentData(), starts_on=self.starts.date().toPython(),
            invite_days_before=self.invite_days.value(), today=self.ctx.today(),
            on_done=self._created, on_error=self._failed,
        )  # fmt: skip

    def _created(self, change: Changed) -> None:
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("Campaign created; %1 invitations planned").replace(
            "%1", fmt_int(len(change.customer_ids))))  # fmt: skip
        self.created.emit(change)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.errors.show(exc.field, exc.detail)
            self.summary.setText(self.tr("Not saved: see the message beside the field."))
        elif isinstance(exc, DealerDeskError):
            self.errors.show("", str(exc))
        else:
            errors.report(exc, self)
