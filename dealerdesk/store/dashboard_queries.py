"""The SQL behind the manager's dashboard (issue #15): plain columns, never figures.

Why columns: the dashboard needs a dozen figures for every month of a period and, for each
bar, the customers behind it. The store hands over a few set-based reads (every visit of
the period as three numpy columns, complaints, surveys, referrals, follow-up counts per
person) and ``retention.dashboard_math`` does the grouping; a drill-down reuses the same
reads, so a bar and its list can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from dealerdesk.dates import day_number
from dealerdesk.store import dialect, visit_history
from dealerdesk.store.bulk import select_in
from dealerdesk.store.db import database
from dealerdesk.store.models import Setting
from dealerdesk.store.visit_history import VisitArrays
from dealerdesk.vocab.referrals import CONVERTED

__all__ = [
    "CONVERTED_REFERRAL_STATUSES",
    "VisitColumns",
    "band_counts",
    "band_customers",
    "band_snapshots",
    "calls_by_staff",
    "complaint_rows",
    "customer_facets",
    "customer_lines",
    "followups_on_time",
    "nps_rows",
    "referral_rows",
    "save_band_snapshot",
    "staff_names",
    "vehicles_sold_here",
    "visit_arrays",
    "visits",
]  # fmt: skip

# A referral counts as converted in these states (the vocabulary's own set; migration 11
# turned the old "converted" rows into "bought").
CONVERTED_REFERRAL_STATUSES: tuple[str, ...] = tuple(sorted(CONVERTED))
SERVICE_KINDS: tuple[str, ...] = ("service", "repair")
SNAPSHOT_PREFIX = "risk_bands."  # Setting key + "YYYY-MM": band counts of that month's scoring


def _iso(d: date) -> str:
    return d.isoformat()


def _next(d: date) -> str:
    return (d + timedelta(days=1)).isoformat()


def _in(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


@dataclass(frozen=True, slots=True)
class VisitColumns:
    """Every visit of a date range as numpy columns (one entry per visit)."""

    customer: np.ndarray  # int64 ids
    day: np.ndarray  # int64 days since 1970-01-01
    service: np.ndarray  # bool: a service or repair visit
    amount: np.ndarray  # float; 0 for visits before the spend window
    vehicle: np.ndarray  # int64; 0 unless a service visit in the vehicles window
    sale: np.ndarray  # bool: a car sold
    declined: np.ndarray  # bool: recommended work declined


def visit_arrays(last: date) -> VisitArrays:
    """Every visit dated on or before *last*, from the packed visit histories.

    Why the histories (``store.visit_history``): asked of the visit table, 400,000 rows
    took 1.3 s to hand over as Python values on a slow PC; the histories bring every
    visit of 100,000 customers as numpy columns in about 0.2 s."""
    return visit_history.read_visits(last=last)


def visits(first: date, last: date, *, spend_after: date, vehicles_from: date,
           source: VisitArrays | None = None) -> VisitColumns:  # fmt: skip
    """Every visit dated in [first, last] (taken from *source*, ``visit_arrays(last)``,
    when given). The amount is kept only for visits after *spend_after* and the car only
    for service visits from *vehicles_from* (0 elsewhere), as the figures use them."""
    day = day_number
    v = source if source is not None else visit_arrays(last)
    v = v.where((v.day >= day(first)) & (v.day <= day(last)))
    service = v.service
    return VisitColumns(
        v.customer, v.day, service, np.where(v.day > day(spend_after), v.amount, 0.0),
        np.where(service & (v.day >= day(vehicles_from)), v.vehicle, 0),
        v.sale, v.declined,
    )  # fmt: skip


def vehicles_sold_here(bought_by: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(vehicle ids, customer ids, purchase day numbers) of the cars sold here (not
    archived) with a purchase date on or before *bought_by*."""
    day = dialect.whole(database, "julianday(purchase_date) - 2440587.5")
    rows = database.execute_sql(
        f"""SELECT id, customer_id, {day} FROM vehicle
            WHERE sold_here = 1 AND archived = 0 AND purchase_date IS NOT NULL
              AND purchase_date <= ?""", (_iso(bought_by),),
    ).fetchall()  # fmt: skip
    table = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return table[:, 0], table[:, 1], table[:, 2]


def nps_rows(first: date, last: date) -> list[tuple[int, date, int]]:
    """(customer id, day, NPS answer) of the surveys dated in [first, last]."""
    return [(int(c), date.fromisoformat(d[:10]), int(n)) for c, d, n in database.execute_sql(
        "SELECT customer_id, date, nps FROM survey WHERE nps IS NOT NULL AND date >= ? AND date <= ?",
        (_iso(first), _iso(last)))]  # fmt: skip


def complaint_rows(
    first: date, last: date
) -> list[tuple[int, str, str | None, str | None, int | None]]:
    """(customer id, opened_at, first_response_at, resolved_at, assignee id) of the
    complaints opened in [first, last] (timestamps as ISO text)."""
    return [tuple(r) for r in database.execute_sql(  # type: ignore[misc]
        """SELECT customer_id, opened_at, first_response_at, resolved_at, assignee_id
           FROM complaint WHERE opened_at >= ? AND opened_at < ?""", (_iso(first), _next(last)))]  # fmt: skip


def referral_rows(first: date, last: date) -> list[tuple[int | None, int | None, date, bool]]:
    """(referrer id, referred customer id, date, converted) of the referrals dated in
    [first, last]; converted means a status in CONVERTED_REFERRAL_STATUSES."""
    return [(a, b, date.fromisoformat(d[:10]), bool(c)) for a, b, d, c in database.execute_sql(
        f"""SELECT referrer_id, referred_id, date,
                   CASE WHEN status IN ({_in(CONVERTED_REFERRAL_STATUSES)}) THEN 1 ELSE 0 END
            FROM referral WHERE date >= ? AND date <= ?""", (_iso(first), _iso(last)))]  # fmt: skip


def customer_facets(tiers: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ids, value tier as an index into *tiers* (-1: not scored), owner ids (-1: none)) of
    the customers not archived.

    Two sequential reads of small integers joined in numpy: the archived flag's index
    would cost a random row lookup per customer, and so would the join in SQL."""
    rows = database.execute_sql(
        f"""SELECT id, coalesce(owner_id, -1) FROM customer
            WHERE {dialect.no_index(database, "archived")} = 0""").fetchall()  # fmt: skip
    people = np.array(rows, dtype=np.int64).reshape(-1, 2)
    tier = (
        "CASE tier "
        + " ".join(f"WHEN {_in([t])} THEN {i}" for i, t in enumerate(tiers))
        + " ELSE -1 END"
    )
    scored = np.array(database.execute_sql(f"SELECT customer_id, {tier} FROM customer_score").fetchall(),
                      dtype=np.int64).reshape(-1, 2)  # fmt: skip
    ids = people[:, 0]
    order = np.argsort(scored[:, 0])
    keys, codes = scored[order, 0], scored[order, 1]
    pos = np.minimum(np.searchsorted(keys, ids), max(0, keys.size - 1))
    found = (keys.size > 0) & (keys[pos] == ids) if keys.size else np.zeros(ids.size, dtype=bool)
    tier_of = np.where(found, codes[pos] if keys.size else -1, -1)
    return ids, tier_of, people[:, 1]


def band_counts() -> dict[str, int]:
    """Customers per risk band in the score cache now."""
    return {b: int(n) for b, n in database.execute_sql(
        "SELECT band, count(*) FROM customer_score GROUP BY band")}  # fmt: skip


def band_customers(band: str) -> list[int]:
    return [int(r[0]) for r in database.execute_sql(
        "SELECT customer_id FROM customer_score WHERE band = ? ORDER BY customer_id", (band,))]  # fmt: skip


def save_band_snapshot(day: date, counts: Mapping[str, int]) -> None:
    """Keep the band counts of a full scoring run as its month's snapshot (the month's
    last run wins): the history behind "risk bands over time"."""
    key = SNAPSHOT_PREFIX + day.strftime("%Y-%m")
    value = json.dumps({"day": day.isoformat(), "counts": dict(sorted(counts.items()))})
    with database.atomic():
        Setting.insert(key=key, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}).execute()  # fmt: skip


def band_snapshots() -> list[tuple[str, date, dict[str, int]]]:
    """(month "YYYY-MM", day scored, counts per band), oldest first."""
    out = []
    query = Setting.select(Setting.key, Setting.value).where(
        Setting.key.startswith(SNAPSHOT_PREFIX)
    )
    for key, value in query.tuples():
        data = json.loads(value)
        out.append((key[len(SNAPSHOT_PREFIX):], date.fromisoformat(data["day"]),
                    {str(k): int(v) for k, v in data["counts"].items()}))  # fmt: skip
    return sorted(out)


def staff_names() -> list[tuple[int, str]]:
    """(id, name) of the staff not archived, by name."""
    return [(int(i), n) for i, n in database.execute_sql(
        "SELECT id, name FROM staff WHERE archived = 0 ORDER BY name, id")]  # fmt: skip


def followups_on_time(first: date, last: date) -> dict[int, tuple[int, int]]:
    """{assignee id: (follow-ups due in [first, last] not skipped, of which done on or
    before their due day)}. Pending and done are counted apart, each a range of the
    (status, due) index, rather than one scan of every follow-up ever planned."""
    out: dict[int, tuple[int, int]] = {}
    for a, n, k in database.execute_sql(
        """SELECT assignee_id, count(*), count(CASE WHEN status = 'done' AND completed_at IS NOT NULL
                                              AND date(completed_at) <= due THEN 1 END)
           FROM followup WHERE status IN ('pending', 'done') AND due >= ? AND due <= ?
             AND assignee_id IS NOT NULL GROUP BY assignee_id, status""",
        (_iso(first), _iso(last)),
    ):  # fmt: skip
        due, done = out.get(int(a), (0, 0))
        out[int(a)] = (due + int(n), done + int(k))
    return out


def calls_by_staff(first: date, last: date) -> dict[int, int]:
    """{staff id: outbound phone calls logged in [first, last]}."""
    # One pass in table order: most contacts name a person, so the staff index would only
    # add a random row lookup each (271 vs 160 ms for 338,000 contacts).
    staff, at = dialect.no_index(database, "staff_id"), dialect.no_index(database, "at")
    return {int(s): int(n) for s, n in database.execute_sql(
        f"""SELECT staff_id, count(*) FROM contact_log WHERE {staff} IS NOT NULL
              AND channel = 'phone' AND direction = 'out' AND {at} >= ? AND {at} < ?
            GROUP BY staff_id""", (_iso(first), _next(last)))}  # fmt: skip


def customer_lines(ids: Iterable[int]) -> list[tuple[Any, ...]]:
    """(id, name, phone, owner name, tier, score, last visit) for a drill-down list, by name."""
    rows = select_in(
        """SELECT c.id, c.name, c.phone, s.name, cs.tier, cs.score,
                  (SELECT max(v.date) FROM visit v WHERE v.customer_id = c.id)
           FROM customer c LEFT JOIN staff s ON s.id = c.owner_id
           LEFT JOIN customer_score cs ON cs.customer_id = c.id
           WHERE c.id IN ({ids})""", [int(i) for i in ids])  # fmt: skip
    return sorted((tuple(r) for r in rows), key=lambda r: (r[1] or "", r[0]))
