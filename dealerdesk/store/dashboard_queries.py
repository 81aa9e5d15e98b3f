"""The SQL behind the manager's dashboard (issue #15): plain columns, never figures.

Why columns: the dashboard needs a dozen figures for every month of a period and, for each
bar, the customers behind it. The store hands over a few set-based reads (every visit of
the period as three numpy columns, complaints, surveys, referrals, follow-up counts per
person) and ``retention.dashboard_math`` does the grouping; a drill-down reuses the same
reads, so a bar and its list can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import numpy as np

from dealerdesk.store.bulk import select_in
from dealerdesk.store.db import database
from dealerdesk.store.models import Setting

__all__ = [
    "CONVERTED_REFERRAL_STATUSES", "band_counts", "band_customers", "band_snapshots",
    "calls_by_staff", "complaint_rows", "customer_lines", "followups_on_time", "nps_rows",
    "owners", "referral_rows", "save_band_snapshot", "spend_by_customer", "staff_names",
    "tier_members", "vehicles_sold_here", "visits",
]  # fmt: skip

# A referral counts as converted in these states. The Referral status vocabulary is being
# reworked (referred | bought | serviced | rewarded | lost; old rows pending | converted):
# this is the ONE place to point at the new codes.
CONVERTED_REFERRAL_STATUSES: tuple[str, ...] = ("converted", "bought", "serviced", "rewarded")
SERVICE_KINDS: tuple[str, ...] = ("service", "repair")
SNAPSHOT_PREFIX = "risk_bands."  # Setting key + "YYYY-MM": band counts of that month's scoring


def _iso(d: date) -> str:
    return d.isoformat()


def _next(d: date) -> str:
    return (d + timedelta(days=1)).isoformat()


def _in(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def visits(first: date, last: date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(customer ids, day numbers since 1970-01-01, service-or-repair flags) of every visit
    dated in [first, last], one entry per visit. The date index finds the rows."""
    rows = database.execute_sql(
        f"""SELECT customer_id, date, CASE WHEN kind IN ({_in(SERVICE_KINDS)}) THEN 1 ELSE 0 END
            FROM visit WHERE date >= ? AND date <= ?""",
        (_iso(first), _iso(last)),
    ).fetchall()
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
    ids, days, service = zip(*rows, strict=True)
    return (np.asarray(ids, dtype=np.int64),
            np.asarray([d[:10] for d in days], dtype="datetime64[D]").astype(np.int64),
            np.asarray(service, dtype=bool))  # fmt: skip


def vehicles_sold_here(
    serviced_from: date, today: date
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(customer ids, purchase day numbers, serviced flags) of the cars sold here (not
    archived, with a purchase date on or before *today*); serviced: a service or repair
    visit on that car in [serviced_from, today]."""
    cars = database.execute_sql(
        """SELECT id, customer_id, purchase_date FROM vehicle
           WHERE sold_here = 1 AND archived = 0 AND purchase_date IS NOT NULL
             AND purchase_date <= ?""", (_iso(today),),
    ).fetchall()  # fmt: skip
    if not cars:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
    seen = database.execute_sql(
        f"""SELECT DISTINCT vehicle_id FROM visit WHERE vehicle_id IS NOT NULL
              AND kind IN ({_in(SERVICE_KINDS)}) AND date >= ? AND date <= ?""",
        (_iso(serviced_from), _iso(today)),
    ).fetchall()
    vids, cids, bought = zip(*cars, strict=True)
    serviced = np.isin(np.asarray(vids, dtype=np.int64),
                       np.asarray([r[0] for r in seen], dtype=np.int64))  # fmt: skip
    return (np.asarray(cids, dtype=np.int64),
            np.asarray([b[:10] for b in bought], dtype="datetime64[D]").astype(np.int64),
            serviced)  # fmt: skip


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


def spend_by_customer(first: date, last: date) -> tuple[np.ndarray, np.ndarray]:
    """(customer ids, their total spend) over visits dated in [first, last]."""
    rows = database.execute_sql(
        """SELECT customer_id, coalesce(sum(amount), 0) FROM visit
           WHERE date >= ? AND date <= ? GROUP BY customer_id""", (_iso(first), _iso(last)),
    ).fetchall()  # fmt: skip
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    ids, amounts = zip(*rows, strict=True)
    return np.asarray(ids, dtype=np.int64), np.asarray(amounts, dtype=float)


def tier_members() -> dict[str, np.ndarray]:
    """Each value tier's customer ids, from the score cache (not archived)."""
    out: dict[str, list[int]] = {}
    for cid, tier in database.execute_sql(
        """SELECT s.customer_id, s.tier FROM customer_score s
           JOIN customer c ON c.id = s.customer_id WHERE c.archived = 0"""):  # fmt: skip
        out.setdefault(tier, []).append(cid)
    return {k: np.asarray(sorted(v), dtype=np.int64) for k, v in out.items()}


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
    before their due day)}."""
    return {int(a): (int(n), int(k)) for a, n, k in database.execute_sql(
        """SELECT assignee_id, count(*),
                  count(CASE WHEN status = 'done' AND completed_at IS NOT NULL
                             AND date(completed_at) <= due THEN 1 END)
           FROM followup WHERE assignee_id IS NOT NULL AND status <> 'skipped'
             AND due >= ? AND due <= ? GROUP BY assignee_id""", (_iso(first), _iso(last)))}  # fmt: skip


def calls_by_staff(first: date, last: date) -> dict[int, int]:
    """{staff id: outbound phone calls logged in [first, last]}."""
    return {int(s): int(n) for s, n in database.execute_sql(
        """SELECT staff_id, count(*) FROM contact_log WHERE staff_id IS NOT NULL
             AND channel = 'phone' AND direction = 'out' AND at >= ? AND at < ?
           GROUP BY staff_id""", (_iso(first), _next(last)))}  # fmt: skip


def owners() -> dict[int, np.ndarray]:
    """{staff id: ids of the customers they own} (customers not archived)."""
    out: dict[int, list[int]] = {}
    for cid, owner in database.execute_sql(
        "SELECT id, owner_id FROM customer WHERE owner_id IS NOT NULL AND archived = 0"):  # fmt: skip
        out.setdefault(int(owner), []).append(int(cid))
    return {k: np.asarray(sorted(v), dtype=np.int64) for k, v in out.items()}


def customer_lines(ids: Iterable[int]) -> list[tuple[Any, ...]]:
    """(id, name, phone, owner name, tier, score, last visit) for a drill-down list, by name."""
    rows = select_in(
        """SELECT c.id, c.name, c.phone, s.name, cs.tier, cs.score,
                  (SELECT max(v.date) FROM visit v WHERE v.customer_id = c.id)
           FROM customer c LEFT JOIN staff s ON s.id = c.owner_id
           LEFT JOIN customer_score cs ON cs.customer_id = c.id
           WHERE c.id IN ({ids})""", [int(i) for i in ids])  # fmt: skip
    return sorted((tuple(r) for r in rows), key=lambda r: (r[1] or "", r[0]))
