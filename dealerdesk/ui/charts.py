"""Bars and lines painted with QPainter: the dashboard's few chart kinds (issue #15).

Why not a library: QtCharts ships only in the PySide6-Addons wheel (~150 MB more in the
venv and the bundle); pyqtgraph 0.14 is a 1.9 MB wheel (9.6 MB installed, plus colorama)
that took 0.64 s to import here and is built for scientific plots (no category axes, no
bar tooltips). The dashboard needs three things — bars (grouped or stacked), a line,
click and hover on a category — which is ~200 lines of painting with no new dependency
and no import cost.

A chart is a list of category labels and one or more series of values (None = no data).
Hovering a category shows its values as a tooltip; clicking it emits ``clicked(index,
series)`` so the dashboard can open the customers behind that bar.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from dealerdesk.vocab.retention import RiskBand

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")
BAND_COLOURS = {
    RiskBand.LOW: "#66bb6a", RiskBand.MEDIUM: "#ffb74d", RiskBand.HIGH: "#e57373",
    RiskBand.GONE: "#9e9e9e", RiskBand.NONE: "#cfd8dc",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str


def nice_top(value: float) -> float:
    """Round an axis top up to 1/2/2.5/5 x 10^n so gridlines land on round numbers."""
    if value <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * mag:
            return step * mag
    return 10 * mag


class ChartWidget(QWidget):
    """One chart. ``kind``: "bars" (grouped), "stacked" or "lines".

    Signals:
        clicked(int, int): category index and series index under the mouse.
    """

    clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.kind = "bars"
        self.fmt: Callable[[float], str] = lambda v: f"{v:,.0f}"
        self.fixed_top: float | None = None
        self.fixed_low: float | None = None
        self.empty_text = ""
        self.notes: list[str] = []  # an extra tooltip line per category (counts behind a %)
        self._hits: list[tuple[QRectF, int, int]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(360, 190)

    def set_data(self, labels: Sequence[str], series: Sequence[Series], *, kind: str = "bars",
                 fmt: Callable[[float], str] | None = None, top: float | None = None,
                 low: float | None = None) -> None:  # fmt: skip
        self.labels, self.series, self.kind = list(labels), list(series), kind
        self.fixed_low = low
        if fmt is not None:
            self.fmt = fmt
        self.fixed_top = top
        self.update()

    # --- geometry ---------------------------------------------------------------------
    def _range(self) -> tuple[float, float]:
        vals = [v for s in self.series for v in s.values if v is not None]
        if self.kind == "stacked":
            vals = [sum(s.values[i] or 0 for s in self.series) for i in range(len(self.labels))]
        low = min([0.0, *vals])
        high = self.fixed_top if self.fixed_top is not None else nice_top(max([0.0, *vals]) * 1.05)
        if low < 0:
            low = -nice_top(-low)
        if self.fixed_low is not None:
            low = self.fixed_low
        if self.fixed_top is None and low == 0 and high < 4:
            high = 4.0  # whole counts: gridlines at 1, 2, 3, 4
        return low, high if high > low else low + 1

    def category_rect(self, index: int) -> QRectF:
        """Where category *index* is drawn (tests click its centre)."""
        plot = self._plot()
        width = plot.width() / max(1, len(self.labels))
        return QRectF(plot.left() + index * width, plot.top(), width, plot.height())

    def _legend(self, fm: QFontMetrics) -> list[tuple[Series, float, float]]:
        """(series, x, y) of each legend entry, wrapped onto more rows when narrow."""
        if len(self.series) < 2:
            return []
        out, x, y = [], 40.0, 4.0
        for s in self.series:
            width = 24 + fm.horizontalAdvance(s.name)
            if x > 40 and x + width > self.width() - 4:
                x, y = 40.0, y + fm.height() + 2
            out.append((s, x, y))
            x += width
        return out

    def _plot(self) -> QRectF:
        fm = QFontMetrics(self.font())
        left = fm.horizontalAdvance(self.fmt(self._range()[1])) + 10
        entries = self._legend(fm)
        legend = entries[-1][2] + fm.height() if entries else 0
        right = fm.horizontalAdvance("2026-11") / 2 + 4  # the last label centred on its bar
        return QRectF(left, 6 + legend, max(10, self.width() - left - right),
                      max(10, self.height() - 6 - legend - fm.height() * 2 - 4))  # fmt: skip

    # --- painting ---------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        self._hits = []
        if not self.labels or not any(v is not None for s in self.series for v in s.values):
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        plot = self._plot()
        low, high = self._range()
        fm = QFontMetrics(self.font())

        def y(v: float) -> float:
            return plot.bottom() - (v - low) / (high - low) * plot.height()

        grid = QColor(self.palette().mid().color())
        grid.setAlpha(90)
        text = self.palette().text().color()
        for k in range(5):
            v = low + (high - low) * k / 4
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), y(v)), QPointF(plot.right(), y(v)))
            p.setPen(text)
            p.drawText(QRectF(0, y(v) - fm.height() / 2, plot.left() - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.fmt(v))  # fmt: skip
        n = len(self.labels)
        step = max(1, math.ceil(n * fm.horizontalAdvance("2026-11 ") / max(1.0, plot.width())))
        for i, label in enumerate(self.labels):
            cell = self.category_rect(i)
            if i % step == 0:
                p.setPen(text)
                p.drawText(QRectF(cell.left() - 20, plot.bottom() + 2, cell.width() + 40, fm.height() * 2),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)  # fmt: skip
        if self.kind == "lines":
            self._lines(p, plot, y)
        else:
            self._bars(p, y, low)
        for series, x, y in self._legend(fm):
            p.fillRect(QRectF(x, y, 10, 10), QColor(series.colour))
            p.setPen(text)
            p.drawText(QPointF(x + 14, y + fm.ascent() - 1), series.name)

    def _bars(self, p: QPainter, y: Callable[[float], float], low: float) -> None:
        groups = 1 if self.kind == "stacked" else len(self.series)
        for i in range(len(self.labels)):
            cell = self.category_rect(i)
            inner = cell.adjusted(cell.width() * 0.12, 0, -cell.width() * 0.12, 0)
            width = inner.width() / groups
            base = max(low, 0.0)
            for j, s in enumerate(self.series):
                v = s.values[i]
                if v is None:
                    continue
                if self.kind == "stacked":
                    rect = QRectF(inner.left(), y(base + v), inner.width(), y(base) - y(base + v))
                    base += v
                else:
                    top, bottom = y(max(v, 0.0)), y(min(v, 0.0))
                    rect = QRectF(inner.left() + j * width, top, width * 0.92, bottom - top)
                p.fillRect(rect, QColor(s.colour))
                self._hits.append((QRectF(rect.left(), cell.top(), rect.width(), cell.height())
                                   if self.kind != "stacked" else rect, i, j))  # fmt: skip

    def _lines(self, p: QPainter, plot: QRectF, y: Callable[[float], float]) -> None:
        for j, s in enumerate(self.series):
            pen = QPen(QColor(s.colour), 2)
            p.setPen(pen)
            prev: QPointF | None = None
            for i, v in enumerate(s.values):
                if v is None:
                    prev = None
                    continue
                point = QPointF(self.category_rect(i).center().x(), y(v))
                if prev is not None:
                    p.drawLine(prev, point)
                p.setBrush(QColor(s.colour))
                p.drawEllipse(point, 3, 3)
                prev = point
                self._hits.append((self.category_rect(i), i, j))

    # --- interaction ------------------------------------------------------------------
    def hit(self, x: float, y: float) -> tuple[int, int] | None:
        """(category, series) under a point, or None."""
        for rect, i, j in self._hits:
            if rect.contains(QPointF(x, y)):
                return i, j
        for i in range(len(self.labels)):
            if self.category_rect(i).contains(QPointF(x, y)):
                return i, 0
        return None

    def describe(self, index: int) -> str:
        """The tooltip of a category: its label and every series' value."""
        lines = [self.labels[index]]
        for s in self.series:
            v = s.values[index]
            lines.append(f"{s.name}: {'–' if v is None else self.fmt(v)}")
        if index < len(self.notes) and self.notes[index]:
            lines.append(self.notes[index])
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        found = self.hit(event.position().x(), event.position().y())
        if found is None:
            QToolTip.hideText()
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(found[0]), self)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            found = self.hit(event.position().x(), event.position().y())
            if found is not None:
                self.clicked.emit(*found)
        super().mouseReleaseEvent(event)
