"""The Reports menu: write a PDF on the worker with a progress bar, then open it.

The PDF service reports ``progress(done, total)`` from the worker thread; a small
relay re-emits it as a queued Qt signal so only the GUI thread touches the progress
dialog. Cancel sets a flag the next progress call turns into an exception, which the
service's temporary-file handling cleans up. The file name is asked with a
QFileDialog run through ``ui.dialogs.run_modal``, so tests answer it; the finished
file is opened through ``open_file`` (QDesktopServices by default, replaced in tests).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog, QWidget

from dealerdesk.ui import dialogs, errors
from dealerdesk.ui.context import DeskContext


class ReportCancelledError(Exception):
    """Raised inside the job by the progress callback when the user pressed Cancel."""


def make_at_risk_job(out: Path, *, today: date, top: int, mask_phones: bool,
                     progress: Callable[[int, int], None]) -> Any:  # fmt: skip
    """Worker job. Imported here so a missing report service cannot break the window."""
    from dealerdesk.services.reports import make_at_risk_pdf

    return make_at_risk_pdf(out, today=today, top=top, mask_phones=mask_phones,
                            progress=progress)  # fmt: skip


def open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class _ProgressRelay(QObject):
    """Lives in the GUI thread; ``moved`` is emitted from the worker thread (queued)."""

    moved = Signal(int, int)


class ReportActions(QObject):
    """Owns the report actions and runs them for the main window.

    Attributes:
        at_risk_action: "Customers at risk (PDF)…".
        mask_action: checkable; print phones as 139****5678.
        open_file: how a finished PDF is opened (tests replace it).
        progress: the visible progress dialog while a report is being written.

    Signals:
        finished(object): the ReportResult of a report that was written.
    """

    finished = Signal(object)

    def __init__(self, ctx: DeskContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self._window = window
        self.open_file: Callable[[Path], bool] = open_with_system
        self.progress: QProgressDialog | None = None
        self._cancel = threading.Event()
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._moved)
        self.at_risk_action = QAction(self.tr("Customers at &risk (PDF)…"), self)
        self.at_risk_action.setObjectName("report_at_risk")
        self.at_risk_action.setStatusTip(self.tr("Rank the customers most likely to leave, "
                                                 "with reasons, and print it"))  # fmt: skip
        self.at_risk_action.triggered.connect(lambda: self.make_at_risk())
        self.mask_action = QAction(self.tr("&Mask phone numbers in reports"), self)
        self.mask_action.setCheckable(True)

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(self.at_risk_action)
        menu.addSeparator()
        menu.addAction(self.mask_action)

    @property
    def running(self) -> bool:
        return self.progress is not None

    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        return base / f"at-risk-{self.ctx.today().isoformat()}.pdf"

    def ask_path(self) -> Path | None:
        dialog = QFileDialog(self._window, self.tr("Save the at-risk report"))
        dialog.setObjectName("save_report_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(str(self.default_path()))
        try:
            if not dialogs.run_modal(dialog, "save_report"):
                return None
            files = dialog.selectedFiles()
            return Path(files[0]) if files else None
        finally:
            dialog.deleteLater()

    def make_at_risk(self, out: Path | None = None, *, top: int = 100) -> bool:
        """Ask where (unless *out*), then write on the worker; False when not started."""
        if self.running:
            return False
        out = out or self.ask_path()
        if out is None:
            return False
        self._cancel.clear()
        self.progress = QProgressDialog(
            self.tr("Writing %1…").replace("%1", out.name), self.tr("Cancel"), 0, 0, self._window
        )
        self.progress.setObjectName("report_progress")
        self.progress.setWindowTitle(self.tr("Customers at risk"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self._cancel.set)
        self.progress.show()
        self.at_risk_action.setEnabled(False)
        self.ctx.worker.submit(
            make_at_risk_job, out, today=self.ctx.today(), top=top,
            mask_phones=self.mask_action.isChecked(), progress=self._report_progress,
            on_done=self._done, on_error=self._failed,
        )  # fmt: skip
        return True

    def _report_progress(self, done: int, total: int) -> None:
        """Called on the worker thread: no widget is touched here."""
        if self._cancel.is_set():
            raise ReportCancelledError
        self._relay.moved.emit(done, total)

    def _moved(self, done: int, total: int) -> None:
        if self.progress is not None and total > 0:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total))

    def _close_progress(self) -> None:
        self.at_risk_action.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, result: Any) -> None:
        self._close_progress()
        path = Path(result.path)
        self.ctx.hub.status.emit(self.tr("Report written: %1 (%2 pages)").replace(
            "%1", str(path)).replace("%2", str(result.pages)))  # fmt: skip
        self.finished.emit(result)
        if not self.open_file(path):
            dialogs.inform(self._window, self.tr("Report written"),
                           self.tr("The report was saved to %1, but no PDF viewer could open "
                                   "it.").replace("%1", str(path)))  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        if isinstance(exc, ReportCancelledError):
            self.ctx.hub.status.emit(self.tr("Report cancelled"))
            return
        errors.report(exc, self._window, title=self.tr("The report was not written"))
