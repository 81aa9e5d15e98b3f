"""Alt+letter mnemonics: find two things in one window answering the same letter.

Within a window, the menu bar's titles and every visible button, label, check box, group
box and tab share one set of Alt letters; each menu's items share another. Two owners of
one letter means Alt+letter cycles or picks the wrong one (Alt+F once meant both File and
Follow-up). :func:`collisions` lists them; the screenshot script and a test call it on
every screen and dialog, in both languages (a Chinese label keeps its "(&F)" letter).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QWidget,
)


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), lower-cased."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def _texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
    return []


def _clashes(owners: dict[str, list[str]], where: str) -> list[str]:
    return [f"{where}: Alt+{key.upper()} is {' / '.join(repr(o) for o in names)}"
            for key, names in sorted(owners.items()) if len(names) > 1]  # fmt: skip


def collisions(window: QWidget) -> list[str]:
    """Every clash in ``window`` as it is shown now (hidden screens do not count)."""
    owners: dict[str, list[str]] = defaultdict(list)
    menus: list[QMenu] = []
    if isinstance(window, QMainWindow) and window.menuBar().isVisible():
        for action in window.menuBar().actions():
            key = mnemonic(action.text())
            if key and action.isVisible():
                owners[key].append(action.text())
            if action.menu() is not None:
                menus.append(action.menu())  # type: ignore[arg-type]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        for text in _texts(widget):
            key = mnemonic(text)
            if key:
                owners[key].append(text)
    problems = _clashes(owners, window.windowTitle() or window.objectName())
    while menus:
        menu = menus.pop()
        items: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            key = mnemonic(action.text())
            if key and action.isVisible():
                items[key].append(action.text())
            if action.menu() is not None:
                menus.append(action.menu())  # type: ignore[arg-type]
        problems += _clashes(items, f"menu {menu.title()!r}")
    return problems
