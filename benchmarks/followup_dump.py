"""Run follow-up generation on a copy of a database for a sequence of days and dump the
follow-up table after each day, to check that a change to the engine changes nothing.

    python benchmarks/followup_dump.py DB OUT_DIR 2026-11-23 2026-11-23 2026-11-24 ...

Each day's dump is ``OUT_DIR/followup.<day>.tsv`` (every column of every row, by id; a
day given twice keeps the later run's). Run it with the old code and the new on copies
of the same file, then compare: ``diff -r OLD_DIR NEW_DIR``. Prints each run's result,
wall and CPU time.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("db", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("days", nargs="+", type=date.fromisoformat)
    ap.add_argument("--horizon", type=int, default=90)
    args = ap.parse_args()

    from dealerdesk.services import followups
    from dealerdesk.store import db, open_database

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "copy.db"
        src = sqlite3.connect(args.db)
        with sqlite3.connect(path) as dst:
            src.backup(dst)  # a consistent copy, the WAL included
        src.close()
        open_database(path)
        for day in args.days:
            t0, c0 = time.perf_counter(), time.process_time()
            result = followups.generate_followups(today=day, horizon_days=args.horizon)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            print(f"{day} {result} wall {wall:.2f} s, CPU {cpu:.2f} s", file=sys.stderr)
            with (args.out / f"followup.{day}.tsv").open("w", encoding="utf-8") as fh:
                con = sqlite3.connect(path)
                for row in con.execute("SELECT * FROM followup ORDER BY id"):
                    fh.write("\t".join(map(str, row)) + "\n")
                con.close()
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
