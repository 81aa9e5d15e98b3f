"""Every modal question and message goes through here, so tests can answer them.

A modal ``QMessageBox.exec()`` would block an offscreen test run forever. Tests call
``set_responder`` with a function that receives ``(kind, title, text)`` and returns the
answer (True/False for questions, ignored for messages); the conftest installs one that
fails loudly on any dialog a test did not expect.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

Responder = Callable[[str, str, str], object]
_responder: Responder | None = None


def set_responder(responder: Responder | None) -> None:
    """Install (or, with None, remove) the function that answers dialogs instead of a person."""
    global _responder
    _responder = responder


def _answer(kind: str, title: str, text: str) -> object | None:
    if _responder is None:
        return None
    return _responder(kind, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    if _responder is not None:
        _answer("info", title, text)
        return
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A problem the user can fix (bad input, a file that cannot be written…)."""
    if _responder is not None:
        _answer("warning", title, text)
        return
    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
    """Something went wrong that is not the user's fault; the details are in the log."""
    if _responder is not None:
        _answer("error", title, text)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, *, destructive: bool = False) -> bool:
    """Yes/No; the default button is No for destructive questions."""
    if _responder is not None:
        return bool(_answer("confirm", title, text))
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    default = QMessageBox.StandardButton.No if destructive else QMessageBox.StandardButton.Yes
    answer = QMessageBox.question(parent, title, text, buttons, default)
    return answer == QMessageBox.StandardButton.Yes


def ask_save(parent: QWidget | None, title: str, text: str) -> str:
    """'save', 'discard' or 'cancel' — the guard against leaving unsaved changes."""
    if _responder is not None:
        return str(_answer("save", title, text) or "cancel")
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.Save)
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def run_modal(dialog: QWidget, name: str) -> bool:
    """Run one of our own QDialogs modally; tests answer with ``("modal", name, "")``.

    The responder may return a callable: it is called with the dialog (fill its
    fields, then the result decides accept/reject) so tests drive the real dialog.
    """
    if _responder is not None:
        answer = _answer("modal", name, "")
        if callable(answer):
            answer = answer(dialog)
        return bool(answer)
    return bool(dialog.exec())  # type: ignore[attr-defined]
