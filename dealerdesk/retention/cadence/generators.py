"""One generator per cadence rule: the candidate follow-ups a customer's facts call for.

Candidates are not yet follow-ups: the planner still checks closed keys, consent,
status and the fatigue cap. A generator leaves out, by dates alone, whatever is stale
(past its ``expires`` day) or beyond the horizon: a pending follow-up that is left out
is cancelled by the planner and its key freed, so a trigger that comes back into view
(an edited date, a renewed policy) brings a new one. A ``blocked`` candidate says why a
follow-up is not wanted although its date is in view, for the cancel note.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from dealerdesk.i18n import t
from dealerdesk.retention.cadence import aftersales
from dealerdesk.retention.cadence.dates import (
    HolidayGreeting,
    WorkCalendar,
    anniversary,
    fmt_day,
    lunar_label,
    occurrences,
    solar_occurrences,
)
from dealerdesk.retention.cadence.inputs import (
    CampaignInput,
    ComplaintInput,
    CustomerInput,
    VehicleInput,
)

if TYPE_CHECKING:
    from dealerdesk.retention.cadence.planner import PlanContext

DAY = timedelta(days=1)
SERVICE_KINDS = ("service", "repair")


class Candidate(NamedTuple):
    """A follow-up a rule asks for. ``floating``: its date depends on today, so a pending
    one keeps the date it was given. ``expires``: after this day it is pointless.
    (A NamedTuple because a run makes close to a million of them.)"""

    rule: str
    key: str
    due: date
    reason: str
    expires: date | None = None
    vehicle_id: int | None = None
    complaint_id: int | None = None
    campaign_id: int | None = None
    assignee_id: int | None = None
    floating: bool = False
    blocked: str | None = None


Out = list[Candidate]


class SharedTask(NamedTuple):
    """A follow-up every customer gets alike (a holiday greeting, a campaign invitation):
    its date and text are worked out once per run; the key is ``prefix + id + suffix``."""

    rule: str
    prefix: str
    suffix: str
    due: date
    reason: str
    campaign_id: int | None = None
    audience: Mapping[str, Any] | None = None


def candidates(c: CustomerInput, ctx: PlanContext) -> list[Candidate]:
    """Every candidate for *c*, rule by rule (appending to one list: a run makes ~1M).

    Holiday greetings and campaign invitations are not here: they are the same for
    everyone, and the planner walks ``ctx.shared_tasks`` itself.
    """
    out: list[Candidate] = []
    for v in c.vehicles:
        _vehicle(v, ctx, out)
    if c.visits:
        _visits(c, ctx, out)
    if c.birthday or c.personal_dates:
        _personal(c, ctx, out)
    _touch(c, ctx, out)
    for cp in c.complaints:
        _complaint(cp, ctx, out)
    _winback(c, ctx, out)
    if c.lost_bucket or any(v.pauses for v in c.vehicles):
        aftersales.apply_stops(c, ctx, out)
    return out


def _in_view(due: date, expires: date | None, ctx: PlanContext) -> bool:
    """Not stale, and due within the horizon."""
    return due <= ctx.horizon_end and (expires is None or expires >= ctx.today)


def _years(n: int) -> str:
    return t("fu.years", n=n)


def km_per_day(v: VehicleInput) -> float | None:
    """Average km a day from the readings we have (sale at 0 km if sold new here, the
    odometer on file, the last service); None when they span under 30 days."""
    points = []
    if v.sold_here and v.purchase_date:
        points.append((v.purchase_date, 0))
    if v.mileage_on and v.mileage_km is not None:
        points.append((v.mileage_on, v.mileage_km))
    if v.last_service_on and v.last_service_km is not None:
        points.append((v.last_service_on, v.last_service_km))
    if len(points) < 2:
        return None
    points.sort()
    (d0, km0), (d1, km1) = points[0], points[-1]
    days = (d1 - d0).days
    if days < 30 or km1 <= km0:
        return None
    return min(max((km1 - km0) / days, 1.0), 500.0)


# rule, vehicle field, key prefix, message code (catalog_followup_reasons)
_REMINDERS = (
    ("inspection", "inspection_due", "insp", "fu.inspection"),
    ("warranty", "warranty_end", "warranty", "fu.warranty"),
)


def _vehicle(v: VehicleInput, ctx: PlanContext, out: Out) -> None:
    # ~120k vehicles a run: cheap date tests come before building any key or text.
    off, late, today = ctx.offsets, ctx.late, ctx.today
    bought = v.purchase_date
    if bought and v.sold_here:
        if bought + max(off["thanks"], off["checkin"]) + late >= today:
            for rule in ("thanks", "checkin"):
                due = bought + off[rule]
                if _in_view(due, due + late, ctx):
                    text = t(f"fu.{rule}", car=v.label, day=fmt_day(bought))
                    out.append(Candidate(rule, f"sale:{v.id}:{rule}", due, text, due + late, v.id))
        a_off = off["anniversary"]
        for year, occ in solar_occurrences(bought, today, ctx.horizon_end - a_off):
            text = t("fu.anniversary", years=_years(year - bought.year), car=v.label,
                     day=fmt_day(occ))  # fmt: skip
            out.append(
                Candidate("anniversary", f"anniv:{v.id}:{year}", occ + a_off, text, occ, v.id)
            )
    _trade_in(v, ctx, out)
    for rule, field, prefix, code in _REMINDERS:
        end = getattr(v, field)
        if end is not None and end >= today:
            due = end + off[rule]
            if due <= ctx.horizon_end:
                text = t(code, car=v.label, day=fmt_day(end))
                out.append(Candidate(rule, f"{prefix}:{v.id}:{end.year}", due, text, end, v.id))
    aftersales.renewal(v, ctx, out)
    if aftersales.needs_first_service(v):
        aftersales.first_service(v, ctx, out)  # issue #16: 首保 instead of the interval
    else:
        _service_due(v, ctx, out)


def _trade_in(v: VehicleInput, ctx: PlanContext, out: Out) -> None:
    base = v.purchase_date or (date(v.year, 7, 1) if v.year else None)
    if base is None:
        return
    first, last = ctx.config.trade_in_from_years, ctx.rules["trade_in"].limit_days or 6
    # Only the ages whose invitation can fall in [today - late, horizon].
    off = ctx.offsets["trade_in"]
    lo_year, hi_year = ctx.trade_in_years
    for age in range(max(first, lo_year - base.year), min(last, hi_year - base.year) + 1):
        due = anniversary(base, base.year + age) + off
        if _in_view(due, due + ctx.late, ctx):
            text = t("fu.trade_in", car=v.label, years=_years(age))
            out.append(
                Candidate("trade_in", f"tradein:{v.id}:{age}", due, text, due + ctx.late, v.id)
            )


def _service_due(v: VehicleInput, ctx: PlanContext, out: Out) -> None:
    rule = ctx.rules["service_due"]
    if v.last_service_on:
        anchor, km, what = v.last_service_on, v.last_service_km, "fu.service.last"
        tag = f"v{v.last_service_id}"
    elif v.purchase_date:
        anchor, km, tag, what = (
            v.purchase_date,
            0 if v.sold_here else None,
            "sale",
            "fu.service.bought",
        )
    else:
        return
    due = anchor + ctx.offsets["service_due"]
    if due + ctx.config.service_late_days * DAY < ctx.today:
        return  # stale already by time, and the km estimate can only make it earlier
    rate = km_per_day(v)
    if rate and rule.limit_days:
        due = min(due, anchor + math.ceil(rule.limit_days / rate) * DAY)
    expires = due + ctx.config.service_late_days * DAY
    if not _in_view(due, expires, ctx):
        return
    at_km = t("fu.service.at_km", km=km) if km else ""
    pace = t("fu.service.pace", rate=rate) if rate else ""
    limit = t("fu.service.limit", km=rule.limit_days) if rule.limit_days else ""
    text = t("fu.service", car=v.label, what=t(what), day=fmt_day(anchor), at_km=at_km,
             days=rule.offset_days, limit=limit, pace=pace)  # fmt: skip
    out.append(Candidate("service_due", f"svc:{v.id}:{tag}", due, text, expires, v.id))


def _visits(c: CustomerInput, ctx: PlanContext, out: Out) -> None:
    late = ctx.late
    vehicles = {v.id: v for v in c.vehicles}
    for vis in c.visits:
        v = vehicles.get(vis.vehicle_id) if vis.vehicle_id is not None else None
        about = t("fu.about_car", car=v.label) if v else ""
        if vis.kind in SERVICE_KINDS:
            due, sk = vis.day + ctx.offsets["satisfaction"], f"visit:{vis.id}:sat"
            if _in_view(due, due + late, ctx):
                kind = t(f"fu.visit_kind.{vis.kind}")
                text = t("fu.satisfaction", kind=kind, day=fmt_day(vis.day), about=about)
                who = aftersales.after_service_assignee(vis.advisor_id, c.owner_id,
                                                        ctx.desk_staff, vis.id)  # fmt: skip
                out.append(Candidate("satisfaction", sk, due, text, due + late, vis.vehicle_id,
                                     assignee_id=who))  # fmt: skip
        if vis.declined:
            due, sk = vis.day + ctx.offsets["declined_work"], f"visit:{vis.id}:declined"
            if _in_view(due, due + late, ctx):
                back = (
                    v is not None and v.last_service_on is not None and v.last_service_on > vis.day
                )
                text = t("fu.declined", day=fmt_day(vis.day), about=about, what=vis.declined)
                out.append(Candidate("declined_work", sk, due, text, due + late, vis.vehicle_id,
                                     blocked="the car has been serviced since" if back else None))  # fmt: skip


def _personal(c: CustomerInput, ctx: PlanContext, out: Out) -> None:
    start = ctx.today  # a greeting is stale after its day
    dates = (
        [(f"bday:{c.id}:", "birthday", t("fu.birthday"), c.birthday, c.birthday_lunar)]
        if c.birthday
        else []
    )
    dates += [
        (f"pdate:{p.id}:", "personal_date", p.label, p.day, p.lunar) for p in c.personal_dates
    ]
    for prefix, rule, label, day, lunar in dates:
        off = ctx.offsets[rule]
        for tag, occ in occurrences(day, lunar, start, ctx.horizon_end - off):
            sk = prefix + tag
            lunar_note = t("fu.lunar", lunar=lunar_label(day)) if lunar else ""
            text = t("fu.greeting", label=label, day=fmt_day(occ), lunar=lunar_note)
            out.append(Candidate(rule, sk, occ + off, text, occ))


def holiday_tasks(
    holidays: tuple[HolidayGreeting, ...], offset_days: int, calendar: WorkCalendar,
    today: date, horizon_end: date,
) -> list[SharedTask]:  # fmt: skip
    """A greeting per holiday still ahead: due *offset_days* from the holiday, moved back
    to a working day (a holiday is itself a day off), within the horizon."""
    out = []
    for h in holidays:
        due = calendar.previous_working_day(h.day + offset_days * DAY)
        if h.day >= today and due <= horizon_end:
            text = t("fu.greeting", label=h.title, day=fmt_day(h.day), lunar="")
            out.append(SharedTask("holiday", "hol:", f":{h.day.year}:{h.code}", due, text))
    return out


def _touch(c: CustomerInput, ctx: PlanContext, out: Out) -> None:
    contact, visit = c.last_contact, c.last_visit
    if contact and (visit is None or contact >= visit):
        anchor, text = contact, t("fu.touch.contact", day=fmt_day(contact))
    elif visit:
        text = (
            t("fu.touch.visit_called", day=fmt_day(visit), called=fmt_day(contact))
            if contact
            else t("fu.touch.visit_never", day=fmt_day(visit))
        )
        anchor = visit
    elif c.created_on:
        anchor, text = c.created_on, t("fu.touch.new", day=fmt_day(c.created_on))
    else:
        return
    blocked = "lapsed: the win-back call replaces it" if c.lapsed else None
    text = t("fu.touch", text=text)
    out.append(Candidate("touch", f"touch:{c.id}", anchor + ctx.offsets["touch"], text, blocked=blocked))  # fmt: skip


def _complaint(cp: ComplaintInput, ctx: PlanContext, out: Out) -> None:
    rule, cal = ctx.rules["complaint"], ctx.calendar
    what = (t("fu.complaint.what_category", category=cp.category) if cp.category
            else t("fu.complaint.what"))  # fmt: skip
    if cp.followups_done == 0 or cp.last_followup_on is None:
        n = rule.offset_days
        due = cal.add_working_days(cp.opened_on, n)
        text = t("fu.complaint.first", what=what, day=fmt_day(cp.opened_on), n=n)
    else:
        due = cal.next_working_day(cp.last_followup_on + (rule.limit_days or 3) * DAY)
        n = cp.followups_done
        text = t("fu.complaint.again", what=what, day=fmt_day(cp.opened_on), n=n)
    out.append(Candidate("complaint", f"cmp:{cp.id}", due, text, None, cp.vehicle_id, cp.id,
                         assignee_id=cp.assignee_id))  # fmt: skip


def _winback(c: CustomerInput, ctx: PlanContext, out: Out) -> None:
    rule = ctx.rules["winback"]
    limit, n = rule.limit_days or 4, c.winback_tries + 1
    if n > limit or not (c.status == "lost" or (c.status == "active" and c.lapsed)):
        return
    due = ctx.today
    if c.winback_last_on is not None:
        due = max(due, c.winback_last_on + ctx.offsets["winback"])
    if c.status == "lost":
        when = t("fu.winback.lost_when", day=fmt_day(c.lost_on)) if c.lost_on else ""
        why = t("fu.winback.why", reason=c.lost_reason) if c.lost_reason else ""
        text = t("fu.winback.lost", when=when, why=why)
    else:
        since = t("fu.winback.since", day=fmt_day(c.last_visit)) if c.last_visit else ""
        text = t("fu.winback.lapsed", since=since)
    text = t("fu.winback.last" if n == limit else "fu.winback.try", text=text, n=n, limit=limit)
    out.append(Candidate("winback", f"winback:{c.id}:{n}", due, text, floating=True))


AUDIENCE_KEYS = frozenset(
    {"customer_ids", "tiers", "segments", "cities", "makes", "min_vehicle_age", "max_vehicle_age"}
)


def in_audience(c: CustomerInput, audience: Mapping[str, Any] | None, today: date) -> bool:
    """Whether a campaign's audience filter takes this customer (no filter: everyone).

    Known keys: see ``AUDIENCE_KEYS``. A filter with any other key takes nobody:
    inviting the wrong people is worse than inviting none.
    """
    a = audience
    if not a:
        return True
    if set(a) - AUDIENCE_KEYS:
        return False
    for key, value in (
        ("customer_ids", c.id),
        ("tiers", c.tier),
        ("segments", c.segment),
        ("cities", c.city),
    ):
        if key in a and value not in a[key]:
            return False
    if "makes" in a and not any(v.make in a["makes"] for v in c.vehicles):
        return False
    lo, hi = a.get("min_vehicle_age"), a.get("max_vehicle_age")
    if lo is not None or hi is not None:
        ages = [(today - v.purchase_date).days / 365.25 if v.purchase_date
                else today.year - (v.year or today.year) for v in c.vehicles]  # fmt: skip
        return any((lo is None or age >= lo) and (hi is None or age <= hi) for age in ages)
    return True


def campaign_tasks(
    campaigns: tuple[CampaignInput, ...], offset_days: int, today: date, horizon_end: date
) -> list[SharedTask]:
    """An invitation per campaign in view: due the campaign's own ``invite_days_before``
    ahead of its start (plus the rule's offset), by the horizon; pointless once started."""
    out = []
    for camp in campaigns:
        due = camp.starts_on - timedelta(days=camp.invite_days_before - offset_days)
        if due <= horizon_end and camp.starts_on >= today:
            text = f"Invite them to {camp.name} on {fmt_day(camp.starts_on)}."
            out.append(
                SharedTask("campaign", f"camp:{camp.id}:", "", due, text, camp.id, camp.audience)
            )
    return out
