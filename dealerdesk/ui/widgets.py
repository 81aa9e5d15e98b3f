"""Widget shapes every list screen repeats: a read-only row-selecting table, two panes,
a row of named buttons.

Why one place: the screens (complaints, win-back, referrals, partners, cards, campaigns)
each built the same table by hand, and a fix to one (word wrap, the stretch of the last
column) reached only that one.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)


def list_table(
    model: QAbstractItemModel,
    name: str,
    *,
    multi: bool = False,
    widths: Sequence[int] = (),
    alternating: bool = False,
) -> QTableView:
    """A read-only table over *model* that selects whole rows (several with *multi*), no
    row numbers, no wrapping, the last column stretched; *widths* sets the first columns."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)  # fmt: skip
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(alternating)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col, width in enumerate(widths):
        view.setColumnWidth(col, width)
    return view


def side_by_side(left: QWidget, right: QWidget, sizes: tuple[int, int]) -> QSplitter:
    """A list on the left and its detail on the right; neither pane can be collapsed."""
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(left)
    split.addWidget(right)
    split.setSizes(list(sizes))
    split.setChildrenCollapsible(False)
    return split


def button_row(
    prefix: str,
    specs: Sequence[tuple[str, str, Callable[[], object]]],
    into: MutableMapping[str, QPushButton],
) -> QHBoxLayout:
    """A left-aligned row of push buttons, one per (key, text, slot): each named
    ``{prefix}_{key}`` (what tests and screenshots find) and kept in *into* under its key
    (so the screen can enable it); the slot is called without the "checked" argument."""
    row = QHBoxLayout()
    for key, text, slot in specs:
        button = QPushButton(text)
        button.setObjectName(f"{prefix}_{key}")
        button.clicked.connect(lambda _c=False, s=slot: s())
        into[key] = button
        row.addWidget(button)
    row.addStretch(1)
    return row
