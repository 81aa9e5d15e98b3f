"""Noticing other desks' writes cheaply (issue #9: desks see each other's work).

``change_counter`` is one tiny query that moves whenever another writer committed:
SQLite's ``PRAGMA data_version`` (per connection: it ignores this connection's own
commits, so a desk is not woken by its own saves), or on PostgreSQL the next transaction
id (it moves with every writing transaction on the server, ours included; a spare
refresh is harmless). Only when it moved does ``rows_since`` look at what is new.
"""

from __future__ import annotations

from collections.abc import Mapping

from dealerdesk.store import dialect
from dealerdesk.store.db import database

# Tables whose new rows name the customer they belong to (id-ordered, append-mostly).
WATCHED = ("contact_log", "complaint", "visit", "followup", "survey")


def change_counter() -> int:
    if dialect.is_postgres(database):
        sql = "SELECT CAST(pg_snapshot_xmax(pg_current_snapshot()) AS TEXT)"
        return int(database.execute_sql(sql).fetchone()[0])
    return int(database.execute_sql("PRAGMA data_version").fetchone()[0])


def high_marks() -> dict[str, int]:
    """The highest id of each watched table."""
    return {
        t: int(database.execute_sql(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0])
        for t in WATCHED
    }


def rows_since(marks: Mapping[str, int]) -> tuple[set[int], set[int], dict[str, int]]:
    """(customers with new rows, new follow-up ids, the new high marks) since *marks*."""
    customers: set[int] = set()
    followups: set[int] = set()
    new_marks = dict(marks)
    for table in WATCHED:
        rows = database.execute_sql(
            f"SELECT id, customer_id FROM {table} WHERE id > ? ORDER BY id LIMIT 5000",
            (marks.get(table, 0),),
        ).fetchall()
        if rows:
            new_marks[table] = int(rows[-1][0])
            customers.update(int(r[1]) for r in rows)
            if table == "followup":
                followups.update(int(r[0]) for r in rows)
    return customers, followups, new_marks
