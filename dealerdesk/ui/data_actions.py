"""File menu actions for data in and out: the import wizard and the exports.

"Export customers" writes the list as it is filtered on the Customers screen: the same
filter is run again on the worker, so the file holds exactly the rows the user sees.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.services import customers, exporting, importing, vcards
from dealerdesk.services.customers import CustomerFilter
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.import_wizard import ImportWizard


def export_customer_list(out: Path, flt: CustomerFilter) -> exporting.ExportResult:
    """Worker job: the customers the filter shows, in its order."""
    ids = customers.search_customer_ids(flt)
    if out.suffix.lower() == ".vcf":
        return vcards.export_vcards(out, ids=ids)
    return exporting.export_customers(out, ids=ids)


class DataActions(QObject):
    """Owns the actions; ``wizard`` is the open import wizard, if any."""

    def __init__(self, ctx: DeskContext, window: QWidget,
                 current_filter: Callable[[], CustomerFilter]) -> None:  # fmt: skip
        super().__init__(window)
        self.ctx = ctx
        self._window = window
        self._filter = current_filter
        self.wizard: ImportWizard | None = None
        self.actions: dict[str, QAction] = {}
        self._add("import_customers", self.tr("&Import customers…"), self.open_import)
        self._add("undo_import", self.tr("&Undo an import…"), self.undo_import)
        self._add("export_vehicles", self.tr("Export &vehicles…"), lambda: self.export("vehicles"))
        self._add("export_customers", self.tr("Export the customer &list…"),
                  lambda: self.export("customers"))  # fmt: skip
        self._add(
            "export_followups", self.tr("Export &follow-ups…"), lambda: self.export("followups")
        )
        self._add(
            "export_complaints", self.tr("Export &complaints…"), lambda: self.export("complaints")
        )
        self._add(
            "export_calendar", self.tr("Follow-ups to a phone &calendar (.ics)…"),
            self.export_calendar,
        )  # fmt: skip

    def _add(self, name: str, text: str, slot: Callable[[], object]) -> None:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(self.actions["import_customers"])
        menu.addAction(self.actions["undo_import"])
        menu.addSeparator()
        for name in ("export_customers", "export_vehicles", "export_followups", "export_complaints",
                     "export_calendar"):  # fmt: skip
            menu.addAction(self.actions[name])
        menu.addSeparator()

    def open_import(self) -> ImportWizard:
        if self.wizard is None:
            self.wizard = ImportWizard(self.ctx, self._window)
            self.wizard.finished.connect(self._wizard_closed)
        self.wizard.show()
        self.wizard.raise_()
        return self.wizard

    def _wizard_closed(self, _code: int) -> None:
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None

    def ask_path(self, kind: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        dialog = QFileDialog(self._window, self.tr("Export"))
        dialog.setObjectName("export_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        filters = [self.tr("CSV for Excel (*.csv)"), self.tr("Excel workbook (*.xlsx)")]
        if kind == "customers":
            filters.append(self.tr("vCard contacts (*.vcf)"))
        dialog.setNameFilters(filters)
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(str(base / f"{kind}-{self.ctx.today().isoformat()}.csv"))
        try:
            if not dialogs.run_modal(dialog, f"export_{kind}") or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()

    def export(self, kind: str, out: Path | None = None) -> bool:
        out = out or self.ask_path(kind)
        if out is None:
            return False
        if kind == "customers":
            job: Any = (export_customer_list, out, self._filter())
        else:
            job = (exporting.export, kind, out)
        self.ctx.worker.submit(*job, on_done=self._exported,
                               on_error=lambda exc: errors.report(exc, self._window))  # fmt: skip
        return True

    def export_calendar(self, out: Path | None = None, staff_id: int | None = None) -> bool:
        """One staff member's coming follow-ups as an .ics file: pick the person (the
        signed-in one is preselected), then where to save."""
        if staff_id is None:
            self.ctx.worker.submit(customers.list_staff, on_done=lambda staff: self._pick_staff(staff, out),
                                   on_error=lambda exc: errors.report(exc, self._window))  # fmt: skip
            return True
        out = out or self._ask_ics_path()
        if out is None:
            return False
        self.ctx.worker.submit(
            exporting.export_staff_ics, out, staff_id=staff_id, today=self.ctx.today(),
            now=self.ctx.now(), on_done=self._exported,
            on_error=lambda exc: errors.report(exc, self._window),
        )  # fmt: skip
        return True

    def _pick_staff(self, staff: list[Any], out: Path | None) -> None:
        if not staff:
            dialogs.inform(
                self._window, self.tr("Phone calendar"), self.tr("There is no staff member yet.")
            )
            return
        dialog = QDialog(self._window)
        dialog.setObjectName("staff_calendar_dialog")
        dialog.setWindowTitle(self.tr("Phone calendar"))
        combo = QComboBox(dialog)
        combo.setObjectName("staff_combo")
        for person in staff:
            combo.addItem(person.name, person.id)
        if self.ctx.staff_id is not None:
            combo.setCurrentIndex(max(0, combo.findData(self.ctx.staff_id)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("Whose follow-ups, from today on:")))
        layout.addWidget(combo)
        layout.addWidget(buttons)
        try:
            if dialogs.run_modal(dialog, "staff_calendar"):
                self.export_calendar(out, int(combo.currentData()))
        finally:
            dialog.deleteLater()

    def _ask_ics_path(self) -> Path | None:
        dialog = QFileDialog(self._window, self.tr("Save the calendar"))
        dialog.setObjectName("ics_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("iCalendar (*.ics)"))
        dialog.setDefaultSuffix("ics")
        try:
            if not dialogs.run_modal(dialog, "export_calendar") or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()

    def undo_import(self) -> None:
        """Pick one of the earlier imports (newest first) and remove what it created."""
        self.ctx.worker.submit(importing.list_imports, on_done=self._pick_import,
                               on_error=lambda exc: errors.report(exc, self._window))  # fmt: skip

    def _pick_import(self, entries: list[Any]) -> None:
        entries = [e for e in entries if not e.undone]
        if not entries:
            dialogs.inform(
                self._window, self.tr("Undo an import"), self.tr("There is no import to undo.")
            )
            return
        dialog = QDialog(self._window)
        dialog.setObjectName("undo_import_dialog")
        dialog.setWindowTitle(self.tr("Undo an import"))
        listing = QListWidget(dialog)
        listing.setObjectName("imports_list")
        for e in entries:
            text = self.tr("%1  %2: %3 customers, %4 vehicles, %5 purchases and visits")
            for key, value in (("%1", e.at.strftime("%Y-%m-%d %H:%M")), ("%2", e.file),
                               ("%3", str(e.customers)), ("%4", str(e.vehicles)),
                               ("%5", str(e.visits))):  # fmt: skip
                text = text.replace(key, value)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, e.audit_id)
            listing.addItem(item)
        listing.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("Everything the chosen import created will be removed:")))
        layout.addWidget(listing)
        layout.addWidget(buttons)
        dialog.resize(560, 300)
        try:
            if not dialogs.run_modal(dialog, "undo_import") or listing.currentItem() is None:
                return
            audit_id = int(listing.currentItem().data(Qt.ItemDataRole.UserRole))
        finally:
            dialog.deleteLater()
        self.ctx.worker.submit(
            importing.undo_import, audit_id, today=self.ctx.today(), now=self.ctx.now(),
            staff_id=self.ctx.staff_id, on_done=self._undone,
            on_error=lambda exc: errors.report(exc, self._window),
        )  # fmt: skip

    def _undone(self, changes: Any) -> None:
        self.ctx.hub.changed.emit(changes)
        self.ctx.hub.status.emit(self.tr("The import was undone"))

    def _exported(self, result: exporting.ExportResult) -> None:
        self.ctx.hub.status.emit(self.tr("Wrote %1 (%2 rows)").replace("%1", str(result.path))
                                 .replace("%2", str(result.rows)))  # fmt: skip
