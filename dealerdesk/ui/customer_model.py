"""The customer list model: ids of the whole result, rows fetched a page at a time.

Anki's browser model, adapted. ``search_customer_ids`` returns every matching id,
already filtered and sorted in SQL, and runs on the worker; the model resets when the
ids arrive. ``data()`` reads rows from an LRU cache of ~200-row pages; a missing page
is fetched synchronously with ``customer_rows`` (one indexed query, ~1–3 ms), so a
100,000-row list opens at once and only the pages the user scrolls past are read.
No QSortFilterProxyModel: sorting is ``sort()`` → a new SQL query.

Phones are formatted lazily per row and cached: ``display_phone`` reads the region
setting each call (~0.2 ms), too slow to run for a whole page that may never be seen.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from dealerdesk.i18n import render, t
from dealerdesk.i18n.words import label_of
from dealerdesk.services import customers, membership
from dealerdesk.services.customers import CustomerFilter, CustomerListRow
from dealerdesk.ui.i18n import fmt_date, tr
from dealerdesk.ui.worker import Worker
from dealerdesk.vocab.customer import CustomerStatus
from dealerdesk.vocab.retention import RiskBand, Segment, ValueTier

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The whole CustomerListRow of a row (None while the customer no longer exists)."""
BAND_ROLE = Qt.ItemDataRole.UserRole + 2
"""The risk band ("high" | "medium" | "low" | "") of a row, for the badge delegate."""
ID_ROLE = Qt.ItemDataRole.UserRole

BAND_COLOURS = {"high": QColor("#c62828"), "medium": QColor("#ef6c00"), "low": QColor("#2e7d32")}
"""The same colours as Today's at-risk list and the PDF (red ≥ 70, amber ≥ 40, green)."""
GREY = QColor("#757575")

# (column key, header, sort key understood by the store or None when not sortable)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("name", "Name", "name"),
    ("phone", "Phone", "phone"),
    ("plate", "Plate", None),
    ("city", "City", "city"),
    ("tier", "Tier", "tier"),
    ("card", "Card", None),  # issue #14: the membership card's tier (✎: set by hand)
    ("segment", "Segment", "segment"),
    ("score", "Risk", "score"),
    ("owner", "Assigned to", "owner"),
    ("last_contact", "Last contact", "last_contact"),
    ("status", "Status", "status"),
)
COLUMN_KEYS = tuple(key for key, _h, _s in COLUMNS)

SearchFn = Callable[[CustomerFilter], list[int]]
RowsFn = Callable[[Sequence[int]], list[CustomerListRow]]
PhoneFn = Callable[[str | None], str]
CardsFn = Callable[[Sequence[int]], dict[int, tuple[str, bool]]]


class CustomerTableModel(QAbstractTableModel):
    """The customers matching ``current_filter``, one row per id, pages loaded on demand.

    Attributes:
        current_filter: the filter whose ids are shown (or are being fetched).
        page_size: rows read per query when ``data()`` meets a page not in the cache.
        last_query_ms: how long the last id query took on the worker (status bar, benchmarks).

    Signals:
        searching(): a new id query was queued.
        reset_done(int): new ids arrived and the model was reset; the row count.
        query_failed(object): the id query raised (the view reports it).
    """

    searching = Signal()
    reset_done = Signal(int)
    query_failed = Signal(object)

    def __init__(
        self,
        worker: Worker,
        parent: QObject | None = None,
        *,
        page_size: int = 200,
        cache_pages: int = 64,
        search_ids: SearchFn = customers.search_customer_ids,
        fetch_rows: RowsFn = customers.customer_rows,
        format_phone: PhoneFn = customers.display_phone,
        fetch_cards: CardsFn = membership.card_tiers,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._search_ids = search_ids
        self._fetch_rows = fetch_rows
        self._format_phone = format_phone
        self._fetch_cards = fetch_cards
        self._cards: dict[int, tuple[str, bool]] = {}  # issue #14: card tier per customer
        self._tier_names: dict[str, str] = {}
        self.page_size = page_size
        self._cache_pages = cache_pages
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[CustomerListRow | None]] = OrderedDict()
        self._phones: dict[str, str] = {}
        self.current_filter = CustomerFilter()
        self._generation = 0
        self._in_flight = False
        self._queued: CustomerFilter | None = None
        self.last_query_ms = 0.0
        self.page_fetches = 0

    # --- Qt interface -------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section][1], "CustomerTableModel")
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section][2] is None:
            return tr("This column cannot be sorted", "CustomerTableModel")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole, ROW_ROLE, BAND_ROLE,
            Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.AccessibleTextRole,
        ):  # fmt: skip
            return None
        row = self.row_at(index.row())
        key = COLUMN_KEYS[index.column()]
        if role == ROW_ROLE:
            return row
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and key == "name":
                return tr("(no longer in the list)", "CustomerTableModel")
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, key)
        if role == BAND_ROLE:
            return row.band
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(GREY) if row.status != "active" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "score":
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in SQL; a column the store cannot sort by keeps the current order."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][2] is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        flt = replace(self.current_filter, sort=COLUMNS[column][2], descending=descending)
        self.set_filter(flt)

    # --- our interface ------------------------------------------------------------------
    def set_filter(self, flt: CustomerFilter, *, force: bool = False) -> bool:
        """Queue the id query for *flt* on the worker; False when nothing changed.

        At most one query is in flight: typing faster than the worker answers replaces
        the queued filter instead of piling up stale searches.
        """
        if flt == self.current_filter and not force and (self._ids or self._in_flight):
            return False
        self.current_filter = flt
        self._generation += 1
        if self._in_flight:
            self._queued = flt
        else:
            self._start_query(flt)
        self.searching.emit()
        return True

    def refresh(self) -> None:
        """Run the current query again (after a write); keeps the rows if ids are unchanged."""
        self.set_filter(self.current_filter, force=True)

    @property
    def busy(self) -> bool:
        return self._in_flight

    def sort_column(self) -> int:
        for i, (_key, _h, sort) in enumerate(COLUMNS):
            if sort == self.current_filter.sort:
                return i
        return 0

    def ids(self) -> list[int]:
        return list(self._ids)

    def customer_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, customer_id: int) -> int:
        try:
            return self._ids.index(customer_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> CustomerListRow | None:
        """The list row at *row*, reading its page from the database if needed."""
        if not 0 <= row < len(self._ids):
            return None
        page_no, offset = divmod(row, self.page_size)
        page = self._pages.get(page_no)
        if page is None:
            page = self._load_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def set_ids(self, ids: Sequence[int]) -> None:
        """Show exactly *ids* (the worker's answer); cached pages are dropped."""
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self.endResetModel()
        self.reset_done.emit(len(self._ids))

    def invalidate(self, customer_ids: Iterable[int]) -> None:
        """Forget cached rows of *customer_ids* and repaint them (a write changed them)."""
        wanted = set(customer_ids)
        if not wanted:
            return
        for page_no in list(self._pages):
            page = self._pages[page_no]
            if any(r is None or r.id in wanted for r in page):
                del self._pages[page_no]
        last = self.columnCount() - 1
        for i, cid in enumerate(self._ids):
            if cid in wanted:
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    # --- internals ----------------------------------------------------------------------
    def _start_query(self, flt: CustomerFilter) -> None:
        self._in_flight = True
        generation = self._generation
        search = self._search_ids

        def job() -> tuple[list[int], float]:
            started = time.perf_counter()
            ids = search(flt)
            return ids, (time.perf_counter() - started) * 1000

        self._worker.submit(
            job,
            on_done=lambda result: self._query_done(generation, result),
            on_error=lambda exc: self._query_error(generation, exc),
        )

    def _next_query(self) -> bool:
        self._in_flight = False
        if self._queued is not None:
            flt, self._queued = self._queued, None
            self._start_query(flt)
            return True
        return False

    def _query_done(self, generation: int, result: tuple[list[int], float]) -> None:
        if self._next_query() or generation != self._generation:
            return  # a newer search is on its way; this answer is stale
        ids, self.last_query_ms = result
        if ids == self._ids:
            # Same rows (a write that did not move anything): repaint, keep scroll position.
            self._pages.clear()
            if ids:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(ids) - 1, self.columnCount() - 1)
                )
            self.reset_done.emit(len(ids))
            return
        self.set_ids(ids)

    def _query_error(self, generation: int, exc: BaseException) -> None:
        if self._next_query() or generation != self._generation:
            return
        self.query_failed.emit(exc)

    def _load_page(self, page_no: int) -> list[CustomerListRow | None]:
        start = page_no * self.page_size
        ids = self._ids[start : start + self.page_size]
        try:
            rows = self._fetch_rows(ids)
            self._load_cards(ids)
        except Exception:  # painting must never raise; the log keeps the cause
            log.exception("could not read customer rows %d–%d", start, start + len(ids))
            rows = []
        self.page_fetches += 1
        by_id = {r.id: r for r in rows}
        page: list[CustomerListRow | None] = [by_id.get(i) for i in ids]
        self._pages[page_no] = page
        while len(self._pages) > self._cache_pages:
            self._pages.popitem(last=False)
        return page

    def _load_cards(self, ids: Sequence[int]) -> None:
        """The page's membership cards (issue #14), with the dealership's tier names."""
        if self._fetch_cards is membership.card_tiers:
            self._tier_names = membership.tier_names()
        found = self._fetch_cards(ids)
        for cid in ids:
            if cid in found:
                self._cards[cid] = found[cid]
            else:
                self._cards.pop(cid, None)

    def _phone(self, e164: str) -> str:
        if not e164:
            return ""
        shown = self._phones.get(e164)
        if shown is None:
            try:
                shown = self._format_phone(e164)
            except Exception:
                log.exception("could not format a phone number")  # issue #11: not the number
                shown = e164
            if len(self._phones) > 20_000:
                self._phones.clear()
            self._phones[e164] = shown
        return shown

    def _display(self, row: CustomerListRow, key: str) -> str:
        if key == "name":
            return f"{row.name} ({row.name_alt})" if row.name_alt else row.name
        if key == "phone":
            return self._phone(row.phone)
        if key == "score":  # gone / never seen: no number (a grey "–"), the band says why
            unscored = row.score is None or row.band in (RiskBand.GONE, RiskBand.NONE)
            return "" if unscored else str(row.score)
        if key == "last_contact":
            return fmt_date(row.last_contact, empty=tr("never", "CustomerTableModel"))
        if key == "status":
            return label_of(CustomerStatus, row.status)
        if key == "tier":
            return label_of(ValueTier, row.tier)
        if key == "segment":
            return label_of(Segment, row.segment)
        if key == "card":
            tier, by_hand = self._cards.get(row.id, ("", False))
            name = self._tier_names.get(tier) or (t(f"accounts.card_tier.{tier}") if tier else "")
            return f"{name} ✎" if by_hand else name
        return str(getattr(row, key, "") or "")

    def _tooltip(self, row: CustomerListRow, key: str) -> str | None:
        if key == "score":
            if row.score is None:
                return tr("Not scored yet", "CustomerTableModel")
            if row.band in (RiskBand.GONE, RiskBand.NONE):
                return "\n".join([label_of(RiskBand, row.band),
                                  *(f"• {render(r)}" for r in row.reasons)])  # fmt: skip
            head = tr("Risk {score} of 100 ({band})", "CustomerTableModel").format(
                score=row.score, band=label_of(RiskBand, row.band)
            )
            return "\n".join([head, *(f"• {render(r)}" for r in row.reasons)])
        if key == "name" and row.kind == "company":
            return tr("Company", "CustomerTableModel")
        if key == "card" and self._cards.get(row.id, ("", False))[1]:
            return tr("Card tier set by hand (the suggestion is %1)", "CustomerTableModel").replace(
                "%1", self._tier_names.get(row.tier) or row.tier)  # fmt: skip
        return None
