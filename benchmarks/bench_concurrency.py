"""Four desks × 500 contacts on one database while a full scoring run goes (issue #9).

    python benchmarks/bench_concurrency.py TARGET [TARGET…] [--writes 500] [--customers N]
        [--kill]

TARGET is an SQLite file or a postgresql:// address holding a dealership (e.g. the
100k one benchmarks/bench_backends.py builds). Each desk is a process logging contacts
through the services (tests/desk_writer.py); a fifth process rescored every customer at
the same time. Prints, per target: writes acknowledged, writes refused (any would be a
failure), the slowest and median write, the scoring time, and whether every
acknowledged contact is in the database. --kill sends SIGKILL to one desk halfway.
(tests/test_multidesk.py runs the same with 40 writes per desk.)
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = (
    "import sys, time; sys.path.insert(0, sys.argv[2])\n"
    "from datetime import date\n"
    "from dealerdesk.services import scoring\n"
    "from dealerdesk.store import open_database\n"
    "open_database(sys.argv[1]); t = time.perf_counter()\n"
    "scoring.refresh_scores(today=date(2026, 11, 23))\n"
    "print(f'{time.perf_counter() - t:.1f}')\n"
)


def run(target: str, writes: int, customers: int, kill: bool) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    desks = [
        subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "desk_writer.py"),
                target,
                f"bench{k}-{os.getpid()}",
                str(writes),
                str(1 + k * 1000),
                str(min(customers, 1 + k * 1000 + 999)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for k in range(4)
    ]
    t0 = time.perf_counter()
    scorer = subprocess.Popen([sys.executable, "-c", SCORE, target, str(ROOT)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    acked: list[str] = []
    ms: list[float] = []
    refused: list[str] = []

    def read(k: int, p: subprocess.Popen[str]) -> None:
        assert p.stdout is not None
        n = 0
        for line in p.stdout:
            if line.startswith("ok "):
                _, _id, note, t = line.split()
                acked.append(note)
                ms.append(float(t))
                n += 1
                if kill and k == 0 and n == writes // 2:
                    p.send_signal(signal.SIGKILL)
            else:
                refused.append(line.strip())

    threads = [threading.Thread(target=read, args=(k, p)) for k, p in enumerate(desks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [p.stderr.read() for p in desks if p.stderr is not None]
    wall = time.perf_counter() - t0
    score_out, score_err = scorer.communicate()
    sys.path.insert(0, str(ROOT))
    from dealerdesk.store import db, open_database
    from dealerdesk.store.models import ContactLog

    open_database(target)
    present = {
        r.notes for r in ContactLog.select(ContactLog.notes).where(ContactLog.notes.in_(acked))
    }
    db.close()
    tracebacks = sum("Traceback" in e for e in errors) + ("Traceback" in score_err)
    print(f"| {target.split('@')[-1]} | {len(acked)} | {len(refused)} | {tracebacks} | "
          f"{statistics.median(ms):.0f} | {max(ms):.0f} | {score_out.strip() or score_err[-200:]} | "
          f"{wall:.0f} | {'yes' if present == set(acked) else 'NO'} |")  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("targets", nargs="+")
    ap.add_argument("--writes", type=int, default=500)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--kill", action="store_true")
    args = ap.parse_args()
    print("| database | acknowledged | refused | tracebacks | median write ms | slowest ms "
          "| scoring s | wall s | every ack present |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for target in args.targets:
        run(target, args.writes, args.customers, args.kill)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
