"""The "Customers at risk" PDF: summary, score histogram and the ranked call list.

A manager prints this to hand out calls, so the table carries everything needed
to act on a row (reasons, suggested action, owner, phone) and nothing else.
"""

from __future__ import annotations

import os
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from dealerdesk.i18n import CATALOG, Msg, render

from .charts import score_histogram
from .data import AtRiskReport, AtRiskRow, fmt_date, fmt_money, mask_phone
from .styles import (
    AMBER,
    BODY,
    CELL_RIGHT,
    CHUNK_ROWS,
    FRAME_W,
    GREEN,
    H2,
    HEAD,
    HEAD_RIGHT,
    RED,
    RULE,
    SUBTITLE,
    TITLE,
    ZEBRA,
    Progress,
    ProgressTracker,
    base_table_style,
    build_pdf,
    cell,
    chunked_tables,
    ensure_fonts,
    para,
)

REPORT_TITLE = "Customers at risk"
# #, name, tier, score, reasons, action, owner, phone, last contact: sums to FRAME_W.
_WIDTHS = (20, 76, 40, 28, 118, 86, 46, 62, 51)
_HEADER = (
    "#",
    "Customer",
    "Tier",
    "Score",
    "Top reasons",
    "Suggested action",
    "Owner",
    "Phone",
    "Last contact",
)


def score_colour(score: int) -> Any:
    """Red from 70, amber from 40, green below: the same bands as the histogram."""
    if score >= 70:
        return RED
    if score >= 40:
        return AMBER
    return GREEN


def _tier(code: str) -> str:
    key = f"vocab.value_tier.{code}"
    return render(Msg(key)) if key in CATALOG else code


def _row_cells(row: AtRiskRow, masked: bool) -> list[Any]:
    w = _WIDTHS
    phone = mask_phone(row.phone) if masked else row.phone
    return [
        str(row.rank),
        cell(row.name, w[1]),
        cell(_tier(row.tier), w[2]),
        str(row.score),
        cell([render(r) for r in row.reasons[:3]], w[4], bullet="\u30fb"),
        cell(render(row.suggested_action), w[5]),
        cell(row.owner, w[6]),
        cell(phone, w[7]),
        fmt_date(row.last_contact),
    ]


def _summary(report: AtRiskReport) -> Flowable:
    """Key figures on the left, the per-tier breakdown on the right."""
    share = (
        f"{report.at_risk_count / report.total_customers:.1%}" if report.total_customers else "–"
    )
    kpis = [
        ("Customers scored", f"{report.total_customers:,}"),
        ("At risk", f"{report.at_risk_count:,}"),
        ("Share of all customers", share),
        ("Spend at stake (24 months)", fmt_money(report.spend_at_stake, report.currency)),
    ]
    kpi_table = Table(
        [[para(k, BODY), para(v, BODY)] for k, v in kpis], colWidths=(120, 115), hAlign="LEFT"
    )
    kpi_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 0), (-1, -1), [ZEBRA, colors.white]),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ]
        )
    )
    tier_rows: list[list[Any]] = [
        [para("Tier", HEAD), para("At risk", HEAD_RIGHT), para("Spend at stake", HEAD_RIGHT)]
    ]
    for tier, count, spend in report.by_tier:
        tier_rows.append(
            [
                para(_tier(tier)),
                para(f"{count:,}", CELL_RIGHT),
                para(fmt_money(spend, report.currency), CELL_RIGHT),
            ]
        )
    if len(tier_rows) == 1:
        tier_rows.append([para("–"), para("0", CELL_RIGHT), para("–", CELL_RIGHT)])
    tier_table = Table(tier_rows, colWidths=(90, 60, 100), hAlign="RIGHT", repeatRows=1)
    tier_table.setStyle(TableStyle(base_table_style()))
    outer = Table([[kpi_table, tier_table]], colWidths=(FRAME_W - 262, 262))
    outer.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ]
        )
    )
    return outer


def _count_note(shown: int, at_risk: int) -> str:
    """ " (60)", or " (top 50 of 60)" when the caller passed only the top of the list."""
    if not shown:
        return ""
    if shown < at_risk:
        return f" (top {shown:,} of {at_risk:,})"
    return f" ({shown:,})"


def write_at_risk_pdf(
    report: AtRiskReport,
    out: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
) -> int:
    """Write the at-risk report to ``out`` and return its page count.

    ``progress(done, total)`` is called as table chunks are built and laid out
    (total = 2 per 500-row chunk + 1 for saving); ``done == total`` at the end.
    """
    ensure_fonts()
    rows = sorted(report.rows, key=lambda r: r.rank)
    tracker = ProgressTracker(progress, chunks=-(-len(rows) // CHUNK_ROWS))
    story: list[Flowable] = [
        Paragraph(REPORT_TITLE, TITLE),
        para(f"{report.dealership} — {report.today.isoformat()}", SUBTITLE),
        _summary(report),
        Spacer(1, 10),
    ]
    if report.score_histogram:
        story.append(score_histogram(report.score_histogram, FRAME_W))
    story.append(CondPageBreak(90))
    story.append(Paragraph(f"Ranked customers{_count_note(len(rows), report.at_risk_count)}", H2))
    if not rows:
        story.append(para("No customers are at risk — nothing to show.", BODY))
    else:
        if report.mask_phones:
            story.append(para("Phone numbers are masked.", SUBTITLE))
        header = [para(h, HEAD) for h in _HEADER]
        masked = report.mask_phones
        story += chunked_tables(
            header,
            rows,
            lambda r: _row_cells(r, masked),
            _WIDTHS,
            tracker,
            shade=(3, lambda r: score_colour(r.score)),
            rules=False,
        )
    return build_pdf(
        out,
        story,
        dealership=report.dealership,
        title=REPORT_TITLE,
        today=report.today,
        tracker=tracker,
    )
