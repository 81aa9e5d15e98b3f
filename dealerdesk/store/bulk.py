"""Fast bulk loading for the demo generator and imports.

peewee's ``insert_many`` builds Python objects per row and was 16x slower than the
connection's ``executemany`` at a million rows (TOOLCHAIN.md), so bulk paths use the
raw cursor inside one transaction. Table and column names are checked against the
models, never taken from outside as SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dealerdesk.store.db import database
from dealerdesk.store.models import ALL_MODELS

_COLUMNS = {m._meta.table_name: {f.column_name for f in m._meta.sorted_fields} for m in ALL_MODELS}


def bulk_insert(table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Insert *rows* into *table*; the caller wraps several calls in one transaction."""
    known = _COLUMNS.get(table)
    if known is None:
        raise ValueError(f"unknown table {table!r}")
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise ValueError(f"unknown columns for {table}: {unknown}")
    marks = ",".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})"
    cursor = database.cursor()
    before = database.connection().total_changes
    cursor.executemany(sql, rows)
    return database.connection().total_changes - before


def table_counts() -> list[tuple[str, int]]:
    """Rows per table, in the models' order (for ``dealerdesk info``)."""
    out = []
    for model in ALL_MODELS:
        name = model._meta.table_name
        out.append((name, int(database.execute_sql(f"SELECT count(*) FROM {name}").fetchone()[0])))
    return out


def customer_count() -> int:
    return int(database.execute_sql("SELECT count(*) FROM customer").fetchone()[0])
