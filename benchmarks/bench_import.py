"""Time an import of N customers (default 100,000) into an empty database, beside raw sqlite3.

    python benchmarks/bench_import.py [--rows 100000] [--format csv|xlsx]

Writes a GBK CSV as Chinese Excel would (name, mobile, plate, VIN, make, model, purchase
date and price, a service date and amount: one customer, one vehicle, a purchase and a
service visit per row), then runs the whole import — read, check every row, match, write
in one transaction, search rows, scores and the first follow-up plan — and prints each
stage. The raw line is the floor: the same rows inserted with ``sqlite3.executemany`` and
nothing else. Then the same file again (a re-import: nothing new).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TODAY = date(2026, 11, 23)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def make_rows(n: int) -> list[list[object]]:
    from dealerdesk.store.validation import vin_check_digit

    rng = random.Random(10)
    rows: list[list[object]] = [["客户名称", "手机号码", "车牌号", "车架号", "品牌", "车型",
                                 "购车日期", "购车价格", "保养日期", "保养金额"]]  # fmt: skip
    for i in range(n):
        body = f"LFV{rng.choice('ABCDEFGH')}B21X0NA{i:06d}"[:17]
        vin = body[:8] + vin_check_digit(body) + body[9:]
        bought = TODAY - timedelta(days=rng.randint(60, 3000))
        service = bought + timedelta(days=rng.randint(30, 50))
        rows.append([
            rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), f"13{i:09d}",
            f"粤B{i % 100000:05d}", vin, "大众", "朗逸", bought.strftime("%Y/%-m/%-d"),
            rng.randint(80, 300) * 1000, f"{service.year}年{service.month}月{service.day}日",
            rng.randint(300, 1500),
        ])  # fmt: skip
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    args = ap.parse_args()

    from dealerdesk.services import importing
    from dealerdesk.store import db, open_database

    tmp = Path(tempfile.mkdtemp(prefix="dd-bench-import-"))
    rows = make_rows(args.rows)
    src = tmp / f"customers.{args.format}"
    if args.format == "csv":
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\r\n").writerows(rows)
        src.write_bytes(buf.getvalue().encode("gbk"))
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("客户")
        for r in rows:
            sheet.append(r)
        book.save(src)
    print(f"{args.rows:,} rows, {src.stat().st_size / 1_048_576:.1f} MB {args.format}")

    path = tmp / "import.db"
    open_database(path)
    stages: dict[str, float] = {}
    last = [time.perf_counter(), ""]

    def report(stage: str, _done: int, _total: int) -> None:
        if stage != last[1]:
            now = time.perf_counter()
            if last[1]:
                stages[str(last[1])] = stages.get(str(last[1]), 0.0) + now - float(last[0])
            last[0], last[1] = now, stage

    t0 = time.perf_counter()
    opened = importing.open_file(src)
    t_read = time.perf_counter() - t0
    last[0] = time.perf_counter()
    importing.run_import(opened, today=TODAY, now=datetime(2026, 11, 23, 9),
                                  progress=importing.Progress(report))  # fmt: skip
    stages[str(last[1])] = stages.get(str(last[1]), 0.0) + time.perf_counter() - float(last[0])
    total = time.perf_counter() - t0
    con = sqlite3.connect(path)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("customer", "vehicle", "visit", "followup", "customer_score")}  # fmt: skip
    con.close()
    print(f"| stage | seconds |\n|---|---|\n| read {args.format} | {t_read:.2f} |")
    for stage, secs in stages.items():
        print(f"| {stage} | {secs:.2f} |")
    print(f"| **total** | **{total:.2f}** |")
    print("rows written:", counts)

    t0 = time.perf_counter()
    again = importing.run_import(importing.open_file(src), today=TODAY,
                                 now=datetime(2026, 11, 23, 10))  # fmt: skip
    print(
        f"re-import: {time.perf_counter() - t0:.2f} s, "
        f"{again.plan.customers_new} new, {again.plan.customers_matched:,} matched"
    )
    db.close()

    # The floor: the same three tables filled with raw executemany, nothing else.
    raw = tmp / "raw.db"
    con = sqlite3.connect(raw)
    con.executescript(
        "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, phone TEXT UNIQUE);"
        "CREATE TABLE vehicle (id INTEGER PRIMARY KEY, customer_id INT, vin TEXT UNIQUE,"
        " plate TEXT, make TEXT, model TEXT, purchase_date TEXT, purchase_price REAL);"
        "CREATE TABLE visit (id INTEGER PRIMARY KEY, customer_id INT, vehicle_id INT, date TEXT,"
        " kind TEXT, amount REAL);"
    )  # fmt: skip
    t0 = time.perf_counter()
    with con:
        data = rows[1:]
        con.executemany("INSERT INTO customer VALUES (?, ?, ?)",
                        [(i + 1, r[0], "+86" + str(r[1])) for i, r in enumerate(data)])  # fmt: skip
        con.executemany("INSERT INTO vehicle VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(i + 1, i + 1, r[3], r[2], r[4], r[5], r[6], r[7])
                         for i, r in enumerate(data)])  # fmt: skip
        con.executemany("INSERT INTO visit VALUES (?, ?, ?, ?, ?, ?)",
                        [(i + 1, i + 1, i + 1, r[8], "service", r[9]) for i, r in enumerate(data)])  # fmt: skip
    print(
        f"raw sqlite3 executemany of the same rows (no checks, no analysis): "
        f"{time.perf_counter() - t0:.2f} s"
    )
    con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
