"""Complaint targets on working days, and where each complaint stands against them.

Why (DESIGN.md "Why"): the speed of the answer to a complaint is what the customer
remembers. The targets count working days of the dealership's country — weekends and
public holidays off, China's make-up working weekends (调休) on — from the
``holidays`` library through ``WorkCalendar``:

- first response: by the end of the *n*-th working day after the day it was opened
  (default n = 1: a complaint opened on Friday, or on Saturday, is due by Monday night;
  one opened on 30 September 2026 is due on 8 October, after the National Day week);
- resolution: by the end of the *m*-th working day after opening (default m = 7).

A complaint is "past target" while it is still waiting for what is late: no first
response after its response deadline, or not resolved after its resolution deadline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from dealerdesk.i18n import Msg
from dealerdesk.retention.cadence.dates import WorkCalendar
from dealerdesk.retention.metrics import TimeStats, time_stats

__all__ = ["ComplaintClock", "Targets", "clock", "deadline", "response_stats"]

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True, slots=True)
class Targets:
    """Working days allowed for the first response and for the resolution."""

    response_days: int = 1
    resolve_days: int = 7

    def __post_init__(self) -> None:
        if not 0 <= self.response_days <= 60 or not 0 <= self.resolve_days <= 365:
            raise ValueError("complaint targets must be 0–60 and 0–365 working days")


def deadline(opened_at: datetime, working_days: int, calendar: WorkCalendar) -> datetime:
    """The end of the *working_days*-th working day after the day *opened_at* falls on.

    0 means the end of the opening day if it is a working day, else of the next one.
    """
    day: date = calendar.add_working_days(opened_at.date(), working_days)
    return datetime.combine(day, END_OF_DAY)


@dataclass(frozen=True, slots=True)
class ComplaintClock:
    """One complaint against its targets at a moment.

    Attributes:
        response_due / resolve_due: the deadlines.
        response_late: no first response, and the response deadline has passed
            (or the first response came after it, for a complaint already answered).
        resolve_late: the same for the resolution.
        overdue: still waiting for something that is late now (what the screen marks).
        age_days: whole days since it was opened (to *now*, or to its resolution).
    """

    response_due: datetime
    resolve_due: datetime
    response_late: bool
    resolve_late: bool
    overdue: bool
    age_days: int
    response_hours: float | None

    def why(self) -> Msg | None:
        """What is late, in words, or None."""
        if not self.overdue:
            return None
        if self.response_late and self.response_hours is None:
            return Msg("practices.complaint.response_overdue", {"due": self.response_due.date()})
        return Msg("practices.complaint.resolution_overdue", {"due": self.resolve_due.date()})


def clock(
    *,
    opened_at: datetime,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    now: datetime,
    calendar: WorkCalendar,
    targets: Targets = Targets(),
) -> ComplaintClock:
    """Where a complaint stands at *now* against *targets*."""
    response_due = deadline(opened_at, targets.response_days, calendar)
    resolve_due = deadline(opened_at, targets.resolve_days, calendar)
    answered = first_response_at or resolved_at
    response_late = (answered or now) > response_due
    resolve_late = (resolved_at or now) > resolve_due
    overdue = (answered is None and now > response_due) or (
        resolved_at is None and now > resolve_due
    )
    end = resolved_at or now
    hours = None if answered is None else max(0.0, (answered - opened_at).total_seconds() / 3600)
    return ComplaintClock(response_due, resolve_due, response_late, resolve_late, overdue,
                          max(0, (end.date() - opened_at.date()).days), hours)  # fmt: skip


def response_stats(hours: Iterable[float], targets: Targets = Targets()) -> TimeStats:
    """Median (and more) hours to the first response; the hour target is indicative
    (24 h per working day), the deadlines above are what mark a complaint late."""
    return time_stats(hours, target_hours=24.0 * max(1, targets.response_days))
