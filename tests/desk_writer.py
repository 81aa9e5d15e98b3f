"""One desk of the concurrency test (and benchmarks/concurrency.py), run as a process.

    python tests/desk_writer.py TARGET LABEL N FIRST_CUSTOMER LAST_CUSTOMER

Logs N contacts through the services (each settles follow-ups and the score, as the
window does) and prints one line per acknowledged write: ``ok <contact id> <note> <ms>``, or
``refused <sentence>`` when the services refused it. Anything else would be a bug.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(target: str, label: str, n: int, first: int, last: int) -> None:
    from dealerdesk.errors import DealerDeskError
    from dealerdesk.services import customers
    from dealerdesk.store import db, open_database

    db.set_desk(label)
    open_database(target, create=False)
    start = datetime(2026, 11, 23, 9, 0)
    for i in range(n):
        cid = first + i % (last - first + 1)
        note = f"{label}-{i}"
        t0 = time.perf_counter()
        try:
            done = customers.log_contact(
                cid, now=start + timedelta(seconds=i), channel="phone", outcome="reached",
                notes=note,
            )  # fmt: skip
        except DealerDeskError as exc:
            print(f"refused {exc}", flush=True)
            continue
        print(f"ok {done.new_id} {note} {(time.perf_counter() - t0) * 1000:.1f}", flush=True)


if __name__ == "__main__":
    t, lab, count, a, b = sys.argv[1:6]
    main(t, lab, int(count), int(a), int(b))
