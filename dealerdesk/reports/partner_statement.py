"""The partner statement PDF: for one partner business and one period, the customers
exchanged both ways and what they spent, with the totals of each direction.

It is written FOR the partner: "customers you sent us" with their spend at the
dealership, and "customers we sent you" with the spend the partner reported. That way a
partner learns what its customers spent without the customer doing anything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from dealerdesk.i18n import fmt_date, fmt_int, fmt_money, t

from .styles import (
    BODY,
    CELL_RIGHT,
    FRAME_W,
    H2,
    HEAD,
    HEAD_RIGHT,
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


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One customer exchanged: referred on *referred_on*, *spend* over *payments* in the
    period."""

    customer: str
    phone: str
    referred_on: date
    spend: float
    payments: int


@dataclass(frozen=True, slots=True)
class PartnerStatement:
    """Everything the statement shows, already worked out (services/partner_statement.py)."""

    dealership: str
    partner: str
    kind: str  # the kind's label, in the report's language
    contact: str
    terms: str
    start: date
    end: date
    today: date
    sent_us: tuple[StatementLine, ...]
    we_sent: tuple[StatementLine, ...]

    @property
    def from_total(self) -> float:
        return round(sum(x.spend for x in self.sent_us), 2)

    @property
    def to_total(self) -> float:
        return round(sum(x.spend for x in self.we_sent), 2)


_WIDTHS = (150, 100, 90, 60, FRAME_W - 400)  # customer, phone, referred on, payments, spend
_HEADER = ("customer", "phone", "referred_on", "payments", "spend")


def _cells(line: StatementLine) -> list[object]:
    return [cell(line.customer, _WIDTHS[0]), cell(line.phone, _WIDTHS[1]),
            fmt_date(line.referred_on), para(fmt_int(line.payments), CELL_RIGHT),
            para(fmt_money(line.spend, decimals=2), CELL_RIGHT)]  # fmt: skip


def _section(title: str, note: str, lines: tuple[StatementLine, ...], total: float,
             tracker: ProgressTracker) -> list[Flowable]:  # fmt: skip
    story: list[Flowable] = [CondPageBreak(90), Paragraph(title, H2), para(note, SUBTITLE)]
    if not lines:
        return [*story, para(t("pdf.partner.none"), BODY)]
    header = [para(t(f"pdf.col.{h}"), HEAD_RIGHT if h in ("payments", "spend") else HEAD)
              for h in _HEADER]  # fmt: skip
    story += chunked_tables(header, list(lines), _cells, _WIDTHS, tracker)
    story.append(para(t("pdf.partner.total", n=len(lines),
                        amount=fmt_money(total, decimals=2)), BODY))  # fmt: skip
    return story


def write_partner_statement_pdf(
    report: PartnerStatement, out: str | os.PathLike[str], *, progress: Progress | None = None
) -> int:
    """Write the statement to *out*; return its page count."""
    ensure_fonts()
    chunks = sum(1 for part in (report.sent_us, report.we_sent) if part)
    tracker = ProgressTracker(progress, max(chunks, 1))
    title = t("pdf.partner.title")
    period = t("pdf.partner.period", partner=f"{report.partner} ({report.kind})",
               start=report.start, end=report.end)  # fmt: skip
    story: list[Flowable] = [Paragraph(title, TITLE), para(period, SUBTITLE)]
    if report.contact:
        story.append(para(t("pdf.partner.contact", contact=report.contact), BODY))
    if report.terms:
        story.append(para(t("pdf.partner.terms", terms=report.terms), BODY))
    story.append(para(t(
        "pdf.partner.summary", sent_us=len(report.sent_us), we_sent=len(report.we_sent),
        from_amount=fmt_money(report.from_total, decimals=2),
        to_amount=fmt_money(report.to_total, decimals=2)), BODY))  # fmt: skip
    story += _section(t("pdf.partner.from"),
                      t("pdf.partner.from_note", dealership=report.dealership),
                      report.sent_us, report.from_total, tracker)  # fmt: skip
    story += _section(t("pdf.partner.to"), t("pdf.partner.to_note"), report.we_sent,
                      report.to_total, tracker)  # fmt: skip
    return build_pdf(out, story, dealership=report.dealership, title=title, today=report.today,
                     tracker=tracker)  # fmt: skip
