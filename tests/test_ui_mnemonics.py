"""No two things in one window answer the same Alt letter, in either language.

The screenshot script opens every screen and dialog it pictures; with ``--check`` it only
runs ``ui.mnemonics.collisions`` on each and exits 1 listing the clashes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from dealerdesk.ui.mnemonics import collisions, mnemonic

ROOT = Path(__file__).resolve().parents[1]


def test_mnemonic_reads_the_letter_after_a_single_ampersand() -> None:
    assert mnemonic("&File") == "f"
    assert mnemonic("Follo&w-up…") == "w"
    assert mnemonic("R&&D") is None
    assert mnemonic("R&&D &team") == "t"
    assert mnemonic("客户(&C)") == "c"
    assert mnemonic("plain") is None


def test_collisions_sees_menus_and_widgets_of_one_window(qtbot: object) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.menuBar().addMenu("&File").addAction("&Quit")
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.addWidget(QPushButton("&Follow-up…"))
    hidden = QLabel("&Hidden")
    layout.addWidget(hidden)
    window.setCentralWidget(body)
    window.show()
    hidden.hide()
    assert len(collisions(window)) == 1 and "Alt+F" in collisions(window)[0]
    hidden.setText("&Quit")
    hidden.show()  # a widget's Q does not clash with an item inside the File menu
    assert len(collisions(window)) == 1


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_screen_and_dialog_has_distinct_alt_letters(tmp_path: Path, lang: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--check", "--lang", lang,
         "--customers", "200", "--db", str(tmp_path / "demo.db")],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    clashes = [line for line in result.stderr.splitlines() if "Alt-letter clash" in line]
    assert result.returncode == 0 and not clashes, "\n".join(clashes) or result.stderr[-2000:]
