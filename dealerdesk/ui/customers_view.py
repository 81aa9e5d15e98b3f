"""Customers: search as you type, filter, sort, and open one — mostly from the keyboard.

The front desk finds a customer by any fragment (name, pinyin initials, phone, plate,
VIN). Keystrokes restart a ~200 ms debounce timer so a burst of typing costs one
query; the query runs on the worker and the model resets when its ids arrive. Down
or Enter in the search box moves to the list; Enter on a row opens the customer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dealerdesk import i18n
from dealerdesk.i18n.words import label as vocab_label
from dealerdesk.services import customers
from dealerdesk.services.changes import Changed
from dealerdesk.services.customers import CustomerFilter, StaffRecord
from dealerdesk.ui import errors
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_model import (
    BAND_COLOURS,
    BAND_ROLE,
    COLUMN_KEYS,
    GREY,
    CustomerTableModel,
)
from dealerdesk.vocab.retention import RiskBand, Segment, ValueTier

_Index = QModelIndex | QPersistentModelIndex
DEBOUNCE_MS = 200
BANDS = (RiskBand.HIGH, RiskBand.MEDIUM, RiskBand.LOW, RiskBand.GONE, RiskBand.NONE)  # worst first
LIST_TABLES = frozenset({"customer", "vehicle", "contact_log", "customer_score", "score",
                         "staff", "visit", "complaint", "survey", "membership_card"})  # fmt: skip
COLUMN_WIDTHS = {"name": 170, "phone": 120, "plate": 95, "city": 70, "tier": 72, "card": 80,
                 "segment": 115, "score": 56, "owner": 100, "last_contact": 100}  # fmt: skip


class RiskBadgeDelegate(QStyledItemDelegate):
    """Paints the risk score as a rounded badge coloured by its band; "–" when unscored."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        band = str(index.data(BAND_ROLE) or "")
        painter.save()
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        rect: QRect = option.rect
        if not text:
            painter.setPen(GREY)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "–")
            painter.restore()
            return
        width = max(34, painter.fontMetrics().horizontalAdvance(text) + 14)
        height = min(rect.height() - 6, 20)
        badge = QRect(rect.center().x() - width // 2 + 1, rect.center().y() - height // 2 + 1,
                      width, height)  # fmt: skip
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAND_COLOURS.get(band, GREY))
        painter.drawRoundedRect(badge, height / 2, height / 2)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class CustomersView(QWidget):
    """The searchable, filterable customer list.

    Attributes:
        search: the search box (Ctrl+F focuses it from anywhere).
        table: the QTableView over ``model``.
        model: the paged CustomerTableModel.
        tier, segment, band, staff: the filter combos (data = the filter value or None).
    """

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CustomersView")
        self.ctx = ctx
        self._stale = False
        self._select_first = False
        self.model = CustomerTableModel(ctx.worker, self)

        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText(
            self.tr("Search name, pinyin initials, phone, plate or VIN  (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textEdited.connect(lambda _t: self._debounce.start())
        self.search.textChanged.connect(self._text_changed)
        self.search.returnPressed.connect(self._search_entered)

        self.tier = self._combo("filter_tier", self.tr("Any tier"),
                                [(str(t), vocab_label(t)) for t in ValueTier])  # fmt: skip
        self.segment = self._combo("filter_segment", self.tr("Any segment"),
                                   [(str(s), vocab_label(s)) for s in Segment])  # fmt: skip
        self.band = self._combo("filter_band", self.tr("Any risk"),
                                [(str(b), vocab_label(b)) for b in BANDS])  # fmt: skip
        self.staff = self._combo("filter_staff", self.tr("Anyone"), [])
        self.new_button = QPushButton(self.tr("&New customer…"))
        self.new_button.setObjectName("new_customer_button")
        self.count_label = QLabel()
        self.count_label.setObjectName("customer_count")

        self.table = QTableView()
        self.table.setObjectName("customer_table")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("score"), RiskBadgeDelegate(self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, as a keyboard user expects
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for key, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(COLUMN_KEYS.index(key), width)
        header.sortIndicatorChanged.connect(self._sort_requested)
        self.table.activated.connect(self._open_index)

        self.model.reset_done.connect(self._rows_arrived)
        self.model.query_failed.connect(lambda exc: errors.report(exc, self))
        ctx.hub.changed.connect(self._on_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.tier, self.segment, self.band, self.staff):
            filters.addWidget(combo, 1)
        filters.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setFocusProxy(self.search)
        self.setTabOrder(self.search, self.tier)
        self.setTabOrder(self.tier, self.segment)
        self.setTabOrder(self.segment, self.band)
        self.setTabOrder(self.band, self.staff)
        self.setTabOrder(self.staff, self.new_button)
        self.setTabOrder(self.new_button, self.table)

    # --- public -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload staff names and re-run the current search."""
        self._stale = False
        self.ctx.worker.submit(customers.list_staff, on_done=self._set_staff,
                               on_error=lambda exc: errors.report(exc, self))  # fmt: skip
        self.model.refresh()

    def current_filter(self) -> CustomerFilter:
        """The filter the widgets describe now (the sort comes from the model)."""
        model_flt = self.model.current_filter
        return CustomerFilter(
            text=self.search.text().strip(),
            tier=self.tier.currentData(),
            segment=self.segment.currentData(),
            band=self.band.currentData(),
            staff_id=self.staff.currentData(),
            sort=model_flt.sort,
            descending=model_flt.descending,
        )

    def apply_filter(self) -> None:
        """Run the search now (the debounce timer's end, Enter, or a filter change)."""
        self._debounce.stop()
        self.model.set_filter(self.current_filter())
        self.count_label.setText(self.tr("Searching…"))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def current_customer_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.customer_id(index.row()) if index.isValid() else None

    def select_customer(self, customer_id: int) -> bool:
        row = self.model.row_of(customer_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # --- events -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            and self.model.rowCount()
        ):
            self._focus_table()
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- internals ----------------------------------------------------------------------
    def _combo(self, name: str, any_label: str, items: list[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(any_label, None)
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        return combo

    def _set_staff(self, staff: list[StaffRecord]) -> None:
        current = self.staff.currentData()
        self.staff.blockSignals(True)
        self.staff.clear()
        self.staff.addItem(self.tr("Anyone"), None)
        for member in staff:
            self.staff.addItem(member.name, member.id)
        at = self.staff.findData(current)
        self.staff.setCurrentIndex(max(at, 0))
        self.staff.blockSignals(False)

    def _text_changed(self, text: str) -> None:
        # The clear button and setText() do not emit textEdited; an empty box searches now.
        if not text:
            self.apply_filter()

    def _search_entered(self) -> None:
        self._select_first = True
        if self._debounce.isActive() or self.current_filter() != self.model.current_filter:
            self.apply_filter()
        elif not self.model.busy:
            self._rows_arrived(self.model.rowCount())

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    def _rows_arrived(self, count: int) -> None:
        flt = self.model.current_filter
        if count == 0 and (flt.text or flt.tier or flt.segment or flt.band or flt.staff_id):
            self.count_label.setText(self.tr("No customer matches"))
        else:
            self.count_label.setText(
                i18n.t("count.customers", n=count)
                + (self.tr("  ·  %1 ms").replace("%1", f"{self.model.last_query_ms:.0f}"))
            )
        header = self.table.horizontalHeader()
        column = self.model.sort_column()
        order = (Qt.SortOrder.DescendingOrder if flt.descending
                 else Qt.SortOrder.AscendingOrder)  # fmt: skip
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)
        if self._select_first and count:
            self._select_first = False
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        if self.model.sort_column() != column:  # not sortable: put the indicator back
            self._rows_arrived(self.model.rowCount())
        else:
            self.count_label.setText(self.tr("Sorting…"))

    def _open_index(self, index: QModelIndex) -> None:
        customer_id = self.model.customer_id(index.row())
        if customer_id is not None:
            self.ctx.hub.open_customer.emit(customer_id)

    def _on_changed(self, change: Changed) -> None:
        if not (change.tables & LIST_TABLES or change.customer_ids):
            return
        if "staff" in change.tables or not self.isVisible():
            self._stale = True
        if not self.isVisible():
            return
        self.model.invalidate(change.customer_ids)
        if self._stale:
            self.refresh()
        else:
            self.model.refresh()
