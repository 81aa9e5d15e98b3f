"""How tests/data/schema_v1.db was made (kept for provenance; run once, then committed).

Schema 1 was the first release: every entity table, but no ``customer_search`` haystack,
no ``customer_score`` cache, no ``customer.preferred_channel`` or ``sort_name``. The file holds a few
customers so the test can check that the upgrade keeps data and fills the new tables.

    python tests/data/make_schema_v1.py tests/data/schema_v1.db
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from dealerdesk.store import db
from dealerdesk.store.models import ALL_MODELS, CustomerScore, CustomerSearch, SchemaVersion

V1_MODELS = [m for m in ALL_MODELS if m not in (CustomerSearch, CustomerScore)]


def main(out: Path) -> None:
    out.unlink(missing_ok=True)
    database = db.connect(out)
    database.create_tables(V1_MODELS)
    database.execute_sql("DROP INDEX customer_archived_sort_name")
    database.execute_sql("ALTER TABLE customer DROP COLUMN preferred_channel")
    database.execute_sql("ALTER TABLE customer DROP COLUMN sort_name")
    SchemaVersion.create(version=1, app_version="0.0.1")
    ts = "2024-03-01 10:00:00"
    rows = [
        (1, "person", "张伟", "+8613912345678", "深圳"),
        (2, "person", "Emma Wilson", "+8613800138000", "广州"),
        (3, "company", "鹏程物流有限公司", None, "深圳"),
    ]
    for cid, kind, name, phone, city in rows:
        database.execute_sql(
            "INSERT INTO customer (id, kind, name, phone, city, birthday_lunar, source, status,"
            " archived, created_at, updated_at) VALUES (?,?,?,?,?,0,'walk_in','active',0,?,?)",
            (cid, kind, name, phone, city, ts, ts),
        )
    database.execute_sql(
        "INSERT INTO vehicle (customer_id, vin, plate, make, model, year, purchase_date,"
        " sold_here, archived, created_at, updated_at)"
        " VALUES (1, '1M8GDM9AXKP042788', '粤B12345', 'BYD', 'Han', 2023, '2023-05-02', 1, 0, ?, ?)",
        (ts, ts),
    )
    database.execute_sql(
        "INSERT INTO visit (customer_id, vehicle_id, date, kind, amount, created_at, updated_at)"
        " VALUES (1, 1, '2023-05-02', 'sale', 230000, ?, ?), (1, 1, '2023-11-20', 'service', 880, ?, ?)",
        (ts, ts, ts, ts),
    )
    db.close()
    con = sqlite3.connect(out)
    con.execute("PRAGMA journal_mode=delete")
    con.execute("VACUUM")
    con.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
