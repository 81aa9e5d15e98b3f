"""The Settings screen (issue #11 item 10): dealership, staff and roles, rules, backups.

Everything is read in one worker call (``services.desk_settings.load``) and every save
goes through a service that checks the role, so a front-desk user who somehow reaches a
button is still refused there; the manager-only parts are also greyed out for them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.i18n import Msg, render
from dealerdesk.services import audit, auth, backups, desk_settings, followups
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import tr
from dealerdesk.ui.outcome_delays import OutcomeDelaysTab
from dealerdesk.vocab.staff import StaffRole

RULE_COLUMNS = 8


class SettingsView(QWidget):
    """Tabs: General, Staff and roles, Follow-up rules, Backups.

    Attributes:
        snapshot: what was last loaded (``desk_settings.SettingsSnapshot``).
        tabs, dealership, country, fatigue_cap, staff_table, rules_table, backup_list…
    """

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_view")
        self.ctx = ctx
        self.snapshot: desk_settings.SettingsSnapshot | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), self.tr("&General"))
        self.tabs.addTab(self._staff_tab(), self.tr("&Staff and roles"))
        self.tabs.addTab(self._rules_tab(), self.tr("Follow-up ru&les"))
        self.tabs.addTab(self._backups_tab(), self.tr("&Backups"))
        self.tabs.addTab(self._audit_tab(), self.tr("&Audit trail"))
        self.outcome_delays = OutcomeDelaysTab(ctx)  # issue #16
        self.tabs.addTab(self.outcome_delays, self.tr("Call outcomes"))
        layout = QVBoxLayout(self)
        title = QLabel("<h2>" + self.tr("Settings") + "</h2>")
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    # --- building ------------------------------------------------------------------------
    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.dealership = QLineEdit()
        self.dealership.setObjectName("dealership")
        self.country = QLineEdit()
        self.country.setObjectName("country")
        self.country.setMaxLength(2)
        self.country.setToolTip(self.tr("Public holidays and working days of this country (CN)"))
        self.fatigue_cap = QLineEdit()
        self.fatigue_cap.setObjectName("fatigue_cap")
        self.fatigue_cap.setToolTip(self.tr("At most this many non-essential contacts in 30 days"))
        self.save_general = QPushButton(self.tr("Save"))
        self.save_general.setObjectName("save_general")
        self.save_general.clicked.connect(self._save_general)
        form.addRow(self.tr("Dealership &name"), self.dealership)
        form.addRow(self.tr("Holidays and working days of (country)"), self.country)
        form.addRow(self.tr("Contacts per customer in 30 days (fatigue cap)"), self.fatigue_cap)
        form.addRow("", self.save_general)
        return page

    def _staff_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.sign_in_note = QLabel()
        self.sign_in_note.setWordWrap(True)
        layout.addWidget(self.sign_in_note)
        self.staff_table = QTableWidget(0, 4)
        self.staff_table.setObjectName("staff_table")
        self.staff_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("User name"), self.tr("Role"), self.tr("Can sign in")]
        )
        self.staff_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.staff_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.staff_table, 1)
        self.staff_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        chosen = QGroupBox(self.tr("The selected staff member"))
        row = QHBoxLayout(chosen)
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in StaffRole:
            self.role.addItem(render(Msg(f"vocab.staff_role.{role}")), str(role))
        self.set_role = QPushButton(self.tr("Set role"))
        self.set_role.setObjectName("set_role")
        self.set_role.clicked.connect(self._set_role)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setPlaceholderText(self.tr("New password (8+ characters)"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.set_password = QPushButton(self.tr("Set password"))
        self.set_password.setObjectName("set_password")
        self.set_password.clicked.connect(self._set_password)
        for w in (self.role, self.set_role, self.password, self.set_password):
            row.addWidget(w)
        layout.addWidget(chosen)
        box = QGroupBox(self.tr("Add a staff member who signs in"))
        row = QHBoxLayout(box)
        self.new_name = QLineEdit()
        self.new_name.setObjectName("new_name")
        self.new_name.setPlaceholderText(self.tr("Name"))
        self.new_user = QLineEdit()
        self.new_user.setObjectName("new_user")
        self.new_user.setPlaceholderText(self.tr("User name"))
        self.new_role = QComboBox()
        self.new_role.setObjectName("new_role")
        for role in StaffRole:
            self.new_role.addItem(render(Msg(f"vocab.staff_role.{role}")), str(role))
        self.new_password = QLineEdit()
        self.new_password.setObjectName("new_password")
        self.new_password.setPlaceholderText(self.tr("Password (8+ characters)"))
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_staff = QPushButton(self.tr("Add"))
        self.add_staff.setObjectName("add_staff")
        self.add_staff.clicked.connect(self._add_staff)
        for w in (self.new_name, self.new_user, self.new_role, self.new_password, self.add_staff):
            row.addWidget(w)
        layout.addWidget(box)
        return page

    def _rules_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.rules_table = QTableWidget(0, RULE_COLUMNS)
        self.rules_table.setObjectName("rules_table")
        self.rules_table.setHorizontalHeaderLabels([
            self.tr("On"), self.tr("Follow-up"), self.tr("Days"), self.tr("Counted from"),
            self.tr("Then"), self.tr("Which is"), self.tr("Channel"), self.tr("Purpose")])  # fmt: skip
        header = self.rules_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.rules_table.verticalHeader().hide()
        layout.addWidget(self.rules_table, 1)
        self.save_rules = QPushButton(self.tr("Save rules"))
        self.save_rules.setObjectName("save_rules")
        self.save_rules.clicked.connect(self._save_rules)
        layout.addWidget(self.save_rules, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _backups_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr(
            "A backup is taken automatically when DealerDesk closes, at most once a day.")))  # fmt: skip
        self.backup_list = QListWidget()
        self.backup_list.setObjectName("backup_list")
        layout.addWidget(self.backup_list, 1)
        row = QHBoxLayout()
        self.keep = QSpinBox()
        self.keep.setObjectName("keep")
        self.keep.setRange(1, 365)
        self.save_keep = QPushButton(self.tr("Keep"))
        self.save_keep.clicked.connect(self._save_keep)
        self.backup_now = QPushButton(self.tr("Back up &now"))
        self.backup_now.setObjectName("backup_now")
        self.backup_now.clicked.connect(self._backup_now)
        self.restore = QPushButton(self.tr("Res&tore the selected backup…"))
        self.restore.setObjectName("restore")
        self.restore.clicked.connect(self._restore)
        row.addWidget(QLabel(self.tr("Keep the newest")))
        row.addWidget(self.keep)
        row.addWidget(self.save_keep)
        row.addStretch(1)
        row.addWidget(self.backup_now)
        row.addWidget(self.restore)
        layout.addLayout(row)
        return page

    def _audit_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.audit_note = QLabel(self.tr("The newest 500 changes; managers only. "
                                         "Nothing here can be edited or deleted."))  # fmt: skip
        layout.addWidget(self.audit_note)
        self.audit_table = QTableWidget(0, 5)
        self.audit_table.setObjectName("audit_table")
        self.audit_table.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Record"),
            self.tr("Details")])  # fmt: skip
        self.audit_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        self.audit_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.audit_table.verticalHeader().hide()
        layout.addWidget(self.audit_table, 1)
        return page

    def _show_audit(self, rows: list[Any]) -> None:
        self.audit_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            record = r.entity if r.entity_id is None else f"{r.entity} #{r.entity_id}"
            for c, text in enumerate((f"{r.at:%Y-%m-%d %H:%M}", r.staff_name or "—", r.action,
                                      record, r.details)):  # fmt: skip
                self.audit_table.setItem(i, c, QTableWidgetItem(text))

    # --- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.worker.submit(desk_settings.load, self.ctx.db_path, on_done=self._show,
                               on_error=self._failed)  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        errors.report(exc, self, title=self.tr("Settings"))

    def _show(self, snap: desk_settings.SettingsSnapshot) -> None:
        self.snapshot = snap
        self.dealership.setText(snap.dealership)
        self.country.setText(snap.country)
        self.fatigue_cap.setText(snap.fatigue_cap)
        self.staff_table.setRowCount(len(snap.staff))
        for i, s in enumerate(snap.staff):
            role = render(Msg(f"vocab.staff_role.{s.role}")) if s.role in set(StaffRole) else s.role
            for c, text in enumerate((s.name, s.username, role,
                                      self.tr("yes") if s.can_sign_in else "")):  # fmt: skip
                self.staff_table.setItem(i, c, QTableWidgetItem(text))
        self.sign_in_note.setText(
            self.tr("Sign-in is on: %1 people have passwords.").replace(
                "%1", str(sum(s.can_sign_in for s in snap.staff)))
            if snap.sign_in_required else
            self.tr("Sign-in is off (one person). It turns on when a second staff member "
                    "gets a password."))  # fmt: skip
        self.rules_table.setRowCount(len(snap.rules))
        for i, r in enumerate(snap.rules):
            on = QCheckBox()
            on.setChecked(r.enabled)
            self.rules_table.setCellWidget(i, 0, on)
            self.rules_table.setItem(i, 1, _item(tr(r.label, "FollowupKind"), r.key))
            days = QSpinBox()
            days.setRange(-366, 3660)
            days.setValue(r.offset_days)
            self.rules_table.setCellWidget(i, 2, days)
            self.rules_table.setItem(i, 3, _item(tr(r.offset_help, "RuleHelp")))
            if r.limit_help:  # the rule's second figure: a repeat, a limit, a number of tries
                limit = QSpinBox()
                limit.setRange(1, 100_000)
                limit.setValue(r.limit_days or 0)
                self.rules_table.setCellWidget(i, 4, limit)
                self.rules_table.setItem(i, 5, _item(tr(r.limit_help, "RuleHelp")))
            else:
                self.rules_table.removeCellWidget(i, 4)
                self.rules_table.setItem(i, 4, _item(""))
                self.rules_table.setItem(i, 5, _item(""))
            self.rules_table.setItem(i, 6, _item(_word("channel", r.channel)))
            self.rules_table.setItem(i, 7, _item(self.tr(r.purpose)))
        self.backup_list.clear()
        for b in snap.backups:
            text = (
                f"{b.taken_at:%Y-%m-%d %H:%M}   {b.path.name}   {b.size_bytes / 1_048_576:,.1f} MB"
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.backup_list.addItem(item)
        self.keep.setValue(snap.keep)
        for w in (self.save_general, self.save_rules, self.add_staff, self.restore,
                  self.save_keep, self.set_role):  # fmt: skip
            w.setEnabled(snap.may_manage)
        if snap.may_manage:
            self.ctx.worker.submit(audit.recent_changes, on_done=self._show_audit,
                                   on_error=self._failed)  # fmt: skip
        else:
            self.audit_table.setRowCount(0)

    # --- saving --------------------------------------------------------------------------
    def _run(self, fn: Any, *args: Any, done: str, **kwargs: Any) -> None:
        def ok(_result: object) -> None:
            self.ctx.hub.status.emit(done)
            self.refresh()

        self.ctx.worker.submit(fn, *args, on_done=ok, on_error=self._failed, **kwargs)

    def _save_general(self) -> None:
        self._run(desk_settings.save_general, dealership=self.dealership.text(),
                  country=self.country.text(), fatigue_cap=self.fatigue_cap.text(),
                  done=self.tr("Settings saved"))  # fmt: skip

    def _add_staff(self) -> None:
        self._run(auth.create_account, name=self.new_name.text(), username=self.new_user.text(),
                  role=self.new_role.currentData(), password=self.new_password.text(),
                  done=self.tr("Staff member added"))  # fmt: skip
        self.new_password.clear()

    def selected_staff_id(self) -> int | None:
        row = self.staff_table.currentRow()
        if self.snapshot is None or not 0 <= row < len(self.snapshot.staff):
            return None
        return self.snapshot.staff[row].id

    def _set_role(self) -> None:
        staff_id = self.selected_staff_id()
        if staff_id is not None:
            self._run(auth.set_role, staff_id, self.role.currentData(),
                      done=self.tr("Role changed"))  # fmt: skip

    def _set_password(self) -> None:
        staff_id = self.selected_staff_id()
        if staff_id is not None:
            self._run(auth.set_password, staff_id, self.password.text(),
                      done=self.tr("Password set"))  # fmt: skip
        self.password.clear()

    def rule_edits(self) -> list[tuple[str, bool, int, int | None]]:
        """(key, enabled, days, second figure or None) of the rows that differ from what was
        loaded."""
        if self.snapshot is None:
            return []
        edits = []
        for i, r in enumerate(self.snapshot.rules):
            on = self.rules_table.cellWidget(i, 0)
            days = self.rules_table.cellWidget(i, 2)
            assert isinstance(on, QCheckBox) and isinstance(days, QSpinBox)
            box = self.rules_table.cellWidget(i, 4)
            limit = box.value() if isinstance(box, QSpinBox) else None
            if (on.isChecked() != r.enabled or days.value() != r.offset_days
                    or (limit is not None and limit != r.limit_days)):  # fmt: skip
                edits.append((r.key, on.isChecked(), days.value(), limit))
        return edits

    def _save_rules(self) -> None:
        self._run(followups.update_cadence_rules, self.rule_edits(), done=self.tr("Rules saved"))

    def _save_keep(self) -> None:
        self._run(desk_settings.set_keep, self.keep.value(), done=self.tr("Saved"))

    def _backup_now(self) -> None:
        self._run(backups.backup_now, self.ctx.db_path, now=self.ctx.now(),
                  keep=self.keep.value(), done=self.tr("Backed up"))  # fmt: skip

    def _restore(self) -> None:
        item = self.backup_list.currentItem()
        if item is None:
            return
        from pathlib import Path

        source = Path(item.data(Qt.ItemDataRole.UserRole))
        if not dialogs.confirm(self, self.tr("Restore a backup"), self.tr(
                "Replace the database with the backup %1?\nThe current file is kept aside.")
                .replace("%1", source.name), destructive=True):  # fmt: skip
            return
        self._run(backups.restore, self.ctx.db_path, source, now=self.ctx.now(),
                  done=self.tr("Restored"))  # fmt: skip


def _item(text: str, key: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if key is not None:
        item.setData(Qt.ItemDataRole.UserRole, key)
    return item


def _word(area: str, code: str) -> str:
    try:
        return render(Msg(f"vocab.{area}.{code}"))
    except KeyError:
        return code
