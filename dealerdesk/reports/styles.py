"""Shared look of the reports: font, paragraph styles, page template, table chunks.

Everything is set in WenQuanYi Micro Hei, an open-licensed (Apache-2.0) TrueType CJK
font shipped in ``resources/fonts``: reportlab embeds the subset of glyphs a report uses,
so a manager's PDF prints the same on any PC (a CID font like STSong-Light is only named,
and a viewer without Adobe's Asian font pack substitutes one). It covers Latin and
Chinese and keeps the text extractable, so "张伟 / Zhang Wei" just works.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from dealerdesk.i18n import t
from dealerdesk.paths import resource_dir

from .data import pdf_text

FONT = "DealerDesk-WenQuanYiMicroHei"
FONT_FILE = "fonts/wqy-microhei.ttc"
PAGE_W, PAGE_H = A4
MARGIN_X = 12 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 16 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X  # content width; platypus frames add FRAME_PAD inside
FRAME_PAD = 6
CHUNK_ROWS = 500
CELL_PAD = 3
MAX_CELL_CHARS = 400
CELL_PAD_TOP = 2.5
CELL_PAD_BOTTOM = 3

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#616E7C")
ACCENT = colors.HexColor("#243B53")
ZEBRA = colors.HexColor("#F0F4F8")
RULE = colors.HexColor("#9AA5B1")
RED = colors.HexColor("#EF9A9A")
AMBER = colors.HexColor("#FFCC80")
GREEN = colors.HexColor("#A5D6A7")
ALERT_TEXT = colors.HexColor("#B71C1C")

Progress = Callable[[int, int], None]


def ensure_fonts() -> None:
    """Register the embedded font once; <b>/<i> map to it too so markup never fails."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        # subfontIndex 0 is the proportional face (1 is Micro Hei Mono).
        pdfmetrics.registerFont(TTFont(FONT, str(resource_dir() / FONT_FILE), subfontIndex=0))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)


def _style(name: str, size: float, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT,
        fontSize=size,
        leading=size * 1.25,
        textColor=kw.pop("textColor", INK),
        **kw,
    )


TITLE = _style("dd-title", 18, spaceAfter=2, textColor=ACCENT)
SUBTITLE = _style("dd-subtitle", 10, textColor=MUTED, spaceAfter=8)
H2 = _style("dd-h2", 12, textColor=ACCENT, spaceBefore=8, spaceAfter=4)
BODY = _style("dd-body", 9)
CELL = _style("dd-cell", 7.5)
BULLET = _style("dd-bullet", 7.5, leftIndent=7.5, firstLineIndent=-7.5)  # hanging "・"
CELL_RIGHT = _style("dd-cell-r", 7.5, alignment=TA_RIGHT)
HEAD = _style("dd-head", 7.5, textColor=colors.white)
HEAD_RIGHT = _style("dd-head-r", 7.5, textColor=colors.white, alignment=TA_RIGHT)
ALERT = _style("dd-alert", 6.5, textColor=ALERT_TEXT)


TIGHT_MIN_SIZE = 6.5
_TIGHT: dict[float, ParagraphStyle] = {}


def _tight_style(size: float) -> ParagraphStyle:
    if size not in _TIGHT:
        _TIGHT[size] = style = _style(f"dd-cell-{size}", size)
        style.leading = CELL.leading  # rows keep their height
    return _TIGHT[size]


def para(text: str, style: ParagraphStyle = CELL) -> CachedParagraph:
    """A wrapped cell from plain (untrusted) text: markup characters are escaped."""
    return CachedParagraph(escape(pdf_text(text)), style)


def _fits(lines: Sequence[str], room: float) -> bool:
    """Whether every line fits ``room`` points at cell size, without wrapping."""
    units = room * 1000 / CELL.fontSize
    widths = pdfmetrics.getFont(FONT).face.charWidths
    # No glyph is wider than 1000 units, so short lines need no measuring.
    return all(
        len(line) * 1000 <= units or sum(widths.get(ord(c), 1000) for c in line) <= units
        for line in lines
    )


def _clip(text: str) -> str:
    """Cap runaway text: a table row taller than a page cannot be laid out at all."""
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def cell(
    lines: str | Sequence[str], width: float, *, bullet: str = ""
) -> str | CachedParagraph | list[CachedParagraph]:
    """Table cell for ``lines`` in a column ``width`` points wide (padding included).

    Text that already fits stays a plain string, which platypus measures and
    draws several times faster than a Paragraph; only overlong text pays for a
    wrapping Paragraph. That keeps a 10,000-row report within seconds.
    With ``bullet`` each line becomes an item whose wrapped text hangs indented.
    """
    lines = [_clip(pdf_text(line)) for line in ((lines,) if isinstance(lines, str) else lines)]
    indent = BULLET.leftIndent if bullet else 0
    room = width - 2 * CELL_PAD - indent
    if _fits(lines, room):
        return "\n".join(bullet + line for line in lines)
    if len(lines) == 1 and not bullet:
        # A short value (a phone "+86 139****5678", a date) that misses its column by a
        # hair is set a little smaller rather than broken across two lines.
        natural = pdfmetrics.stringWidth(lines[0], FONT, CELL.fontSize)
        if natural <= room * CELL.fontSize / TIGHT_MIN_SIZE:
            size = CELL.fontSize * room / natural
            return CachedParagraph(escape(lines[0]), _tight_style(round(size - 0.05, 1)))
    if bullet:
        return [CachedParagraph(escape(bullet + line), BULLET) for line in lines]
    return CachedParagraph("<br/>".join(escape(line) for line in lines), CELL)


class CachedParagraph(Paragraph):
    """Paragraph that remembers its last wrap.

    Each cell is wrapped once to measure its row and again by Table when it is
    drawn; the column width never changes, so the first result is reused.
    """

    _dd_wrap: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._dd_wrap is not None and self._dd_wrap[0] == availWidth:
            return self._dd_wrap[1]
        size = super().wrap(availWidth, availHeight)
        self._dd_wrap = (availWidth, size)
        return size


class ProgressTracker:
    """Counts steps for ``progress(done, total)``: build + layout per chunk, then save.

    Layout is where the time goes, so each chunk reports twice: once when its
    rows are built and measured, and once when platypus has placed all of them.
    """

    def __init__(self, callback: Progress | None, chunks: int) -> None:
        self.callback = callback
        self.total = 2 * chunks + 1
        self.done = 0
        self.step(0)

    def step(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        if self.callback is not None:
            self.callback(self.done, self.total)

    def marker(self) -> Flowable:
        return _ProgressMark(self)


class _ProgressMark(Flowable):
    """Zero-size flowable that advances the tracker when the layout reaches it."""

    def __init__(self, tracker: ProgressTracker) -> None:
        super().__init__()
        self.tracker = tracker

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.tracker.step()


def base_table_style(
    header_rows: int = 1, *, rules: bool = True, zebra_odd: bool = False
) -> list[tuple[Any, ...]]:
    """Dark header, zebra rows and (optionally) a hairline under each row.

    The hairlines help handwriting on the agenda; the long at-risk list leaves
    them out, zebra stripes suffice there and each line costs drawing time.
    ``zebra_odd`` starts the stripes shaded so they continue across pieces.
    """
    stripes = [ZEBRA, colors.white] if zebra_odd else [colors.white, ZEBRA]
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("LEADING", (0, 0), (-1, -1), CELL.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_BOTTOM),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), stripes),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
    ]
    if rules:
        style.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE))
    if header_rows:
        last = header_rows - 1
        style += [
            ("BACKGROUND", (0, 0), (-1, last), ACCENT),
            ("TEXTCOLOR", (0, 0), (-1, last), colors.white),
            ("VALIGN", (0, 0), (-1, last), "BOTTOM"),
            ("LINEBELOW", (0, last), (-1, last), 0.25, RULE),
        ]
    return style


class RowBlock(Flowable):
    """Rows of one table that find their own page breaks.

    Row heights are measured once up front, so a page break is a running sum
    instead of platypus re-measuring the rest of a Table at every split. The
    header row is printed at the top of every page (like ``repeatRows=1``) and
    under the section heading, but not again where the next chunk simply
    continues the list in the middle of a page.
    """

    def __init__(self, spec: _TableSpec, start: int, stop: int, *, lead: bool) -> None:
        super().__init__()
        self.spec, self.start, self.stop, self.lead = spec, start, stop, lead
        self._with_header = lead

    def _header_here(self) -> bool:
        frame = getattr(self, "_frame", None)
        return self.lead or frame is None or bool(frame._atTop)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._with_header = self._header_here()
        body = sum(self.spec.heights[self.start : self.stop])
        return self.spec.width, body + (self.spec.header_h if self._with_header else 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        with_header = self._header_here()
        room = availHeight - (self.spec.header_h if with_header else 0) + 1e-6
        end = self.start
        for h in self.spec.heights[self.start : self.stop]:
            room -= h
            if room < 0:
                break
            end += 1
        if end == self.start:
            return []
        return [
            RowBlock(self.spec, self.start, end, lead=with_header),
            RowBlock(self.spec, end, self.stop, lead=False),
        ]

    def draw(self) -> None:
        table = self.spec.table(self.start, self.stop, with_header=self._with_header)
        table.wrapOn(self.canv, self.spec.width, PAGE_H)
        table.drawOn(self.canv, 0, 0)


class _TableSpec:
    """Everything needed to cut any run of rows out of one list as a Table."""

    def __init__(
        self,
        header: list[Any],
        rows: list[list[Any]],
        widths: Sequence[float],
        fills: list[Any] | None,
        shade_col: int,
        rules: bool,
    ) -> None:
        self.header, self.rows, self.widths = header, rows, list(widths)
        self.fills, self.shade_col, self.rules = fills, shade_col, rules
        self.width = sum(self.widths)
        self.header_h = _row_height(header, widths)
        self.heights = [_row_height(cells, widths) for cells in rows]

    def table(self, start: int, stop: int, *, with_header: bool) -> Table:
        top = 1 if with_header else 0
        data = ([self.header] if with_header else []) + self.rows[start:stop]
        heights = ([self.header_h] if with_header else []) + self.heights[start:stop]
        style = base_table_style(top, rules=self.rules, zebra_odd=start % 2 == 1)
        if self.fills is not None:
            style += _shade_runs(self.shade_col, self.fills[start:stop], top)
        table = Table(data, colWidths=self.widths, rowHeights=heights, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        return table


def chunked_tables(
    header: list[Any],
    rows: Sequence[Any],
    make_row: Callable[[Any], list[Any]],
    widths: Sequence[float],
    tracker: ProgressTracker,
    *,
    shade: tuple[int, Callable[[Any], Any]] | None = None,
    rules: bool = True,
) -> list[Flowable]:
    """The rows as RowBlocks of CHUNK_ROWS rows each, with a progress step per chunk.

    Chunking bounds the work done before the first progress report and keeps
    each block's row list short; ``shade=(column, colour_of_row)`` fills that
    column's cells (runs of equal colour share one style command).
    """
    out: list[Flowable] = []
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        fills = [shade[1](row) for row in chunk] if shade else None
        spec = _TableSpec(
            header, [make_row(r) for r in chunk], widths, fills, shade[0] if shade else 0, rules
        )
        out += [RowBlock(spec, 0, len(chunk), lead=start == 0), tracker.marker()]
        tracker.step()
    return out


def _row_height(cells: Sequence[Any], widths: Sequence[float]) -> float:
    """Height platypus would compute for a row with ``base_table_style`` padding."""
    tallest = 0.0
    for value, width in zip(cells, widths, strict=True):
        if isinstance(value, Flowable):
            h = value.wrap(width - 2 * CELL_PAD, PAGE_H)[1]
        elif isinstance(value, list):  # stacked flowables, no space between
            h = sum(f.wrap(width - 2 * CELL_PAD, PAGE_H)[1] for f in value)
        else:
            h = CELL.leading * (value.count("\n") + 1)
        tallest = max(tallest, h)
    return tallest + CELL_PAD_TOP + CELL_PAD_BOTTOM


def _shade_runs(col: int, fills: list[Any], first_row: int) -> list[tuple[Any, ...]]:
    """BACKGROUND commands for consecutive rows sharing a colour (from ``first_row``)."""
    cmds: list[tuple[Any, ...]] = []
    first = 0
    for i in range(1, len(fills) + 1):
        if i == len(fills) or fills[i] != fills[first]:
            if fills[first] is not None:
                span = ((col, first + first_row), (col, i - 1 + first_row))
                cmds.append(("BACKGROUND", *span, fills[first]))
            first = i
    return cmds


def make_canvas(dealership: str, title: str, today: date, pages: list[int]) -> type[Canvas]:
    """Canvas class that defers header/footer until it knows the page count.

    Classic two-pass "NumberedCanvas": page states are kept at showPage and the
    decorations are drawn in save(), when "Page N of M" can be filled in.
    The final page count is appended to ``pages`` for the caller to return.
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._dd_states: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._dd_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._dd_states)
            for number, state in enumerate(self._dd_states, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            pages.append(total)
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            self.saveState()
            top = PAGE_H - MARGIN_TOP + 6 * mm
            self.setFillColor(ACCENT)
            self.setStrokeColor(ACCENT)
            self.setLineWidth(0.25)
            text = self.beginText(MARGIN_X, top)
            text.setTextRenderMode(2)  # fill + thin stroke: a faux bold (one face, no bold file)
            text.setFont(FONT, 10)
            text.textOut(pdf_text(dealership))
            self.drawText(text)
            self.setFont(FONT, 9)
            self.drawRightString(PAGE_W - MARGIN_X, top, title)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.6)
            self.line(MARGIN_X, top - 2.5 * mm, PAGE_W - MARGIN_X, top - 2.5 * mm)
            bottom = MARGIN_BOTTOM - 9 * mm
            self.line(MARGIN_X, bottom + 4 * mm, PAGE_W - MARGIN_X, bottom + 4 * mm)
            self.setFillColor(MUTED)
            self.setFont(FONT, 8)
            self.drawString(MARGIN_X, bottom, t("pdf.report_date", day=today.isoformat()))
            self.drawRightString(PAGE_W - MARGIN_X, bottom, t("pdf.page", n=number, total=total))
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    out: str | os.PathLike[str],
    story: list[Flowable],
    *,
    dealership: str,
    title: str,
    today: date,
    tracker: ProgressTracker,
) -> int:
    """Lay out ``story`` on A4 portrait with the shared page template; return page count."""
    pages: list[int] = []
    doc = SimpleDocTemplate(
        os.fspath(out),
        pagesize=A4,
        leftMargin=MARGIN_X - FRAME_PAD,
        rightMargin=MARGIN_X - FRAME_PAD,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{title} — {dealership}",
        author="DealerDesk",
        creator="DealerDesk",
        invariant=1,
    )
    # ASCII85 only makes streams 7-bit safe (and 25 % larger); in pure Python it
    # costs ~10 % of a large build, so binary Flate streams are written instead.
    use_a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(story, canvasmaker=make_canvas(dealership, title, today, pages))
    finally:
        rl_config.useA85 = use_a85
    tracker.step(tracker.total)
    return pages[0]
