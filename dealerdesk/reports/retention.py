"""The retention summary PDF for the monthly meeting (issue #15): key figures against the
comparison period, churn, 13-month service retention and NPS by month as charts, CLV by
tier, each person's record, and what every figure means.

Plain data in (``RetentionReport``, strings already in the chosen language), a file out;
the look (font, page template, table style) is the at-risk report's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from dealerdesk.i18n import t

from .charts import _nice_max
from .styles import (
    ACCENT,
    BODY,
    CELL_RIGHT,
    FONT,
    FRAME_W,
    H2,
    HEAD,
    HEAD_RIGHT,
    INK,
    MUTED,
    RED,
    RULE,
    SUBTITLE,
    TITLE,
    ProgressTracker,
    base_table_style,
    build_pdf,
    ensure_fonts,
    para,
)

Num = float | None


@dataclass(frozen=True, slots=True)
class RetentionReport:
    """What the summary prints; each row of ``key_figures`` is (figure, period,
    comparison, change), ``tiers`` (tier, customers, spend a year, retention, CLV),
    ``staff`` (name, follow-ups on time, calls, complaints in target, retention)."""

    dealership: str
    first: date
    last: date
    compare_first: date
    compare_last: date
    key_figures: tuple[tuple[str, str, str, str], ...]
    leaky: str
    months: tuple[str, ...]
    churn: tuple[Num, ...]
    service13: tuple[Num, ...]
    nps: tuple[Num, ...]
    tiers: tuple[tuple[str, str, str, str, str], ...]
    staff: tuple[tuple[str, str, str, str, str], ...]
    definitions: tuple[tuple[str, str], ...]


def _axis(chart: Any, top: float, low: float = 0.0) -> None:
    chart.valueAxis.valueMin = low
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = (top - low) / 4
    for axis in (chart.valueAxis, chart.categoryAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7
        axis.labels.fillColor = MUTED
        axis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.25


def _frame(title: str, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.add(String(0, height - 10, title, fontName=FONT, fontSize=9, fillColor=INK))
    d.hAlign = "LEFT"
    return d


def _labels(months: Sequence[str]) -> list[str]:
    step = max(1, -(-len(months) // 12))
    return [m if i % step == 0 else "" for i, m in enumerate(months)]


def bar_chart(title: str, labels: Sequence[str], values: Sequence[Num], width: float,
              height: float = 140, colour: Any = RED) -> Drawing:  # fmt: skip
    d = _frame(title, width, height)
    c = VerticalBarChart()
    c.x, c.y, c.width, c.height = 34, 20, width - 44, height - 40
    c.data = [[v or 0 for v in values] or [0]]
    c.categoryAxis.categoryNames = _labels(labels) or [""]
    _axis(c, _nice_max(int(max([v or 0 for v in values] + [1]) * 1.15) + 1))
    c.valueAxis.labelTextFormat = lambda v: f"{v:.0f}%"
    c.bars.strokeColor = None
    c.bars[0].fillColor = colour
    d.add(c)
    return d


def line_chart(title: str, labels: Sequence[str], values: Sequence[Num], width: float, *,
               top: float = 100, low: float = 0, height: float = 140, suffix: str = "") -> Drawing:  # fmt: skip
    d = _frame(title, width, height)
    c = HorizontalLineChart()
    c.x, c.y, c.width, c.height = 34, 20, width - 44, height - 40
    c.data = [[v if v is not None else None for v in values] or [0]]
    c.categoryAxis.categoryNames = _labels(labels) or [""]
    _axis(c, top, low)
    c.valueAxis.labelTextFormat = lambda v: f"{v:.0f}{suffix}"
    c.categoryAxis.joinAxisMode = "bottom"  # labels under the plot, not on the zero line
    c.lines[0].strokeColor = ACCENT
    c.lines[0].strokeWidth = 1.5
    d.add(c)
    return d


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    data = [[para(h, HEAD if i == 0 else HEAD_RIGHT) for i, h in enumerate(header)]]
    data += [[para(c) if i == 0 else para(c, CELL_RIGHT) for i, c in enumerate(r)] for r in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(base_table_style()))
    return table


def write_retention_pdf(report: RetentionReport, out: str | os.PathLike[str], *,
                        progress: Any = None) -> int:  # fmt: skip
    """Write the summary to *out*; return its page count."""
    ensure_fonts()
    tracker = ProgressTracker(progress, chunks=0)
    half = (FRAME_W - 10) / 2
    story: list[Flowable] = [
        Paragraph(t("dash.pdf.title"), TITLE),
        para(
            t(
                "dash.pdf.subtitle",
                dealership=report.dealership,
                first=report.first.isoformat(),
                last=report.last.isoformat(),
                cfirst=report.compare_first.isoformat(),
                clast=report.compare_last.isoformat(),
            ),
            SUBTITLE,
        ),
        Paragraph(t("dash.pdf.key"), H2),
        _table(
            [
                t("dash.col.figure"),
                t("dash.col.period"),
                t("dash.col.compare"),
                t("dash.col.change"),
            ],
            report.key_figures,
            (170, 140, 140, FRAME_W - 450),
        ),
        Spacer(1, 6),
        para(report.leaky, BODY),
        Spacer(1, 8),
    ]
    charts = Table([
        [bar_chart(t("dash.fig.months"), report.months, report.churn, half),
         line_chart(t("dash.fig.service13"), report.months, report.service13, half, suffix="%")],
        [line_chart(t("dash.fig.nps"), report.months, report.nps, half, top=100, low=-100), ""],
    ], colWidths=(half + 5, half + 5))  # fmt: skip
    charts.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    story += [charts, CondPageBreak(120), Paragraph(t("dash.fig.clv"), H2)]
    story.append(_table([t("dash.col.tier"), t("dash.col.customers"), t("dash.col.annual"),
                         t("dash.col.retention"), t("dash.col.clv")], report.tiers,
                        (90, 80, 120, 90, FRAME_W - 380)))  # fmt: skip
    story += [CondPageBreak(120), Paragraph(t("dash.fig.staff"), H2)]
    story.append(_table([t("dash.col.staff"), t("dash.col.followups"), t("dash.col.calls"),
                         t("dash.col.complaints"), t("dash.col.owned_retention")], report.staff,
                        (90, 130, 60, 120, FRAME_W - 400)))  # fmt: skip
    story += [CondPageBreak(160), Paragraph(t("dash.pdf.definitions"), H2)]
    defs = Table([[para(n, BODY), para(d, BODY)] for n, d in report.definitions],
                 colWidths=(150, FRAME_W - 150), hAlign="LEFT")  # fmt: skip
    defs.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                              ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F0F4F8"))]))  # fmt: skip
    story.append(defs)
    return build_pdf(out, story, dealership=report.dealership, title=t("dash.pdf.title"),
                     today=report.last, tracker=tracker)  # fmt: skip
