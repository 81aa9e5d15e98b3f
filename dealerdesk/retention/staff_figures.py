"""Per-span and per-person figures that need a row at a time: complaints against their
working-day targets, NPS, referrals, and each staff member's record (issue #15).

Why per person (DESIGN.md "Why"): loyal staff make loyal customers, so a manager sees
each person's follow-ups done on time, the calls they made, the complaints they handled
within target and the retention of the customers they own, side by side.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from dealerdesk.retention.cadence.dates import WorkCalendar
from dealerdesk.retention.complaint_clock import Targets, clock
from dealerdesk.retention.dashboard_math import Span
from dealerdesk.retention.metrics import NPSResult, Ratio, TimeStats, nps, rate, time_stats

__all__ = [
    "ComplaintFact", "ComplaintSpan", "NPSSpan", "ReferralSpan", "StaffFigures", "complaint_spans",
    "in_span", "nps_spans", "referral_spans", "staff_figures", "with_targets",
]  # fmt: skip


def in_span(day: date, span: Span) -> bool:
    return span.first <= day <= span.last


@dataclass(frozen=True, slots=True)
class ComplaintFact:
    """One complaint as the dashboard needs it."""

    customer_id: int
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    assignee_id: int | None
    in_target: bool | None = None  # set once by ``with_targets``


@dataclass(frozen=True, slots=True)
class ComplaintSpan:
    """Complaints opened in a span: hours to the first response and to resolution, and
    which were handled within target (answered by the response deadline and resolved by
    the resolution deadline, or not yet due for it)."""

    label: str
    first_response: TimeStats
    resolution: TimeStats
    within_target: Ratio
    late_customers: tuple[int, ...]


def within_target(c: ComplaintFact, *, now: datetime, calendar: WorkCalendar,
                  targets: Targets) -> bool:  # fmt: skip
    """Handled within target at *now*: neither deadline missed (nor passed while waiting)."""
    k = clock(opened_at=c.opened_at, first_response_at=c.first_response_at,
              resolved_at=c.resolved_at, now=now, calendar=calendar, targets=targets)  # fmt: skip
    return not k.response_late and not k.resolve_late


def with_targets(facts: Sequence[ComplaintFact], *, now: datetime, calendar: WorkCalendar,
                 targets: Targets) -> list[ComplaintFact]:  # fmt: skip
    """The complaints with ``in_target`` decided once (the clock walks working days)."""
    return [replace(c, in_target=within_target(c, now=now, calendar=calendar, targets=targets))
            for c in facts]  # fmt: skip


def _ok(c: ComplaintFact, now: datetime, calendar: WorkCalendar, targets: Targets) -> bool:
    if c.in_target is not None:
        return c.in_target
    return within_target(c, now=now, calendar=calendar, targets=targets)


def _hours(a: datetime, b: datetime | None) -> float | None:
    return None if b is None else (b - a).total_seconds() / 3600


def complaint_spans(facts: Sequence[ComplaintFact], spans: Sequence[Span], *, now: datetime,
                    calendar: WorkCalendar, targets: Targets) -> list[ComplaintSpan]:  # fmt: skip
    on_time = {id(c): _ok(c, now, calendar, targets) for c in facts}
    out = []
    for span in spans:
        inside = [c for c in facts if in_span(c.opened_at.date(), span)]
        first = [
            h
            for c in inside
            if (h := _hours(c.opened_at, c.first_response_at or c.resolved_at)) is not None
        ]
        done = [h for c in inside if (h := _hours(c.opened_at, c.resolved_at)) is not None]
        good = sum(1 for c in inside if on_time[id(c)])
        late = tuple(sorted({c.customer_id for c in inside if not on_time[id(c)]}))
        out.append(ComplaintSpan(
            span.label, time_stats(first, target_hours=24.0 * max(1, targets.response_days)),
            time_stats(done, target_hours=24.0 * max(1, targets.resolve_days)),
            Ratio(good, len(inside)), late))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class NPSSpan:
    label: str
    result: NPSResult
    detractors: tuple[int, ...]


def _within(rows: list[tuple[Any, ...]], days: list[date], span: Span) -> list[tuple[Any, ...]]:
    """The rows (sorted by their day, *days* alongside) dated in *span*: two bisections."""
    return rows[bisect_left(days, span.first) : bisect_right(days, span.last)]


def nps_spans(rows: Iterable[tuple[int, date, int]], spans: Sequence[Span]) -> list[NPSSpan]:
    """NPS of the answers (customer id, day, 0–10) given in each span."""
    data = sorted(rows, key=lambda r: r[1])
    days = [r[1] for r in data]
    out = []
    for span in spans:
        inside = _within(data, days, span)  # type: ignore[arg-type]
        out.append(NPSSpan(span.label, nps(r[2] for r in inside),
                           tuple(sorted({r[0] for r in inside if r[2] <= 6}))))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class ReferralSpan:
    """Referrals made in a span (by their date) and, of them, converted."""

    label: str
    made: Ratio  # part = converted, whole = made
    referrers: tuple[int, ...]
    converted_customers: tuple[int, ...]


def referral_spans(rows: Iterable[tuple[int | None, int | None, date, bool]],
                   spans: Sequence[Span]) -> list[ReferralSpan]:  # fmt: skip
    """Rows are (referrer id, referred customer id, date, converted)."""
    data = list(rows)
    out = []
    for span in spans:
        inside = [r for r in data if in_span(r[2], span)]
        conv = [r for r in inside if r[3]]
        out.append(ReferralSpan(
            span.label, Ratio(len(conv), len(inside)),
            tuple(sorted({r[0] for r in inside if r[0] is not None})),
            tuple(sorted({r[1] for r in conv if r[1] is not None}))))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class StaffFigures:
    """One person's record for a period.

    ``followups_on_time``: of their follow-ups due in the period, done on or before the due
    day; ``calls``: outbound phone calls they logged; ``complaints_in_target``: of the
    complaints assigned to them opened in the period, handled within target;
    ``retention``: of the customers they own active the day before the period, still
    active at its end (``lost`` are the others).
    """

    staff_id: int
    name: str
    followups_on_time: Ratio
    calls: int
    complaints_in_target: Ratio
    retention: Ratio
    owned: tuple[int, ...] = field(default=())
    lost: tuple[int, ...] = field(default=())

    @property
    def retention_value(self) -> float | None:
        return rate(self.retention.part, self.retention.whole)


def staff_figures(
    staff: Sequence[tuple[int, str]],
    *,
    followups: dict[int, tuple[int, int]],
    calls: dict[int, int],
    complaints: Sequence[ComplaintFact],
    span: Span,
    now: datetime,
    calendar: WorkCalendar,
    targets: Targets,
    owned_retention: Callable[[int], tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]],
) -> list[StaffFigures]:
    """Each person's figures. *followups* maps a staff id to (due, done on time);
    *owned_retention(staff id)* gives (owned customers, active at start, kept)."""
    out = []
    for sid, name in staff:
        due, on_time = followups.get(sid, (0, 0))
        mine = [c for c in complaints if c.assignee_id == sid and in_span(c.opened_at.date(), span)]
        good = sum(1 for c in mine if _ok(c, now, calendar, targets))
        owned, start, kept = owned_retention(sid)
        lost = tuple(sorted(set(start) - set(kept)))
        out.append(StaffFigures(sid, name, Ratio(on_time, due), calls.get(sid, 0),
                                Ratio(good, len(mine)), Ratio(len(kept), len(start)),
                                owned, lost))  # fmt: skip
    return out
