"""No traceback ever reaches the user: a polite dialog for them, the details for support.

Errors the user can act on (``DealerDeskError``: a refused value, a locked file) are
shown as they are. Anything else is a bug: it is written with its traceback to the
log file and the user gets a short apology naming that file. ``install`` routes
uncaught exceptions (``sys.excepthook``, which PySide calls for exceptions escaping a
slot or a Qt virtual) and the worker's unhandled failures through ``report``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QWidget

from dealerdesk.errors import DealerDeskError
from dealerdesk.ui import dialogs
from dealerdesk.ui.i18n import tr
from dealerdesk.ui.worker import Worker

log = logging.getLogger("dealerdesk.ui")

ParentGetter = Callable[[], QWidget | None]
_state: dict[str, object] = {"log_path": None, "showing": False}


def report(exc: BaseException, parent: QWidget | None = None, *, title: str = "") -> None:
    """Tell the user about *exc* in words they can use; log bugs with their traceback."""
    if isinstance(exc, DealerDeskError):
        # issue #11: no personal data in the log (the message may hold a phone or a name)
        log.info("refused: %s (field %s)", type(exc).__name__, getattr(exc, "field", "-"))
        dialogs.warn(parent, title or tr("Cannot do that", "Errors"), str(exc))
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    from dealerdesk.services.backups import describe_failure

    cause = describe_failure(exc)  # issue #11: disk full, read-only, locked, damaged
    if cause:
        dialogs.warn(parent, title or tr("Cannot save", "Errors"), cause)
        return
    if _state["showing"]:  # an error while showing an error: the log has it, stop here
        return
    where = _state["log_path"]
    text = tr(
        "DealerDesk ran into an unexpected problem, and the last action may not have "
        "been completed. Please try again; if it happens again, send the log file to "
        "your support contact.",
        "Errors",
    )
    if where:
        text += "\n\n" + tr("Log file: %1", "Errors").replace("%1", str(where))
    _state["showing"] = True
    try:
        dialogs.error(parent, title or tr("Something went wrong", "Errors"), text,
                      details=f"{type(exc).__name__}: {exc}")  # fmt: skip
    finally:
        _state["showing"] = False


def install(
    *, parent: ParentGetter, log_path: Path | None = None, worker: Worker | None = None
) -> Callable[[], None]:
    """Route uncaught exceptions, worker failures and Qt warnings; return an uninstaller."""
    _state["log_path"] = log_path
    previous = sys.excepthook

    def hook(
        kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        report(exc, parent())

    def on_failed(exc: object) -> None:
        if isinstance(exc, BaseException):
            report(exc, parent())

    sys.excepthook = hook
    if worker is not None:
        worker.failed.connect(on_failed)
    old_handler = qInstallMessageHandler(_qt_message)

    def uninstall() -> None:
        sys.excepthook = previous
        if worker is not None:
            worker.failed.disconnect(on_failed)
        qInstallMessageHandler(old_handler)

    return uninstall


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to a console the user never sees."""
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger("dealerdesk.qt").log(level, "%s", message)
