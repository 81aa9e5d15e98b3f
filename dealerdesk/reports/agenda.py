"""The "Today's follow-ups" PDF: a paper worksheet for the desk.

Staff work down the list with a pen, so overdue calls come first (most overdue
on top), every row has a box to tick and an empty column for the outcome, and
rows are tall enough to write in.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from dealerdesk.i18n import t

from .data import AgendaItem, AgendaReport, fmt_date, mask_phone
from .styles import (
    BODY,
    CELL,
    CHUNK_ROWS,
    FRAME_W,
    H2,
    HEAD,
    INK,
    SUBTITLE,
    TITLE,
    Progress,
    ProgressTracker,
    build_pdf,
    cell,
    chunked_tables,
    ensure_fonts,
    para,
)

# tick, due, customer, phone, kind, reason, vehicle, assignee, last contact; notes get the rest.
# "Maintenance" fits its column whole; a model name such as "FAW-Volkswagen" fits the
# vehicle column on its own line (the plate goes above it).
_FIXED = (14, 56, 48, 62, 56, 76, 66, 38, 44)
_WIDTHS = (*_FIXED, FRAME_W - sum(_FIXED))
_HEADER = (
    "",
    "due",
    "customer",
    "phone",
    "kind",
    "reason",
    "vehicle",
    "assignee",
    "last_contact",
    "outcome",
)
_WRITING_ROOM = 24  # points of empty height in the notes cell, about two handwritten lines


class TickBox(Flowable):
    """An empty square to tick by pen; drawn, so it never depends on a font glyph."""

    def __init__(self, size: float = 8) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def days_overdue(item: AgendaItem, today: date) -> int:
    """Trust the caller's count, but never file a past due date under "Due today"."""
    return max(item.overdue_days, (today - item.due).days, 0)


def group_items(report: AgendaReport) -> list[tuple[str, list[AgendaItem]]]:
    """Split into Overdue, Due today and Coming days, keeping the given order (the one
    priority of Today and the Calendar, issue #7) within each."""
    today = report.today
    overdue = [i for i in report.items if days_overdue(i, today) > 0]
    due_today = [i for i in report.items if days_overdue(i, today) == 0 and i.due <= today]
    coming = [i for i in report.items if days_overdue(i, today) == 0 and i.due > today]
    groups = [("Overdue", overdue), ("Due today", due_today), ("Coming days", coming)]
    return [(name, items) for name, items in groups if items or name != "Coming days"]


def _due_cell(item: AgendaItem, today: date) -> Paragraph:
    late = days_overdue(item, today)
    text = item.due.isoformat()
    if late:
        overdue = t("pdf.agenda.overdue", n=late)
        text += f"<br/><font color='#B71C1C' size='6.5'>{overdue}</font>"
    return Paragraph(text, CELL)


def _row_cells(item: AgendaItem, today: date, masked: bool) -> list[Any]:
    w = _WIDTHS
    phone = mask_phone(item.phone) if masked else item.phone
    return [
        TickBox(),
        _due_cell(item, today),
        cell(item.customer, w[2]),
        cell(phone, w[3]),
        cell(item.kind, w[4]),
        cell(item.reason, w[5]),
        cell(item.vehicle.split(" · "), w[6]),
        cell(item.assignee, w[7]),
        fmt_date(item.last_contact),
        Spacer(1, _WRITING_ROOM),
    ]


def write_agenda_pdf(
    report: AgendaReport,
    out: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
) -> int:
    """Write the agenda to ``out`` and return its page count.

    ``progress(done, total)`` follows the same step scheme as the at-risk report.
    """
    ensure_fonts()
    groups = group_items(report)
    chunks = sum(-(-len(items) // CHUNK_ROWS) for _, items in groups)
    tracker = ProgressTracker(progress, chunks)
    counts = {name: len(items) for name, items in groups}
    story: list[Flowable] = [
        Paragraph(t("pdf.agenda.title"), TITLE),
        para(f"{report.dealership} — {report.today.isoformat()}", SUBTITLE),
    ]
    if not report.items:
        story.append(para(t("pdf.agenda.none"), BODY))
    else:
        parts = ", ".join(t(f"pdf.agenda.part.{name}", n=n) for name, n in counts.items())
        summary = t("pdf.agenda.summary", n=len(report.items), parts=parts)
        story.append(para(summary, BODY))
        if report.later or report.catchup:
            story.append(para(t("reports.agenda.later", later=report.later,
                                catchup=report.catchup), BODY))  # fmt: skip
        note = t("pdf.agenda.tick")
        if report.mask_phones:
            note += " " + t("pdf.masked")
        story.append(para(note, SUBTITLE))
        header = [para(t(f"pdf.col.{h}") if h else "", HEAD) for h in _HEADER]
        for name, items in groups:
            heading = f"{t(f'pdf.agenda.group.{name}')} ({len(items):,})"
            story += [CondPageBreak(90), Paragraph(heading, H2)]
            if not items:
                story.append(para(t("pdf.agenda.empty_group"), BODY))
                continue
            story += chunked_tables(
                header,
                items,
                lambda i: _row_cells(i, report.today, report.mask_phones),
                _WIDTHS,
                tracker,
            )
    return build_pdf(
        out,
        story,
        dealership=report.dealership,
        title=t("pdf.agenda.title"),
        today=report.today,
        tracker=tracker,
    )
