"""PDF reports (at-risk customers, daily agenda) built with reportlab from plain data.

The package knows no database and no Qt: callers pass the frozen records from
``dealerdesk.reports.data`` and get a file plus its page count back.
"""

from __future__ import annotations

from .agenda import write_agenda_pdf
from .at_risk import write_at_risk_pdf
from .data import AgendaItem, AgendaReport, AtRiskReport, AtRiskRow, mask_phone

__all__ = [
    "AgendaItem",
    "AgendaReport",
    "AtRiskReport",
    "AtRiskRow",
    "mask_phone",
    "write_agenda_pdf",
    "write_at_risk_pdf",
]
