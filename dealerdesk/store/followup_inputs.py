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

import hashlib
import json
import marshal
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
    """``customers``: the inputs built (every customer's, less the settled ones);
    ``fingerprints``: theirs by customer id (when asked for); ``settled``: the ids of
    those skipped because their fingerprint matched."""

    customers: list[Any]
    campaigns: list[Any]
    pending: Mapping[str, Any]  # source key -> what factories.pending built
    fingerprints: dict[int, str] = field(default_factory=dict)
    settled: list[int] = field(default_factory=list)


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
             " mileage_km, mileage_on, warranty_end, insurance_end, inspection_due,"
             " insurance_kind, insurer, insured_here FROM vehicle"
             " WHERE archived = 0 /*scope*/ ORDER BY id")
_VISITS = ("SELECT customer_id, id, date, kind, vehicle_id, declined, advisor_id FROM visit WHERE date >= ?"
           " AND kind IN ('service', 'repair') /*scope*/ ORDER BY id")
_COMPLAINTS = (
    "SELECT c.customer_id, c.id, c.opened_at, c.category, c.vehicle_id, c.assignee_id,"
    " (SELECT count(*) FROM followup f WHERE f.complaint_id = c.id AND f.status = 'done'),"
    " (SELECT max(completed_at) FROM followup f WHERE f.complaint_id = c.id AND f.status = 'done')"
    " FROM complaint c WHERE c.status IN ('open', 'responded') /*scope*/ ORDER BY c.id")
# issue #16: the contact types paused (until a later day) or closed per vehicle; closes first.
_PAUSES = ("SELECT customer_id, vehicle_id, contact_type, state, reason FROM contact_pause"
           " WHERE cleared_at IS NULL AND (until IS NULL OR until > ?) /*scope*/ ORDER BY state, id")
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

    def by_customer(self, sql: str, column: str, *params: object) -> dict[int, list[Any]]:
        """{customer id: its rows as read}."""
        out: dict[int, list[Any]] = defaultdict(list)
        keep = self.keep
        for r in self.rows(sql, column, *params):
            if keep is None or r[0] in keep:
                out[r[0]].append(r)
        return out

    def single(self, sql: str, column: str = "customer_id", *params: object) -> dict[int, Any]:
        """{customer id: the one value (or the tuple of values) of its row}."""
        return {r[0]: r[1:] if len(r) > 2 else r[1] for r in self.rows(sql, column, *params)}


def load_campaigns(*, factories: InputFactories, campaigns_from: date) -> list[Any]:
    """Campaigns whose start is on or after *campaigns_from*, as ``factories.campaign``."""
    return [
        factories.campaign(
            id=r[0],
            name=r[1],
            kind=r[2],
            starts_on=to_date(r[3]),
            invite_days_before=r[4],
            audience=_audience(r[5]),
        )
        for r in database.execute_sql(_CAMPAIGNS, [campaigns_from.isoformat()])
    ]


class _PendingIndex(dict[str, Any]):
    """Pending rows by source key, built for the customers planned (a dict, so the
    reconciler's lookups stay C-speed); ``fetch`` builds any other customer's row on
    demand (a key is unique over the whole table), and that index is only made when a
    key is missing — a run that plans few customers builds few rows."""

    def __init__(self, by_customer: dict[int, list[tuple[Any, ...]]], make: Callable[..., Any]):
        super().__init__()
        self._by_customer, self._make = by_customer, make
        self._raw: dict[str, tuple[Any, ...]] | None = None

    def build(self, r: tuple[Any, ...]) -> Any:
        by_hand = r[6] in TOUCHED_OUTCOMES
        row = self._make(r[2], iso_date(r[4]), r[3], r[5] == 1, by_hand, r[1], r[7], r[8] or "",
                         to_date(r[9]) if by_hand else None, r[10] == 1)  # fmt: skip
        self[r[2]] = row
        return row

    def fetch(self, key: str) -> Any:
        """The pending row with *key*, whoever's it is; None if there is none."""
        if self._raw is None:
            self._raw = {r[2]: r for rows in self._by_customer.values() for r in rows}
        r = self._raw.get(key)
        return None if r is None else self.build(r)


def _serial(facts: tuple[Any, ...]) -> bytes:
    """*facts* as bytes, the same in every process: ``marshal`` format 2 (no
    back-references, so object identity does not show) is five times faster than
    ``repr``; anything it cannot write falls back to ``repr``."""
    try:
        return marshal.dumps(facts, 2)
    except ValueError:
        return repr(facts).encode()


def load_planner_data(
    *,
    factories: InputFactories,
    fatigue_since: date,
    lapsed_before: date,
    visits_since: date,
    closed_since: date,
    campaigns_from: date,
    customer_ids: Sequence[int] | None = None,
    campaigns: list[Any] | None = None,
    settled: Mapping[int, str] | None = None,
    salt: bytes = b"",
    lost_before: date | None = None,
    pauses_on: date | None = None,
) -> PlannerData:
    """Every customer's planner input (or only *customer_ids*'), in id order.

    ``fatigue_since``: outbound contacts from that day count for the fatigue cap, unless
    made for an essential follow-up. ``lapsed_before``: an active customer with no visit
    (or, never having visited, created) since then is lapsed. ``visits_since``: service
    visits from then on can still want a satisfaction or declined-work call.
    ``closed_since``: done/skipped follow-ups due since then are passed as closed keys.

    With *settled* ({customer id: fingerprint}), each customer's fingerprint is taken: a
    keyed hash (key: *salt*, which the caller derives from everything else a plan
    depends on) of every row read for that customer, i.e. of everything its input is
    built from. A customer whose fingerprint equals its *settled* one is not built but
    listed in ``PlannerData.settled``; the others' are in ``PlannerData.fingerprints``.

    Issue #16: ``lost_before``: an active customer with no visit since then is in the lost
    bucket (win-back, no maintenance reminders); ``pauses_on``: the day on which a
    vehicle's contact pauses are read (those ending by then are over).
    """
    f, q = factories, _Loader(customer_ids)
    if campaigns is None:
        campaigns = load_campaigns(factories=f, campaigns_from=campaigns_from)
    last_contact, last_visit, winback = (
        q.single(_LAST_CONTACT),
        q.single(_LAST_VISIT),
        q.single(_WINBACK, "c.id", lapsed_before.isoformat()),
    )
    last_service = {r[0]: r for r in q.rows(_LAST_SERVICE, "x.customer_id")}
    none3 = (None, None, None, None)

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
            last_service_id=svc[1],
            last_service_on=to_date(svc[2]),
            last_service_km=svc[3],
            insurance_kind=r[13] or "",
            insurer=r[14] or "",
            insured_here=r[15] != 0,
            pauses=tuple((p[2], p[3], p[4]) for p in paused.get(r[1], empty)),
        )

    def visit(r: tuple[Any, ...]) -> Any:
        return f.visit(id=r[1], day=to_date(r[2]), kind=r[3], vehicle_id=r[4], declined=r[5] or "",
                       advisor_id=r[6])  # fmt: skip

    def complaint(r: tuple[Any, ...]) -> Any:
        return f.complaint(
            id=r[1],
            opened_on=to_date(r[2]),
            category=r[3] or "",
            vehicle_id=r[4],
            assignee_id=r[5],
            followups_done=r[6],
            last_followup_on=to_date(r[7]),
        )

    def personal_date(r: tuple[Any, ...]) -> Any:
        return f.personal_date(id=r[1], label=r[2], day=to_date(r[3]), lunar=bool(r[4]))

    # Raw rows per customer; inputs are built below, only for the customers planned.
    vehicles = q.by_customer(_VEHICLES, "customer_id")
    visits = q.by_customer(_VISITS, "customer_id", visits_since.isoformat())
    complaints = q.by_customer(_COMPLAINTS, "c.customer_id")
    personal = q.by_customer(_PERSONAL, "customer_id")
    pause_rows = q.by_customer(_PAUSES, "customer_id", (pauses_on or date.min).isoformat())
    paused: dict[int, list[Any]] = defaultdict(list)
    for rows in pause_rows.values():
        for p in rows:
            paused[p[1]].append(p)
    opted_out = q.by_customer(_OPTED_OUT, "customer_id")
    recent = q.by_customer(_RECENT, "l.customer_id", fatigue_since.isoformat())
    closed = q.by_customer(_CLOSED, "customer_id", closed_since.isoformat())
    status = "status || ''" if customer_ids is None else "status"
    pending_raw = q.by_customer(_PENDING.format(status=status), "customer_id")
    index = _PendingIndex(pending_raw, f.pending)
    lapsed_iso = lapsed_before.isoformat()
    lost_iso = lost_before.isoformat() if lost_before is not None else ""
    if settled is not None:
        days = (fatigue_since, lapsed_before, visits_since, closed_since, lost_before, pauses_on)
        key = hashlib.blake2b(repr((salt, *days)).encode()).digest()
    customers, fingerprints, skipped = [], dict[int, str](), list[int]()
    empty: list[Any] = []
    for r in q.rows(_CUSTOMERS, "c.id"):
        cid = r[0]
        if q.keep is not None and cid not in q.keep:
            continue
        lv, wb = last_visit.get(cid), winback.get(cid)
        vs = vehicles.get(cid, empty)
        pend = pending_raw.get(cid, empty)
        if settled is not None:
            facts = (r, last_contact.get(cid), lv, wb, vs, [last_service.get(v[1]) for v in vs],
                     visits.get(cid), complaints.get(cid), personal.get(cid), opted_out.get(cid),
                     recent.get(cid), pend, closed.get(cid), pause_rows.get(cid))  # fmt: skip
            print_ = hashlib.blake2b(_serial(facts), digest_size=16, key=key).hexdigest()
            if settled.get(cid) == print_:
                skipped.append(cid)
                continue
            fingerprints[cid] = print_
        done = closed.get(cid)
        out = opted_out.get(cid)
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
                lost_bucket=r[1] == "active" and str(lv or r[5] or "")[:10] < lost_iso,
                opted_out=frozenset((x[1], x[2]) for x in out) if out else _NONE,
                vehicles=tuple(map(vehicle, vs)),
                visits=tuple(map(visit, visits.get(cid, empty))),
                complaints=tuple(map(complaint, complaints.get(cid, empty))),
                personal_dates=tuple(map(personal_date, personal.get(cid, empty))),
                winback_tries=wb[0] if wb else 0,
                winback_last_on=to_date(wb[1] or wb[2]) if wb else None,
                recent_contacts=tuple(to_date(x[1]) for x in recent.get(cid, empty)),
                pending=tuple(map(index.build, pend)),
                closed_keys=frozenset(x[1] for x in done) if done else _NONE,
                risk=r[17],
                # Never planned before (new or imported): old dates go to the catch-up list.
                first_plan=not pend and not done,
            )
        )
    return PlannerData(customers, campaigns, index, fingerprints, skipped)


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


def desk_staff() -> list[int]:
    """Ids of the people on the desk (not archived, role ``desk``; everyone not archived
    when nobody has that role), for the after-service call (issue #16)."""
    rows = database.execute_sql("SELECT id, role FROM staff WHERE archived = 0 ORDER BY id")
    staff = [(int(i), r) for i, r in rows]
    desk = [i for i, r in staff if r == "desk"]
    return desk or [i for i, _r in staff]
