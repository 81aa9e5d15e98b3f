"""Table models of the Campaigns screen: campaigns with results, members, exclusions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from dealerdesk.i18n import render
from dealerdesk.services import campaigns
from dealerdesk.services.campaigns import CampaignRow, MemberRow
from dealerdesk.ui.complaint_dialogs import vocab_label
from dealerdesk.ui.i18n import fmt_date, tr
from dealerdesk.ui.records_model import RecordsTableModel

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


class CampaignsModel(RecordsTableModel):
    """One row per campaign with its results and response rate (accepted / invited)."""

    HEADERS = ("Campaign", "Kind", "Starts", "Invited", "Reached", "Accepted", "Visited",
               "Response rate", "Calls planned")  # fmt: skip

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: CampaignRow | None = self._row(index)
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.name, vocab_label("campaign_kind", r.kind), fmt_date(r.starts_on),
                    str(r.invited), str(r.reached), str(r.accepted), str(r.visited),
                    _pct(campaigns.response_rate(r)), str(r.invitations))[col]  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return _RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class MembersModel(RecordsTableModel):
    """The invited customers of one campaign, their message and results."""

    HEADERS = ("Customer", "Phone", "Invitation", "Reached", "Accepted", "Visited", "Message")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: MemberRow | None = self._row(index)
        if r is None:
            return None
        col = index.column()
        yes = tr("✓", "MembersModel")
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.name, r.phone, r.followup.replace("/", " · "),
                    yes if r.reached else "", yes if r.accepted else "",
                    yes if r.visited else "", r.message)[col]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole and col == 6:
            return r.message
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= col <= 5:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ExcludedModel(RecordsTableModel):
    """Who matched the audience but gets no invitation, and why."""

    HEADERS = ("Customer", "Left out because")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        customer, _kind, why = row
        return customer.name if index.column() == 0 else render(why)
