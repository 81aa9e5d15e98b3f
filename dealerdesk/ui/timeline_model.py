"""What the customer detail shows: its load job, the timeline and vehicle models, the risk.

One worker job (``load_detail``) reads everything the screen needs; the models hold the
plain records it returned, so ``data()`` never reaches the database. The timeline
arrives newest first from the store and is shown as it is.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from dealerdesk.i18n import render
from dealerdesk.i18n.words import label_of
from dealerdesk.services import customers
from dealerdesk.services.customers import CustomerRecord, StaffRecord, TimelineEntry
from dealerdesk.ui.customer_model import BAND_COLOURS, GREY
from dealerdesk.ui.i18n import fmt_date, fmt_datetime, fmt_int, fmt_money, tr
from dealerdesk.ui.records_model import RecordsTableModel
from dealerdesk.vocab.retention import RiskBand

_Index = QModelIndex | QPersistentModelIndex

KIND_LABELS = {
    "sale": "Purchase", "service": "Service", "repair": "Repair", "parts": "Parts",
    "accessory": "Accessory", "insurance": "Insurance", "contact": "Contact",
    "complaint": "Complaint", "survey": "Survey",
}  # fmt: skip
KIND_COLOURS = {
    "sale": QColor("#1565c0"), "service": QColor("#2e7d32"), "repair": QColor("#558b2f"),
    "contact": QColor("#6a1b9a"), "complaint": QColor("#c62828"), "survey": QColor("#ef6c00"),
}  # fmt: skip
DEFAULT_COLOUR = QColor("#607d8b")
TIMELINE_LIMIT = 500


@dataclass(frozen=True, slots=True)
class DetailData:
    """What one load job returns: nothing on the screen needs another query."""

    record: CustomerRecord
    timeline: list[TimelineEntry]
    staff: list[StaffRecord]
    phones: dict[str, str]


def load_detail(customer_id: int) -> DetailData:
    """Worker job: the customer, the newest timeline entries, staff and readable phones.

    Writes rescore the customer themselves (services.aftercare), so the score read here
    already reflects a call just logged.
    """
    record = customers.get_customer(customer_id)
    phones = {p: customers.display_phone(p) for p in (record.phone, record.phone2) if p}
    return DetailData(record, customers.timeline(customer_id, limit=TIMELINE_LIMIT),
                      customers.list_staff(), phones)  # fmt: skip


def badge_style(band: str) -> str:
    """The detail's big risk badge: white on the band's colour (grey when unscored)."""
    colour = BAND_COLOURS.get(band, GREY).name()
    return (f"background:{colour}; color:white; border-radius:8px; font-weight:bold;"
            " font-size:14pt;")  # fmt: skip


def risk_html(s: Any) -> str:
    """The score's reasons in words, the chance the customer is still active, the advice."""
    ctx = "CustomerDetail"
    if s is None:
        return tr("Not scored yet: the risk score appears after the next analysis (Today or "
                  "the at-risk report).", ctx)  # fmt: skip
    extra = []
    # (BG/NBD's P(alive) is one input of the score, not shown beside it: two different
    # probabilities side by side read as a contradiction.)
    if s.action:
        extra.append(tr("suggested: %1", ctx).replace("%1", html.escape(render(s.action))))
    head = tr("<b>Risk %1 (%2)</b>", ctx).replace("%1", str(s.score)).replace(
        "%2", html.escape(label_of(RiskBand, s.band)))  # fmt: skip
    # Rich text: each sentence is escaped exactly once, here.
    lines = "".join(f"<li>{html.escape(render(reason))}</li>" for reason in s.reasons)
    reasons = (f"<ul style='margin:2px 0 0 -20px'>{lines}</ul>" if lines
               else tr("<br>No warning signs.", ctx))  # fmt: skip
    return f"{head}  <span style='color:#555'>{' · '.join(extra)}</span>{reasons}"


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS.get(kind, kind.replace("_", " ").capitalize()), "TimelineModel")


class TimelineModel(RecordsTableModel):
    """Purchases, services, contacts, complaints and surveys in one list, newest first."""

    HEADERS = ("When", "Kind", "What", "Amount", "Staff", "Details")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry: TimelineEntry | None = self._row(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 5):
            return "\n".join(p for p in (_pretty(entry.title), entry.detail) if p) or None
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return KIND_COLOURS.get(entry.kind, DEFAULT_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.UserRole:
            return entry.kind
        return None

    @staticmethod
    def _display(entry: TimelineEntry, column: int) -> str:
        if column == 0:
            return _when(entry.at)
        if column == 1:
            return kind_label(entry.kind)
        if column == 2:
            return _pretty(entry.title)
        if column == 3:
            return fmt_money(entry.amount)
        if column == 4:
            return entry.staff
        return entry.detail


class VehiclesModel(RecordsTableModel):
    """The customer's vehicles; the dates the cadence watches (warranty end, insurance
    end, inspection due) come before mileage and price, which matter less at the desk."""

    HEADERS = ("Plate", "Vehicle", "VIN", "Bought", "Warranty", "Insurance", "Inspection",
               "Mileage", "Price")  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        v = self._row(index)  # a VehicleRecord (not re-exported by the services)
        if v is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(v, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (7, 8):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.UserRole:
            return v.id
        return None

    @staticmethod
    def _display(v: Any, column: int) -> str:
        values: tuple[Any, ...] = (
            v.plate,
            " ".join(str(p) for p in (v.make, v.model, v.year or "") if p),
            v.vin,
            fmt_date(v.purchase_date),
            fmt_date(v.warranty_end),
            fmt_date(v.insurance_end),
            fmt_date(v.inspection_due),
            f"{fmt_int(v.mileage_km)} km" if v.mileage_km is not None else "",
            fmt_money(v.purchase_price),
        )
        return str(values[column])


def _when(at: datetime) -> str:
    if (at.hour, at.minute, at.second) == (0, 0, 0):
        return fmt_date(date(at.year, at.month, at.day))
    return fmt_datetime(at)


def _pretty(title: str) -> str:
    """Store keys such as "no_answer" read as words."""
    return title.replace("_", " ")
