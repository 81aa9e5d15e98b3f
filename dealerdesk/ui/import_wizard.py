"""The import wizard: file -> mapping -> preview with errors -> import (progress, cancel).

Every step's work (reading the file, the dry run, the import) runs on the one worker; the
wizard only shows results. During the import a timer reads the service's thread-safe
``Progress`` every 100 ms, and Cancel asks it to stop: the import's transaction then
rolls back and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dealerdesk.i18n import Msg, render
from dealerdesk.services import exporting, importing
from dealerdesk.services.import_mapping import FIELD_KEYS
from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext

PAGES = ("file", "mapping", "preview", "import")
MAX_SHOWN_ERRORS = 1000


def field_label(key: str) -> str:
    return render(Msg(f"import.field.{key}"))


class ImportWizard(QDialog):
    """Four pages in a stack; ``page()`` names the one shown.

    Attributes:
        opened: the file as read (after step 1).
        plan: the dry run's result (after step 2).
        result: the import's result (after step 4), else None.
        progress: the running import's shared progress, else None.

    Signals:
        imported(object): the ImportResult of a finished import.
    """

    imported = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_wizard")
        self.setWindowTitle(self.tr("Import customers"))
        self.resize(900, 600)
        self.ctx = ctx
        self.opened: importing.OpenedFile | None = None
        self.plan: importing.ImportPlan | None = None
        self.result: importing.ImportResult | None = None
        self.progress: importing.Progress | None = None
        self._busy = False

        self.title = QLabel()
        self.title.setObjectName("wizard_title")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_page())
        self.stack.addWidget(self._mapping_page())
        self.stack.addWidget(self._preview_page())
        self.stack.addWidget(self._import_page())
        self.back_button = QPushButton(self.tr("< &Back"))
        self.back_button.setObjectName("back_button")
        self.next_button = QPushButton(self.tr("&Next >"))
        self.next_button.setObjectName("next_button")
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel_button")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._poll)
        self._show("file")

    # -- pages ----------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path_edit")
        self.path_edit.setPlaceholderText(self.tr("A .csv, .xlsx, .xls or .vcf file"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setObjectName("browse_button")
        browse.clicked.connect(self.browse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheet_combo")
        self.sheet_combo.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(QLabel(self.tr("Sheet:")))
        sheet_row.addWidget(self.sheet_combo, 1)
        help_text = QLabel(self.tr(
            "Customers with their vehicles, purchases and service visits, one row each. "
            "Columns are recognised by their headers (姓名, 手机, 车牌, 车架号, 购车日期, 保养日期… "
            "or Name, Phone, Plate, VIN…). Files from Chinese Excel (GBK) and UTF-8 both work.\n\n"
            "Nothing is written until the last step, and then everything or nothing: "
            "a file with any error is refused whole. Importing the same file again adds nothing."))  # fmt: skip
        help_text.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addLayout(sheet_row)
        layout.addWidget(help_text)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.mapping_note = QLabel()
        self.mapping_note.setObjectName("mapping_note")
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setObjectName("mapping_table")
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First values"), self.tr("Import as")]
        )
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_note)
        layout.addWidget(self.mapping_table, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.errors_table = QTableWidget(0, 4)
        self.errors_table.setObjectName("errors_table")
        self.errors_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")]
        )
        self.errors_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.errors_table.verticalHeader().setVisible(False)
        self.errors_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.duplicates_label = QLabel()
        self.duplicates_label.setObjectName("duplicates_label")
        self.duplicates_label.setWordWrap(True)
        self.save_errors_button = QPushButton(self.tr("&Save the problems as a spreadsheet…"))
        self.save_errors_button.setObjectName("save_errors_button")
        self.save_errors_button.clicked.connect(lambda: self.save_errors())
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.new_table = QTableWidget(0, 3)
        self.new_table.setObjectName("new_table")
        self.new_table.setHorizontalHeaderLabels(
            [self.tr("New customer"), self.tr("Mobile"), self.tr("Vehicles and visits")]
        )
        self.new_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.new_table.verticalHeader().setVisible(False)
        self.new_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.errors_table, 10)
        layout.addWidget(self.new_table, 10)
        layout.addWidget(self.duplicates_label)
        layout.addWidget(self.save_errors_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)  # keeps the text at the top when there is no error table
        return page

    def _import_page(self) -> QWidget:
        page = QWidget()
        self.stage_label = QLabel()
        self.stage_label.setObjectName("stage_label")
        self.stage_label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("import_progress")
        self.undo_button = QPushButton(self.tr("&Undo this import"))
        self.undo_button.setObjectName("undo_button")
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo)
        layout = QVBoxLayout(page)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    # -- navigation -----------------------------------------------------------------------
    def page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def _show(self, name: str) -> None:
        self.stack.setCurrentIndex(PAGES.index(name))
        titles = {
            "file": self.tr("1. Choose the file"),
            "mapping": self.tr("2. Check which column is which"),
            "preview": self.tr("3. Check the rows"),
            "import": self.tr("4. Import"),
        }
        self.title.setText(titles[name])
        self._update_buttons()

    def _update_buttons(self) -> None:
        name = self.page()
        busy = self._busy
        self.back_button.setEnabled(not busy and name in ("mapping", "preview"))
        can_import = self.plan is not None and self.plan.ok and self._has_work(self.plan)
        self.next_button.setEnabled(not busy and (name != "preview" or can_import)
                                    and name != "import")  # fmt: skip
        self.next_button.setText(self.tr("&Import") if name == "preview" else self.tr("&Next >"))
        if busy and name != "import":  # reading or checking a big file takes seconds
            self.next_button.setText(self.tr("Checking…"))
        done = name == "import" and not busy
        self.cancel_button.setText(self.tr("Close") if done else self.tr("Cancel"))

    @staticmethod
    def _has_work(plan: importing.ImportPlan) -> bool:
        return bool(plan.customers_new or plan.vehicles_new or plan.visits_new)

    def browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the file to import"))
        dialog.setObjectName("import_file_dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Tables (*.csv *.xlsx *.xls *.vcf *.txt)"))
        try:
            if dialogs.run_modal(dialog, "import_file") and dialog.selectedFiles():
                self.set_path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))
        self.sheet_combo.clear()
        self.sheet_combo.setEnabled(False)

    def back(self) -> None:
        index = PAGES.index(self.page())
        if index > 0 and not self._busy:
            self._show(PAGES[index - 1])

    def next(self) -> None:
        if self._busy:
            return
        name = self.page()
        if name == "file":
            self._read_file()
        elif name == "mapping":
            self._dry_run()
        elif name == "preview":
            self._run_import()

    def cancel(self) -> None:
        if self._busy and self.progress is not None:
            self.progress.cancel()
            self.stage_label.setText(self.tr("Cancelling…"))
            return
        if self._busy:
            return
        self.reject()

    def _work(self, fn: Any, *args: Any, on_done: Any, **kwargs: Any) -> None:
        self._busy = True
        self._update_buttons()

        def done(result: Any) -> None:
            self._busy = False
            on_done(result)
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._timer.stop()
            self._failed(exc)
            self._update_buttons()

        self.ctx.worker.submit(fn, *args, on_done=done, on_error=failed, **kwargs)

    # -- step 1 -> 2 ----------------------------------------------------------------------
    def _read_file(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            dialogs.warn(self, self.tr("Import customers"), self.tr("Choose a file first."))
            return
        sheet = self.sheet_combo.currentText() if self.sheet_combo.isEnabled() else None
        self._work(importing.open_file, path, sheet=sheet, on_done=self._file_read)

    def _file_read(self, opened: importing.OpenedFile) -> None:
        self.opened = opened
        if opened.table.sheets and not self.sheet_combo.isEnabled():
            self.sheet_combo.addItems(list(opened.table.sheets))
            self.sheet_combo.setCurrentText(opened.table.sheet)
            self.sheet_combo.setEnabled(True)
        sources = {
            "saved": self.tr("The mapping saved for files of this shape"),
            "file": self.tr("The mapping from the mapping file"),
            "guessed": self.tr("Guessed from the headers"),
        }
        self.mapping_note.setText(self.tr("%1 · %2 rows · %3. Change any column below.")
                                  .replace("%1", opened.path.name)
                                  .replace("%2", f"{len(opened.table.rows):,}")
                                  .replace("%3", sources[opened.mapping_source]))  # fmt: skip
        sample = opened.sample(3)
        table = self.mapping_table
        table.setRowCount(len(opened.headers))
        for row, header in enumerate(opened.headers):
            table.setItem(row, 0, QTableWidgetItem(header))
            values = " | ".join(cells[row] for _n, cells in sample if cells[row])
            table.setItem(row, 1, QTableWidgetItem(values))
            combo = QComboBox()
            combo.setObjectName(f"map_{row}")
            combo.addItem(field_label(""), "")
            for key in FIELD_KEYS:
                combo.addItem(field_label(key), key)
            combo.setCurrentIndex(max(0, combo.findData(opened.mapping.get(header, ""))))
            table.setCellWidget(row, 2, combo)
        table.resizeColumnToContents(0)
        table.setColumnWidth(2, 160)
        self._show("mapping")

    def mapping(self) -> dict[str, str]:
        """The mapping as the user left it in the table."""
        out: dict[str, str] = {}
        for row in range(self.mapping_table.rowCount()):
            combo = self.mapping_table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            out[self.mapping_table.item(row, 0).text()] = str(combo.currentData() or "")
        return out

    def set_field(self, header: str, field: str) -> None:
        """Choose *field* for the column *header* (what a user does with the combo box)."""
        for row in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(row, 0).text() == header:
                combo = self.mapping_table.cellWidget(row, 2)
                assert isinstance(combo, QComboBox)
                combo.setCurrentIndex(combo.findData(field))

    # -- step 2 -> 3 ----------------------------------------------------------------------
    def _dry_run(self) -> None:
        assert self.opened is not None
        self._work(importing.dry_run, self.opened, mapping=self.mapping(),
                   today=self.ctx.today(), on_done=self._planned)  # fmt: skip

    def _planned(self, plan: importing.ImportPlan) -> None:
        self.plan = plan
        self.summary_label.setText(render(plan.summary()))
        shown = plan.errors[:MAX_SHOWN_ERRORS]
        self.errors_table.setRowCount(len(shown))
        for i, (row, column, value, reason) in enumerate(importing.error_lines(shown)):
            for j, text in enumerate((row, column, value, reason)):
                self.errors_table.setItem(i, j, QTableWidgetItem(text))
        self.errors_table.resizeColumnsToContents()
        self.errors_table.setVisible(bool(plan.errors))
        self.save_errors_button.setVisible(bool(plan.errors))
        self._show_new(plan)
        lines = [f"{self.tr('Row')} {d.row}: {render(d.reason)}" for d in plan.duplicates[:8]]
        if len(plan.duplicates) > 8:
            lines.append("…")
        if plan.errors:
            lines.insert(0, self.tr("Fix these rows in the file and try again: a file with "
                                    "errors is not imported at all."))  # fmt: skip
        elif not self._has_work(plan):
            lines.insert(0, self.tr("Everything in this file is already here: nothing to import."))
        self.duplicates_label.setText("\n".join(lines))
        self._show("preview")

    def save_errors(self, out: Path | None = None) -> bool:
        """Every problem (not only the first thousand shown) to a CSV or .xlsx, to fix in
        Excel beside the file."""
        if self.plan is None or not self.plan.errors or self.opened is None:
            return False
        if out is None:
            dialog = QFileDialog(self, self.tr("Save the problems"))
            dialog.setObjectName("save_errors_dialog")
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setNameFilters(
                [self.tr("CSV for Excel (*.csv)"), self.tr("Excel workbook (*.xlsx)")]
            )
            dialog.setDefaultSuffix("csv")
            dialog.selectFile(
                str(self.opened.path.with_name(self.opened.path.stem + "-problems.csv"))
            )
            try:
                if not dialogs.run_modal(dialog, "save_errors") or not dialog.selectedFiles():
                    return False
                out = Path(dialog.selectedFiles()[0])
            finally:
                dialog.deleteLater()
        headers = [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")]
        self._work(exporting.write_table, out, headers, importing.error_lines(self.plan.errors),
                   on_done=lambda r: self.ctx.hub.status.emit(
                       self.tr("Wrote %1").replace("%1", str(r.path))))  # fmt: skip
        return True

    def _show_new(self, plan: importing.ImportPlan) -> None:
        """The first customers the import would create, with what each brings."""
        new = importing.new_customers_preview(plan, limit=MAX_SHOWN_ERRORS)
        self.new_table.setRowCount(len(new))
        for i, row in enumerate(new):
            brings = self.tr("%1 vehicles, %2 purchases and visits").replace(
                "%1", str(row.vehicles)).replace("%2", str(row.visits))  # fmt: skip
            for j, text in enumerate((row.name, row.phone, brings)):
                self.new_table.setItem(i, j, QTableWidgetItem(text))
        self.new_table.resizeColumnToContents(0)
        self.new_table.resizeColumnToContents(1)
        self.new_table.setVisible(bool(new))

    # -- step 3 -> 4 ----------------------------------------------------------------------
    def _run_import(self) -> None:
        assert self.opened is not None
        self.progress = importing.Progress()
        self.bar.setRange(0, 0)
        self.stage_label.setText(self.tr("Importing…"))
        self._show("import")
        self._timer.start()
        self._work(importing.run_import, self.opened, mapping=self.mapping(),
                   today=self.ctx.today(), now=self.ctx.now(), staff_id=self.ctx.staff_id,
                   progress=self.progress, on_done=self._imported)  # fmt: skip

    def _poll(self) -> None:
        if self.progress is None:
            return
        stage, done, total = self.progress.snapshot()
        labels = {
            "check": self.tr("Checking rows…"),
            "match": self.tr("Matching with the customers already here…"),
            "write": self.tr("Writing…"),
            "analyse": self.tr("Planning follow-ups and scoring…"),
        }
        if self.progress.cancelled:
            return
        self.stage_label.setText(labels.get(stage, self.tr("Importing…")))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _imported(self, result: importing.ImportResult) -> None:
        self._timer.stop()
        self.result = result
        self.progress = None
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.stage_label.setText(
            self.tr("Done in %1 s.").replace("%1", f"{result.seconds:.1f}")
            + "\n" + render(result.plan.summary())
        )  # fmt: skip
        self.undo_button.setVisible(result.audit_id > 0)
        self.ctx.hub.changed.emit(result.changes)
        self.ctx.hub.status.emit(
            self.tr("Imported %1").replace("%1", self.opened.path.name if self.opened else "")
        )
        self.imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.progress = None
        if isinstance(exc, importing.ImportCancelledError):
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
            self.stage_label.setText(str(exc))
            return
        if isinstance(exc, importing.ImportRejectedError):
            self._planned(exc.plan)
            return
        errors.report(exc, self, title=self.tr("Cannot import this file"))

    def undo(self) -> None:
        if self.result is None or self._busy:
            return
        if not dialogs.confirm(self, self.tr("Undo this import"), self.tr(
                "Remove every customer, vehicle and visit this import added?"), destructive=True):  # fmt: skip
            return
        audit_id = self.result.audit_id
        self._work(importing.undo_import, audit_id, today=self.ctx.today(), now=self.ctx.now(),
                   staff_id=self.ctx.staff_id, on_done=self._undone)  # fmt: skip

    def _undone(self, changes: Any) -> None:
        self.undo_button.setVisible(False)
        self.stage_label.setText(self.tr("The import was undone; nothing of it is left."))
        self.ctx.hub.changed.emit(changes)
