"""Time the manager's dashboard (issue #15) at 100,000 customers / ~1,000,000 events,
figure by figure, beside the same figures asked of raw sqlite3.

    python benchmarks/bench_metrics.py [--db PATH] [--customers 100000] [--repeat 5]

Builds the demo database first if PATH does not exist (as bench_store.py does; the same
default path, so one build serves both). Prints a Markdown table: each figure through
``services.dashboard`` (its share of one call, from ``Dashboard.timings``), the same
figure computed by plain SQL through the ``sqlite3`` module (one query per month or
quarter where the figure is per month), and the whole call — on the caller's thread and
through the window's worker — in wall and CPU time (the machine may be shared).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from bench_store import TODAY, median_ms, median_wall_cpu  # the same day and timers

NOW = datetime.combine(TODAY, datetime.max.time()).replace(microsecond=0)


def raw_figures(
    con: sqlite3.Connection, period: object, compare: object
) -> dict[str, Callable[[], object]]:
    """The dashboard's figures as plain SQL, one callable per figure."""
    from dealerdesk.retention.dashboard_math import add_months, month_spans, quarter_spans

    first, last = period.first, period.last  # type: ignore[attr-defined]
    cfirst = compare.first  # type: ignore[attr-defined]
    months = month_spans(first, last)
    spans = [*months, *quarter_spans(first, last)]
    start = min(add_months(cfirst, -13), cfirst - timedelta(days=366))

    def iso(d: date) -> str:
        return d.isoformat()

    def read_visits() -> object:
        return con.execute(
            "SELECT customer_id, date, kind, amount, vehicle_id FROM visit WHERE date >= ? AND date <= ?",
            (iso(start), iso(last)),
        ).fetchall()

    def retention() -> object:
        sql = """SELECT count(*), count(e.customer_id) FROM
                   (SELECT DISTINCT customer_id FROM visit WHERE date > ? AND date <= ?) s LEFT JOIN
                   (SELECT DISTINCT customer_id FROM visit WHERE date > ? AND date <= ?) e
                   ON e.customer_id = s.customer_id"""
        out = []
        for s in [*spans]:
            b0, b1 = s.first - timedelta(days=1), s.last
            out.append(con.execute(sql, (iso(b0 - timedelta(days=365)), iso(b0),
                                         iso(b1 - timedelta(days=365)), iso(b1))).fetchone())  # fmt: skip
        return out

    def service13() -> object:
        sql = """SELECT count(*), count(CASE WHEN EXISTS (SELECT 1 FROM visit w
                   WHERE w.customer_id = b.customer_id AND w.kind IN ('service', 'repair')
                   AND w.date > b.last AND w.date <= ?) THEN 1 END)
                 FROM (SELECT customer_id, max(date) AS last FROM visit
                       WHERE kind IN ('service', 'repair') AND date >= ? AND date <= ?
                       GROUP BY customer_id) b"""
        return [con.execute(sql, (iso(s.last), iso(add_months(s.first, -13)),
                                  iso(add_months(s.last + timedelta(days=1), -13) - timedelta(days=1))))
                .fetchone() for s in months]  # fmt: skip

    def by_age() -> object:
        since = add_months(last, -13) + timedelta(days=1)
        return con.execute(
            """SELECT min(CAST((julianday(?) - julianday(v.purchase_date)) / 365.25 AS INTEGER), 10),
                      count(*), count(CASE WHEN EXISTS (SELECT 1 FROM visit w WHERE w.vehicle_id = v.id
                        AND w.kind IN ('service', 'repair') AND w.date >= ? AND w.date <= ?) THEN 1 END)
               FROM vehicle v WHERE v.sold_here = 1 AND v.archived = 0
                 AND v.purchase_date IS NOT NULL AND v.purchase_date <= ? GROUP BY 1""",
            (iso(last), iso(since), iso(last), iso(add_months(last, -13))),
        ).fetchall()

    def nps() -> object:
        return con.execute(
            """SELECT substr(date, 1, 7), sum(nps >= 9), sum(nps <= 6), count(*) FROM survey
               WHERE nps IS NOT NULL AND date >= ? AND date <= ? GROUP BY 1""",
            (iso(first), iso(last)),
        ).fetchall()

    def complaints() -> object:
        rows = con.execute(
            """SELECT substr(opened_at, 1, 7), (julianday(first_response_at) - julianday(opened_at)) * 24,
                      (julianday(resolved_at) - julianday(opened_at)) * 24
               FROM complaint WHERE opened_at >= ? AND opened_at < ?""",
            (iso(first), iso(last + timedelta(days=1))),
        ).fetchall()
        by: dict[str, list[float]] = {}
        for m, f, _r in rows:
            if f is not None:
                by.setdefault(m, []).append(f)
        return {m: statistics.median(v) for m, v in by.items()}

    def referrals() -> object:
        return con.execute(
            """SELECT substr(date, 1, 7), count(*), sum(status IN ('converted', 'bought', 'serviced',
                      'rewarded')) FROM referral WHERE date >= ? AND date <= ? GROUP BY 1""",
            (iso(first), iso(last)),
        ).fetchall()

    def clv() -> object:
        year_ago = add_months(last, -12)
        return con.execute(
            """SELECT s.tier, count(DISTINCT v.customer_id), sum(v.amount) FROM visit v
               JOIN customer_score s ON s.customer_id = v.customer_id
               WHERE v.date > ? AND v.date <= ? GROUP BY s.tier""",
            (iso(year_ago), iso(last)),
        ).fetchall()

    def declined_and_repeat() -> object:
        sql = """SELECT count(*), count(CASE WHEN EXISTS (SELECT 1 FROM visit w
                   WHERE w.customer_id = v.customer_id AND w.kind IN ('service', 'repair')
                   AND w.date > v.date AND w.date <= date(v.date, '+90 days')) THEN 1 END)
                 FROM visit v WHERE v.declined IS NOT NULL AND trim(v.declined) <> ''
                   AND v.date >= ? AND v.date <= ?"""
        out = [con.execute(sql, (iso(p.first - timedelta(days=90)),
                                 iso(p.last - timedelta(days=90)))).fetchone()
               for p in (period, compare)]  # fmt: skip
        for p in (period, compare):
            out.append(con.execute(
                """SELECT count(*), count(CASE WHEN n > 1 THEN 1 END) FROM (SELECT customer_id,
                   count(*) AS n FROM visit WHERE kind = 'sale' AND date <= ? GROUP BY customer_id)""",
                (iso(p.last),)).fetchone())  # type: ignore[attr-defined]  # fmt: skip
        return out

    def bands() -> object:
        return con.execute("SELECT band, count(*) FROM customer_score GROUP BY band").fetchall()

    def staff() -> object:
        a = con.execute(
            """SELECT assignee_id, count(*), count(CASE WHEN status = 'done' AND
                      date(completed_at) <= due THEN 1 END) FROM followup
               WHERE assignee_id IS NOT NULL AND status <> 'skipped' AND due >= ? AND due <= ?
               GROUP BY assignee_id""", (iso(first), iso(last))).fetchall()  # fmt: skip
        b = con.execute(
            """SELECT staff_id, count(*) FROM contact_log WHERE channel = 'phone'
               AND direction = 'out' AND at >= ? AND at < ? GROUP BY staff_id""",
            (iso(first), iso(last + timedelta(days=1)))).fetchall()  # fmt: skip
        b0 = first - timedelta(days=1)
        c = con.execute(
            """SELECT c.owner_id, count(*), count(e.customer_id) FROM customer c
               JOIN (SELECT DISTINCT customer_id FROM visit WHERE date > ? AND date <= ?) s
                 ON s.customer_id = c.id
               LEFT JOIN (SELECT DISTINCT customer_id FROM visit WHERE date > ? AND date <= ?) e
                 ON e.customer_id = c.id
               WHERE c.owner_id IS NOT NULL GROUP BY c.owner_id""",
            (iso(b0 - timedelta(days=365)), iso(b0), iso(last - timedelta(days=365)), iso(last)),
        ).fetchall()
        return a, b, c

    return {
        "read visits": read_visits,
        "retention and churn per month and quarter": retention,
        "13-month service retention": service13,
        "buyers still servicing by vehicle age": by_age,
        "NPS trend": nps,
        "complaint response and resolution times": complaints,
        "referrals made and converted": referrals,
        "declined-work recapture and repeat purchase": declined_and_repeat,
        "customer lifetime value by tier": clv,
        "risk bands over time": bands,
        "staff figures": staff,
    }


def through_worker(fn: Callable[[], object], repeat: int) -> float:
    """Median milliseconds from submitting *fn* to the window's worker until its result is
    delivered on the calling (GUI) thread; one worker for all runs, as in the window (its
    thread keeps its connection, so the first, cold run is left out)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from dealerdesk.ui.worker import Worker

    QCoreApplication.instance() or QCoreApplication([])
    worker = Worker()
    times = []
    for _ in range(repeat + 1):
        got: list[object] = []
        loop = QEventLoop()  # waits as the window's app.exec() does: a polling
        # processEvents() loop here held the GIL and made the worker twice as slow
        t0 = time.perf_counter()
        worker.submit(fn, on_done=lambda r, g=got, lp=loop: (g.append(r), lp.quit()))
        if not got:
            loop.exec()
        times.append((time.perf_counter() - t0) * 1000)
    worker.shutdown()
    return statistics.median(times[1:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default="/tmp/dealerdesk-bench.db")
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = Path(args.db)

    from dealerdesk.services import dashboard
    from dealerdesk.store import db, open_database

    if not path.exists():
        from dealerdesk.services.demo import create_demo

        t0 = time.perf_counter()
        summary = create_demo(path, customers=args.customers, seed=7, today=TODAY)
        print(f"built {path}: {summary.customers:,} customers, {summary.events:,} events "
              f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)  # fmt: skip
        db.close()
    open_database(path)
    period = dashboard.default_period(TODAY)
    compare = dashboard.comparison(period)

    def call() -> object:
        return dashboard.dashboard(period, compare, now=NOW)

    call()  # warm the page cache and the holiday calendar
    boards = []
    for _ in range(args.repeat):
        boards.append(call())
    wall, cpu = median_wall_cpu(call, args.repeat)
    db.close()  # the worker opens its own connection
    worker_ms = through_worker(call, args.repeat)
    db.close()

    raw = sqlite3.connect(path)
    raw.execute("PRAGMA cache_size=-64000")
    figures = raw_figures(raw, period, compare)
    print(f"{path}: period {period.first}..{period.last}, compared with "
          f"{compare.first}..{compare.last}, median of {args.repeat}\n")  # fmt: skip
    print("| figure | DealerDesk (ms) | raw sqlite3 (ms) |")
    print("| --- | ---: | ---: |")
    for name, fn in figures.items():
        ours = statistics.median(b.timings.get(name, 0.0) for b in boards) * 1000
        print(f"| {name} | {ours:,.0f} | {median_ms(fn, args.repeat):,.0f} |")
    raw_total = sum(median_ms(fn, 1) for fn in figures.values())
    print(f"| **all figures, one call** | **{wall:,.0f}** (CPU {cpu:,.0f}) | {raw_total:,.0f} |")
    print(f"| all figures through the window's worker (to delivery) | {worker_ms:,.0f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
