"""The Qt binding must not corrupt reference counts (PySide6 6.12.0 on Python 3.11 did)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from dealerdesk.app import binding_problem


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    combo = QComboBox()
    combo.addItem("x", None)
    qtbot.addWidget(widget)
    qtbot.addWidget(combo)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.update()
        combo.currentData()
    assert sys.getrefcount(None) >= before - 50
    assert binding_problem() is None
