"""Customer detail: the profile, vehicles, one timeline, the risk with its reasons, actions.

Everything is read by one worker job (record, timeline, staff, formatted phones) and
written by service calls on the worker; each write is broadcast on the hub, and this
screen reloads when a broadcast names its customer — so a contact logged from Today
shows up here too. Unsaved profile edits survive such a reload and are guarded when
the user leaves (``request_leave``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.errors import DealerDeskError, NotFoundError, ValidationError
from dealerdesk.i18n.words import label_of
from dealerdesk.services import customers
from dealerdesk.services.changes import Changed
from dealerdesk.services.customers import CustomerRecord
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.accounts_tabs import AccountsTabs  # issue #14
from dealerdesk.ui.action_dialogs import (
    AddVehicleDialog,
    FormDialog,
    LogContactDialog,
    MarkLostDialog,
    ScheduleFollowupDialog,
    run_form,
)
from dealerdesk.ui.complaint_dialogs import ComplaintDialog
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_followups import CustomerFollowups  # issue #7
from dealerdesk.ui.customer_referrals import CustomerReferrals  # issue #14
from dealerdesk.ui.i18n import fmt_date
from dealerdesk.ui.profile_form import ProfileForm
from dealerdesk.ui.survey_dialog import LoyaltyTrendLabel, SurveyDialog
from dealerdesk.ui.timeline_model import (
    TIMELINE_LIMIT,
    DetailData,
    TimelineModel,
    VehiclesModel,
    badge_style,
    load_detail,
    risk_html,
)
from dealerdesk.ui.vehicle_pauses import VehiclePausesPanel  # issue #16
from dealerdesk.vocab.customer import CustomerStatus
from dealerdesk.vocab.retention import LifecycleStage, Segment, ValueTier

TIMELINE_WIDTHS = (120, 95, 0, 90, 70)  # 0: "What" and the last (details) share the rest
VEHICLE_WIDTHS = (80, 165, 150, 75, 75, 75, 75, 80)


class CustomerDetail(QWidget):
    """One customer's page.

    Attributes:
        form: the editable profile.
        timeline, vehicles: the models behind the two tabs.
        customer_id: the customer shown (None before the first load).

    Signals:
        back_requested(): the user asked to go back (Back button, or after a delete).
        loaded(int): a customer's data arrived and is shown.
    """

    back_requested = Signal()
    loaded = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CustomerDetail")
        self.ctx = ctx
        self.customer_id: int | None = None
        self.data: DetailData | None = None
        self._after_save: Callable[[], None] | None = None
        self._loading = False

        self.back_button = QPushButton(self.tr("← &Back"))
        self.back_button.setObjectName("back_button")
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("customer_title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("customer_subtitle")
        # Plain text: names and labels are shown as typed, never as HTML (an escaped
        # apostrophe once showed as "Can&#x27;t lose them").
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.badge = QLabel()
        self.badge.setObjectName("risk_badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFixedSize(56, 36)
        self.reasons = QLabel()
        self.reasons.setObjectName("risk_reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.actions_bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
            ("log_contact", self.tr("&Log contact…"), self.log_contact),
            ("schedule", self.tr("Follo&w-up…"), self.schedule_followup),
            ("complaint", self.tr("Co&mplaint…"), self.record_complaint),
            ("survey", self.tr("Survey…"), self.record_survey),
            ("add_vehicle", self.tr("Add vehicle…"), self.add_vehicle),
            ("mark_lost", self.tr("Mark l&ost…"), self.mark_lost),
            ("delete", self.tr("&Delete…"), self.delete_customer),
        ):
            button = QPushButton(label)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            self.actions_bar.addWidget(button)
        self.actions_bar.addStretch(1)

        self.form = ProfileForm()
        self.form.dirty_changed.connect(self._dirty_changed)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setObjectName("revert_button")
        self.revert_button.clicked.connect(self.form.revert)
        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(lambda: self.save())
        self.addAction(self.save_action)
        self._dirty_changed(False)

        self.timeline = TimelineModel(self)
        self.vehicles = VehiclesModel(self)
        self.timeline_view = self._table(self.timeline, "timeline_table")
        self.vehicles_view = self._table(self.vehicles, "vehicles_table")
        self.timeline_note = QLabel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detail_tabs")
        timeline_page = QWidget()
        tl = QVBoxLayout(timeline_page)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.timeline_view)
        tl.addWidget(self.timeline_note)
        self.tabs.addTab(timeline_page, self.tr("&Timeline"))
        self.tabs.addTab(self.vehicles_view, self.tr("V&ehicles"))
        # issue #7: the customer's open follow-ups (and what the contact limit holds back)
        self.followups = CustomerFollowups(ctx, self)
        self.tabs.addTab(self.followups, self.tr("Follow-&ups"))
        self.followups.counted.connect(
            lambda n: self.tabs.setTabText(
                self.tabs.indexOf(self.followups), self.tr("Follow-&ups (%1)").replace("%1", str(n))
            )
        )
        # issue #14: whom this customer brought
        self.referrals = CustomerReferrals(ctx, self)
        self.tabs.addTab(self.referrals, self.tr("Referrals"))
        self.referrals.counted.connect(
            lambda n: self.tabs.setTabText(
                self.tabs.indexOf(self.referrals), self.tr("Referrals (%1)").replace("%1", str(n))
            )
        )
        # issue #16: per vehicle, the contact types paused or closed and why
        self.pauses = VehiclePausesPanel(ctx, self)
        self.tabs.addTab(self.pauses, self.tr("Contact pauses"))
        self.pauses.counted.connect(lambda n: self.tabs.setTabText(self.tabs.indexOf(
            self.pauses), self.tr("Contact pauses (%1)").replace("%1", str(n)) if n else
            self.tr("Contact pauses")))  # fmt: skip
        self.accounts = AccountsTabs(ctx, self.tabs)  # issue #14: card, company, A+ offers

        form_page = QWidget()
        fl = QVBoxLayout(form_page)
        fl.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        fl.addLayout(row)
        scroll = QScrollArea()
        scroll.setWidget(form_page)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(360)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        risk_row = QHBoxLayout()
        risk_row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        risk_row.addWidget(self.reasons, 1)
        rl.addLayout(risk_row)
        self.loyalty = LoyaltyTrendLabel(ctx)
        rl.addWidget(self.loyalty)
        rl.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 860])

        head = QHBoxLayout()
        head.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        head.addLayout(names, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.actions_bar)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.buttons["log_contact"])
        ctx.hub.changed.connect(self._on_changed)
        self._set_enabled(False)

    # --- loading ------------------------------------------------------------------------
    def load(self, customer_id: int) -> None:
        """Show *customer_id* (the caller already asked about unsaved changes)."""
        if customer_id != self.customer_id:
            self.customer_id = customer_id
            self.data = None
            self.title.setText(self.tr("Loading…"))
            self.subtitle.clear()
            self._set_enabled(False)
        self.refresh()

    def refresh(self, change: Changed | None = None) -> None:
        """Reload the shown customer (*change*: what a write touched, already settled)."""
        if self.customer_id is None:
            return
        wanted = self.customer_id
        self._loading = True
        self.ctx.worker.submit(load_detail, wanted,
                               on_done=partial(self._show, wanted),
                               on_error=partial(self._load_failed, wanted))  # fmt: skip

    def _show(self, wanted: int, data: DetailData) -> None:
        if wanted != self.customer_id:
            return  # the user moved on to another customer meanwhile
        self._loading = False
        self.data = data
        r = data.record
        if not self.form.is_dirty() or self.form.record is None or self.form.record.id != r.id:
            self.form.set_record(r, staff=data.staff, phones=data.phones)
        self.title.setText(f"<span style='font-size:16pt; font-weight:600'>"
                           f"{html.escape(r.name)}</span>"
                           + (f"&nbsp;&nbsp;<span style='color:#666'>{html.escape(r.name_alt)}"
                              "</span>" if r.name_alt else ""))  # fmt: skip
        self.subtitle.setText(self._subtitle(r))
        self._show_risk(r)
        self.loyalty.load(r.id)
        self.timeline.set_rows(data.timeline)
        self.vehicles.set_rows(r.vehicles)
        for view, widths in ((self.timeline_view, TIMELINE_WIDTHS),
                             (self.vehicles_view, VEHICLE_WIDTHS)):  # fmt: skip
            for column, width in enumerate(widths):
                if width:
                    view.setColumnWidth(column, width)
        self.timeline_note.setVisible(len(data.timeline) >= TIMELINE_LIMIT)
        self.timeline_note.setText(self.tr("Showing the latest %1 entries.").replace(
            "%1", str(TIMELINE_LIMIT)))  # fmt: skip
        self.tabs.setTabText(1, self.tr("V&ehicles (%1)").replace("%1", str(len(r.vehicles))))
        if self.followups.customer_id != r.id:  # issue #7 (it reloads itself on changes)
            self.followups.load(r.id)
        if self.referrals.customer_id != r.id:  # issue #14
            self.referrals.load(r.id)
        self.accounts.show_customer(r.id, r.name, r.kind)
        if self.pauses.customer_id != r.id:  # issue #16 (it reloads itself on changes)
            self.pauses.load(r.id)
        self._set_enabled(True)
        self.buttons["mark_lost"].setEnabled(r.status != CustomerStatus.LOST)
        self.loaded.emit(r.id)

    def _load_failed(self, wanted: int, exc: BaseException) -> None:
        self._loading = False
        if wanted != self.customer_id:
            return
        if isinstance(exc, NotFoundError):
            dialogs.warn(self, self.tr("Customer not found"), str(exc))
            self.customer_id = None
            self.back_requested.emit()
            return
        errors.report(exc, self)

    def _subtitle(self, r: CustomerRecord) -> str:
        """Kind, status, owner, then tier, segment and stage: plain text, in vocab labels."""
        parts = [self.tr("Company") if r.kind == "company" else self.tr("Person"),
                 label_of(CustomerStatus, r.status)]  # fmt: skip
        if r.status == CustomerStatus.LOST and r.lost_reason:
            parts.append(self.tr("lost %1: %2").replace("%1", fmt_date(r.lost_on)).replace(
                "%2", r.lost_reason))  # fmt: skip
        if r.owner:
            parts.append(self.tr("assigned to %1").replace("%1", r.owner))
        if r.score is not None:
            s = r.score
            parts.extend(p for p in (label_of(ValueTier, s.tier), label_of(Segment, s.segment))
                         if p)  # fmt: skip
            if s.lifecycle:
                parts.append(
                    self.tr("stage: %1").replace("%1", label_of(LifecycleStage, s.lifecycle))
                )
        return "  ·  ".join(parts)

    def _show_risk(self, r: CustomerRecord) -> None:
        s = r.score
        self.badge.setText("–" if s is None else str(s.score))
        self.badge.setStyleSheet(badge_style("" if s is None else s.band))
        self.badge.setToolTip(self.tr("Risk of leaving, 0–100"))
        self.reasons.setText(risk_html(s))

    # --- saving and leaving -------------------------------------------------------------
    def save(self, on_saved: Callable[[], None] | None = None) -> None:
        """Write the edited fields; a refused value is shown beside its field."""
        changes = self.form.changes()
        if self.customer_id is None or not changes:
            if on_saved is not None:
                on_saved()
            return
        self.form.errors.clear()
        self._after_save = on_saved
        self.save_button.setEnabled(False)
        self.ctx.worker.submit(
            customers.update_customer, self.customer_id, changes, today=self.ctx.today(),
            staff_id=self.ctx.staff_id, on_done=partial(self._saved, changes),
            on_error=self._save_failed,
        )  # fmt: skip

    def _saved(self, sent: dict[str, Any], change: Changed) -> None:
        # The broadcast below reloads the stored (normalised) values, unless edits typed
        # during the save keep the form dirty: those are not overwritten.
        self.form.mark_saved(sent)
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("Saved"))
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    def _save_failed(self, exc: BaseException) -> None:
        self._after_save = None
        self._dirty_changed(self.form.is_dirty())
        if isinstance(exc, ValidationError):
            self.form.errors.show(exc.field, exc.detail)
        elif isinstance(exc, DealerDeskError):
            self.form.errors.show("", str(exc))
        else:
            errors.report(exc, self)

    def request_leave(self, then: Callable[[], None]) -> None:
        """Run *then* once the profile has no unsaved edits (save, discard or stay)."""
        if not self.form.is_dirty():
            then()
            return
        name = self.form.record.name if self.form.record else ""
        answer = dialogs.ask_save(
            self, self.tr("Unsaved changes"),
            self.tr("Save your changes to %1 before leaving?").replace("%1", name),
        )  # fmt: skip
        if answer == "save":
            self.save(on_saved=then)
        elif answer == "discard":
            self.form.revert()
            then()

    def is_dirty(self) -> bool:
        return self.form.is_dirty()

    # --- quick actions ------------------------------------------------------------------
    def log_contact(self) -> None:
        r = self._record()
        if r is not None:
            cars = [(v.id, " · ".join(x for x in (v.plate, f"{v.make} {v.model}") if x.strip()))
                    for v in r.vehicles]  # issue #16: outcomes about one car  # fmt: skip
            self._run(LogContactDialog(self.ctx, r.id, r.name, vehicles=cars,
                                       preferred_channel=r.preferred_channel,
                                       people=self.accounts.people(), parent=self))  # fmt: skip

    def schedule_followup(self) -> None:
        r = self._record()
        if r is not None and self.data is not None:
            self._run(ScheduleFollowupDialog(self.ctx, r.id, r.name, staff=self.data.staff,
                                             people=self.accounts.people(), parent=self))  # fmt: skip

    def record_complaint(self) -> None:
        r = self._record()
        if r is not None and self.data is not None:
            self._run(ComplaintDialog(self.ctx, r.id, r.name, vehicles=r.vehicles,
                                      staff=self.data.staff, parent=self))  # fmt: skip

    def record_survey(self) -> None:
        r = self._record()
        if r is not None:
            self._run(SurveyDialog(self.ctx, r.id, r.name, parent=self))

    def add_vehicle(self) -> None:
        r = self._record()
        if r is not None:
            self._run(AddVehicleDialog(self.ctx, r.id, r.name, parent=self))

    def mark_lost(self) -> None:
        r = self._record()
        if r is not None:
            self.request_leave(lambda: self._run(MarkLostDialog(self.ctx, r.id, r.name, self)))

    def delete_customer(self) -> None:
        """Archive (the history stays for reports); confirmed first, No is the default."""
        r = self._record()
        if r is None or not dialogs.confirm(
            self, self.tr("Delete customer"),
            self.tr("Delete %1? The customer disappears from lists and follow-ups; the "
                    "history stays for reports.").replace("%1", r.name),
            destructive=True,
        ):  # fmt: skip
            return
        self.form.revert()
        self.ctx.worker.submit(customers.archive_customer, r.id, today=self.ctx.today(), staff_id=self.ctx.staff_id,
                               on_done=self._deleted, on_error=lambda e: errors.report(e, self))  # fmt: skip

    def _deleted(self, change: Changed) -> None:
        self.ctx.hub.changed.emit(change)
        self.ctx.hub.status.emit(self.tr("Customer deleted"))
        self.customer_id = None
        self.back_requested.emit()

    def _run(self, dialog: FormDialog) -> None:
        run_form(dialog)

    def _record(self) -> CustomerRecord | None:
        return self.data.record if self.data is not None else None

    # --- internals ----------------------------------------------------------------------
    def _on_changed(self, change: Changed) -> None:
        if self.customer_id is not None and self.customer_id in change.customer_ids:
            self.refresh(change)

    def _dirty_changed(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _set_enabled(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)
        self.form.setEnabled(enabled)

    @staticmethod
    def _table(model: TimelineModel | VehiclesModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if isinstance(model, TimelineModel):  # what happened and its details share the width
            view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        return view
