"""Loading the cadence planner's inputs for every customer in a dozen set-based queries.

Split from ``followup_queries`` (which re-exports ``load_planner_data``) to keep files
short; it is the read half of the follow-up SQL. Why it looks like this:
- 100,000 customers must load in a couple of seconds: one query per kind of fact, each
  for everyone at once, read as raw tuples (never a query per customer).
- The store may not import the cadence engine (it sits above the store), so the loader
  builds whatever input types the caller hands it in ``InputFactories``: the keyword
  names are the contract, and nothing is built twice.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dealerdesk.store.convert import iso_date, to_date
from dealerdesk.store.db import database

# Outcomes a pending row carries when a person set its date (snoozed, rescheduled,
# retried after no answer, a call back agreed): the planner then keeps that date.
TOUCHED_OUTCOMES = ("no_answer", "snoozed", "rescheduled", "call_back")
_MAX_IN = 900  # ids per IN (...) list; more than that are filtered in Python


@dataclass(frozen=True, slots=True)
class InputFactories:
    """Constructors for the planner's input types (see ``load_planner_data``).

    All are called with keyword arguments named like the planner's fields, except
    ``pending``, called positionally for speed: (key, due, rule, essential, touched, id,
    assignee_id, reason, touched_on, catchup).
    """

    customer: Callable[..., Any]
    vehicle: Callable[..., Any]
    visit: Callable[..., Any]
    complaint: Callable[..., Any]
    personal_date: Callable[..., Any]
    pending: Callable[..., Any]
    campaign: Callable[..., Any]


@dataclass(frozen=True, slots=True)
class PlannerData:
    customers: list[Any]
    campaigns: list[Any]
    pending: dict[str, Any]  # source key -> what factories.pending built


# -- planner inputs ----------------------------------------------------------------------
# One query per kind of fact, each for every customer at once (customer id first).
# ``/*scope*/`` becomes ``AND <customer column> IN (...)`` when only some are planned.
# fmt: off
_LAST_CONTACT = "SELECT customer_id, max(at) FROM contact_log WHERE 1=1 /*scope*/ GROUP BY customer_id"
_LAST_VISIT = "SELECT customer_id, max(date) FROM visit WHERE 1=1 /*scope*/ GROUP BY customer_id"
# Win-back tries of the customers who may get one (lost, or no visit lately): through the
# customer index, not a scan of every follow-up ever made.
_WINBACK = (
    "SELECT f.customer_id, count(*), max(f.completed_at), max(f.due) FROM customer c"
    " JOIN followup f ON f.customer_id = c.id AND f.status <> 'pending' AND f.rule = 'winback'"
    " WHERE (c.status = 'lost' OR NOT EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = c.id"
    " AND v.date >= ?)) /*scope*/ GROUP BY f.customer_id")
# The last service of each vehicle through the (customer, kind, date) index: a third
# faster than grouping the visits by vehicle, and plain SQL (PostgreSQL runs it too).
_LAST_SERVICE = (
    "SELECT v.vehicle_id, v.id, v.date, v.mileage_km FROM vehicle x JOIN visit v ON v.id ="
    " (SELECT id FROM visit WHERE customer_id = x.customer_id AND kind = 'service'"
    " AND vehicle_id = x.id ORDER BY date DESC, id DESC LIMIT 1) WHERE x.archived = 0 /*scope*/")
_VEHICLES = ("SELECT customer_id, id, plate, make, model, year, purchase_date, sold_here,"
             " mileage_km, mileage_on, warranty_end, insurance_end, inspection_due FROM vehicle"
             " WHERE archived = 0 /*scope*/ ORDER BY id")
_VISITS = ("SELECT customer_id, id, date, kind, vehicle_id, declined FROM visit WHERE date >= ?"
           " AND kind IN ('service', 'repair') /*scope*/ ORDER BY id")
_COMPLAINTS = (
    "SELECT c.customer_id, c.id, c.opened_at, c.category, c.vehicle_id, c.assignee_id,"
    " (SELECT count(*) FROM followup f WHERE f.complaint_id = c.id AND f.status = 'done'),"
    " (SELECT max(completed_at) FROM followup f WHERE f.complaint_id = c.id AND f.status = 'done')"
    " FROM complaint c WHERE c.status IN ('open', 'responded') /*scope*/ ORDER BY c.id")
_PERSONAL = "SELECT customer_id, id, label, date, lunar FROM personal_date WHERE 1=1 /*scope*/ ORDER BY id"
_OPTED_OUT = "SELECT customer_id, channel, purpose FROM consent WHERE granted = 0 /*scope*/"
_RECENT = ("SELECT l.customer_id, l.at FROM contact_log l LEFT JOIN followup f ON f.id = l.followup_id"
           " WHERE l.at >= ? AND l.direction = 'out' AND (f.id IS NULL OR f.essential = 0) /*scope*/")
# For everyone, a plain scan reads the pending rows twice as fast as an index on status
# (one random lookup per row): `status || ''` keeps SQLite's planner off that index.
_PENDING = ("SELECT customer_id, id, source_key, rule, due, essential, outcome, assignee_id,"
            " reason, updated_at, catchup FROM followup WHERE {status} = 'pending' /*scope*/")
_CLOSED = ("SELECT customer_id, source_key FROM followup WHERE status IN ('done', 'skipped')"
           " AND due >= ? /*scope*/")
_CUSTOMERS = (
    "SELECT c.id, c.status, c.archived, c.birthday, c.birthday_lunar, c.created_at, c.lost_on,"
    " c.lost_reason, c.owner_id, c.preferred_channel, c.phone, c.phone2, c.wechat, c.email,"
    " c.city, s.tier, s.segment, s.score FROM customer c LEFT JOIN customer_score s ON s.customer_id = c.id"
    " WHERE 1=1 /*scope*/ ORDER BY c.id")
_CAMPAIGNS = ("SELECT id, name, kind, starts_on, invite_days_before, audience FROM campaign"
              " WHERE archived = 0 AND starts_on >= ? ORDER BY id")
# fmt: on


class _Loader:
    """Runs the queries above for everyone or for a few customers."""

    def __init__(self, customer_ids: Sequence[int] | None) -> None:
        ids = sorted(set(customer_ids)) if customer_ids is not None else None
        self.ids, self.keep = ids, (set(ids) if ids is not None else None)

    def rows(self, sql: str, column: str, *params: object) -> Iterable[tuple[Any, ...]]:
        ids = self.ids
        if ids is None or len(ids) > _MAX_IN:  # many ids: filtered in Python below
            sql, args = sql.replace("/*scope*/", ""), list(params)
        else:
            marks = ",".join("?" * len(ids))
            sql, args = sql.replace("/*scope*/", f" AND {column} IN ({marks})"), [*params, *ids]
        cursor: Iterable[tuple[Any, ...]] = database.execute_sql(sql, args)
        return cursor

    def by_customer(
        self, sql: str, column: str, build: Callable[[tuple[Any, ...]], Any], *params: object
    ) -> dict[int, list[Any]]:
        out: dict[int, list[Any]] = defaultdict(list)
        keep = self.keep
        for r in self.rows(sql, column, *params):
            if keep is None or r[0] in keep:
                out[r[0]].append(build(r))
        return out

    def single(self, sql: str, column: str = "customer_id", *params: object) -> dict[int, Any]:
        """{customer id: the one value (or the tuple of values) of its row}."""
        return {r[0]: r[1:] if len(r) > 2 else r[1] for r in self.rows(sql, column, *params)}


def load_planner_data(
    *,
    factories: InputFactories,
    fatigue_since: date,
    lapsed_before: date,
    visits_since: date,
    closed_since: date,
    campaigns_from: date,
    customer_ids: Sequence[int] | None = None,
) -> PlannerData:
    """Every customer's planner input (or only *customer_ids*'), in id order.

    ``fatigue_since``: outbound contacts from that day count for the fatigue cap, unless
    made for an essential follow-up. ``lapsed_before``: an active customer with no visit
    (or, never having visited, created) since then is lapsed. ``visits_since``: service
    visits from then on can still want a satisfaction or declined-work call.
    ``closed_since``: done/skipped follow-ups due since then are passed as closed keys.
    """
    f, q = factories, _Loader(customer_ids)
    last_contact, last_visit, winback = (
        q.single(_LAST_CONTACT),
        q.single(_LAST_VISIT),
        q.single(_WINBACK, "c.id", lapsed_before.isoformat()),
    )
    last_service = {
        vid: (visit_id, to_date(day), km)
        for vid, visit_id, day, km in q.rows(_LAST_SERVICE, "x.customer_id")
    }
    none3 = (None, None, None)

    def vehicle(r: tuple[Any, ...]) -> Any:
        svc = last_service.get(r[1], none3)
        label = " · ".join(x for x in (r[2] or "", f"{r[3]} {r[4]}".strip()) if x)
        return f.vehicle(
            id=r[1],
            label=label,
            make=r[3],
            year=r[5],
            purchase_date=to_date(r[6]),
            sold_here=bool(r[7]),
            mileage_km=r[8],
            mileage_on=to_date(r[9]),
            warranty_end=to_date(r[10]),
            insurance_end=to_date(r[11]),
            inspection_due=to_date(r[12]),
            last_service_id=svc[0],
            last_service_on=svc[1],
            last_service_km=svc[2],
        )

    vehicles = q.by_customer(_VEHICLES, "customer_id", vehicle)
    visits = q.by_customer(
        _VISITS,
        "customer_id",
        lambda r: f.visit(
            id=r[1], day=to_date(r[2]), kind=r[3], vehicle_id=r[4], declined=r[5] or ""
        ),
        visits_since.isoformat(),
    )
    complaints = q.by_customer(
        _COMPLAINTS,
        "c.customer_id",
        lambda r: f.complaint(
            id=r[1],
            opened_on=to_date(r[2]),
            category=r[3] or "",
            vehicle_id=r[4],
            assignee_id=r[5],
            followups_done=r[6],
            last_followup_on=to_date(r[7]),
        ),
    )
    personal = q.by_customer(
        _PERSONAL,
        "customer_id",
        lambda r: f.personal_date(id=r[1], label=r[2], day=to_date(r[3]), lunar=bool(r[4])),
    )
    opted_out = q.by_customer(_OPTED_OUT, "customer_id", lambda r: (r[1], r[2]))
    recent = q.by_customer(
        _RECENT, "l.customer_id", lambda r: to_date(r[1]), fatigue_since.isoformat()
    )
    closed = q.by_customer(_CLOSED, "customer_id", lambda r: r[1], closed_since.isoformat())
    pending: dict[str, Any] = {}
    pending_by: dict[int, list[Any]] = defaultdict(list)
    status = "status || ''" if customer_ids is None else "status"
    make, iso, touched, keep = f.pending, iso_date, TOUCHED_OUTCOMES, q.keep
    # The hottest loop of a run (every pending row): plain locals, no helper calls.
    for cid, fid, key, rule, due, ess, outcome, assignee, reason, changed, late in q.rows(
        _PENDING.format(status=status), "customer_id"
    ):
        if keep is None or cid in keep:
            by_hand = outcome in touched
            row = make(key, iso(due), rule, ess == 1, by_hand, fid, assignee, reason or "",
                       to_date(changed) if by_hand else None, late == 1)  # fmt: skip
            pending[key] = row
            pending_by[cid].append(row)
    lapsed_iso = lapsed_before.isoformat()
    customers = []
    for r in q.rows(_CUSTOMERS, "c.id"):
        cid = r[0]
        if q.keep is not None and cid not in q.keep:
            continue
        lv, wb = last_visit.get(cid), winback.get(cid)
        customers.append(
            f.customer(
                id=cid,
                status=r[1],
                archived=bool(r[2]),
                birthday=to_date(r[3]),
                birthday_lunar=bool(r[4]),
                created_on=to_date(r[5]),
                lost_on=to_date(r[6]),
                lost_reason=r[7] or "",
                owner_id=r[8],
                preferred_channel=r[9] or "phone",
                city=r[14] or "",
                tier=r[15] or "",
                segment=r[16] or "",
                reachable=_REACH[(bool(r[10] or r[11]), bool(r[12]), bool(r[13]))],
                last_contact=to_date(last_contact.get(cid)),
                last_visit=to_date(lv),
                lapsed=r[1] == "active" and str(lv or r[5] or "")[:10] < lapsed_iso,
                opted_out=frozenset(opted_out[cid]) if cid in opted_out else _NONE,
                vehicles=tuple(vehicles.get(cid, ())),
                visits=tuple(visits.get(cid, ())),
                complaints=tuple(complaints.get(cid, ())),
                personal_dates=tuple(personal.get(cid, ())),
                winback_tries=wb[0] if wb else 0,
                winback_last_on=to_date(wb[1] or wb[2]) if wb else None,
                recent_contacts=tuple(recent.get(cid, ())),
                pending=tuple(pending_by.get(cid, ())),
                closed_keys=frozenset(closed[cid]) if cid in closed else _NONE,
                risk=r[17],
                # Never planned before (new or imported): old dates go to the catch-up list.
                first_plan=cid not in pending_by and cid not in closed,
            )
        )
    campaigns = [
        f.campaign(
            id=r[0],
            name=r[1],
            kind=r[2],
            starts_on=to_date(r[3]),
            invite_days_before=r[4],
            audience=_audience(r[5]),
        )
        for r in database.execute_sql(_CAMPAIGNS, [campaigns_from.isoformat()])
    ]
    return PlannerData(customers, campaigns, pending)  # fmt: skip


_NONE: frozenset[Any] = frozenset()
# Shared sets: most customers have the same channels, which also lets the planner cache
# its consent verdicts across customers.
_REACH = {
    (phone, wechat, email): frozenset(
        (("phone", "sms") if phone else ()) + (("wechat",) if wechat else ()) + (("email",) if email else ())
    )
    for phone in (False, True) for wechat in (False, True) for email in (False, True)
}  # fmt: skip


def _audience(text: object) -> dict[str, object] | None:
    """The campaign's audience filter; unreadable JSON becomes a filter that takes nobody."""
    if text is None or text == "":
        return None
    try:
        value = json.loads(str(text))
    except ValueError:
        return {"unreadable": True}
    if not isinstance(value, dict):
        return {"unreadable": True}
    # Lists become sets: a campaign's customer_ids is checked once per customer per run.
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in value.items()}
