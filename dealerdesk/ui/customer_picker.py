"""A customer found by any fragment (name, pinyin initials, phone, plate, VIN): a search
box with the matches under it, for "referred by" and "which customer" fields.

It reuses the customer search the Customers list runs (``complaints.find_customers``, the
first dozen matches), on the worker, debounced like the list's search box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from dealerdesk.services import complaints
from dealerdesk.ui.context import DeskContext


class _SearchBox(QLineEdit):
    """Enter picks the first match and stays here: it must not also press the dialog's
    default button (saving before the customer is even chosen)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class CustomerPicker(QWidget):
    """Type, then pick (Enter takes the first match; a click or arrow keys pick another).

    Attributes:
        search: the box; results: the matches; chosen_label: who is picked.
        customer_id: the picked customer's id (None: nobody yet).

    Signals:
        picked(int, str): a customer was picked (id, the line shown).
        searched(): a search's results arrived and are shown.
    """

    picked = Signal(int, str)
    searched = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *,
                 exclude: int | None = None, height: int = 84) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.exclude = exclude
        self.customer_id: int | None = None
        self.search = _SearchBox()
        self.search.setObjectName("picker_search")
        self.search.setPlaceholderText(self.tr("Name, pinyin initials, phone, plate or VIN"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("picker_results")
        self.results.setFixedHeight(height)
        self.results.hide()
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("picker_chosen")
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run_search)
        self._gen = 0
        self.search.textEdited.connect(self._edited)
        self.search.returnPressed.connect(self.take_first)
        self.results.currentItemChanged.connect(self._current)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.search)
        box.addWidget(self.results)
        box.addWidget(self.chosen_label)
        self.setFocusProxy(self.search)

    def _edited(self, text: str) -> None:
        if not text.strip():
            self.clear()
            return
        self._timer.start()

    def clear(self) -> None:
        self._gen += 1
        self.customer_id = None
        self.results.clear()
        self.results.hide()
        self.chosen_label.clear()

    def run_search(self) -> None:
        self._timer.stop()
        self._gen += 1
        gen = self._gen
        self.ctx.worker.submit(complaints.find_customers, self.search.text(),
                               on_done=lambda rows: self._show(gen, rows))  # fmt: skip

    def _show(self, gen: int, rows: list[complaints.CustomerChoice]) -> None:
        if gen != self._gen:
            return
        self.results.blockSignals(True)
        self.results.clear()
        for r in rows:
            if r.id == self.exclude:
                continue
            item = QListWidgetItem("  ".join(p for p in (r.name, r.phone, r.plate) if p))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.results.addItem(item)
        if not self.results.count():
            self.results.addItem(
                self.tr("No customer matches “%1”").replace("%1", self.search.text())
            )
        self.results.blockSignals(False)
        self.results.show()
        self.searched.emit()

    def take_first(self) -> None:
        """Enter in the box: pick the first match (searching first if the debounce waits)."""
        if self._timer.isActive():
            self.run_search()
            return
        first = self.results.item(0) if self.results.count() else None
        if first is not None and first.data(Qt.ItemDataRole.UserRole) is not None:
            self.results.setCurrentRow(0)
            self._current(first)

    def _current(self, item: QListWidgetItem | None, _old: object = None) -> None:
        cid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if cid is None or item is None:
            return
        self.customer_id = int(cid)
        self.chosen_label.setText("✓ " + item.text())
        self.picked.emit(self.customer_id, item.text())
