"""Report use cases: gather plain data from the store and analytics, write the PDF.

Both functions are safe to run on the window's background worker; ``progress(done,
total)`` is forwarded from the PDF writer so the window can show a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dealerdesk.errors import DealerDeskError
from dealerdesk.i18n import t
from dealerdesk.reports import AgendaItem, AgendaReport, write_agenda_pdf, write_at_risk_pdf
from dealerdesk.services import followups, scoring, settings
from dealerdesk.services.customers import display_phone

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReportResult:
    path: Path
    pages: int


def check_pdf_path(out: Path) -> Path:
    """*out* as a Path, refused unless it ends in .pdf and its folder exists."""
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise DealerDeskError(t("safety.pdf.suffix", name=out.name))
    if not out.parent.is_dir():
        raise DealerDeskError(t("safety.pdf.no_folder", folder=out.parent))
    return out


def make_at_risk_pdf(
    out: Path,
    *,
    today: date,
    top: int = 100,
    mask_phones: bool = True,
    progress: Progress | None = None,
) -> ReportResult:
    """Score (refreshing the cache), then write "Customers at risk" to *out*.

    Phones are masked unless asked (issue #11): the list is read and shared, not dialled.
    """
    out = check_pdf_path(out)
    scoring.refresh_scores(today=today)
    data = scoring.at_risk_report_data(
        today=today, top=top, mask_phones=mask_phones, dealership=settings.dealership_name()
    )
    pages = write_pdf(write_at_risk_pdf, data, out, progress)
    return ReportResult(out, pages)


def make_agenda_pdf(
    out: Path,
    *,
    today: date,
    days: int = 0,
    mask_phones: bool = False,
    progress: Progress | None = None,
    staff_id: int | None = None,
) -> ReportResult:
    """Today's list as Today shows it (each person's, cut to their capacity, best first;
    a greeting batch is one line), then the coming *days*, as a sheet to work on paper.
    issue #7: the same ranking as Today and the Calendar; what is left is counted."""
    from dealerdesk.services import desk_day

    out = check_pdf_path(out)
    plan = desk_day.day_plan(today=today, staff_id=staff_id)
    if staff_id is not None:
        plan = desk_day.only(plan, staff_id)
    rows: list[object] = list(plan.tasks)
    if days > 0:
        coming = [r for r in followups.due_followups(today=today, days=days, staff_id=staff_id)
                  if r.due > today]  # fmt: skip
        rows += desk_day.sort_rows(coming)
    items = tuple(
        AgendaItem(
            due=r.due,  # type: ignore[attr-defined]
            overdue_days=r.overdue_days,  # type: ignore[attr-defined]
            customer=r.customer_name,  # type: ignore[attr-defined]
            phone=display_phone(r.phone) if r.phone else "",  # type: ignore[attr-defined]
            kind=desk_day.kind_text(r),  # type: ignore[arg-type]
            reason=r.reason,  # type: ignore[attr-defined]
            vehicle=r.vehicle,  # type: ignore[attr-defined]
            assignee=r.assignee,  # type: ignore[attr-defined]
            last_contact=r.last_contact,  # type: ignore[attr-defined]
        )
        for r in rows
    )
    report = AgendaReport(
        dealership=settings.dealership_name(), today=today, items=items, mask_phones=mask_phones,
        later=plan.later, catchup=plan.catchup,
    )  # fmt: skip
    return ReportResult(out, write_pdf(write_agenda_pdf, report, out, progress))


def write_pdf(
    writer: Callable[..., int], data: object, out: Path, progress: Progress | None
) -> int:
    """Write to a temporary file first, so a failure never leaves half a PDF behind."""
    tmp = out.with_name(out.name + ".part")
    try:
        pages = writer(data, tmp, progress=progress)
        tmp.replace(out)
    except PermissionError as exc:
        raise DealerDeskError(t("safety.pdf.denied", path=out)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return pages


def make_retention_pdf(
    out: Path, *, first: date, last: date, now: datetime, compare: str = "previous",
    progress: Progress | None = None,
) -> ReportResult:  # fmt: skip
    """issue #15: the retention summary for the monthly meeting, *first* to *last*."""
    from dealerdesk.reports.retention import write_retention_pdf
    from dealerdesk.services import dashboard, dashboard_text

    out = check_pdf_path(out)
    period = dashboard.Period(first, last)
    board = dashboard.dashboard(period, dashboard.comparison(period, compare), now=now)
    data = dashboard_text.report_data(board, dealership=settings.dealership_name())
    return ReportResult(out, write_pdf(write_retention_pdf, data, out, progress))
