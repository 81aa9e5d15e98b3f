"""SQLite and PostgreSQL side by side at 100,000 customers (issue #9).

    python benchmarks/bench_backends.py --pg postgresql://user@host:port/postgres
        [--file /tmp/dd-bench9.db] [--customers 100000] [--repeat 5]

Builds the demo dealership in an SQLite file (if missing), copies it to a new PostgreSQL
database with ``dealerdesk copy`` (timed: that is the move to a server), then times the
same service calls on both: search, the first page of the list, logging a contact, Today,
scoring every customer and a follow-up generation run. Medians of --repeat runs (scoring
and generation: fewer), in ms, printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from bench_store import TODAY, median_ms  # the same day and timer as the SQLite bench


def timings(target: str, repeat: int) -> dict[str, float]:
    from dealerdesk.services import customers, followups, scoring
    from dealerdesk.store import db, open_database

    db.close()
    open_database(target)
    out: dict[str, float] = {}
    for label, text in (("search “张伟” + first page", "张伟"), ("search “139” + first page", "139"),
                        ("search “zw” + first page", "zw")):  # fmt: skip
        f = customers.CustomerFilter(text=text)

        def search(f: customers.CustomerFilter = f) -> None:
            customers.customer_rows(customers.search_customer_ids(f)[:100])

        out[label] = median_ms(search, repeat)

    def first_page() -> None:
        customers.customer_rows(customers.search_customer_ids(customers.CustomerFilter())[:100])

    out["customer list: all ids by name + first page"] = median_ms(first_page, repeat)
    busiest = customers.search_customer_ids(customers.CustomerFilter(text="张伟"))[0]

    def log_contact() -> None:
        customers.log_contact(busiest, now=datetime(2026, 11, 23, 10), channel="phone",
                              outcome="reached", notes="bench")  # fmt: skip

    out["log a contact (re-plans and rescores the customer)"] = median_ms(log_contact, repeat)
    out["Today: due follow-ups"] = median_ms(lambda: followups.due_followups(today=TODAY), repeat)
    out["top 50 at risk (from cache)"] = median_ms(
        lambda: scoring.top_at_risk(today=TODAY, limit=50), repeat
    )
    few = max(1, repeat // 2)
    out["score every customer (facts, fit, cache)"] = median_ms(
        lambda: scoring.refresh_scores(today=TODAY), few
    )
    out["generate follow-ups, 90 days (re-run)"] = median_ms(
        lambda: followups.generate_followups(today=TODAY, horizon_days=90), few
    )
    db.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--file", default="/tmp/dd-bench9.db")
    ap.add_argument("--pg", required=True, help="an admin address; a database dd_bench9 is made")
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import psycopg2

    from dealerdesk.store import db
    from dealerdesk.store.copy import copy_database

    path = Path(args.file)
    notes = []
    if not path.exists():
        from dealerdesk.services.demo import create_demo

        t0 = time.perf_counter()
        create_demo(path, customers=args.customers, seed=7, today=TODAY)
        notes.append(f"build the SQLite demo: {time.perf_counter() - t0:.1f} s")
        db.close()
    admin = psycopg2.connect(args.pg)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS dd_bench9 WITH (FORCE)")
        cur.execute("CREATE DATABASE dd_bench9")
    server = urlsplit(args.pg)._replace(path="/dd_bench9").geturl()
    t0 = time.perf_counter()
    result = copy_database(path, server)
    notes.append(f"dealerdesk copy file → server: {result.rows:,} rows in "
                 f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
    db.close()
    # The copy leaves the packed visit and contact histories to be rebuilt by their first
    # reader (they are derived data): timed here, once, rather than inside the first call.
    from dealerdesk.store import contact_history, open_database, visit_history

    open_database(server)
    t0 = time.perf_counter()
    rebuilt = visit_history.settle() + contact_history.settle()
    notes.append(f"first read after the copy rebuilds the packed histories of {rebuilt:,} "
                 f"customers' visits and contacts: {time.perf_counter() - t0:.1f} s")  # fmt: skip
    db.close()
    conn = psycopg2.connect(server)
    conn.autocommit = True
    conn.cursor().execute("VACUUM ANALYZE")  # what autovacuum would do after a big load
    conn.close()
    lite = timings(str(path), args.repeat)
    pg = timings(server, args.repeat)
    print("\n".join(notes))
    print(f"\n{args.customers:,} customers; medians, ms\n")
    print("| operation | SQLite | PostgreSQL | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name in lite:
        print(f"| {name} | {lite[name]:,.1f} | {pg[name]:,.1f} | {pg[name] / lite[name]:.1f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
