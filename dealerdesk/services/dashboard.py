"""The manager's dashboard (issue #15): every retention figure for a period, beside a
comparison period, with the customers behind each bar.

One call (``dashboard``) reads the store a handful of times and returns plain data: the
headline figures of both periods, the monthly and quarterly series, the per-age,
per-tier, per-band and per-person tables, and ``members`` — for each drillable bar the
ids of its customers — so a click opens exactly the customers the bar counts
(``drill_lines``). ``timings`` says how long each figure took (benchmarks/bench_metrics.py).
Risk bands over time come from the monthly snapshot that each full scoring run keeps
(``store.dashboard_queries.save_band_snapshot``); the current month is read live.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime

import numpy as np

from dealerdesk.retention import dashboard_math as dm
from dealerdesk.retention import metrics
from dealerdesk.retention.dashboard_math import Span, add_months, span_of
from dealerdesk.retention.metrics import NPSResult, Ratio
from dealerdesk.retention.staff_figures import (
    ComplaintFact,
    StaffFigures,
    complaint_spans,
    nps_spans,
    referral_spans,
    staff_figures,
    with_targets,
)
from dealerdesk.services import complaints as complaint_service
from dealerdesk.services.customers import display_phone
from dealerdesk.store import dashboard_queries as q
from dealerdesk.vocab.retention import ValueTier

__all__ = [
    "COMPARE_PREVIOUS", "COMPARE_YEAR_BEFORE", "DASHBOARD_TABLES", "DESK_FIGURE_TABLES",
    "Dashboard", "DeskFigures", "DrillLine",
    "Headline", "Period", "comparison", "dashboard", "desk_figures", "drill_lines",
    "leaky_bucket",
]  # fmt: skip

# What the figures are computed from: a write to any of these tables (``Changed.tables``)
# makes them stale. The dashboard's; and Today's key figures (``desk_figures`` reads
# visits, surveys and complaints; Today also refreshes them on customer and referral
# writes, as it did before they came from here).
DASHBOARD_TABLES = frozenset({"visit", "vehicle", "customer", "complaint", "survey",
                              "referral", "followup", "contact_log", "staff"})  # fmt: skip
DESK_FIGURE_TABLES = frozenset({"visit", "complaint", "survey", "referral", "customer"})

COMPARE_PREVIOUS = "previous"
COMPARE_YEAR_BEFORE = "year_before"
DRILL_LIMIT = 5000


@dataclass(frozen=True, slots=True)
class Period:
    """Days *first* to *last*, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("a period ends on or after its first day")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def span(self) -> Span:
        return span_of(self.first, self.last)


def default_period(today: date, months: int = 12) -> Period:
    """The *months* ending today."""
    return Period(add_months(today, -months) + timedelta(days=1), today)


def comparison(period: Period, how: str = COMPARE_PREVIOUS) -> Period:
    """The period to compare with: the one just before (same length), or a year before."""
    if how == COMPARE_YEAR_BEFORE:
        return Period(add_months(period.first, -12), add_months(period.last, -12))
    return Period(period.first - timedelta(days=period.days), period.first - timedelta(days=1))


@dataclass(frozen=True, slots=True)
class Headline:
    """The one-number figures of a period."""

    retention: Ratio  # kept / active the day before the period
    annual_churn: float | None
    service_13m: Ratio
    nps: NPSResult
    first_response_median_h: float | None
    resolution_median_h: float | None
    complaints_in_target: Ratio
    referrals: Ratio  # converted / made
    active_at_end: int
    declined_recapture: Ratio  # recaptured / declined (dashboard_math.declined_recapture)
    repeat_purchase: Ratio  # bought again / bought (on the period's last day)


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the dashboard, ``dealerdesk metrics`` and the retention PDF show.

    Series are tuples of (label, value…) in time order; ``members`` maps a drill key
    ("retention.month:2026-10:lost") to the customer ids behind that bar or number.
    """

    period: Period
    compare: Period
    now: Headline
    before: Headline
    months: tuple[tuple[str, Ratio], ...]
    quarters: tuple[tuple[str, Ratio], ...]
    service_months: tuple[tuple[str, Ratio], ...]
    by_age: tuple[tuple[int, Ratio], ...]
    nps_months: tuple[tuple[str, NPSResult], ...]
    complaint_months: tuple[tuple[str, float | None, float | None, Ratio], ...]
    referral_months: tuple[tuple[str, Ratio], ...]
    tiers: tuple[tuple[str, int, float | None, float | None, float | None], ...]
    bands: tuple[tuple[str, dict[str, int]], ...]
    staff: tuple[StaffFigures, ...]
    members: dict[str, np.ndarray] = field(repr=False)
    timings: dict[str, float] = field(default_factory=dict)


def leaky_bucket(active: int, annual_churn: float | None, growth_target: float) -> int | None:
    """New customers a year needed to grow by *growth_target* at the measured churn."""
    if annual_churn is None:
        return None
    return metrics.new_customers_needed(active, max(0.0, min(1.0, annual_churn)), growth_target)


def _annual(kept: Ratio, days: int) -> float | None:
    value = kept.value
    if value is None:
        return None
    return 1.0 - value ** (365.25 / max(1, days))


class _Clock:
    def __init__(self) -> None:
        self.t = time.perf_counter()
        self.out: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.out[name] = self.out.get(name, 0.0) + now - self.t
        self.t = now


def _complaints(first: date, last: date) -> list[ComplaintFact]:
    def ts(text: str | None) -> datetime | None:
        return None if text is None else datetime.fromisoformat(str(text)[:19])

    return [ComplaintFact(int(c), ts(o), ts(f), ts(r), None if a is None else int(a))  # type: ignore[arg-type]
            for c, o, f, r, a in q.complaint_rows(first, last)]  # fmt: skip


def dashboard(period: Period, compare: Period | None = None, *, now: datetime) -> Dashboard:
    """Every figure for *period* and *compare* (default: the period just before)."""
    compare = compare or comparison(period)
    clock = _Clock()
    members: dict[str, np.ndarray] = {}
    first = min(period.first, compare.first)
    last = max(period.last, compare.last)
    months = dm.month_spans(period.first, period.last)
    quarters = dm.quarter_spans(period.first, period.last)
    year_ago = add_months(period.last, -12)
    since = add_months(period.last, -13) + timedelta(days=1)  # buyers servicing: 13 months
    everything = q.visit_arrays(last)
    v = q.visits(min(add_months(first, -13), first - timedelta(days=366)), last,
                 spend_after=year_ago, vehicles_from=since, source=everything)  # fmt: skip
    clock.lap("read visits")
    bounds = dm.boundaries_of([*months, *quarters, period.span, compare.span])
    activity = dm.Activity(v.customer, v.day, [*bounds, year_ago])
    clock.lap("activity matrix")

    def retention(spans: list[Span], key: str) -> tuple[tuple[str, Ratio], ...]:
        out = []
        for s in spans:
            start, kept = activity.span_counts(s)
            out.append((s.label, Ratio(kept, start)))
            members[f"{key}:{s.label}:lost"] = activity.lost(s.first - timedelta(1), s.last)
        return tuple(out)

    month_rows = retention(months, "retention.month")
    quarter_rows = retention(quarters, "retention.quarter")
    whole = {p: retention([p.span], "retention.period")[0][1] for p in (period, compare)}
    clock.lap("retention and churn per month and quarter")

    serviced = dm.ServiceVisits(v.customer[v.service], v.day[v.service])
    service_rows = []
    for s in months:
        r = serviced.returned(s)
        service_rows.append((s.label, Ratio(r.returned.size, r.base.size)))
        members[f"service13:{s.label}:lost"] = r.lost
    s13 = {}
    for p in (period, compare):
        r = serviced.returned(p.span)
        s13[p] = Ratio(r.returned.size, r.base.size)
        members[f"service13:{p.span.label}:lost"] = r.lost
    clock.lap("13-month service retention")

    recapture, repeat = {}, {}
    for p in (period, compare):
        r = recapture[p] = serviced.recaptured(v.customer, v.day, v.declined, p.span)
        members[f"declined:{p.span.label}:lost"] = r.lost
        b = repeat[p] = dm.repeat_purchase(everything.customer, everything.day, everything.sale,
                                           p.last)  # fmt: skip
        members[f"repeat:{p.span.label}:once"] = b.once
    clock.lap("declined-work recapture and repeat purchase")

    vids, owners_of_cars, bought = q.vehicles_sold_here(add_months(period.last, -13))
    recent = (v.vehicle > 0) & (v.day <= dm.day_number(period.last))
    age_rows = dm.servicing_by_age(owners_of_cars, bought, np.isin(vids, v.vehicle[recent]),
                                   today=period.last)  # fmt: skip
    for a in age_rows:
        members[f"by_age:{a.age}:lost"] = a.not_servicing_customers
    clock.lap("buyers still servicing by vehicle age")

    answers = q.nps_rows(first, last)
    nps_m = nps_spans(answers, months)
    for n in nps_m:
        members[f"nps:{n.label}:detractors"] = np.asarray(n.detractors, dtype=np.int64)
    nps_whole = {p: nps_spans(answers, [p.span])[0] for p in (period, compare)}
    for n in nps_whole.values():
        members[f"nps:{n.label}:detractors"] = np.asarray(n.detractors, dtype=np.int64)
    clock.lap("NPS trend")

    cal, targets = complaint_service.work_calendar(), complaint_service.targets()
    at = min(now, datetime.combine(last, dtime(23, 59, 59)))
    facts = with_targets(_complaints(first, last), now=at, calendar=cal, targets=targets)
    comp_m = complaint_spans(facts, months, now=at, calendar=cal, targets=targets)
    comp_whole = {p: complaint_spans(facts, [p.span], now=at, calendar=cal, targets=targets)[0]
                  for p in (period, compare)}  # fmt: skip
    for c in [*comp_m, *comp_whole.values()]:
        members[f"complaints:{c.label}:late"] = np.asarray(c.late_customers, dtype=np.int64)
    clock.lap("complaint response and resolution times")

    refs = q.referral_rows(first, last)
    ref_m = referral_spans(refs, months)
    ref_whole = {p: referral_spans(refs, [p.span])[0] for p in (period, compare)}
    for r in [*ref_m, *ref_whole.values()]:
        members[f"referrals:{r.label}:made"] = np.asarray(r.referrers, dtype=np.int64)
        members[f"referrals:{r.label}:converted"] = np.asarray(
            r.converted_customers, dtype=np.int64
        )
    clock.lap("referrals made and converted")

    tier_names = [str(tr) for tr in ValueTier]
    facet_ids, facet_tiers, facet_owners = q.customer_facets(tier_names)
    in_year = (v.day > dm.day_number(year_ago)) & (v.day <= dm.day_number(period.last))
    lo = int(facet_ids.min()) if facet_ids.size else 0
    width = int(facet_ids.max()) - lo + 1 if facet_ids.size else 0
    spent_by = v.customer[in_year] - lo
    fits = (spent_by >= 0) & (spent_by < width)
    spend = np.bincount(spent_by[fits], weights=v.amount[in_year][fits], minlength=width)
    tiers = dm.tier_values(tier_names, facet_tiers, facet_ids, spend[facet_ids - lo],
                           activity.is_active(year_ago, facet_ids),
                           activity.is_active(period.last, facet_ids))  # fmt: skip
    for tv in tiers:
        members[f"clv:{tv.tier}:customers"] = tv.customers
    clock.lap("customer lifetime value by tier")

    bands = [(m, c) for m, _d, c in q.band_snapshots()]
    current = (period.last.strftime("%Y-%m"), q.band_counts())
    bands = [b for b in bands if b[0] < current[0]] + [current]
    clock.lap("risk bands over time")

    span = period.span
    at_start = activity.is_active(span.first - timedelta(1), facet_ids)
    at_end = activity.is_active(span.last, facet_ids)

    def owned(sid: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        mine = facet_owners == sid
        return (tuple(facet_ids[mine].tolist()), tuple(facet_ids[mine & at_start].tolist()),
                tuple(facet_ids[mine & at_start & at_end].tolist()))  # fmt: skip

    people = staff_figures(
        q.staff_names(), followups=q.followups_on_time(period.first, period.last),
        calls=q.calls_by_staff(period.first, period.last), complaints=facts, span=span,
        now=at, calendar=cal, targets=targets, owned_retention=owned,
    )  # fmt: skip
    for p in people:
        members[f"staff:{p.staff_id}:lost"] = np.asarray(p.lost, dtype=np.int64)
        members[f"staff:{p.staff_id}:owned"] = np.asarray(p.owned, dtype=np.int64)
    clock.lap("staff figures")

    def headline(p: Period) -> Headline:
        c = comp_whole[p]
        return Headline(whole[p], _annual(whole[p], p.days), s13[p], nps_whole[p].result,
                        c.first_response.median, c.resolution.median, c.within_target,
                        ref_whole[p].made, int(activity.active(p.last).size),
                        Ratio(recapture[p].recaptured, recapture[p].declined),
                        Ratio(repeat[p].repeat, repeat[p].buyers))  # fmt: skip

    return Dashboard(
        period=period, compare=compare, now=headline(period), before=headline(compare),
        months=month_rows, quarters=quarter_rows, service_months=tuple(service_rows),
        by_age=tuple((a.age, Ratio(a.servicing, a.vehicles)) for a in age_rows),
        nps_months=tuple((n.label, n.result) for n in nps_m),
        complaint_months=tuple((c.label, c.first_response.median, c.resolution.median,
                                c.within_target) for c in comp_m),
        referral_months=tuple((r.label, r.made) for r in ref_m),
        tiers=tuple((t.tier, int(t.customers.size), t.annual_value, t.retention,
                     t.lifetime_value) for t in tiers),
        bands=tuple(bands), staff=tuple(people), members=members, timings=clock.out,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class DeskFigures:
    """Today's key figures, for the 12 months ending today, as the dashboard defines them."""

    retention: Ratio  # of the customers active a year ago, still active today
    nps: NPSResult
    first_response_median_h: float | None
    awaiting_response: int  # complaints opened in the period, neither answered nor resolved


def desk_figures(today: date, *, now: datetime) -> DeskFigures:
    """The few figures the Today screen shows, computed the dashboard's way (one
    definition of retention, NPS and response time in the whole program) but only for
    the one period, so the desk gets them in a fraction of the dashboard's time."""
    period = default_period(today)
    v = q.visits(period.first - timedelta(days=366), period.last, spend_after=period.last,
                 vehicles_from=period.last + timedelta(days=1))  # fmt: skip
    start, kept = dm.Activity(v.customer, v.day, dm.boundaries_of([period.span])).span_counts(
        period.span
    )
    nps = nps_spans(q.nps_rows(period.first, period.last), [period.span])[0].result
    cal, targets = complaint_service.work_calendar(), complaint_service.targets()
    at = min(now, datetime.combine(period.last, dtime(23, 59, 59)))
    complaints = _complaints(period.first, period.last)
    times = complaint_spans(complaints, [period.span], now=at, calendar=cal, targets=targets)[0]
    waiting = sum(1 for c in complaints if c.first_response_at is None and c.resolved_at is None)
    return DeskFigures(Ratio(kept, start), nps, times.first_response.median, waiting)


@dataclass(frozen=True, slots=True)
class DrillLine:
    """One customer in a drill-down list."""

    customer_id: int
    name: str
    phone: str
    owner: str
    tier: str
    score: int | None
    last_visit: date | None


@dataclass(frozen=True, slots=True)
class DrillList:
    total: int
    lines: tuple[DrillLine, ...]


def drill_ids(board: Dashboard, key: str) -> np.ndarray:
    """The customer ids behind *key* (a band's are read live from the score cache)."""
    if key.startswith("bands:"):
        return np.asarray(q.band_customers(key.split(":")[2]), dtype=np.int64)
    return board.members.get(key, np.zeros(0, dtype=np.int64))


def drill_lines(ids: np.ndarray | list[int], *, limit: int = DRILL_LIMIT) -> DrillList:
    """The customers behind a bar, by name (at most *limit* of them; ``total`` says all)."""
    wanted = [int(i) for i in np.asarray(ids).tolist()]
    rows = q.customer_lines(wanted[:limit])
    return DrillList(len(wanted), tuple(
        DrillLine(int(r[0]), r[1] or "", display_phone(r[2]) if r[2] else "", r[3] or "", r[4] or "",
                  None if r[5] is None else int(r[5]),
                  None if r[6] is None else date.fromisoformat(str(r[6])[:10]))
        for r in rows))  # fmt: skip
