"""Score histogram drawn with reportlab.graphics (vector, so it prints crisply)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String

from dealerdesk.i18n import t

from .data import pdf_text
from .styles import AMBER, FONT, GREEN, INK, MUTED, RED, RULE

_FIRST_INT = re.compile(r"\d+")


def band_colour(label: str) -> object:
    """Colour a band like its scores are coloured in the table (by its lower bound)."""
    match = _FIRST_INT.search(label)
    low = int(match.group()) if match else 0
    if low >= 70:
        return RED
    if low >= 40:
        return AMBER
    return GREEN


def _nice_max(value: int) -> int:
    """Round the axis top up to 1/2/5 x 10^n so the gridlines land on round numbers."""
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def score_histogram(bands: Sequence[tuple[str, int]], width: float, height: float = 150) -> Drawing:
    """Bar chart of customers per score band, with the count printed above each bar."""
    drawing = Drawing(width, height)
    drawing.add(
        String(
            0,
            height - 10,
            t("pdf.chart.title"),
            fontName=FONT,
            fontSize=9,
            fillColor=INK,
        )
    )
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 22
    chart.width, chart.height = width - 46, height - 44
    chart.data = [[count for _, count in bands]]
    # The CID font sets "–" full width, which reads as "0– 19"; a hyphen keeps "0-19".
    chart.categoryAxis.categoryNames = [pdf_text(label).replace("–", "-") for label, _ in bands]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fillColor = MUTED
    chart.categoryAxis.strokeColor = RULE
    # Headroom above the tallest bar keeps its count label clear of the title.
    top = _nice_max(int(max((count for _, count in bands), default=0) * 1.12))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = top / 5
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.bars.strokeColor = None
    chart.barSpacing = 2
    chart.groupSpacing = 6
    for i, (label, _) in enumerate(bands):
        chart.bars[(0, i)].fillColor = band_colour(label)
    chart.barLabelFormat = lambda v: f"{v:,.0f}"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.hAlign = "LEFT"
    return drawing
